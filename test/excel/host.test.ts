/** Host facts: the pane must come up in Excel, in a plain browser, and with an Office.js that never answers. */
import { connectHost, isDarkColor } from "../../src/excel/host";

function installOffice(office: unknown) {
  (globalThis as unknown as { Office: unknown }).Office = office;
}

afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
});

describe("connectHost", () => {
  test("without Office.js: no host, at once", async () => {
    await expect(connectHost()).resolves.toEqual({ inExcel: false });
  });

  test("an Office.js whose onReady never fires: no host after the timeout", async () => {
    installOffice({ onReady: () => new Promise(() => {}) });
    const started = Date.now();
    await expect(connectHost(50)).resolves.toEqual({ inExcel: false });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test("Excel in Chinese with a dark theme", async () => {
    installOffice({
      onReady: async () => ({ host: "Excel", platform: "PC" }),
      context: { displayLanguage: "zh-CN", officeTheme: { bodyBackgroundColor: "#262626" } },
    });
    await expect(connectHost()).resolves.toEqual({ inExcel: true, displayLanguage: "zh-CN", dark: true });
  });

  test("Office.js in a plain browser (host null) and a host without officeTheme", async () => {
    installOffice({ onReady: async () => ({ host: null, platform: null }), context: {} });
    await expect(connectHost()).resolves.toEqual({
      inExcel: false,
      displayLanguage: undefined,
      dark: undefined,
    });
  });
});

describe("isDarkColor", () => {
  test("reads Office theme colours", () => {
    expect(isDarkColor("#FFFFFF")).toBe(false);
    expect(isDarkColor("#262626")).toBe(true);
    expect(isDarkColor("#0F6CBD")).toBe(true);
    expect(isDarkColor("not a colour")).toBeUndefined();
  });
});

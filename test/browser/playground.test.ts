/**
 * The add-in in Chinese Office, in real Chromium against the fake Excel host: the whole sample story
 * (flow.ts), with the pane's page served exactly as built and Microsoft's Office.js address
 * intercepted; and the screenshots for the README.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import ExcelJS from "exceljs";
import { inspect, pane, paneReady, type Session, playgroundPerFile } from "./browser";
import { paneFindings, runSampleFlow, waitFor, STRINGS } from "./flow";

const DOCS = join(__dirname, "..", "..", "docs");
let session: Session | undefined;

const playground = playgroundPerFile();

test("zh-CN: check the sample, one error on 分解表!D7, select it, live flags, clear flags back to exactly as before", async () => {
  session = await playground.open({ lang: "zh-CN", builtPage: true });
  // The built page asked Microsoft's CDN for Office.js; the test answered with the fake's bridge.
  expect(session.officeJsRequests).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
  expect(await pane(session.page).locator("html").getAttribute("lang")).toBe("zh-CN");
  await runSampleFlow(session, "zh-CN");
}, 90_000);

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): [number, number] {
  expect(png.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))).toBe(true);
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

/** Where a screenshot goes: docs/ on request, a temp folder otherwise (checked against the committed one's size). */
const UPDATE = process.env.TDCHECK_UPDATE_SCREENSHOTS === "1";
const SHOTS = UPDATE ? DOCS : mkdtempSync(join(tmpdir(), "tdcheck-screenshots-"));

function keep(name: string, png: Buffer): void {
  if (!UPDATE) expect([name, pngSize(png)]).toEqual([name, pngSize(readFileSync(join(DOCS, name)))]);
  mkdirSync(join(SHOTS, dirname(name)), { recursive: true });
  writeFileSync(join(SHOTS, name), png);
}

/**
 * The README's screenshots: the pane's main screens in each language — the findings, the rebalance
 * preview, the report sheet — and the playground whole. A test run leaves docs/ alone: it takes
 * them, checks they are PNGs laid out as the committed ones (same size), and keeps them in a temp
 * folder to look at. `TDCHECK_UPDATE_SCREENSHOTS=1 npx jest test/browser/playground.test.ts`
 * rewrites docs/*.png and docs/screens/*.png.
 */
test.each(["zh-CN", "en-US"] as const)(
  "%s: the README's screenshots (findings, rebalance, report)",
  async (lang) => {
    const short = lang === "zh-CN" ? "zh" : "en";
    session = await playground.open({ lang, viewport: { width: 1440, height: 900 } });
    const { page } = session;
    const frame = pane(page);
    const t = STRINGS[lang];
    await frame.getByRole("button", { name: t.check, exact: true }).click();
    await waitFor(
      "the findings",
      () => paneFindings(page, "error"),
      (f) => f.length === 1,
    );
    await frame.locator("[data-testid=finding][data-severity=error]").getByRole("button").first().click();
    await page.locator("td.active[data-address=D7]").waitFor();
    await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    if (lang === "zh-CN") {
      keep("taskpane.png", await page.getByTestId("pane").screenshot());
      keep("playground.png", await page.screenshot());
    }
    keep(`screens/${short}-findings.png`, await page.getByTestId("pane").screenshot());

    // The rebalance preview of the issue-5 case: 2000 with 滨江区 and 余杭区 locked.
    await frame.getByRole("tab", { name: t["tab.rebalance"] }).click();
    await frame.getByRole("textbox", { name: t["rebalance.target"], exact: true }).fill("2000");
    await frame.getByRole("checkbox", { name: t["rebalance.lockUnit"].replace("{unit}", "滨江区") }).check();
    await frame.getByRole("checkbox", { name: t["rebalance.lockUnit"].replace("{unit}", "余杭区") }).check();
    await frame.getByTestId("rebalance-preview").waitFor();
    await frame.getByTestId("rebalance-preview").scrollIntoViewIfNeeded();
    keep(`screens/${short}-rebalance.png`, await page.getByTestId("pane").screenshot());

    // The audit report sheet, beside the pane.
    await frame.getByRole("tab", { name: t["tab.report"] }).click();
    await frame
      .getByRole("textbox", { name: t["report.preparer"] })
      .fill(lang === "zh-CN" ? "张三" : "Alex Chen");
    await frame.getByRole("button", { name: t["report.create"] }).click();
    const sheet = lang === "zh-CN" ? "审核报告" : "Audit report";
    await page.locator(`table.grid[data-sheet="${sheet}"]`).waitFor();
    await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
    keep(`screens/${short}-report.png`, await page.screenshot());
  },
  90_000,
);

/** A workbook of the second layout (units in rows, a 合计 row): 合计 says 100, the cities add up to 99. */
async function unitsInRowsWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("各市分解");
  ws.addRows([
    ["2025年各市任务分解表"],
    [],
    ["地区", "新增企业数(家)", "重大项目投资(亿元)"],
    ["合计", 100, 30.5],
    ["甲市", 40, 10.2],
    ["乙市", 35, 10.1],
    ["丙市", 24, 10.2],
  ]);
  await wb.xlsx.writeFile(file);
}

test("any .xlsx opens in the browser and is checked; an .xls is refused with how to save it as .xlsx", async () => {
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const dir = mkdtempSync(join(tmpdir(), "tdcheck-open-"));
  const file = join(dir, "各市分解.xlsx");
  await unitsInRowsWorkbook(file);
  await page.getByTestId("open-xlsx").setInputFiles(file);
  await waitFor(
    "the file to load",
    () => page.getByTestId("status").innerText(),
    (s) => s.includes("各市分解.xlsx"),
  );
  await page.locator('.tabs button[data-sheet="各市分解"]').waitFor();
  const frame = await paneReady(page);
  await frame.getByRole("button", { name: STRINGS["zh-CN"].check, exact: true }).click();
  await waitFor(
    "the 合计 error",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  expect(await paneFindings(page, "error")).toEqual(["error 各市分解!B4"]);
  expect(await inspect(page).flagAt("各市分解", "B4")).toMatchObject({ lit: true, kind: "error" });

  // An Excel 97–2003 file: the command line's message, in the page's language.
  const xls = join(dir, "旧格式.xls");
  writeFileSync(
    xls,
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
  );
  await page.getByTestId("open-xlsx").setInputFiles(xls);
  await waitFor(
    "the refusal",
    () => page.getByTestId("status").innerText(),
    (s) => s.includes("另存为"),
  );
  expect(session.blocked).toEqual([]);
}, 60_000);

test("a large sheet: a labelled progress bar counts the rows read, then the result", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  const dir = mkdtempSync(join(tmpdir(), "tdcheck-large-"));
  const file = join(dir, "large.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Large");
  const units = Array.from({ length: 12 }, (_, i) => `第${i + 1}区`);
  ws.addRow(["序号", "指标名称", "全市目标", ...units]);
  for (let r = 1; r <= 6000; r++) ws.addRow([r, `指标${r}(家)`, 78, ...units.map((_, i) => (i < 6 ? 6 : 7))]);
  await wb.xlsx.writeFile(file);
  await page.getByTestId("open-xlsx").setInputFiles(file);
  await waitFor(
    "the file to load",
    () => page.getByTestId("status").innerText(),
    (s) => s.includes("large.xlsx"),
  );
  const frame = await paneReady(page);
  // Every state the progress bar shows, recorded as it happens.
  await frame.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector("[role=progressbar]");
      if (bar) seen.push(`${bar.getAttribute("aria-label")}|${bar.getAttribute("aria-valuenow") ?? ""}`);
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  });
  await frame.getByRole("button", { name: STRINGS["en-US"].check, exact: true }).click();
  await waitFor(
    "the summary",
    () => frame.locator("[data-testid=summary]").count(),
    (n) => n === 1,
    60_000,
  );
  const seen = await frame.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
  const reading = seen.filter((s) => s.startsWith("Reading “Large”"));
  expect(reading.length).toBeGreaterThan(1);
  expect(reading.some((s) => /of 6001 rows\|/.test(s))).toBe(true);
  expect(await frame.locator("[role=progressbar]").count()).toBe(0);
}, 90_000);

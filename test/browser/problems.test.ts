/**
 * When the add-in cannot do what was asked, the pane says what happened and what to do: a protected
 * sheet (findings listed, flags refused), merged cells across the table, an Excel older than the
 * ExcelApi 1.14 floor.
 */
import { inspect, pane, type Session, playgroundPerFile } from "./browser";
import { paneFindings, waitFor, STRINGS } from "./flow";
import { fill } from "../../src/taskpane/i18n";

let session: Session | undefined;

const playground = playgroundPerFile();

test("a protected sheet: the findings are listed, the pane says flags need the sheet unprotected", async () => {
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const t = STRINGS["zh-CN"];
  const before = await inspect(page).snapshot();
  await inspect(page).protect("分解表");
  const frame = pane(page);
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the findings",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  const alert = frame.getByText(t["problem.PROTECTED_SHEET.title"]);
  await alert.waitFor();
  expect(await frame.locator(".fui-MessageBar").first().innerText()).toContain(
    fill(t["problem.PROTECTED_SHEET"], { sheet: "分解表" }),
  );
  // Nothing was written to the protected sheet.
  const after = (await inspect(page).snapshot()) as {
    sheets: { name: string; rules: unknown[]; notes: object }[];
  };
  const sheet = after.sheets.find((s) => s.name === "分解表")!;
  expect(sheet.rules).toEqual((before as typeof after).sheets.find((s) => s.name === "分解表")!.rules);
  expect(sheet.notes).toEqual({});
}, 60_000);

test("merged cells across the table: the pane names them and says how to fix it", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  const t = STRINGS["en-US"];
  await inspect(page).merge("分解表", "E7:F7");
  const frame = pane(page);
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await frame.getByText(t["problem.MERGED_CELLS.title"]).waitFor();
  expect(await frame.locator(".fui-MessageBar").first().innerText()).toContain(
    fill(t["problem.MERGED_CELLS"], { sheet: "分解表", ranges: "E7:F7" }),
  );
}, 60_000);

test("an Excel without ExcelApi 1.14: the pane says which versions work and offers the command line", async () => {
  session = await playground.open({ lang: "en-US", api: 13, ready: false });
  const t = STRINGS["en-US"];
  const frame = pane(session.page);
  await frame.getByText(t["problem.UNSUPPORTED_HOST.title"]).waitFor();
  expect(await frame.locator(".fui-MessageBar").first().innerText()).toContain(
    fill(t["problem.UNSUPPORTED_HOST"], { required: "ExcelApi 1.14" }),
  );
  expect(await frame.getByRole("button", { name: t.check, exact: true }).isDisabled()).toBe(true);
}, 60_000);

test("outside Excel (the pane's page opened on its own): it renders and says where checking is possible", async () => {
  session = await playground.open({ lang: "en-US" });
  const page = await session.context.newPage();
  await page.goto(`${playground.baseUrl}/pane/taskpane.html`);
  const t = STRINGS["en-US"];
  await page.getByText(t.notInExcel).waitFor({ timeout: 10_000 });
  expect(await page.getByRole("button", { name: t.check, exact: true }).isDisabled()).toBe(true);
}, 60_000);

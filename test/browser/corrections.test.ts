/**
 * Correcting what detection understood, in the pane: an indicator's kind, a column's role, the
 * policy. Each correction is checked at once, saved in the workbook (the very hidden sheet the command
 * line reads too) and used again when the pane is opened anew; "Detect again" forgets it. And the
 * workbook's settings: what Check reads, how findings are flagged in the sheet.
 */
import type { Page } from "playwright-core";
import { errorFlags, paneFindings, summaryCounts, waitFor, STRINGS } from "./flow";
import { editCell, inspect, pane, paneReady, type Session, playgroundPerFile } from "./browser";

const t = STRINGS["en-US"];
let session: Session | undefined;

const playground = playgroundPerFile();

async function check(page: Page): Promise<void> {
  const frame = pane(page);
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the summary",
    () => frame.locator("[data-testid=summary]").count(),
    (n) => n === 1,
  );
  await waitFor(
    "the pane to be idle",
    () => frame.locator("main[aria-busy=true]").count(),
    (n) => n === 0,
  );
}

async function idle(page: Page): Promise<void> {
  await waitFor(
    "the pane to be idle",
    () => pane(page).locator("main[aria-busy=true]").count(),
    (n) => n === 0,
  );
}

/** After a change is undone: the findings tab shows the sample's one error, on D7, again. */
async function d7ErrorAgain(page: Page): Promise<void> {
  await idle(page);
  await pane(page).getByRole("tab", { name: t["tab.findings"] }).click();
  await waitFor(
    "the D7 error again",
    () => paneFindings(page, "error"),
    (f) => f.join() === "error 分解表!D7",
  );
}

/** The cells of 分解表 holding a note (ours or the user's). */
async function notedCells(page: Page): Promise<string[]> {
  type Snap = { sheets: { name: string; notes: Record<string, { content: string }> }[] };
  const snap = (await inspect(page).snapshot()) as Snap;
  return Object.keys(snap.sheets.find((s) => s.name === "分解表")!.notes);
}

/** Closes the pane and opens it again, as reopening the add-in in Excel does; the workbook stays. */
async function reopenPane(page: Page): Promise<void> {
  await page
    .getByTestId("pane")
    .evaluate((iframe: HTMLIFrameElement) => iframe.contentWindow?.location.reload());
  await page.waitForTimeout(200);
  await paneReady(page);
}

test("an indicator's kind: 新增高新技术企业数 as qualitative is not summed; saved, and used again after reopening", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  await check(page);
  expect(await paneFindings(page, "error")).toEqual(["error 分解表!D7"]);
  const frame = pane(page);
  await frame.getByRole("tab", { name: t["tab.tables"] }).click();
  const kind = frame.getByLabel(/^新增高新技术企业数\(家\)/);
  expect(await kind.inputValue()).toBe("additive");
  await kind.selectOption("qualitative");
  await idle(page);
  await waitFor(
    "the D7 error to go",
    () => paneFindings(page, "error"),
    (f) => f.length === 0,
  );
  expect(await errorFlags(page)).toEqual([]);
  await frame.getByRole("tab", { name: t["tab.tables"] }).click();
  expect(await frame.getByText(t["tables.saved"], { exact: true }).count()).toBe(1);

  await reopenPane(page);
  await check(page);
  // The workbook is checked whole by default: 进度表's warning stays.
  expect(await summaryCounts(page)).toEqual([0, 1, expect.any(Number)]);
  await pane(page).getByRole("tab", { name: t["tab.tables"] }).click();
  expect(
    await pane(page)
      .getByLabel(/^新增高新技术企业数\(家\)/)
      .inputValue(),
  ).toBe("qualitative");

  // Detect again: the correction is forgotten, the error is back.
  await pane(page).getByRole("button", { name: t["tables.reset"] }).click();
  await d7ErrorAgain(page);
  expect(await errorFlags(page)).toEqual(["D7"]);
  expect(session.blocked).toEqual([]);
}, 60_000);

test("an indicator's tolerance: 1 for 新增高新技术企业数 makes the 1999/2000 difference info; saved; cleared, the error is back", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  await check(page);
  expect(await paneFindings(page, "error")).toEqual(["error 分解表!D7"]);
  const [, , infos] = await summaryCounts(page);
  const frame = pane(page);
  await frame.getByRole("tab", { name: t["tab.tables"] }).click();
  const tolerance = () => pane(page).getByRole("textbox", { name: "Tolerance of 新增高新技术企业数(家)" });
  expect(await tolerance().inputValue()).toBe("");

  // Not a number: said beside the box, nothing applied.
  await tolerance().fill("abc");
  await tolerance().press("Enter");
  expect(await frame.getByText(t["tolerance.invalid"]).count()).toBe(1);
  expect(await frame.getByText(t["tables.saved"], { exact: true }).count()).toBe(0);

  await tolerance().fill("1");
  await tolerance().press("Enter");
  await idle(page);
  await pane(page).getByRole("tab", { name: t["tab.findings"] }).click();
  // The difference is now within the tolerance set: one more info (sum-rounding), no error.
  await waitFor(
    "the D7 error to become info",
    () => summaryCounts(page),
    (c) => c[0] === 0 && c[2] === infos + 1,
  );
  expect(await errorFlags(page)).toEqual([]);

  await reopenPane(page);
  await check(page);
  await pane(page).getByRole("tab", { name: t["tab.tables"] }).click();
  expect(await tolerance().inputValue()).toBe("1");

  // Emptied: the rounding tolerance (0 for a count) applies again.
  await tolerance().fill("");
  await tolerance().blur();
  await d7ErrorAgain(page);
  expect(session.blocked).toEqual([]);
}, 60_000);

test("a column's role: 建德市 left out of the split, the children add up to 1969; the policy at-least", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  await check(page);
  const frame = pane(page);
  await frame.getByRole("tab", { name: t["tab.tables"] }).click();
  await frame.getByRole("button", { name: t["tables.columns"] }).click();
  const role = frame.getByLabel(t["tables.columnRole"].replace("{label}", "建德市").replace("{where}", "Q"));
  expect(await role.inputValue()).toBe("child");
  await role.selectOption("none");
  await idle(page);
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  const d7 = frame.locator('[data-testid=finding][data-cell="分解表!D7"][data-severity=error]');
  await waitFor(
    "the D7 finding with 12 children",
    () => d7.innerText(),
    (text) => text.includes("1969"),
  );
  expect(await d7.innerText()).toContain("12 districts and counties");

  // At least (层层加码) does not excuse children adding up to less than the parent.
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  await frame.getByRole("radio", { name: t["policy.at-least"] }).check();
  await idle(page);
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  expect(await paneFindings(page, "error")).toEqual(["error 分解表!D7"]);
  await frame.getByRole("tab", { name: t["tab.tables"] }).click();
  expect(await frame.getByRole("radio", { name: t["policy.at-least"] }).isChecked()).toBe(true);
}, 60_000);

test("what Check reads: the whole workbook by default (the 进度表 warning, D6: 50 after 55, beside the 分解表 error); only the active sheet when chosen", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  await check(page);
  expect(await paneFindings(page, "warning")).toEqual(["warning 进度表!D6"]);
  expect(await paneFindings(page, "error")).toEqual(["error 分解表!D7"]);
  const frame = pane(page);
  expect(await frame.getByRole("heading", { name: t.summaryHeadingAll }).count()).toBe(1);
  expect(await inspect(page).flagAt("进度表", "D6")).toMatchObject({ lit: true, kind: "warning" });
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  expect(await frame.getByRole("radio", { name: t["scope.all"] }).isChecked()).toBe(true);
  await frame.getByRole("radio", { name: t["scope.active"] }).click();
  await idle(page);
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  await waitFor(
    "the 进度表 warning to go",
    () => paneFindings(page, "warning"),
    (f) => f.length === 0,
  );
  expect(await paneFindings(page, "error")).toEqual(["error 分解表!D7"]);
  expect(await frame.getByRole("heading", { name: "Summary of “分解表”" }).count()).toBe(1);
  // The choice is the workbook's: reopened, the pane reads the active sheet only.
  await reopenPane(page);
  await check(page);
  expect(await paneFindings(page, "warning")).toEqual([]);
}, 60_000);

test("flags in the sheet: colour and note, colour only, or none (findings only in the pane)", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  const notes = () => notedCells(page);
  await check(page);
  expect(await errorFlags(page)).toEqual(["D7"]);
  expect(await notes()).toEqual(["D7"]);
  const frame = pane(page);
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  await frame.getByRole("radio", { name: t["flagStyle.fill"] }).click();
  await idle(page);
  await waitFor("the note to go", notes, (n) => n.length === 0);
  expect(await errorFlags(page)).toEqual(["D7"]);
  await frame.getByRole("radio", { name: t["flagStyle.none"] }).click();
  await idle(page);
  await waitFor(
    "the flag to go",
    () => errorFlags(page),
    (cells) => cells.length === 0,
  );
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  await check(page);
  expect(await paneFindings(page, "error")).toEqual(["error 分解表!D7"]);
  expect(await errorFlags(page)).toEqual([]);
  expect(await frame.getByText(t.flagsNone).count()).toBe(1);
}, 60_000);

test("live mode with colour only: an edit lights the flag by itself, with no note, and the pane follows", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  const notes = () => notedCells(page);
  await check(page);
  const frame = pane(page);
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  await frame.getByRole("radio", { name: t["flagStyle.fill"] }).click();
  await idle(page);
  await frame.getByRole("switch", { name: t["settings.live"] }).check();
  await waitFor(
    "the live badge",
    () => frame.getByText(t.liveBadge, { exact: true }).count(),
    (n) => n === 1,
  );
  await idle(page);
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  await editCell(page, "分解表", "E8", "4.1");
  await waitFor(
    "the pane to show the D8 error",
    () => paneFindings(page, "error"),
    (f) => f.includes("error 分解表!D8"),
  );
  await waitFor(
    "the flag on D8",
    () => errorFlags(page),
    (cells) => cells.includes("D8"),
  );
  expect(await notes()).toEqual([]);
  await editCell(page, "分解表", "E8", "3.1");
  await waitFor(
    "the D8 flag to go out",
    () => errorFlags(page),
    (cells) => !cells.includes("D8"),
  );
  expect(session.blocked).toEqual([]);
}, 60_000);

test("the selection as the table: A3:F8 is a split of 杭州市 over 上城区 and 拱墅区 only (104 + 90 = 194)", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  await check(page);
  await page.locator('td[data-address="A3"]').click();
  await page.locator('td[data-address="F8"]').click({ modifiers: ["Shift"] });
  expect(await inspect(page).selection()).toEqual({ sheet: "分解表", ranges: ["A3:F8"] });
  const frame = pane(page);
  await frame.getByRole("tab", { name: t["tab.tables"] }).click();
  await frame.getByRole("button", { name: t["tables.useSelection"] }).click();
  // The pane proposes what it reads in the selection: units across, named on row 3, 杭州市目标 (D) the parent.
  const declare = frame.getByTestId("declare");
  await declare.waitFor();
  expect(await declare.getByRole("radio", { name: t["declare.across"] }).isChecked()).toBe(true);
  expect(await declare.getByLabel(t["declare.unitLine.row"]).inputValue()).toBe("2");
  expect(await declare.getByLabel(t["declare.parent.column"]).inputValue()).toBe("3");
  await declare.getByRole("button", { name: t["declare.apply"] }).click();
  await idle(page);
  await frame.getByRole("heading", { name: /分解表!A3:F8/ }).waitFor();
  expect(await frame.getByText(t["tables.saved"], { exact: true }).count()).toBe(1);
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  const d7 = frame.locator('[data-testid=finding][data-cell="分解表!D7"][data-severity=error]');
  expect(await d7.innerText()).toContain("194");
  expect(await errorFlags(page)).toContain("D7");
}, 60_000);

/**
 * The add-in's whole story on the sample, as a person would live it in Excel, run once per language
 * (playground.test.ts in Chinese, english.test.ts in English): Check; exactly one error flag, on the
 * 新增高新技术企业数 city cell, with a dated note; click the finding and the selection moves there;
 * live mode is on (the workbook never chose); switched off, fix 建德市: the live conditional format
 * goes out by itself, the stale note goes, and the pane says its results are out of date; switched
 * on again, it re-checks at once; edit a row with text values and the pane and the static flag
 * follow; put the values back; Clear flags and the workbook is exactly as before — the user's own
 * note and rule included.
 */
import type { Frame, Page } from "playwright-core";
import enUS from "../../src/taskpane/i18n/en-US.json";
import zhCN from "../../src/taskpane/i18n/zh-CN.json";
import { editCell, inspect, pane, type Session } from "./browser";

export const STRINGS = { "zh-CN": zhCN, "en-US": enUS };
const SHEET = "分解表";

/** Polls until `probe` satisfies `ok` (or throws with the last value seen). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

/** Findings the pane lists, as `severity sheet!cell` (the data attributes of each item). */
export async function paneFindings(page: Page, severity?: string): Promise<string[]> {
  const frame = pane(page);
  const selector = severity ? `[data-testid=finding][data-severity=${severity}]` : "[data-testid=finding]";
  return frame
    .locator(selector)
    .evaluateAll((items) =>
      items.map((i) => `${i.getAttribute("data-severity")} ${i.getAttribute("data-cell")}`),
    );
}

/** Cells of the sheet where one of the add-in's error flags lights (the fake evaluates every rule). */
export async function errorFlags(page: Page, sheet = SHEET): Promise<string[]> {
  const host = inspect(page);
  const lit = await host.litCells(sheet);
  const errors: string[] = [];
  for (const cell of lit) if ((await host.flagAt(sheet, cell)).kind === "error") errors.push(cell);
  return errors;
}

/** The text of the note on a cell (the add-in's or the user's), undefined when it has none. */
export async function noteAt(page: Page, sheet: string, cell: string): Promise<string | undefined> {
  type Snap = { sheets: { name: string; notes: Record<string, { content: string }> }[] };
  const snap = (await inspect(page).snapshot()) as Snap;
  return snap.sheets.find((s) => s.name === sheet)?.notes[cell]?.content;
}

/** The summary's numbers: errors, warnings, notes. */
export async function summaryCounts(page: Page): Promise<number[]> {
  return pane(page)
    .locator("[data-testid=summary] dd")
    .evaluateAll((dds) => dds.map((d) => Number(d.textContent)));
}

export async function runSampleFlow(session: Session, lang: "zh-CN" | "en-US"): Promise<void> {
  const t = STRINGS[lang];
  const { page } = session;
  const frame = pane(page);
  const host = inspect(page);

  // The user's own note and conditional format (a yellow fill, not the add-in's colours) must survive.
  await host.addNote(SHEET, "B7", lang === "zh-CN" ? "用户自己的批注" : "the user's own note");
  await host.addRule(SHEET, ["C4:C8"], "C4>1000", "#FFFF00");
  const before = await host.snapshot();

  // Check: exactly one error, on 分解表!D7, in the pane and in the sheet.
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the check's errors in the pane",
    () => paneFindings(page, "error"),
    (f) => f.length > 0,
  );
  expect(await paneFindings(page, "error")).toEqual([`error ${SHEET}!D7`]);
  expect(await errorFlags(page)).toEqual(["D7"]);
  expect(
    await page
      .locator("td[data-flag=error]")
      .evaluateAll((tds) => tds.map((td) => td.getAttribute("data-address"))),
  ).toEqual(["D7"]);
  expect((await summaryCounts(page))[0]).toBe(1);
  // The finding's evidence: stated 2000, computed 1999, difference −1, the tolerance explained.
  const finding = frame.locator(`[data-testid=finding][data-cell="${SHEET}!D7"]`);
  const text = await finding.innerText();
  expect(text).toContain("2000");
  expect(text).toContain("1999");
  expect(text).toContain("-1");
  expect(text).toContain(t["finding.tolerance"]);
  expect(text).toContain(lang === "zh-CN" ? "不允许误差" : "no difference allowed");
  // The note on D7 is the add-in's, dated with the day of the check.
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  expect(await noteAt(page, SHEET, "D7")).toContain(day);

  // Click the finding: the selection moves to D7 (with the children it sums).
  await finding.getByRole("button").first().click();
  await waitFor(
    "the selection on D7",
    () => host.selection(),
    (s) => s?.ranges[0] === "D7",
  );
  expect(await host.selection()).toEqual({ sheet: SHEET, ranges: ["D7", "E7:Q7"] });
  // The page redraws on the next animation frame after the selection moved.
  await waitFor(
    "the name box on D7",
    () => page.getByTestId("name-box").getAttribute("data-active"),
    (active) => active === "D7",
  );

  // Live mode is on for a workbook that never chose; switch it off (the choice is saved).
  await waitFor(
    "the live badge",
    () => frame.getByText(t.liveBadge, { exact: true }).count(),
    (n) => n === 1,
  );
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  const live = frame.getByRole("switch", { name: t["settings.live"] });
  expect(await live.isChecked()).toBe(true);
  await live.uncheck();
  await waitFor(
    "the live badge to go",
    () => frame.getByText(t.liveBadge, { exact: true }).count(),
    (n) => n === 0,
  );
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();

  // Live mode off: fix 建德市 (Q7) from 30 to 31; the live conditional format goes out by itself,
  // the note that said 1999 goes, and the pane says its results are out of date.
  await editCell(page, SHEET, "Q7", "31");
  await waitFor(
    "the live flag on D7 to go out",
    () => host.flagAt(SHEET, "D7"),
    (f) => !f.lit,
  );
  expect(await host.value(SHEET, "Q7")).toBe(31);
  expect(await errorFlags(page)).toEqual([]);
  await waitFor(
    "the stale note on D7 to go",
    () => noteAt(page, SHEET, "D7"),
    (note) => note === undefined,
  );
  await frame.getByTestId("stale").waitFor();
  expect(await frame.getByTestId("stale").innerText()).toContain(t.stale.slice(0, 6));
  // The last check's results stay listed, under the warning; nothing says everything adds up.
  expect(await paneFindings(page, "error")).toEqual([`error ${SHEET}!D7`]);
  expect(await frame.getByTestId("clean").count()).toBe(0);

  // Live mode on again: it re-checks at once; with Q7 fixed there is no error, and no warning bar.
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  await frame.getByRole("switch", { name: t["settings.live"] }).check();
  await waitFor(
    "the live badge",
    () => frame.getByText(t.liveBadge, { exact: true }).count(),
    (n) => n === 1,
  );
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  await waitFor(
    "the D7 error to go",
    () => paneFindings(page, "error"),
    (f) => f.length === 0,
  );
  expect(await frame.getByTestId("stale").count()).toBe(0);

  // Live mode on: edit a row with text values (科技创新…投资额 has "-" children); the pane and the
  // static flag follow without a click.
  await editCell(page, SHEET, "E8", "4.1");
  await waitFor(
    "the pane to show the D8 error",
    () => paneFindings(page, "error"),
    (f) => f.join() === `error ${SHEET}!D8`,
  );
  await waitFor(
    "the static flag on D8",
    () => errorFlags(page),
    (cells) => cells.join() === "D8",
  );
  expect(await host.flagAt(SHEET, "D8")).toMatchObject({ lit: true, kind: "error" });

  // Put both values back: live mode brings the D7 error back and drops D8's.
  await editCell(page, SHEET, "E8", "3.1");
  await editCell(page, SHEET, "Q7", "30");
  await waitFor(
    "the D7 error again",
    () => paneFindings(page, "error"),
    (f) => f.join() === `error ${SHEET}!D7`,
  );
  await waitFor(
    "the flag on D7 again",
    () => errorFlags(page),
    (cells) => cells.join() === "D7",
  );

  // Clear flags: every format and note exactly as before (values too, as they were put back).
  await frame.getByRole("button", { name: t.clearFlags, exact: true }).click();
  await waitFor(
    "the flags to be cleared",
    () => errorFlags(page),
    (cells) => cells.length === 0,
  );
  await waitFor(
    "the pane to be idle",
    () => frame.locator("main[aria-busy=true]").count(),
    (n) => n === 0,
  );
  expect(await host.snapshot()).toEqual(before);
  expect(await host.flagAt(SHEET, "C7")).toMatchObject({ lit: true, kind: "other" });

  expect(session.blocked).toEqual([]);
}

/** Waits until nothing in the pane is busy (no element says aria-busy). */
export async function paneIdle(frame: Frame): Promise<void> {
  await waitFor(
    "the pane to be idle",
    () => frame.locator("[aria-busy=true]").count(),
    (n) => n === 0,
  );
}

/** Presses the pane's Check and waits for its results, idle. */
export async function checkInPane(page: Page, lang: "zh-CN" | "en-US"): Promise<Frame> {
  const frame = pane(page);
  await frame.getByRole("button", { name: STRINGS[lang].check, exact: true }).click();
  await waitFor(
    "the results",
    () => frame.locator("#results-heading").count(),
    (n) => n === 1,
  );
  await paneIdle(frame);
  return frame;
}

/**
 * Issue 15, "say only what is true", in the built pane beside the playground's workbook: accepted
 * findings shown and counted apart; the whole workbook checked by default and the report stating
 * its scope; a report never audited by the next one; nothing checked said as such, with what was
 * looked at and the selection declared as a table; the words people understand (the tolerance in
 * plain words, 与合计, a prior year's value, 1 finding / 2 findings); focus on the results after
 * Check pressed with the keyboard.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Frame, Page } from "playwright-core";
import { fill, fillCount } from "../../src/taskpane/i18n";
import { paneFindings, summaryCounts, waitFor, STRINGS, paneIdle, checkInPane } from "./flow";
import { pane, paneReady, type Session, playgroundPerFile } from "./browser";

const SHEET = "分解表";
let session: Session | undefined;

const playground = playgroundPerFile();

/** Opens an .xlsx in the playground (written by exceljs) and waits for the pane. */
async function openWorkbook(page: Page, name: string, build: (wb: ExcelJS.Workbook) => void): Promise<Frame> {
  const file = join(mkdtempSync(join(tmpdir(), "tdcheck-truth-")), name);
  const wb = new ExcelJS.Workbook();
  build(wb);
  await wb.xlsx.writeFile(file);
  await page.getByTestId("open-xlsx").setInputFiles(file);
  await waitFor(
    "the file to load",
    () => page.getByTestId("status").innerText(),
    (s) => s.includes(name),
  );
  return paneReady(page);
}

/** The drawn rows of a sheet in the playground, each as its cells' texts joined by " | ". */
async function sheetRows(page: Page, sheet: string): Promise<string[]> {
  return page.locator(`table.grid[data-sheet="${sheet}"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll("td")]
        .map((td) => td.textContent ?? "")
        .filter(Boolean)
        .join(" | "),
    ),
  );
}

async function acceptFinding(frame: Frame, cell: string, reason: string, t: (typeof STRINGS)["zh-CN"]) {
  const finding = frame.locator(`[data-testid=finding][data-cell="${cell}"]`);
  await finding.getByRole("button", { name: t["accept.button"] }).click();
  const dialog = frame.getByRole("dialog", { name: t["accept.title"] });
  await dialog.waitFor();
  await dialog.getByRole("textbox", { name: t["accept.reason"] }).fill(reason);
  await dialog.getByRole("button", { name: t["accept.confirm"], exact: true }).click();
  await dialog.waitFor({ state: "detached" });
  await waitFor(
    `the accepted mark on ${cell}`,
    () => frame.locator(`[data-testid=finding][data-cell="${cell}"][data-accepted=true]`).count(),
    (n) => n === 1,
  );
  await paneIdle(frame);
}

test.each(["zh-CN", "en-US"] as const)(
  "%s: accepted findings have their own colour and badge, are counted apart, and only then does the pane say nothing is open",
  async (lang) => {
    const t = STRINGS[lang];
    session = await playground.open({ lang });
    const { page } = session;
    const frame = await checkInPane(page, lang);
    expect(await summaryCounts(page)).toEqual([1, 1, expect.any(Number)]);
    // An error is open: no green sentence anywhere.
    expect(await frame.getByTestId("clean").count()).toBe(0);

    await acceptFinding(frame, `${SHEET}!D7`, "口径调整，已报备", t);
    const card = frame.locator(`[data-testid=finding][data-cell="${SHEET}!D7"]`);
    // The badge heads the card, in the accepted colour, saying what it was.
    const badge = card.getByTestId("accepted-badge");
    expect(await badge.innerText()).toBe(
      fill(t["accept.badge"], { severity: lang === "zh-CN" ? "错误" : "error" }),
    );
    expect(await card.evaluate((li) => li.firstElementChild?.getAttribute("data-testid") ?? "")).toBe(
      "accepted-badge",
    );
    const colours = await card.evaluate((li) => {
      const style = getComputedStyle(li);
      return { border: style.borderLeftColor, background: style.backgroundColor };
    });
    expect(colours.border).not.toBe("rgba(0, 0, 0, 0)");
    expect(colours.background).not.toBe("rgba(0, 0, 0, 0)");
    // Counted apart: no longer an error, "1 项已接受" / "1 finding accepted" said beside the summary.
    expect(await summaryCounts(page)).toEqual([0, 1, expect.any(Number)]);
    expect(await frame.getByTestId("accepted-count").innerText()).toBe(fillCount(t, "summary.accepted", 1));
    // The 进度表 warning is still open: still no green sentence.
    expect(await frame.getByTestId("clean").count()).toBe(0);

    // Accept the warning too: now nothing is open, and the green sentence says so with the count.
    await acceptFinding(frame, "进度表!D6", "统计口径变化", t);
    expect(await summaryCounts(page)).toEqual([0, 0, expect.any(Number)]);
    expect(await frame.getByTestId("clean").innerText()).toContain(fillCount(t, "cleanAccepted", 2));
    expect(await frame.getByTestId("clean").innerText()).not.toContain(t.clean);
    expect(await frame.getByTestId("accepted-count").innerText()).toBe(fillCount(t, "summary.accepted", 2));
    expect(session.blocked).toEqual([]);
  },
  90_000,
);

test("the whole workbook by default; the report states its scope; pressing 生成审核报告 twice never audits the first report", async () => {
  const t = STRINGS["zh-CN"];
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const frame = await checkInPane(page, "zh-CN");
  expect(await paneFindings(page)).toEqual(expect.arrayContaining(["error 分解表!D7", "warning 进度表!D6"]));
  await frame.getByRole("tab", { name: t["tab.report"] }).click();
  expect(await frame.getByTestId("report-scope").innerText()).toBe(
    fill(t["report.scope.all"], { sheets: "分解表、进度表" }),
  );
  for (const expected of ["审核报告", "审核报告(2)"]) {
    await frame.getByRole("button", { name: t["report.create"] }).click();
    await waitFor(
      `the report ${expected}`,
      () => frame.getByTestId("report-message").innerText(),
      (text) => text.includes(`“${expected}”`),
    );
    await paneIdle(frame);
  }
  // The second report was made with the first one active: it lists only the user's sheets.
  await page.locator('.tabs button[data-sheet="审核报告(2)"]').click();
  const rows = await sheetRows(page, "审核报告(2)");
  expect(rows.join("\n")).toContain("整个工作簿（分解表、进度表）");
  const cells = rows.slice(7).filter((r) => /审核报告!/.test(r));
  expect(cells).toEqual([]);
  expect(rows.some((r) => r.includes("进度表!D6"))).toBe(true);
  // Checking again with a report sheet active: the report is not a table.
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  await checkInPane(page, "zh-CN");
  expect(await frame.getByRole("heading", { name: t.summaryHeadingAll }).count()).toBe(1);
  expect((await paneFindings(page)).filter((f) => f.includes("审核报告"))).toEqual([]);
  expect(session.blocked).toEqual([]);
}, 90_000);

/** Departments under an invented total word (总盘子) whose count row does not add up: no split is recognised. */
function departments(wb: ExcelJS.Workbook): void {
  wb.addWorksheet("部门").addRows([
    ["2025年部门任务表"],
    ["序号", "任务", "单位", "总盘子", "市发改委", "市科技局", "市财政局"],
    [1, "新增项目(个)", "个", 30, 10, 12, 7],
    [2, "投资额(亿元)", "亿元", 12.5, 4.1, 5.2, 3.2],
  ]);
}

test.each(["zh-CN", "en-US"] as const)(
  "%s: nothing checked is said as such, with what was looked at; the selection declared as a table (unit line, parent) is checked",
  async (lang) => {
    const t = STRINGS[lang];
    session = await playground.open({ lang });
    const { page } = session;
    await openWorkbook(page, "部门任务.xlsx", departments);
    await page.locator('.tabs button[data-sheet="部门"]').waitFor();
    const frame = await checkInPane(page, lang);
    const nothing = frame.getByTestId("nothing-checked");
    await nothing.waitFor();
    expect(await nothing.innerText()).toContain(t["nothing.heading"]);
    expect(await frame.locator("main").innerText()).not.toContain(t.clean);
    expect(await frame.getByTestId("clean").count()).toBe(0);
    // What detection looked at and why it did not read it, as the command line says it.
    const rejected = frame.getByTestId("rejected").locator("li");
    expect(await rejected.count()).toBe(1);
    expect(await rejected.first().getAttribute("data-reason")).toBe("no-parent");
    expect(await rejected.first().innerText()).toBe(
      fill(t["nothing.rejectedItem"], { range: "部门!A2:G4", reason: t["rejected.no-parent"] }),
    );
    expect(await frame.getByTestId("looked-at").count()).toBe(0);

    // Select the table, say the units are named on row 2 and 总盘子 (D) is the parent.
    await page.locator('.tabs button[data-sheet="部门"]').click();
    await page.locator('td[data-address="A2"]').click();
    await page.locator('td[data-address="G4"]').click({ modifiers: ["Shift"] });
    await nothing.getByRole("button", { name: t["tables.useSelection"] }).click();
    const declare = frame.getByTestId("declare");
    await declare.waitFor();
    expect(await declare.getByRole("radio", { name: t["declare.across"] }).isChecked()).toBe(true);
    expect(await declare.getByLabel(t["declare.unitLine.row"]).inputValue()).toBe("1");
    await declare.getByLabel(t["declare.parent.column"]).selectOption("3");
    await declare.getByRole("button", { name: t["declare.apply"] }).click();
    await waitFor(
      "the declared table's error",
      () => paneFindings(page, "error"),
      (f) => f.join() === "error 部门!D3",
    );
    expect(await frame.getByTestId("nothing-checked").count()).toBe(0);
    expect(await frame.getByTestId("summary-line").innerText()).toMatch(
      lang === "zh-CN" ? /1 个分解/ : /Splits: 1/,
    );
    expect(session.blocked).toEqual([]);
  },
  90_000,
);

/** Units in rows under 合计: 甲市 40 + 乙市 35 + 丙市 24 = 99 against 100; 投资 to one decimal. */
function underTotal(wb: ExcelJS.Workbook): void {
  wb.addWorksheet("各市分解").addRows([
    ["地区", "新增企业数(家)", "重大项目投资(亿元)"],
    ["合计", 100, 30.9],
    ["甲市", 40, 10.2],
    ["乙市", 35, 10.1],
    ["丙市", 24, 10.2],
  ]);
}

test.each(["zh-CN", "en-US"] as const)(
  "%s: words people understand — 与合计, the tolerance in plain words with its statistics a click away, a prior year's value, 1 finding",
  async (lang) => {
    const t = STRINGS[lang];
    session = await playground.open({ lang });
    const { page } = session;
    await openWorkbook(page, "合计.xlsx", underTotal);
    const frame = await checkInPane(page, lang);
    const count = frame.locator('[data-testid=finding][data-cell="各市分解!B2"]');
    const text = await count.innerText();
    // The parent is named 合计: "与合计 100", never "合计目标".
    expect(text).toContain(lang === "zh-CN" ? "与合计 100 相差 -1" : "the 合计 is 100");
    expect(text).not.toContain("合计目标");
    expect(text).not.toContain("合计 target");
    // 30.9 against 30.5: beyond what rounding of 4 values shown to 0.1 explains; said plainly first.
    const money = frame.locator('[data-testid=finding][data-cell="各市分解!C2"]');
    const plain = await money.innerText();
    expect(plain).toContain(
      lang === "zh-CN" ? "的四舍五入误差（4 个数都保留到 0.1）" : "rounding allowed: ±",
    );
    expect(plain).not.toMatch(/√|worst case|最大舍入误差/);
    await money.getByText(t["finding.toleranceDetail"]).click();
    expect(await money.locator("details").innerText()).toMatch(
      lang === "zh-CN" ? /3\.5 个标准差/ : /3\.5 standard deviations/,
    );
    // 1 finding, not "1 findings" or "(1)".
    const group = frame.locator("button", { hasText: "新增企业数(家)" });
    expect(await group.innerText()).toContain(lang === "zh-CN" ? "1 条" : "1 finding");

    // The sample's 进度表: a stock that falls is labelled with its years, not as "computed".
    await page.getByTestId("load-sample").click();
    await waitFor(
      "the sample to load",
      () => page.getByTestId("status").innerText(),
      (s) => s.includes("hangzhou-2024.xlsx"),
    );
    await paneReady(page);
    const sample = await checkInPane(page, lang);
    const warning = sample.locator('[data-testid=finding][data-cell="进度表!D6"]');
    const words = await warning.innerText();
    expect(words).toContain(fill(t["finding.periodValue"], { period: "2024年" }));
    expect(words).toContain(fill(t["finding.periodValue"], { period: "2025年" }));
    expect(words).not.toContain(t["finding.computed"]);
    if (lang === "zh-CN") expect(words).toContain("2025年的值 50 低于 2024年的值 55");
    expect(session.blocked).toEqual([]);
  },
  90_000,
);

test("keyboard: Check pressed with Enter moves focus to the results heading", async () => {
  const t = STRINGS["zh-CN"];
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const frame = pane(page);
  await frame.getByRole("button", { name: t.check, exact: true }).focus();
  await page.keyboard.press("Enter");
  await waitFor(
    "focus on the results heading",
    () => frame.evaluate(() => document.activeElement?.id ?? ""),
    (id) => id === "results-heading",
  );
  expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe(t.summaryHeadingAll);
  // A mouse click leaves focus where it was.
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await paneIdle(frame);
  expect(await frame.evaluate(() => document.activeElement?.id ?? "")).not.toBe("results-heading");
}, 60_000);

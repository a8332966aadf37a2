/**
 * The 审核报告 sheet written through Office.js (issue 6) against the fake host: the engine's layout
 * cell for cell (values, styles, hyperlinks into the checked cells, merges, widths, frozen header,
 * A4 landscape with the header row repeated), accepted findings and the change trail listed, a
 * second report beside the first, in few requests; nothing else in the workbook changes.
 */
import { planAndRebalance } from "../../src/core/rebalanceRequest";
import type { RebalanceOk } from "../../src/core/rebalance/rebalance";
import {
  layoutReport,
  REPORT_COLUMNS,
  textWidth,
  widthInPoints,
  type AcceptedFinding,
} from "../../src/core/report";
import {
  acceptFinding,
  applyRebalance,
  checkInExcel,
  createReport,
  styleRects,
  createSession,
  type Session,
} from "../../src/excel";
import type { FakeHost } from "../../src/fake-excel";
import { installSample } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

const SHEET = "分解表";
const REASON = "差额 1 家系建德市统计口径调整，已报市科技局备案";
let host: FakeHost;

beforeEach(() => {
  session = createSession();
  host = installSample({ apiVersion: "1.14" });
});

afterEach(() => host.uninstall());

/** Every text of a sheet, row by row. */
function texts(name: string): string[] {
  const s = host.book.sheet(name)!;
  return s.values.map((row) =>
    (row ?? [])
      .filter((v) => v !== undefined)
      .map(String)
      .join(" | "),
  );
}

test("the report of the sample: every check, the accepted finding with its reason, links into the sheet", async () => {
  const checked = await checkInExcel(session, { lang: "zh" });
  if (checked.kind !== "checked") throw new Error(checked.kind);
  const d7 = checked.result.findings.find((f) => f.cell === "D7" && f.severity === "error")!;
  await acceptFinding(session, d7, REASON, { by: "张三", at: "2024-05-01T08:00:00.000Z" });
  const before = host.snapshot({ omitSheets: ["_tdcheck"] });

  const from = host.syncs;
  const made = await createReport(session, {
    preparer: "张三",
    reviewer: "李四",
    lang: "zh",
    time: "2024-05-01T09:00:00Z",
  });
  const syncs = host.syncs - from;
  expect(made).toMatchObject({ ok: true, value: { status: "created", sheet: "审核报告" } });
  if (!made.ok || made.value.status !== "created") return;
  expect(made.value.summary).toMatchObject({ errors: 0, accepted: 1, lapsed: 0 });
  // The check (read 2 + acceptances/trail 1), names and trail 1, the sheet 1.
  expect(syncs).toBeLessThanOrEqual(5);

  const lines = texts("审核报告");
  expect(lines[0]).toContain("审核报告");
  expect(lines.join("\n")).toContain("张三");
  expect(lines.join("\n")).toContain("李四");
  expect(lines.join("\n")).toContain(REASON);
  expect(lines.some((l) => l.includes("已接受") && l.includes("D7"))).toBe(true);
  expect(made.value.rows).toBe(lines.length);

  const s = host.book.sheet("审核报告")!;
  expect(s.visibility).toBe("Visible");
  expect(host.activeSheet()).toBe("审核报告");
  expect(s.frozenRows).toBe(7);
  expect(s.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printTitleRows: "$7:$7" });
  // Column A is widened to show its labels whole (校核范围).
  expect(s.columnWidths.get(0)).toBe(widthInPoints(Math.max(REPORT_COLUMNS[0], textWidth("校核范围") + 2)));
  expect(s.style(0, 0)).toMatchObject({ bold: true, size: 14 });
  const links = [...s.hyperlinks.values()].map((l) => l.documentReference);
  expect(links.length).toBeGreaterThan(5);
  expect(links.some((l) => l?.includes("D7"))).toBe(true);
  expect(s.merges.length).toBeGreaterThan(0);
  // A bordered check row: grid lines on every side.
  const row = s.values.findIndex((r) => r?.some((v) => typeof v === "string" && v.includes("已接受")));
  expect(s.style(row, 0)?.borders).toMatchObject({
    top: { style: "Continuous" },
    left: { style: "Continuous" },
  });

  // Nothing else changed: the checked sheet and its flags are as they were.
  const after = host.snapshot({ omitSheets: ["_tdcheck", "审核报告"] });
  expect(after).toEqual(before);
});

test("the trail of an applied rebalance is listed; a second report goes beside the first", async () => {
  const checked = await checkInExcel(session, { lang: "en" });
  if (checked.kind !== "checked") throw new Error(checked.kind);
  const p = planAndRebalance(checked.workbook, checked.result.maps, {
    sheet: SHEET,
    indicator: "新增高新技术企业数",
    target: "2000",
    locks: ["滨江区", "余杭区"],
  });
  if (!p.ok) throw new Error(p.problem.code);
  await applyRebalance(session, {
    plan: p.plan,
    result: p.result as RebalanceOk,
    by: "Analyst",
    recheck: false,
  });
  host.user.activate(SHEET);
  const first = await createReport(session, { lang: "en" });
  expect(first).toMatchObject({ ok: true, value: { status: "created", sheet: "Audit report" } });
  host.user.activate(SHEET);
  const second = await createReport(session, { lang: "en", sheets: [SHEET] });
  expect(second).toMatchObject({ ok: true, value: { status: "created", sheet: "Audit report(2)" } });
  const lines = texts("Audit report").join("\n");
  expect(lines).toContain("萧山区");
  expect(lines).toMatch(/315/);
  expect(lines).toMatch(/316/);
});

test("the sheet holds exactly the engine's layout", async () => {
  const made = await createReport(session, {
    lang: "zh",
    time: "2024-05-01T09:00:00Z",
    file: "hangzhou-2024.xlsx",
  });
  if (!made.ok || made.value.status !== "created") throw new Error("not created");
  const s = host.book.sheet("审核报告")!;
  session = createSession();
  const checked = await checkInExcel(session, { lang: "zh", sheets: [SHEET], flags: false });
  if (checked.kind !== "checked") throw new Error(checked.kind);
  const { auditReport } = await import("../../src/core/report");
  const report = await auditReport(checked.workbook, checked.result, {
    file: "hangzhou-2024.xlsx",
    sheet: SHEET,
    time: "2024-05-01T09:00:00Z",
    lang: "zh",
    acceptances: [],
    trail: [],
  });
  expect(report.sheet).toEqual(layoutReport(report.model));
  report.sheet.rows.forEach((row, r) =>
    row.forEach((c, col) => {
      const v = s.value(r, col);
      if (!c || c.value === "") expect(v).toBeUndefined();
      else expect(v).toBe(c.value);
    }),
  );
});

test("styles go on as few rectangles as the layout allows", () => {
  const rows = [
    [{ value: "a", style: "text" as const }, { value: 1, style: "number" as const }, null],
    [{ value: "b", style: "text" as const }, { value: 2, style: "number" as const }, null],
    [{ value: "c", style: "text" as const }, { value: "d", style: "text" as const }, null],
  ];
  expect(styleRects(rows)).toEqual(
    expect.arrayContaining([
      { top: 0, bottom: 1, left: 0, right: 0, style: "text" },
      { top: 0, bottom: 1, left: 1, right: 1, style: "number" },
      { top: 2, bottom: 2, left: 0, right: 1, style: "text" },
    ]),
  );
  expect(styleRects(rows)).toHaveLength(3);
});

test("an accepted finding's mark reaches the report when accepted in another session", async () => {
  const checked = await checkInExcel(session, { lang: "zh" });
  if (checked.kind !== "checked") throw new Error(checked.kind);
  const d7 = checked.result.findings.find((f) => f.cell === "D7") as AcceptedFinding;
  await acceptFinding(session, d7, REASON);
  session = createSession();
  const made = await createReport(session, { lang: "zh" });
  expect(made).toMatchObject({ ok: true, value: { summary: { accepted: 1 } } });
});

test("a report is never audited: marked in _tdcheck, skipped by the next report and by a check of its own sheet", async () => {
  const first = await createReport(session, { lang: "zh", sheets: "all" });
  expect(first).toMatchObject({ ok: true, value: { status: "created", sheet: "审核报告" } });
  // The new report is the active sheet now; checking "this sheet" finds nothing of the user's there.
  expect(host.activeSheet()).toBe("审核报告");
  const own = await checkInExcel(session, { lang: "zh", sheets: "active", flags: false });
  if (own.kind !== "checked") throw new Error(own.kind);
  expect(own.result.maps).toEqual([]);
  expect(own.result.problems.map((p) => p.code)).toEqual(["NO_TABLE"]);

  // A second report of the whole workbook, pressed with the first report active: only the user's sheets.
  const second = await createReport(session, { lang: "zh", sheets: "all" });
  if (!second.ok || second.value.status !== "created") throw new Error("not created");
  expect(second.value.sheet).toBe("审核报告(2)");
  const cells = host.book
    .sheet("审核报告(2)")!
    .values.slice(7)
    .map((row) => String(row?.[3] ?? ""));
  expect(cells.filter((c) => c.startsWith("审核报告"))).toEqual([]);
  expect(cells.some((c) => c.startsWith("分解表!"))).toBe(true);
  expect(second.value.summary.tables).toBe(
    first.ok && first.value.status === "created" ? first.value.summary.tables : -1,
  );
  // Both marks are in _tdcheck's section `sheets` (column F), where the command line finds them.
  const marks = host.book.sheet("_tdcheck")!.value(0, 5);
  expect(marks).toBe("sheets");
});

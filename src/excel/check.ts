/**
 * The Check button and the ribbon's Check command: read → the user's saved maps (or detection) →
 * the engine's incremental Checker (kept for live mode) → flag plan → flags. One Excel.run; the
 * outcome is a value (a protected sheet still shows its findings, only the flags are refused).
 */
import { parseRange, rangeA1 } from "../core/address";
import type { InputProblem } from "../core/check";
import { detectWorkbook, resultOf } from "../core/check";
import { Checker } from "../core/checker";
import { findingsKey, type Finding } from "../core/finding";
import { localDate, planFlags } from "../core/flagPlan";
import type { WorkbookGrid } from "../core/grid";
import type { Lang } from "../core/messages";
import type { TableMap } from "../core/model";
import { markAccepted, queueAcceptancesRead } from "./acceptances";
import { writeFlagsNow } from "./flags";
import { readNow } from "./read";
import { hostProblem, serial, toProblem } from "./run";
import type { Session } from "./session";
import type { CheckInExcelOptions, CheckOutcome, ExcelProblem, FlagsWritten, LoadedState } from "./types";

/** The maps to check: the user's saved ones where they still fit, detection for the other sheets. */
export function chooseMaps(
  workbook: WorkbookGrid,
  state: LoadedState | undefined,
): { maps: TableMap[]; problems: InputProblem[] } {
  const saved = (state?.tables ?? [])
    .filter((t) => t.map && (t.status === "same" || t.status === "moved"))
    .map((t) => t.map!);
  const savedSheets = new Set(saved.map((m) => m.sheet));
  const rest: WorkbookGrid = { ...workbook, sheets: workbook.sheets.filter((s) => !savedSheets.has(s.name)) };
  const detected = rest.sheets.length
    ? detectWorkbook(rest, { productSheets: state?.productSheets ?? [] })
    : { maps: [], problems: [] };
  const maps = [...saved.filter((m) => workbook.sheets.some((s) => s.name === m.sheet)), ...detected.maps];
  const problems = maps.length ? [] : detected.problems;
  return { maps, problems };
}

/** Merged areas that cover more than one data cell of a table (writing into them fails in Excel). */
export function mergedAcrossTables(
  workbook: WorkbookGrid,
  maps: TableMap[],
): { sheet: string; ranges: string[] } | undefined {
  for (const map of maps) {
    const grid = workbook.sheets.find((s) => s.name === map.sheet);
    if (!grid?.merges?.length) continue;
    const indicatorLines = map.indicators.map((i) => i.line);
    const unitLines =
      map.type === "split"
        ? map.splits.flatMap((s) => [
            s.parent.line,
            ...(s.assignment ? [s.assignment.line] : []),
            ...s.children.map((c) => c.line),
          ])
        : map.periods.map((p) => p.line);
    // Each line once (a city is a child above and a parent below), sorted: a merged area's lines
    // are then counted by two binary searches, not a pass over 50,000 units per area.
    const sorted = (lines: number[]) => [...new Set(lines)].sort((x, y) => x - y);
    const rows = sorted(map.orientation === "indicators-in-rows" ? indicatorLines : unitLines);
    const cols = sorted(map.orientation === "indicators-in-rows" ? unitLines : indicatorLines);
    const bad: string[] = [];
    for (const m of grid.merges) {
      const box = parseRange(m);
      if (!box) continue;
      const hitRows = countWithin(rows, box.top, box.bottom);
      const hitCols = countWithin(cols, box.left, box.right);
      if (hitRows * hitCols > 1) bad.push(rangeA1(box));
    }
    if (bad.length) return { sheet: map.sheet, ranges: bad };
  }
  return undefined;
}

/** How many of the sorted values lie in [lo, hi]. */
function countWithin(sorted: number[], lo: number, hi: number): number {
  const firstAtLeast = (v: number) => {
    let l = 0;
    let h = sorted.length;
    while (l < h) {
      const mid = (l + h) >> 1;
      if (sorted[mid] < v) l = mid + 1;
      else h = mid;
    }
    return l;
  };
  return Math.max(0, firstAtLeast(hi + 1) - firstAtLeast(lo));
}

function isEmpty(workbook: WorkbookGrid): boolean {
  return workbook.sheets.every((s) =>
    s.values.every((row) => !row || row.every((v) => v === undefined || v === null || v === "")),
  );
}

/**
 * Plans and writes flags for the session's current findings; remembers what they were written for.
 * `trustSession`: when the plan equals the one this session last wrote, do not even look (live
 * mode after an edit that changed only infos); an explicit Check always looks.
 */
export async function flagFindings(
  session: Session,
  context: Excel.RequestContext,
  workbook: WorkbookGrid,
  findings: Finding[],
  lang: Lang,
  trustSession = false,
  notes = true,
  changed?: (f: Finding) => boolean,
): Promise<FlagsWritten | undefined> {
  const planned = planFlags(workbook, findings, lang, {
    checkedOn: session.checkedOn,
    ...(changed ? { changed } : {}),
  });
  const plan = notes ? planned : { ...planned, notes: [] };
  const planKey = JSON.stringify(plan);
  session.flaggedKey = findingsKey(findings);
  if (trustSession && planKey === session.flaggedPlan) return undefined;
  const written = await writeFlagsNow(session, context, plan);
  session.flaggedPlan = planKey;
  return written;
}

export async function checkNow(
  session: Session,
  context: Excel.RequestContext,
  options: CheckInExcelOptions = {},
): Promise<CheckOutcome> {
  const lang = options.lang ?? session.lang;
  session.lang = lang;
  const accepted = queueAcceptancesRead(session, context);
  const { workbook, state } = await readNow(session, context, options, { withState: true });
  const sheet = workbook.sheets[0]?.name ?? "";
  if (isEmpty(workbook)) return { kind: "empty-sheet", sheet };
  const { maps, problems } = chooseMaps(workbook, state);
  const merged = mergedAcrossTables(workbook, maps);
  if (merged)
    return { kind: "problem", problem: { code: "MERGED_CELLS", sheet: merged.sheet, ranges: merged.ranges } };
  const checker = new Checker(workbook, maps);
  checker.checkAll();
  session.workbook = workbook;
  session.maps = maps;
  session.checker = checker;
  session.checkedOn = localDate(new Date());
  session.changed = new Set();
  // Accepted findings (上报说明) stay listed, marked, and stop counting as errors.
  const result = await markAccepted(
    session,
    { ...resultOf(checker), problems },
    workbook,
    await accepted.finish(context),
  );
  if (options.flags === false) return { kind: "checked", sheet, result, workbook };
  try {
    const flags = await flagFindings(session, context, workbook, result.findings, lang);
    return { kind: "checked", sheet, result, flags, workbook };
  } catch (err) {
    const flagsProblem: ExcelProblem = toProblem(err);
    return { kind: "checked", sheet, result, workbook, flagsProblem };
  }
}

/** Read, check and flag (see the file comment); never throws. */
export function checkInExcel(session: Session, options: CheckInExcelOptions = {}): Promise<CheckOutcome> {
  return serial(async (): Promise<CheckOutcome> => {
    const problem = hostProblem();
    if (problem) return { kind: "problem", problem };
    try {
      return await Excel.run((context) => checkNow(session, context, options));
    } catch (err) {
      const p = toProblem(err);
      return p.code === "HOST_ERROR"
        ? { kind: "failed", stage: "read", detail: p.hostCode ? `${p.detail} (${p.hostCode})` : p.detail }
        : { kind: "problem", problem: p };
    }
  });
}

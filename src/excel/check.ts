/**
 * The Check button and the ribbon's Check command: read → the user's saved maps (or detection) →
 * the engine's incremental Checker (kept for live mode) → flag plan → flags. One Excel.run; the
 * outcome is a value (a protected sheet still shows its findings, only the flags are refused).
 */
import type { InputProblem, RejectedRange } from "../core/check";
import { isEmptyWorkbook, mapsToCheck, resultOf } from "../core/check";
import { mergedAcrossTables } from "../core/merges";
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

/** The maps to check: the user's saved ones whose anchors still fit, detection for the other sheets. */
export function chooseMaps(
  workbook: WorkbookGrid,
  state: LoadedState | undefined,
): { maps: TableMap[]; problems: InputProblem[]; rejected: RejectedRange[] } {
  const saved = (state?.tables ?? [])
    .filter((t) => t.map && (t.status === "same" || t.status === "moved"))
    .map((t) => t.map!);
  return mapsToCheck(workbook, saved, state?.productSheets ?? []);
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
  if (isEmptyWorkbook(workbook)) return { kind: "empty-sheet", sheet };
  const { maps, problems, rejected } = chooseMaps(workbook, state);
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
    { ...resultOf(checker), problems, rejected },
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

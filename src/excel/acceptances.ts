/**
 * Accepted findings (上报说明, issue 6): an acceptance is the engine's (`createAcceptance`), keyed to
 * a hash of the cells the finding covers as they are now, and stored in the very hidden sheet's
 * section `acceptances` (column C), where the command line's report finds it too. A check marks the
 * findings whose acceptance still matches (`applyAcceptances`): they stop counting as errors but stay
 * listed; an acceptance lapses by itself when a covered cell changes.
 */
import type { CheckResult } from "../core/check";
import type { Finding } from "../core/finding";
import type { WorkbookGrid } from "../core/grid";
import {
  acceptancesDocument,
  applyAcceptances,
  coveredCells,
  createAcceptance,
  parseAcceptances,
  withAcceptance,
  withoutAcceptance,
  type Acceptance,
  type AcceptedCheckResult,
} from "../core/report";
import { readNow } from "./read";
import { guarded } from "./run";
import type { Session } from "./session";
import {
  openStateSheet,
  queueCreateStateSheet,
  queueSectionWrite,
  SectionReader,
  STATE_SHEET,
  type SectionName,
} from "./storage";
import type { Outcome } from "./types";

/** Reads one open section inside a running batch: one sync (two when `_tdcheck` is not yet known). */
export async function readSectionNow(
  session: Session,
  context: Excel.RequestContext,
  name: SectionName,
): Promise<unknown> {
  const sheet = await openStateSheet(session, context);
  if (!sheet) return undefined;
  const reader = new SectionReader(sheet, name);
  await context.sync();
  return reader.result(context);
}

/** The stored acceptances in a running batch; an unreadable section reads as none. */
export async function acceptancesNow(session: Session, context: Excel.RequestContext): Promise<Acceptance[]> {
  let doc: unknown;
  try {
    doc = await readSectionNow(session, context, "acceptances");
  } catch {
    doc = undefined;
  }
  const list = doc === undefined ? [] : parseAcceptances(doc).acceptances;
  session.acceptances = list;
  return list;
}

/**
 * Queues reading the acceptances so they ride along with the next request (when `_tdcheck` is
 * known to exist); `finish` after that request returns them (one more sync only when the sheet's
 * existence was learnt meanwhile).
 */
export function queueAcceptancesRead(
  session: Session,
  context: Excel.RequestContext,
): {
  finish(context: Excel.RequestContext): Promise<Acceptance[]>;
} {
  const reader =
    session.stateSheet === true
      ? new SectionReader(context.workbook.worksheets.getItem(STATE_SHEET), "acceptances")
      : undefined;
  return {
    async finish(ctx) {
      if (!reader) return acceptancesNow(session, ctx);
      let doc: unknown;
      try {
        doc = await reader.result(ctx);
      } catch {
        doc = undefined;
      }
      const list = doc === undefined ? [] : parseAcceptances(doc).acceptances;
      session.acceptances = list;
      return list;
    },
  };
}

/** The result with accepted findings marked and the summary recounted (`summary.accepted`, `lapsed`). */
export function markAccepted(
  session: Session,
  result: CheckResult,
  workbook: WorkbookGrid,
  acceptances: Acceptance[] | undefined = session.acceptances,
): Promise<AcceptedCheckResult> {
  return applyAcceptances(result, acceptances ?? [], workbook);
}

async function writeAcceptances(
  session: Session,
  context: Excel.RequestContext,
  list: Acceptance[],
): Promise<void> {
  let sheet = await openStateSheet(session, context);
  if (!sheet) {
    sheet = queueCreateStateSheet(context);
    session.stateSheet = true;
  }
  await queueSectionWrite(context, sheet, "acceptances", list.length ? acceptancesDocument(list) : undefined);
  await context.sync();
  session.acceptances = list;
}

/** The sheets a finding's covered cells are on (its own sheet first). */
function sheetsOf(finding: Finding): string[] {
  return [...new Set([finding.sheet, ...coveredCells(finding).map((c) => c.sheet)])];
}

export type AcceptOutcome =
  | { status: "accepted"; acceptance: Acceptance; acceptances: Acceptance[] }
  /** A reason is required: nothing was stored. */
  | { status: "no-reason" };

/**
 * Accepts `finding` with a written reason: the covered cells are read as they are now (the key), the
 * acceptance replaces any earlier one of the same finding. Re-check to see it marked.
 */
export function acceptFinding(
  session: Session,
  finding: Finding,
  reason: string,
  options: { by?: string; at?: string } = {},
): Promise<Outcome<AcceptOutcome>> {
  return guarded(() =>
    Excel.run(async (context): Promise<AcceptOutcome> => {
      const text = reason.trim();
      if (!text) return { status: "no-reason" };
      const { workbook } = await readNow(session, context, { sheets: sheetsOf(finding) });
      const acceptance = await createAcceptance(finding, workbook, {
        reason: text,
        by: options.by ?? "",
        at: options.at ?? new Date().toISOString(),
      });
      const list = withAcceptance(await acceptancesNow(session, context), acceptance);
      await writeAcceptances(session, context, list);
      return { status: "accepted", acceptance, acceptances: list };
    }),
  );
}

/** Withdraws the acceptance of a finding (by rule, sheet and cell); the list left. */
export function withdrawAcceptance(
  session: Session,
  finding: {
    rule: string;
    sheet: string;
    cell: string;
  },
): Promise<Outcome<Acceptance[]>> {
  return guarded(() =>
    Excel.run(async (context) => {
      const before = await acceptancesNow(session, context);
      const list = withoutAcceptance(before, finding);
      if (list.length !== before.length) await writeAcceptances(session, context, list);
      return list;
    }),
  );
}

/** The acceptances stored in the workbook (none when `_tdcheck` has none or cannot be read). */
export function loadAcceptances(session: Session): Promise<Outcome<Acceptance[]>> {
  return guarded(() => Excel.run((context) => acceptancesNow(session, context)));
}

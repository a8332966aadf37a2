/**
 * When no check ran, the pane says so — never "every split adds up" — and says what it looked at:
 * the candidate ranges the engine considered and why each was not read as a split (the check
 * result's `rejected`, where the engine gives it), else the sheets read. Then the way out: the
 * selection as the table, with the line naming the units and the parent chosen by the user.
 */
import { Body1, Caption1, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { DeclareTable } from "./DeclareTable";
import { fill, stringsFor, type Strings, type UiLocale } from "./i18n";
import type { PaneActions, PaneState } from "./paneState";

/** A candidate range the engine looked at and did not read as a split (CheckResult.rejected). */
export interface Rejected {
  sheet: string;
  range: string;
  /** A stable code (no-parent, no-numbers, …); worded here, never shown as it is. */
  reason: string;
  detail?: string;
}

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  heading: { margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  item: { overflowWrap: "anywhere" },
});

/** A reason code in words; a code the pane does not know yet is said generally, never shown raw. */
export function rejectedText(t: Strings, reason: string): string {
  const known = (t as Record<string, string>)[`rejected.${reason}`];
  return known ?? t["rejected.other"];
}

/** What the engine looked at and did not read, each range with its reason in words. */
export function RejectedList({
  t,
  rejected,
  testId,
  captionClassName,
}: {
  t: Strings;
  rejected: readonly Rejected[];
  testId: string;
  captionClassName?: string;
}) {
  const styles = useStyles();
  return (
    <>
      <Caption1 className={captionClassName}>{t["nothing.looked"]}</Caption1>
      <ul className={styles.list} data-testid={testId}>
        {rejected.map((r, i) => (
          <li key={i} className={styles.item} data-reason={r.reason}>
            <Caption1>
              {fill(t["nothing.rejectedItem"], {
                range: `${r.sheet}!${r.range}`,
                reason: rejectedText(t, r.reason),
              })}
            </Caption1>
          </li>
        ))}
      </ul>
    </>
  );
}

export function NothingChecked({
  state,
  actions,
  locale,
}: {
  state: PaneState;
  actions: PaneActions;
  locale: UiLocale;
}) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const view = state.view;
  if (!view) return null;
  const rejected = (view.result as { rejected?: Rejected[] }).rejected ?? [];
  const sheets = view.workbook.sheets.map((s) => s.name);
  const busy = state.busy !== null;
  return (
    <section className={styles.section} data-testid="nothing-checked" aria-labelledby="nothing-heading">
      <Subtitle2 as="h3" id="nothing-heading" className={styles.heading}>
        {t["nothing.heading"]}
      </Subtitle2>
      <Body1>{t["nothing.body"]}</Body1>
      {rejected.length > 0 ? (
        <RejectedList t={t} rejected={rejected} testId="rejected" />
      ) : (
        <Caption1 data-testid="looked-at">
          {fill(t["nothing.sheets"], { sheets: sheets.join(t["list.separator"]) })}
        </Caption1>
      )}
      <Caption1>{t["nothing.declare"]}</Caption1>
      <DeclareTable state={state} actions={actions} t={t} disabled={busy || !state.ready} />
    </section>
  );
}

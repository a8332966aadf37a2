/**
 * The result of a check: a summary, then the findings grouped by indicator. Severity is shown three
 * ways (icon, colour, word); each finding gives its evidence (stated, computed, difference,
 * tolerance), its hints, and a button that selects its cells in the sheet. Every sentence is the
 * engine's (renderMessage, renderHint, describeTolerance); the pane only lays them out.
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import {
  CheckmarkCircle20Filled,
  CheckmarkStarburst20Filled,
  CursorClick20Regular,
  ErrorCircle20Filled,
  Info20Filled,
  Warning20Filled,
} from "@fluentui/react-icons";
import type { ReactNode } from "react";
import type { Decimal } from "../core/decimal";
import type { Finding, Severity } from "../core/finding";
import {
  RULE_TITLES,
  SEVERITY_TEXT,
  describeTolerance,
  formatValue,
  renderHint,
  renderMessage,
  toleranceDetail,
  type Lang,
} from "../core/messages";
import { cellsText, groupByIndicator, isAccepted, selectionOf, type FindingGroup } from "./findingGroups";
import { fill, fillCount, messageLang, stringsFor, type Strings, type UiLocale } from "./i18n";
import { NothingChecked } from "./NothingChecked";
import { inputProblemText } from "./problems";
import type { PaneActions, PaneState } from "./paneState";

/** The results' heading: after Check pressed with the keyboard, focus moves here (App). */
export const RESULTS_HEADING = "results-heading";

/** Rendering thousands of rows would stall the pane; the rest are counted, not dropped silently. */
const MAX_SHOWN_FINDINGS = 500;

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { margin: `${tokens.spacingVerticalS} 0 0` },
  summary: {
    display: "grid",
    gridTemplateColumns: "repeat(3, 1fr)",
    gap: tokens.spacingHorizontalS,
    margin: 0,
  },
  stat: {
    display: "flex",
    // The number reads first; the label (dt) precedes it in the markup as a description list requires.
    flexDirection: "column-reverse",
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  statValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  clean: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  groupHeader: {
    display: "flex",
    alignItems: "center",
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
    "& > svg": { flexShrink: 0 },
  },
  groupCount: { color: tokens.colorNeutralForeground3, whiteSpace: "nowrap" },
  groupName: { overflow: "hidden", textOverflow: "ellipsis" },
  list: { listStyleType: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column" },
  finding: {
    display: "grid",
    gridTemplateColumns: "20px 1fr",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  findingBody: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, minWidth: 0 },
  findingHead: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "baseline",
    columnGap: tokens.spacingHorizontalXS,
  },
  severityWord: { fontWeight: tokens.fontWeightSemibold, textTransform: "capitalize" },
  evidence: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  evidenceTerm: { color: tokens.colorNeutralForeground3 },
  evidenceValue: { margin: 0, fontVariantNumeric: "tabular-nums", overflowWrap: "anywhere" },
  hints: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  good: { color: tokens.colorPaletteGreenForeground1 },
  accepted: { color: tokens.colorPaletteBlueForeground2 },
  acceptedCard: {
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorPaletteBlueBorderActive}`,
    paddingLeft: tokens.spacingHorizontalS,
    backgroundColor: tokens.colorPaletteBlueBackground2,
  },
  badge: { gridColumn: "1 / -1", justifySelf: "start" },
  detail: { color: tokens.colorNeutralForeground3 },
});

export function SeverityIcon({ severity }: { severity: Severity | "accepted" }) {
  const styles = useStyles();
  switch (severity) {
    case "accepted":
      return <CheckmarkStarburst20Filled className={styles.accepted} aria-hidden />;
    case "error":
      return <ErrorCircle20Filled className={styles.error} aria-hidden />;
    case "warning":
      return <Warning20Filled className={styles.warning} aria-hidden />;
    case "info":
      return <Info20Filled className={styles.info} aria-hidden />;
  }
}

function signed(v: Decimal | undefined): string {
  if (!v) return "";
  const s = v.toString();
  return v.sign() > 0 ? `+${s}` : s;
}

export function FindingsPanel({
  state,
  actions,
  locale,
  renderActions,
}: {
  state: PaneState;
  actions: PaneActions;
  locale: UiLocale;
  /** A finding's further actions (accept with a reason, rebalance), beside "select its cells". */
  renderActions?: (f: Finding) => ReactNode;
}) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const lang = messageLang(locale);
  if (state.emptySheet !== null) return <Body1>{fill(t.emptySheet, { sheet: state.emptySheet })}</Body1>;
  const view = state.view;
  if (!view) return <Body1 className={styles.muted}>{t.beforeFirstCheck}</Body1>;
  const { result, sheet } = view;
  const { summary } = result;
  // Accepted findings (上报说明) are marked by the adapter and left out of the counts above.
  const accepted = summary as typeof summary & { accepted?: number; lapsed?: number };
  const acceptedCount = accepted.accepted ?? 0;
  const lapsedCount = accepted.lapsed ?? 0;
  const shown = result.findings.slice(0, MAX_SHOWN_FINDINGS);
  const groups = groupByIndicator(shown);
  // Errors, warnings and accepted ones open; groups of infos only start closed.
  const openGroups = groups.filter((g) => g.worst !== "info").map((g) => g.key);
  const sheetsShown = new Set(groups.map((g) => g.sheet)).size;
  const nothingChecked = summary.checks === 0;
  const stats: [keyof Strings, number, Severity][] = [
    ["summary.errors", summary.errors, "error"],
    ["summary.warnings", summary.warnings, "warning"],
    ["summary.infos", summary.infos, "info"],
  ];
  // "Everything adds up" only when something was checked, nothing is open, and the sheet has not
  // changed since (live mode off): never after 0 checks, never over an accepted error unsaid.
  const clean =
    !nothingChecked &&
    !view.stale &&
    summary.errors === 0 &&
    summary.warnings === 0 &&
    result.problems.length === 0;
  return (
    <div className={styles.section}>
      {view.stale && (
        <MessageBar intent="warning" layout="multiline" data-testid="stale">
          <MessageBarBody>{t.stale}</MessageBarBody>
        </MessageBar>
      )}
      {result.problems.map((problem, i) => (
        <Text key={i} className={styles.warning}>
          {inputProblemText(problem, view.scope === "all" ? "" : sheet, t)}
        </Text>
      ))}
      <Subtitle2 as="h2" className={styles.heading} id={RESULTS_HEADING} tabIndex={-1}>
        {view.scope === "all" ? t.summaryHeadingAll : fill(t.summaryHeading, { sheet })}
      </Subtitle2>
      {nothingChecked ? (
        <NothingChecked state={state} actions={actions} locale={locale} />
      ) : (
        <dl className={styles.summary} data-testid="summary">
          {stats.map(([key, value, severity]) => (
            <div key={key} className={styles.stat}>
              <dt>
                <Caption1>{t[key]}</Caption1>
              </dt>
              <dd className={mergeClasses(styles.statValue, value > 0 && styles[severity])}>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <Caption1 className={styles.muted} data-testid="summary-line">
        {fill(t["summary.scope"], {
          tables: summary.tables,
          progressions: summary.progressions,
          checks: summary.checks,
          passed: summary.passed,
        })}
      </Caption1>
      {acceptedCount > 0 && (
        <Caption1 data-testid="accepted-count" className={styles.accepted}>
          {fillCount(t, "summary.accepted", acceptedCount)}
        </Caption1>
      )}
      {lapsedCount > 0 && (
        <Caption1 data-testid="lapsed-count" className={styles.warning}>
          {fillCount(t, "summary.lapsed", lapsedCount)}
        </Caption1>
      )}
      <FlagsLine state={state} t={t} />
      {clean && (
        <Text className={mergeClasses(styles.clean, styles.good)} data-testid="clean">
          <CheckmarkCircle20Filled aria-hidden />{" "}
          {acceptedCount > 0 ? fillCount(t, "cleanAccepted", acceptedCount) : t.clean}
        </Text>
      )}
      {!nothingChecked && (
        <>
          <Subtitle2 as="h2" className={styles.heading}>
            {t.findingsHeading}
          </Subtitle2>
          {groups.length === 0 ? (
            <Body1 className={styles.muted}>{t.findingsEmpty}</Body1>
          ) : (
            <Accordion
              multiple
              collapsible
              defaultOpenItems={openGroups}
              key={[...openGroups].sort().join("|")}
            >
              {groups.map((g) => (
                <GroupItem
                  key={g.key}
                  group={g}
                  showSheet={sheetsShown > 1}
                  lang={lang}
                  t={t}
                  onSelect={actions.selectFinding}
                  renderActions={renderActions}
                />
              ))}
            </Accordion>
          )}
          {result.findings.length > shown.length && (
            <Caption1>{fillCount(t, "moreFindings", result.findings.length - shown.length)}</Caption1>
          )}
        </>
      )}
    </div>
  );
}

function FlagsLine({ state, t }: { state: PaneState; t: Strings }) {
  const styles = useStyles();
  const flags = state.view?.flags;
  if (state.settings.flagStyle === "none") return <Caption1 className={styles.muted}>{t.flagsNone}</Caption1>;
  if (!flags) return null;
  return (
    <Caption1 className={styles.muted}>
      {fill(t.flagsWritten, { rules: flags.rules, notes: flags.notes })}
      {flags.skippedNotes.length > 0 && ` ${fill(t.flagsSkippedNotes, { count: flags.skippedNotes.length })}`}
    </Caption1>
  );
}

function GroupItem({
  group,
  showSheet,
  lang,
  t,
  onSelect,
  renderActions,
}: {
  group: FindingGroup;
  showSheet: boolean;
  lang: Lang;
  t: Strings;
  onSelect: (f: Finding) => Promise<void>;
  renderActions?: (f: Finding) => ReactNode;
}) {
  const styles = useStyles();
  const indicator = group.indicator ?? t["group.other"];
  const name = showSheet ? `${group.sheet} · ${indicator}` : indicator;
  return (
    <AccordionItem value={group.key}>
      <AccordionHeader as="h3" expandIconPosition="end">
        <span className={styles.groupHeader}>
          <SeverityIcon severity={group.worst} />
          <span className={styles.groupName}>{name}</span>
          <Caption1 className={styles.groupCount}>
            {fillCount(t, "group.count", group.findings.length)}
          </Caption1>
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <ul className={styles.list} aria-label={name}>
          {group.findings.map((f, i) => (
            <FindingItem
              key={`${f.rule}:${f.cell}:${i}`}
              finding={f}
              lang={lang}
              t={t}
              onSelect={onSelect}
              renderActions={renderActions}
            />
          ))}
        </ul>
      </AccordionPanel>
    </AccordionItem>
  );
}

function FindingItem({
  finding: f,
  lang,
  t,
  onSelect,
  renderActions,
}: {
  finding: Finding;
  lang: Lang;
  t: Strings;
  onSelect: (f: Finding) => Promise<void>;
  renderActions?: (f: Finding) => ReactNode;
}) {
  const styles = useStyles();
  const cells = cellsText(selectionOf(f));
  const accepted = isAccepted(f);
  const period = f.rule === "progression-decrease" ? f.details?.period : undefined;
  const earlier = f.rule === "progression-decrease" ? f.details?.earlierPeriod : undefined;
  const evidence: [string, string][] = [];
  if (f.unit) evidence.push([t["finding.unit"], f.unit]);
  // A value of another year is that year's value, not a computed one.
  if (f.stated)
    evidence.push([
      period !== undefined ? fill(t["finding.periodValue"], { period }) : t["finding.stated"],
      formatValue(f.stated, f.statedBound, lang),
    ]);
  if (f.expected) evidence.push([t["finding.expected"], formatValue(f.expected, f.expectedBound, lang)]);
  if (f.computed)
    evidence.push([
      earlier !== undefined ? fill(t["finding.periodValue"], { period: earlier }) : t["finding.computed"],
      formatValue(f.computed, f.computedBound, lang),
    ]);
  if (f.difference) evidence.push([t["finding.difference"], signed(f.difference)]);
  if (f.tolerance) evidence.push([t["finding.tolerance"], describeTolerance(f.tolerance, lang)]);
  const detail = toleranceDetail(f.tolerance, lang);
  return (
    <li
      className={mergeClasses(styles.finding, accepted && styles.acceptedCard)}
      data-testid="finding"
      data-rule={f.rule}
      data-severity={f.severity}
      data-cell={`${f.sheet}!${f.cell}`}
      data-accepted={accepted ? "true" : undefined}
    >
      {accepted && (
        <Badge
          appearance="filled"
          color="informative"
          className={styles.badge}
          icon={<CheckmarkStarburst20Filled />}
          data-testid="accepted-badge"
        >
          {fill(t["accept.badge"], { severity: SEVERITY_TEXT[f.severity][lang] })}
        </Badge>
      )}
      <SeverityIcon severity={accepted ? "accepted" : f.severity} />
      <div className={styles.findingBody}>
        <div className={styles.findingHead}>
          <Text
            className={mergeClasses(styles.severityWord, accepted ? styles.accepted : styles[f.severity])}
          >
            {accepted ? t["accept.accepted"] : SEVERITY_TEXT[f.severity][lang]}
          </Text>
          <Text aria-hidden>·</Text>
          <Text weight="semibold">{RULE_TITLES[f.rule][lang]}</Text>
          <Caption1 className={styles.muted}>
            {f.sheet}!{f.cell}
          </Caption1>
        </div>
        <Body1>{renderMessage(f, lang)}</Body1>
        {evidence.length > 0 && (
          <dl className={styles.evidence}>
            {evidence.map(([term, value]) => (
              <div key={term} style={{ display: "contents" }}>
                <dt className={styles.evidenceTerm}>
                  <Caption1>{term}</Caption1>
                </dt>
                <dd className={styles.evidenceValue}>
                  <Caption1>{value}</Caption1>
                </dd>
              </div>
            ))}
          </dl>
        )}
        {detail && (
          <details>
            <summary>
              <Caption1>{t["finding.toleranceDetail"]}</Caption1>
            </summary>
            <Caption1 className={styles.detail}>{detail}</Caption1>
          </details>
        )}
        {f.hints.length > 0 && (
          <div>
            <Caption1 className={styles.muted}>{t["finding.hints"]}</Caption1>
            <ul className={styles.hints}>
              {f.hints.map((h, i) => (
                <li key={i}>
                  <Caption1>{renderHint(h, lang)}</Caption1>
                </li>
              ))}
            </ul>
          </div>
        )}
        {/* Room for the finding's other actions: rebalance (issue 5), accept with a reason (issue 6). */}
        <div className={styles.actions}>
          <Button
            size="small"
            appearance="secondary"
            icon={<CursorClick20Regular />}
            onClick={() => void onSelect(f)}
          >
            {fill(t["finding.select"], { cells })}
          </Button>
          {renderActions?.(f)}
        </div>
      </div>
    </li>
  );
}

/**
 * The first screen of the task pane: a Check button, the summary of the last check and its findings.
 * Reading the sheet and running the engine happen in src/excel; this file only shows outcomes.
 */
import { useCallback, useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Text,
  Title3,
  makeStyles,
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import {
  CheckmarkCircle20Filled,
  ErrorCircle20Filled,
  Info20Filled,
  TaskListLtr20Regular,
  Warning20Filled,
} from "@fluentui/react-icons";
import type { CheckOutcome } from "../excel/checkActiveSheet";
import type { CheckResult, InputProblem } from "../core/check";
import { SEVERITY_ORDER, type Finding, type Severity } from "../core/finding";
import { renderMessage } from "../core/messages";
import { fill, messageLang, stringsFor, type StringKey, type UiLocale } from "./i18n";

/** Rendering thousands of rows would stall the pane; the rest are counted, not dropped silently. */
const MAX_SHOWN_FINDINGS = 500;

export interface AppProps {
  locale: UiLocale;
  /** False outside Excel: the pane still renders and says where checking is possible. */
  inExcel: boolean;
  check: () => Promise<CheckOutcome>;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    minHeight: "100vh",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  subtitle: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalM },
  outcome: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
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
  },
  statValue: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  list: { listStyleType: "none", padding: 0, margin: 0, display: "flex", flexDirection: "column" },
  finding: {
    display: "grid",
    gridTemplateColumns: "20px 1fr",
    columnGap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorBrandForeground1 },
  clean: { color: tokens.colorPaletteGreenForeground1 },
  where: { color: tokens.colorNeutralForeground3 },
});

export function App({ locale, inExcel, check }: AppProps) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<CheckOutcome | null>(null);

  const onCheck = useCallback(async () => {
    setBusy(true);
    try {
      setOutcome(await check());
    } finally {
      setBusy(false);
    }
  }, [check]);

  return (
    <main className={styles.root} lang={locale}>
      <header className={styles.header}>
        <Title3 as="h1" className={styles.heading}>
          {t.title}
        </Title3>
        <Caption1 className={styles.subtitle}>{t.subtitle}</Caption1>
      </header>
      <Body1>{t.intro}</Body1>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<TaskListLtr20Regular />}
          disabled={!inExcel || busy}
          onClick={onCheck}
        >
          {t.check}
        </Button>
        {busy && <Spinner size="tiny" label={t.checking} />}
      </div>
      {!inExcel && (
        <MessageBar intent="info">
          <MessageBarBody>{t.notInExcel}</MessageBarBody>
        </MessageBar>
      )}
      <section aria-live="polite" className={styles.outcome}>
        {outcome && <Outcome outcome={outcome} locale={locale} />}
      </section>
    </main>
  );
}

function Outcome({ outcome, locale }: { outcome: CheckOutcome; locale: UiLocale }) {
  const t = stringsFor(locale);
  switch (outcome.kind) {
    case "failed":
      return (
        <MessageBar intent="error">
          <MessageBarBody>
            {fill(outcome.stage === "read" ? t.readFailed : t.checkFailed, { detail: outcome.detail })}
          </MessageBarBody>
        </MessageBar>
      );
    case "empty-sheet":
      return (
        <MessageBar intent="info">
          <MessageBarBody>{fill(t.emptySheet, { sheet: outcome.sheet })}</MessageBarBody>
        </MessageBar>
      );
    case "checked":
      return <Report sheet={outcome.sheet} result={outcome.result} locale={locale} />;
  }
}

function problemText(problem: InputProblem, sheet: string, locale: UiLocale): string {
  const t = stringsFor(locale);
  const key = `problem.${problem.code}` as StringKey;
  return fill(t[key] ?? problem.code, { sheet: problem.sheet ?? sheet });
}

function Report({ sheet, result, locale }: { sheet: string; result: CheckResult; locale: UiLocale }) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const { summary } = result;
  const findings = [...result.findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity],
  );
  const shown = findings.slice(0, MAX_SHOWN_FINDINGS);
  const stats: [StringKey, number, Severity][] = [
    ["summary.errors", summary.errors, "error"],
    ["summary.warnings", summary.warnings, "warning"],
    ["summary.infos", summary.infos, "info"],
  ];
  return (
    <>
      {result.problems.map((problem, i) => (
        <MessageBar key={i} intent="warning">
          <MessageBarBody>{problemText(problem, sheet, locale)}</MessageBarBody>
        </MessageBar>
      ))}
      <Subtitle2 as="h2" className={styles.heading}>
        {fill(t.summaryHeading, { sheet })}
      </Subtitle2>
      <dl className={styles.summary}>
        {stats.map(([key, value, severity]) => (
          <div key={key} className={styles.stat}>
            <dt>
              <Caption1>{t[key]}</Caption1>
            </dt>
            <dd className={mergeClasses(styles.statValue, value > 0 && styles[severity])}>{value}</dd>
          </div>
        ))}
      </dl>
      <Caption1 className={styles.where}>
        {fill(t["summary.scope"], { tables: summary.tables, checks: summary.checks })}
      </Caption1>
      {summary.errors === 0 && summary.warnings === 0 && result.problems.length === 0 && (
        <Text className={styles.clean}>
          <CheckmarkCircle20Filled aria-hidden /> {t.clean}
        </Text>
      )}
      {shown.length > 0 && (
        <>
          <Subtitle2 as="h2" className={styles.heading}>
            {t.findingsHeading}
          </Subtitle2>
          <ul className={styles.list}>
            {shown.map((finding, i) => (
              <FindingItem key={i} finding={finding} locale={locale} />
            ))}
          </ul>
          {findings.length > shown.length && (
            <Caption1>{fill(t.moreFindings, { count: findings.length - shown.length })}</Caption1>
          )}
        </>
      )}
    </>
  );
}

function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  switch (severity) {
    case "error":
      return <ErrorCircle20Filled className={styles.error} aria-hidden />;
    case "warning":
      return <Warning20Filled className={styles.warning} aria-hidden />;
    case "info":
      return <Info20Filled className={styles.info} aria-hidden />;
  }
}

function FindingItem({ finding, locale }: { finding: Finding; locale: UiLocale }) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const severityWord = t[`severity.${finding.severity}` as StringKey];
  return (
    <li className={styles.finding}>
      <SeverityIcon severity={finding.severity} />
      <div>
        <Body1 block>
          <span className={styles[finding.severity]}>{severityWord}</span>
          {" · "}
          {renderMessage(finding, messageLang(locale))}
        </Body1>
        <Caption1 className={styles.where}>
          {finding.sheet}!{finding.cell}
          {finding.indicator ? ` · ${finding.indicator}` : ""}
        </Caption1>
      </div>
    </li>
  );
}

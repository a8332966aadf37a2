/**
 * The task pane: Check and Clear flags, progress, what went wrong in plain words, then three
 * sections — findings, what was detected (with corrections), settings. Later sections (rebalance,
 * report) join the tab list. Reading, flag writing and storage go through the adapter (excelPort);
 * every rule and message comes from the engine.
 */
import { useEffect, useState } from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  ProgressBar,
  Title3,
  Tooltip,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowSyncCircle16Regular, Eraser20Regular, TaskListLtr20Regular } from "@fluentui/react-icons";
import type { Finding } from "../core/finding";
import { FindingActions } from "./AcceptDialog";
import type { AuditPort } from "./auditPort";
import type { ExcelPort } from "./excelPort";
import { DetectedTables } from "./DetectedTables";
import { FindingsPanel, RESULTS_HEADING } from "./FindingsPanel";
import { fill, stringsFor, type UiLocale } from "./i18n";
import { Notices } from "./Notices";
import { RebalancePanel, type RebalanceMemory } from "./RebalancePanel";
import { ReportPanel } from "./ReportButton";
import { SectionTabs } from "./SectionTabs";
import { SettingsPanel } from "./SettingsPanel";
import type { PaneState } from "./paneState";
import { usePane } from "./usePane";

export interface AppProps {
  locale: UiLocale;
  /** False outside Excel: the pane still renders and says where checking is possible. */
  inExcel: boolean;
  port: ExcelPort;
  /** The rebalance, acceptance and report calls, in the same adapter session as `port`. */
  audit: AuditPort;
}

type Section = "findings" | "rebalance" | "report" | "tables" | "settings";
const SECTIONS: readonly Section[] = ["findings", "rebalance", "report", "tables", "settings"];

export const useAppStyles = makeStyles({
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
  titleRow: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
  },
  heading: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  progress: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  panel: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    border: 0,
  },
});

function progressText(state: PaneState, t: ReturnType<typeof stringsFor>): string {
  const p = state.progress;
  if (!p || p.total <= 0) return state.busy === "check" ? t.checking : t["progress.working"];
  return fill(t[`progress.${p.stage}`], { sheet: p.sheet ?? "", done: p.done, total: p.total });
}

export function App({ locale, inExcel, port, audit }: AppProps) {
  const styles = useAppStyles();
  const t = stringsFor(locale);
  const [state, actions] = usePane(port, locale, inExcel);
  const [section, setSection] = useState<Section>("findings");
  // The finding whose "Rebalance…" opened the rebalance section.
  const [rebalanceFrom, setRebalanceFrom] = useState<Finding | undefined>(undefined);
  // The rebalance forms (locks, bounds, method per indicator) outlive the tab: switching to the
  // findings and back keeps them.
  const [rebalanceMemory, setRebalanceMemory] = useState<RebalanceMemory>({ forms: {} });
  // Check pressed with the keyboard: once the results are on show, focus moves to their heading,
  // so a screen reader reads them next (a mouse user's focus is left where it was).
  const [focusResults, setFocusResults] = useState(0);
  useEffect(() => {
    if (focusResults) document.getElementById(RESULTS_HEADING)?.focus();
  }, [focusResults]);
  const canAct = inExcel && state.ready && state.supported && state.busy === null;
  const progress = state.progress;

  return (
    <main className={styles.root} lang={locale} aria-busy={state.busy !== null}>
      <header className={styles.header}>
        <div className={styles.titleRow}>
          <Title3 as="h1" className={styles.heading}>
            {t.title}
          </Title3>
          {state.settings.live && inExcel && state.view && (
            <Tooltip content={t.liveBadgeTitle} relationship="description">
              <Badge appearance="tint" color="success" icon={<ArrowSyncCircle16Regular />} tabIndex={0}>
                {t.liveBadge}
              </Badge>
            </Tooltip>
          )}
        </div>
        <Caption1 className={styles.subtitle}>{t.subtitle}</Caption1>
      </header>
      <Body1>{t.intro}</Body1>
      <div className={styles.actions} role="group" aria-label={t.check}>
        <Button
          appearance="primary"
          icon={<TaskListLtr20Regular />}
          disabled={!canAct}
          onClick={(e) => {
            // A click from the keyboard (Enter, Space) has no pointer position: detail is 0.
            const fromKeyboard = e.detail === 0;
            void actions.check().then(() => {
              setSection("findings");
              if (fromKeyboard) setFocusResults((n) => n + 1);
            });
          }}
          title={t.checkHint}
        >
          {t.check}
        </Button>
        <Button icon={<Eraser20Regular />} disabled={!canAct} onClick={() => void actions.clearFlags()}>
          {t.clearFlags}
        </Button>
      </div>
      {state.busy !== null && (
        <div className={styles.progress}>
          <ProgressBar
            thickness="large"
            value={progress && progress.total > 0 ? progress.done / progress.total : undefined}
            aria-label={progressText(state, t)}
          />
          <Caption1 aria-hidden>{progressText(state, t)}</Caption1>
        </div>
      )}
      {!inExcel && <Notices notices={[{ kind: "text", intent: "info", key: "notInExcel" }]} t={t} />}
      <Notices notices={state.notices} t={t} onDismiss={actions.dismissNotice} />
      <div role="status" aria-live="polite" aria-atomic="true" className={styles.visuallyHidden}>
        <span key={state.announcement.n}>{state.announcement.text}</span>
      </div>
      {inExcel && (
        <>
          <SectionTabs
            sections={SECTIONS}
            selected={section}
            label={t.tabsLabel}
            title={(s) => t[`tab.${s}`]}
            onSelect={setSection}
          />
          <section
            id={`panel-${section}`}
            role="tabpanel"
            aria-labelledby={`tab-${section}`}
            className={styles.panel}
            tabIndex={-1}
          >
            {section === "findings" && (
              <FindingsPanel
                state={state}
                actions={actions}
                locale={locale}
                renderActions={(f) => (
                  <FindingActions
                    finding={f}
                    port={audit}
                    locale={locale}
                    by={state.settings.by}
                    onChanged={actions.check}
                    onRebalance={(from) => {
                      setRebalanceFrom(from);
                      setSection("rebalance");
                    }}
                  />
                )}
              />
            )}
            {section === "rebalance" && (
              <RebalancePanel
                port={audit}
                state={state}
                actions={actions}
                locale={locale}
                disabled={!canAct}
                from={rebalanceFrom}
                memory={rebalanceMemory}
                onMemory={setRebalanceMemory}
              />
            )}
            {section === "report" && (
              <ReportPanel port={audit} state={state} locale={locale} disabled={!canAct} />
            )}
            {section === "tables" && (
              <DetectedTables state={state} actions={actions} locale={locale} disabled={!canAct} />
            )}
            {section === "settings" && (
              <SettingsPanel state={state} actions={actions} locale={locale} disabled={!canAct} />
            )}
          </section>
        </>
      )}
    </main>
  );
}

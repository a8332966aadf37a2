/**
 * The audit report (审核报告, issue 6): preparer and reviewer, then a new sheet built by the engine
 * (every check that ran, accepted findings with their reasons, the change trail, a fingerprint) and
 * written by the adapter. The report covers what the pane checked — the whole workbook, or the one
 * sheet it checked — never whichever sheet happens to be active (after a report, that is the
 * report itself), and says so.
 */
import { useState } from "react";
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { DocumentTable20Regular } from "@fluentui/react-icons";
import type { AuditPort } from "./auditPort";
import { fill, messageLang, stringsFor, type Strings, type UiLocale } from "./i18n";
import { excelProblemText } from "./problems";
import type { PaneState } from "./paneState";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  row: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  grow: { flexGrow: 1, minWidth: "120px" },
});

type Message = { intent: "success" | "warning" | "error" | "info"; title?: string; text: string };

/** What the report covers: the pane's last check (its scope, its sheet), else the settings' scope. */
function reportSheets(state: PaneState): "all" | "active" | string[] {
  const view = state.view;
  if (view) return view.scope === "all" ? "all" : [view.sheet];
  return state.settings.scope;
}

function scopeText(state: PaneState, t: Strings): string {
  const view = state.view;
  if (!view) return fill(t["report.scope.pending"], { scope: t[`scope.${state.settings.scope}`] });
  if (view.scope !== "all") return fill(t["report.scope.sheet"], { sheet: view.sheet });
  const checked = [...new Set(view.result.maps.map((m) => m.sheet))];
  const sheets = checked.length ? checked : view.workbook.sheets.map((s) => s.name);
  return fill(t["report.scope.all"], { sheets: sheets.join(t["list.separator"]) });
}

/** Remembered while the pane is open. */
const names = { preparer: "", reviewer: "" };

export function ReportPanel({
  state,
  locale,
  disabled,
  port,
}: {
  state: PaneState;
  locale: UiLocale;
  disabled: boolean;
  port: AuditPort;
}) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const [preparer, setPreparer] = useState(names.preparer || state.settings.by);
  const [reviewer, setReviewer] = useState(names.reviewer);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  const create = async () => {
    setBusy(true);
    setMessage(null);
    names.preparer = preparer;
    names.reviewer = reviewer;
    try {
      const sheets = reportSheets(state);
      const out = await port.createReport({
        preparer: preparer.trim(),
        reviewer: reviewer.trim(),
        lang: messageLang(locale),
        sheets,
      });
      if (!out.ok) {
        const p = excelProblemText(out.problem, t);
        setMessage({ intent: p.intent, title: p.title, text: p.body });
        return;
      }
      const v = out.value;
      if (v.status === "not-checked") {
        setMessage({ intent: "warning", text: t["report.notChecked"] });
        return;
      }
      setMessage({
        intent: "success",
        text: fill(t["report.created"], {
          sheet: v.sheet,
          checks: v.summary.checks,
          passed: v.summary.passed,
          errors: v.summary.errors,
          warnings: v.summary.warnings,
          accepted: v.summary.accepted,
        }),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.section} aria-busy={busy}>
      <Subtitle2 as="h2" className={styles.heading}>
        {t["report.heading"]}
      </Subtitle2>
      <Caption1 className={styles.muted}>{t["report.intro"]}</Caption1>
      <Caption1 data-testid="report-scope">{scopeText(state, t)}</Caption1>
      <form
        className={styles.section}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <div className={styles.row}>
          <Field label={t["report.preparer"]} className={styles.grow}>
            <Input value={preparer} onChange={(_, d) => setPreparer(d.value)} />
          </Field>
          <Field label={t["report.reviewer"]} className={styles.grow}>
            <Input value={reviewer} onChange={(_, d) => setReviewer(d.value)} />
          </Field>
        </div>
        <div>
          <Button
            appearance="primary"
            type="submit"
            icon={<DocumentTable20Regular />}
            disabled={disabled || busy}
          >
            {t["report.create"]}
          </Button>
        </div>
      </form>
      <div aria-live="polite" data-testid="report-message">
        {message && (
          <MessageBar intent={message.intent} layout="multiline">
            <MessageBarBody>
              {message.title && <MessageBarTitle>{message.title}</MessageBarTitle>}
              <Body1>{message.text}</Body1>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
    </div>
  );
}

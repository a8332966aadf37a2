/**
 * A finding's own actions beyond selecting its cells (issues 5 and 6): "Accept…" opens a dialog for
 * the written reason (上报说明), stored in the workbook through the adapter; an accepted finding shows
 * the mark, who and why, and can be withdrawn; a sum mismatch offers "Rebalance…".
 */
import { useState } from "react";
import {
  Button,
  Caption1,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  Input,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { CheckmarkStarburst20Regular, DataBarHorizontal20Regular } from "@fluentui/react-icons";
import type { Finding } from "../core/finding";
import type { AcceptedFinding } from "../core/report";
import type { AuditPort } from "./auditPort";
import { fill, stringsFor, type UiLocale } from "./i18n";
import { excelProblemText } from "./problems";

const useStyles = makeStyles({
  accepted: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  reason: { color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** Remembered for the next acceptance in this pane (not stored in the workbook). */
let lastBy = "";

function when(at: string): string {
  return at.replace("T", " ").slice(0, 16);
}

export function FindingActions({
  finding,
  locale,
  by = "",
  onChanged,
  onRebalance,
  port,
}: {
  finding: Finding;
  locale: UiLocale;
  /** The name the workbook's settings hold (who works here), proposed as who accepts. */
  by?: string;
  /** After an acceptance was stored or withdrawn: check again (the pane's Check). */
  onChanged: () => Promise<void>;
  /** Opens the rebalance panel on this finding's indicator. */
  onRebalance?: (f: Finding) => void;
  port: AuditPort;
}) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const accepted = (finding as AcceptedFinding).accepted;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const rebalance =
    onRebalance && finding.rule === "sum-mismatch" && finding.indicator ? (
      <Button
        size="small"
        appearance="secondary"
        icon={<DataBarHorizontal20Regular />}
        onClick={() => onRebalance(finding)}
      >
        {t["finding.rebalance"]}
      </Button>
    ) : null;

  if (accepted) {
    const text = accepted.by
      ? fill(t["accept.acceptedBy"], { by: accepted.by, at: when(accepted.at), reason: accepted.reason })
      : fill(t["accept.acceptedNoBy"], { at: when(accepted.at), reason: accepted.reason });
    return (
      <>
        {/* Still mounted where the Accept… dialog was: it closes cleanly after the acceptance. */}
        <AcceptDialog finding={finding} locale={locale} by={by} port={port} onAccepted={onChanged} />
        {/* The accepted badge heads the card (FindingsPanel); here, who accepted it and why. */}
        <div className={styles.accepted} data-testid="accepted">
          <Caption1 className={styles.reason}>{text}</Caption1>
        </div>
        <Button
          size="small"
          appearance="subtle"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              const out = await port.withdrawAcceptance(finding);
              if (out.ok) await onChanged();
              else setError(excelProblemText(out.problem, t).body);
            } finally {
              setBusy(false);
            }
          }}
        >
          {t["accept.withdraw"]}
        </Button>
        {rebalance}
        {error && <Caption1 className={styles.error}>{error}</Caption1>}
      </>
    );
  }
  return (
    <>
      {finding.severity !== "info" && (
        <AcceptDialog
          finding={finding}
          locale={locale}
          by={by}
          port={port}
          onAccepted={onChanged}
          trigger={
            <Button size="small" appearance="secondary" icon={<CheckmarkStarburst20Regular />}>
              {t["accept.button"]}
            </Button>
          }
        />
      )}
      {rebalance}
    </>
  );
}

export function AcceptDialog({
  finding,
  locale,
  by: defaultBy = "",
  trigger,
  onAccepted,
  port,
}: {
  finding: Finding;
  locale: UiLocale;
  by?: string;
  /** The button that opens it; none once the finding is accepted (the dialog only closes). */
  trigger?: JSX.Element;
  onAccepted: () => Promise<void>;
  port: AuditPort;
}) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [by, setBy] = useState(lastBy || defaultBy);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!reason.trim()) {
      setError(t["accept.needReason"]);
      return;
    }
    setBusy(true);
    try {
      const out = await port.acceptFinding(finding, reason, { by: by.trim() });
      if (!out.ok) {
        setError(excelProblemText(out.problem, t).body);
        return;
      }
      if (out.value.status === "no-reason") {
        setError(t["accept.needReason"]);
        return;
      }
      lastBy = by.trim();
      setOpen(false);
      setReason("");
      await onAccepted();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(_, d) => {
        setOpen(d.open);
        setError("");
      }}
    >
      {trigger ? <DialogTrigger disableButtonEnhancement>{trigger}</DialogTrigger> : <></>}
      <DialogSurface aria-describedby={undefined}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>{t["accept.title"]}</DialogTitle>
            <DialogContent className={styles.form}>
              <Caption1>
                {finding.sheet}!{finding.cell}
                {finding.indicator ? ` · ${finding.indicator}` : ""}
              </Caption1>
              <Caption1>{t["accept.intro"]}</Caption1>
              <Field
                label={t["accept.reason"]}
                hint={t["accept.reasonHint"]}
                required
                validationState={error ? "error" : "none"}
                validationMessage={error || undefined}
              >
                <Textarea
                  value={reason}
                  resize="vertical"
                  rows={3}
                  onChange={(_, d) => {
                    setReason(d.value);
                    if (d.value.trim()) setError("");
                  }}
                />
              </Field>
              <Field label={t["accept.by"]}>
                <Input value={by} onChange={(_, d) => setBy(d.value)} />
              </Field>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy}>
                {t["accept.confirm"]}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button type="button">{t.cancel}</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

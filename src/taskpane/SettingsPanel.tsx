/**
 * Settings that belong to the workbook (saved in its very hidden sheet): live mode, how findings
 * are flagged in the sheet, and the tolerance policy of the sheet's splits.
 */
import { useEffect, useState } from "react";
import {
  Body1,
  Caption1,
  Field,
  Input,
  Radio,
  RadioGroup,
  Subtitle2,
  Switch,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Policy } from "../core/model";
import { ChoiceRadios } from "./Choice";
import { fill, stringsFor, type Strings } from "./i18n";
import { POLICIES } from "../core/corrections";
import { CHECK_SCOPES, FLAG_STYLES, type CheckScope, type FlagStyle, type PanelProps } from "./paneState";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function SettingsPanel({ state, actions, locale, disabled }: PanelProps) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const { settings, view } = state;
  const policies = new Set(view?.result.maps.flatMap((m) => (m.type === "split" ? [m.policy] : [])) ?? []);
  const policy = policies.size === 1 ? [...policies][0] : "";
  return (
    <div className={styles.section}>
      <Subtitle2 as="h2" className={styles.heading}>
        {t["settings.heading"]}
      </Subtitle2>
      <Caption1 className={styles.muted}>{t["settings.saved"]}</Caption1>
      <Field hint={t["settings.liveHint"]}>
        <Switch
          label={t["settings.live"]}
          checked={settings.live}
          disabled={disabled}
          onChange={(_, data) => void actions.setSettings({ live: data.checked })}
        />
      </Field>
      <Field label={t["settings.scope"]}>
        <ChoiceRadios<CheckScope>
          value={settings.scope}
          disabled={disabled}
          options={CHECK_SCOPES.map((scope) => ({ value: scope, label: t[`scope.${scope}`] }))}
          onChoose={(scope) => void actions.setSettings({ scope })}
        />
      </Field>
      <Field label={t["settings.flagStyle"]}>
        <RadioGroup
          value={settings.flagStyle}
          disabled={disabled}
          onChange={(_, data) => void actions.setSettings({ flagStyle: data.value as FlagStyle })}
        >
          {FLAG_STYLES.map((style) => (
            <Radio key={style} value={style} label={t[`flagStyle.${style}`]} />
          ))}
        </RadioGroup>
      </Field>
      <Field
        label={t["settings.policy"]}
        hint={
          policies.size > 1
            ? `${t["settings.policyMixed"]} ${t["settings.policyHint"]}`
            : t["settings.policyHint"]
        }
      >
        <ChoiceRadios<Policy>
          value={policy}
          revision={view}
          disabled={disabled || !view || policies.size === 0}
          options={POLICIES.map((p) => ({ value: p, label: t[`policy.${p}`] }))}
          onChoose={(p) => void actions.setPolicyForAll(p)}
        />
      </Field>
      <NameField
        value={settings.by}
        disabled={disabled}
        t={t}
        onCommit={(by) => void actions.setSettings({ by })}
      />
      <Body1>{fill(t["settings.language"], { language: t["settings.languageName"] })}</Body1>
    </div>
  );
}

/** Who works in this workbook: saved when the field is left or Enter is pressed. */
function NameField({
  value,
  disabled,
  t,
  onCommit,
}: {
  value: string;
  disabled: boolean;
  t: Strings;
  onCommit: (by: string) => void;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <Field label={t["settings.by"]} hint={t["settings.byHint"]}>
      <Input
        value={text}
        disabled={disabled}
        onChange={(_, d) => setText(d.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
    </Field>
  );
}

import { Caption1, Field, Radio, RadioGroup } from "@fluentui/react-components";
import type { Strings } from "../i18n";
import type { Candidate } from "../rebalanceModel";
import { useStyles } from "./styles";

/** The indicators, as radio buttons whose long names wrap; those that cannot be rebalanced say why. */
export function Picker({
  t,
  list,
  value,
  onPick,
}: {
  t: Strings;
  list: Candidate[];
  value: string | undefined;
  onPick: (c: Candidate) => void;
}) {
  const styles = useStyles();
  const sheets = new Set(list.map((c) => c.sheet)).size;
  return (
    <Field label={t["rebalance.indicator"]}>
      <RadioGroup
        className={styles.picker}
        value={value ?? ""}
        onChange={(_, d) => {
          const c = list.find((x) => x.key === d.value);
          if (c && !c.unavailable) onPick(c);
        }}
        data-testid="indicator-picker"
      >
        {list.map((c) => (
          <Radio
            key={c.key}
            value={c.key}
            disabled={!!c.unavailable}
            className={styles.option}
            data-unavailable={c.unavailable}
            label={
              <>
                {sheets > 1 ? `${c.sheet} · ${c.name}` : c.name}
                {c.unavailable && (
                  <Caption1 className={styles.reason}>{t[`rebalance.unavailable.${c.unavailable}`]}</Caption1>
                )}
              </>
            }
          />
        ))}
      </RadioGroup>
    </Field>
  );
}

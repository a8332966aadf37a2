/**
 * A select or radio group whose value comes from the workbook (a map, the settings): it shows the
 * user's choice at once, while the pane saves and checks again, and follows the workbook's value
 * as soon as that changes (or reverts to it when the choice was refused).
 */
import { useEffect, useState } from "react";
import { Radio, RadioGroup, Select, type SelectProps } from "@fluentui/react-components";

function useChosen(value: string, revision: unknown): [string, (v: string) => void] {
  const [chosen, setChosen] = useState<string | null>(null);
  useEffect(() => setChosen(null), [value, revision]);
  return [chosen ?? value, setChosen];
}

export function ChoiceSelect<T extends string>({
  value,
  options,
  revision,
  onChoose,
  ...rest
}: Omit<SelectProps, "value" | "onChange"> & {
  value: T;
  options: readonly { value: T; label: string }[];
  /** Changes whenever the pane has re-checked: the shown value then returns to `value`. */
  revision?: unknown;
  onChoose: (value: T) => void;
}) {
  const [shown, setShown] = useChosen(value, revision);
  return (
    <Select
      {...rest}
      value={shown}
      onChange={(_, data) => {
        setShown(data.value);
        onChoose(data.value as T);
      }}
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </Select>
  );
}

export function ChoiceRadios<T extends string>({
  value,
  options,
  revision,
  disabled,
  onChoose,
  "aria-label": ariaLabel,
}: {
  value: T | "";
  options: readonly { value: T; label: string }[];
  revision?: unknown;
  disabled?: boolean;
  onChoose: (value: T) => void;
  "aria-label"?: string;
}) {
  const [shown, setShown] = useChosen(value, revision);
  return (
    <RadioGroup
      aria-label={ariaLabel}
      value={shown}
      disabled={disabled}
      onChange={(_, data) => {
        setShown(data.value);
        onChoose(data.value as T);
      }}
    >
      {options.map((o) => (
        <Radio key={o.value} value={o.value} label={o.label} />
      ))}
    </RadioGroup>
  );
}

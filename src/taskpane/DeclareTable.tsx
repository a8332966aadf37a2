/**
 * "Use the selection as the table": the user selects the table in the sheet, and says how to read
 * it — whether the units run across or down, which line names them, which one is the parent. The
 * pane proposes what detection reads in the selection (if anything); the engine reads the table as
 * declared (core/declare.ts), and the map is saved and checked like any other correction.
 */
import { useState } from "react";
import {
  Button,
  Caption1,
  Field,
  Radio,
  RadioGroup,
  Select,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { SelectAllOn20Regular } from "@fluentui/react-icons";
import { columnName } from "../core/address";
import { lineLabels, type Declaration } from "../core/declare";
import type { Orientation } from "../core/model";
import { fill, type Strings } from "./i18n";
import type { PaneActions, PaneState, SelectedTable } from "./paneState";

const useStyles = makeStyles({
  form: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
  },
  heading: { margin: 0, overflowWrap: "anywhere" },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  select: { minWidth: 0, maxWidth: "100%" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** A unit line as the sheet names it: 第 3 行 / row 3, D 列 / column D. */
function where(t: Strings, orientation: Orientation, line: number, of: "unit" | "parent"): string {
  // Units across: the unit line is a row and the parent a column; units down, the other way round.
  const row = (orientation === "indicators-in-rows") === (of === "unit");
  return fill(t[row ? "where.row" : "where.column"], { where: row ? String(line + 1) : columnName(line) });
}

export function DeclareTable({
  state,
  actions,
  t,
  disabled,
}: {
  state: PaneState;
  actions: PaneActions;
  t: Strings;
  disabled: boolean;
}) {
  const styles = useStyles();
  const [selected, setSelected] = useState<SelectedTable | null>(null);
  const [declaration, setDeclaration] = useState<Declaration | null>(null);
  const [error, setError] = useState<string>("");
  const grid = selected && state.view?.workbook.sheets.find((s) => s.name === selected.sheet);

  const start = async () => {
    setError("");
    const found = await actions.selectionForTable();
    setSelected(found ?? null);
    setDeclaration(found?.guess ?? null);
  };

  if (!selected || !declaration || !grid)
    return (
      <div className={styles.actions}>
        <Button
          icon={<SelectAllOn20Regular />}
          disabled={disabled}
          onClick={() => void start()}
          title={t["tables.useSelectionHint"]}
        >
          {t["tables.useSelection"]}
        </Button>
      </div>
    );

  const { box } = selected;
  const { orientation } = declaration;
  const across = orientation === "indicators-in-rows";
  // The lines that could name the units: the selection's rows (units across) or columns (down).
  const first = across ? box.top : box.left;
  const last = across ? box.bottom : box.right;
  const unitLines: { line: number; labels: string[] }[] = [];
  for (let line = first; line <= last; line++) {
    const labels = lineLabels(grid, box, orientation, line).map((l) => l.label);
    if (labels.length >= 2) unitLines.push({ line, labels });
  }
  const parents = lineLabels(grid, box, orientation, declaration.unitLine);
  const choose = (change: Partial<Declaration>) => {
    setError("");
    setDeclaration((d) => {
      const next = { ...d!, ...change };
      if (change.orientation !== undefined || change.unitLine !== undefined) {
        // A new unit line: the parent is chosen again among its labels.
        const unitLine =
          change.orientation !== undefined
            ? change.orientation === "indicators-in-rows"
              ? box.top
              : box.left
            : next.unitLine;
        const labels = lineLabels(grid, box, next.orientation, unitLine);
        return { ...next, unitLine, parentLine: labels[1]?.line ?? labels[0]?.line ?? -1 };
      }
      return next;
    });
  };
  const apply = async () => {
    const declared = await actions.declareTable(selected, declaration);
    if (declared.ok) {
      setSelected(null);
      setDeclaration(null);
    } else setError(t[declared.reason === "no-indicators" ? "declare.failed" : "declare.none"]);
  };

  return (
    <section className={styles.form} aria-labelledby="declare-heading" data-testid="declare">
      <Subtitle2 as="h3" id="declare-heading" className={styles.heading}>
        {fill(t["declare.heading"], { range: `${selected.sheet}!${selected.address}` })}
      </Subtitle2>
      <Field label={t["declare.orientation"]}>
        <RadioGroup value={orientation} onChange={(_, d) => choose({ orientation: d.value as Orientation })}>
          <Radio value="indicators-in-rows" label={t["declare.across"]} />
          <Radio value="units-in-rows" label={t["declare.down"]} />
        </RadioGroup>
      </Field>
      <Field label={t[across ? "declare.unitLine.row" : "declare.unitLine.column"]}>
        <Select
          className={styles.select}
          value={String(declaration.unitLine)}
          onChange={(_, d) => choose({ unitLine: Number(d.value) })}
        >
          {unitLines.map((u) => (
            <option key={u.line} value={u.line}>
              {fill(t["declare.lineOption"], {
                where: where(t, orientation, u.line, "unit"),
                labels: u.labels.slice(0, 4).join(t["list.separator"]) + (u.labels.length > 4 ? "…" : ""),
              })}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t[across ? "declare.parent.column" : "declare.parent.row"]}
        validationState={error ? "error" : "none"}
        validationMessage={error || undefined}
      >
        <Select
          className={styles.select}
          value={String(declaration.parentLine)}
          onChange={(_, d) => choose({ parentLine: Number(d.value) })}
        >
          {parents.map((p) => (
            <option key={p.line} value={p.line}>
              {fill(t["declare.lineOption"], {
                where: where(t, orientation, p.line, "parent"),
                labels: p.label,
              })}
            </option>
          ))}
        </Select>
      </Field>
      {parents.length === 0 && <Text className={styles.error}>{t["declare.none"]}</Text>}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={disabled || parents.length === 0} onClick={() => void apply()}>
          {t["declare.apply"]}
        </Button>
        <Button
          onClick={() => {
            setSelected(null);
            setDeclaration(null);
          }}
        >
          {t["declare.cancel"]}
        </Button>
      </div>
      <Caption1>{t["tables.useSelectionHint"]}</Caption1>
    </section>
  );
}

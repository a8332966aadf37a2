/**
 * What detection understood about each table on the sheet — range, layout, parent, assignment,
 * children, each indicator's kind — with the controls to correct it: the selection as the table,
 * a column's role, an indicator's kind, the allocation policy. A correction becomes a TableMap,
 * saved in the workbook and checked at once (usePane.applyMaps).
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
  Field,
  Input,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ArrowCounterclockwise20Regular } from "@fluentui/react-icons";
import { useState } from "react";
import { rangeA1 } from "../core/address";
import type { Decimal } from "../core/decimal";
import type { IndicatorKind, Policy, SplitTable, TableMap } from "../core/model";
import { toleranceFromText } from "../core/tolerance";
import { ChoiceRadios, ChoiceSelect } from "./Choice";
import { DeclareTable } from "./DeclareTable";
import { RejectedList, type Rejected } from "./NothingChecked";
import { fill, stringsFor, type Strings } from "./i18n";
import {
  INDICATOR_KINDS,
  POLICIES,
  UNIT_ROLES,
  indicatorAddress,
  lineAddress,
  unitLineKind,
  setIndicatorKind,
  setIndicatorTolerance,
  setPolicy,
  setUnitRole,
  unitColumns,
  type UnitRole,
} from "../core/corrections";
import type { PanelProps } from "./paneState";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  card: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  cardHead: { display: "flex", flexWrap: "wrap", alignItems: "center", gap: tokens.spacingHorizontalS },
  facts: {
    display: "grid",
    gridTemplateColumns: "max-content 1fr",
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: "anywhere" },
  indicators: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  roleSelect: { minWidth: "120px" },
  tolerance: { marginTop: tokens.spacingVerticalXXS },
  indicator: { display: "flex", flexDirection: "column" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export function DetectedTables({ state, actions, locale, disabled }: PanelProps) {
  const styles = useStyles();
  const t = stringsFor(locale);
  const view = state.view;
  // A refused role change (the parent removed) is counted: the message shows, the select reverts.
  const [refusals, setRefusals] = useState(0);
  const [refusalsSeen, setRefusalsSeen] = useState(0);
  const roleError = refusals > refusalsSeen;
  if (!view) return <Body1 className={styles.muted}>{t["tables.none"]}</Body1>;
  const maps = view.result.maps;
  const rejected = (view.result as { rejected?: Rejected[] }).rejected ?? [];
  const anySaved = maps.some((m) => state.savedSheets.includes(m.sheet));
  const replace = (index: number, map: TableMap) => {
    setRefusalsSeen(refusals);
    const sheetMaps = maps.flatMap((m, i) => (m.sheet !== map.sheet ? [] : [i === index ? map : m]));
    void actions.applyMaps(map.sheet, sheetMaps);
  };
  return (
    <div className={styles.section}>
      <Subtitle2 as="h2" className={styles.heading}>
        {t["tables.heading"]}
      </Subtitle2>
      <Caption1 className={styles.muted}>{t["tables.intro"]}</Caption1>
      <Caption1 data-testid="tables-result">
        {fill(t["tables.result"], {
          errors: view.result.summary.errors,
          warnings: view.result.summary.warnings,
          infos: view.result.summary.infos,
        })}
      </Caption1>
      <DeclareTable state={state} actions={actions} t={t} disabled={disabled} />
      <div className={styles.actions}>
        <Button
          icon={<ArrowCounterclockwise20Regular />}
          disabled={disabled || !anySaved}
          onClick={() => void actions.resetDetection()}
          title={t["tables.resetHint"]}
        >
          {t["tables.reset"]}
        </Button>
      </div>
      {roleError && (
        <Text role="alert" className={styles.error}>
          {t["role.needsParent"]}
        </Text>
      )}
      {maps.length === 0 && (
        <Body1>
          {view.scope === "all"
            ? t["problem.NO_TABLE.workbook"]
            : fill(t["problem.NO_TABLE"], { sheet: view.sheet })}
        </Body1>
      )}
      {rejected.length > 0 && (
        <div>
          <RejectedList t={t} rejected={rejected} testId="tables-rejected" captionClassName={styles.term} />
        </div>
      )}
      {maps.map((map, index) => {
        const grid = view.workbook.sheets.find((s) => s.name === map.sheet);
        const saved = state.savedSheets.includes(map.sheet);
        return (
          <article
            key={`${map.sheet}!${rangeA1(map.range)}`}
            className={styles.card}
            aria-label={`${map.sheet}!${rangeA1(map.range)}`}
          >
            <div className={styles.cardHead}>
              <Subtitle2 as="h3" className={styles.heading}>
                {map.type === "split" ? t["tables.split"] : t["tables.progression"]} · {map.sheet}!
                {rangeA1(map.range)}
              </Subtitle2>
              <Badge appearance="tint" color={saved ? "brand" : "informative"}>
                {saved ? t["tables.saved"] : t["tables.detected"]}
              </Badge>
            </div>
            <dl className={styles.facts}>
              <Fact term={t["tables.orientation"]} value={t[`orientation.${map.orientation}`]} />
              {map.type === "split" &&
                map.splits.map((split, i) => <SplitFacts key={i} map={map} index={i} t={t} />)}
              {map.type === "progression" && (
                <Fact term={t["tables.periods"]} value={map.periods.map((p) => p.label).join("、")} />
              )}
            </dl>
            {map.type === "split" && (
              <Field label={t["tables.policy"]} size="small">
                <ChoiceRadios<Policy>
                  value={map.policy}
                  revision={view}
                  disabled={disabled}
                  options={POLICIES.map((p) => ({ value: p, label: t[`policy.${p}`] }))}
                  onChoose={(p) => replace(index, setPolicy(map, p))}
                />
              </Field>
            )}
            <div className={styles.indicators} role="group" aria-label={t["tables.indicators"]}>
              <Caption1 className={styles.term}>{t["tables.indicators"]}</Caption1>
              {map.indicators.map((indicator) => (
                <div key={indicator.line} className={styles.indicator}>
                  <Field
                    label={`${indicator.name} · ${fill(
                      t[map.orientation === "indicators-in-rows" ? "where.row" : "where.column"],
                      { where: indicatorAddress(map.orientation, indicator.line) },
                    )}`}
                    size="small"
                  >
                    <ChoiceSelect<IndicatorKind>
                      size="small"
                      value={indicator.kind}
                      revision={view}
                      disabled={disabled}
                      options={INDICATOR_KINDS.map((k) => ({ value: k, label: t[`kind.${k}`] }))}
                      onChoose={(k) => replace(index, setIndicatorKind(map, indicator.line, k))}
                    />
                  </Field>
                  {map.type === "split" && (indicator.kind === "additive" || indicator.kind === "share") && (
                    <ToleranceInput
                      key={`${indicator.line}:${indicator.tolerance?.toString() ?? ""}`}
                      name={indicator.name}
                      value={indicator.tolerance}
                      disabled={disabled}
                      t={t}
                      onCommit={(v) => replace(index, setIndicatorTolerance(map, indicator.line, v))}
                    />
                  )}
                </div>
              ))}
            </div>
            {map.type === "split" && grid && (
              <Accordion collapsible>
                {map.splits.map((split, splitIndex) => (
                  <AccordionItem key={splitIndex} value={splitIndex}>
                    <AccordionHeader as="h4" size="small">
                      {map.orientation === "indicators-in-rows" ? t["tables.columns"] : t["tables.rows"]}
                      {map.splits.length > 1 ? ` · ${split.parent.label}` : ""}
                    </AccordionHeader>
                    <AccordionPanel>
                      <Table size="extra-small" aria-label={t["tables.columns"]}>
                        <TableHeader>
                          <TableRow>
                            <TableHeaderCell>{t["tables.colLabel"]}</TableHeaderCell>
                            <TableHeaderCell>{t["tables.colWhere"]}</TableHeaderCell>
                            <TableHeaderCell>{t["tables.colRole"]}</TableHeaderCell>
                          </TableRow>
                        </TableHeader>
                        <TableBody>
                          {unitColumns(grid, map, splitIndex).map((column) => (
                            <TableRow key={column.line}>
                              <TableCell>{column.label}</TableCell>
                              <TableCell>{column.where}</TableCell>
                              <TableCell>
                                <ChoiceSelect<UnitRole>
                                  size="small"
                                  className={styles.roleSelect}
                                  value={column.role}
                                  revision={refusals}
                                  disabled={disabled}
                                  aria-label={fill(t["tables.columnRole"], {
                                    label: column.label,
                                    where: column.where,
                                  })}
                                  options={UNIT_ROLES.map((r) => ({ value: r, label: t[`role.${r}`] }))}
                                  onChoose={(role) => {
                                    const changed = setUnitRole(grid, map, splitIndex, column.line, role);
                                    if (!changed.ok) setRefusals((n) => n + 1);
                                    else replace(index, changed.map);
                                  }}
                                />
                              </TableCell>
                            </TableRow>
                          ))}
                        </TableBody>
                      </Table>
                    </AccordionPanel>
                  </AccordionItem>
                ))}
              </Accordion>
            )}
          </article>
        );
      })}
    </div>
  );
}

/**
 * An indicator's own tolerance, typed: empty for the rounding tolerance of the shown precision,
 * 0 for exact, any other number of at least 0 to widen. Applied on Enter or when leaving the box.
 */
function ToleranceInput({
  name,
  value,
  disabled,
  t,
  onCommit,
}: {
  name: string;
  value: Decimal | undefined;
  disabled: boolean;
  t: Strings;
  onCommit: (value: Decimal | undefined) => void;
}) {
  const styles = useStyles();
  const [text, setText] = useState(value?.toString() ?? "");
  const parsed = toleranceFromText(text);
  const commit = () => {
    if (parsed === null) return;
    if (parsed === undefined ? value !== undefined : !value || !parsed.eq(value)) onCommit(parsed);
  };
  return (
    <Field
      size="small"
      className={styles.tolerance}
      label={t["tolerance.label"]}
      hint={t["tolerance.hint"]}
      validationState={parsed === null ? "error" : "none"}
      validationMessage={parsed === null ? t["tolerance.invalid"] : undefined}
    >
      <Input
        size="small"
        value={text}
        disabled={disabled}
        placeholder={t["tolerance.auto"]}
        aria-label={fill(t["tolerance.aria"], { name })}
        onChange={(_, data) => setText(data.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
    </Field>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  const styles = useStyles();
  return (
    <div style={{ display: "contents" }}>
      <dt className={styles.term}>
        <Caption1>{term}</Caption1>
      </dt>
      <dd className={styles.value}>
        <Caption1>{value}</Caption1>
      </dd>
    </div>
  );
}

function SplitFacts({ map, index, t }: { map: SplitTable; index: number; t: Strings }) {
  const split = map.splits[index];
  const where = (line: number) =>
    fill(t[`where.${unitLineKind(map.orientation)}`], { where: lineAddress(map.orientation, line) });
  const level = map.splits.length > 1 ? ` · ${fill(t["tables.level"], { level: split.level + 1 })}` : "";
  return (
    <>
      <Fact term={t["tables.parent"]} value={`${split.parent.label} (${where(split.parent.line)})${level}`} />
      <Fact
        term={t["tables.assignment"]}
        value={
          split.assignment
            ? `${split.assignment.label} (${where(split.assignment.line)})`
            : t["tables.none.assignment"]
        }
      />
      <Fact
        term={fill(t["tables.children"], { count: split.children.length })}
        value={split.children.map((c) => c.unit).join("、")}
      />
    </>
  );
}

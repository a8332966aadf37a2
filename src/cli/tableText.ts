/**
 * How the command line names what a workbook holds, and why a command found nothing in it to work
 * on: kinds of indicator, a split's orientation; no such sheet, an empty workbook, no table. Shared
 * by check, detect and rebalance; one catalog per language, picked by `lang`.
 */
import type { Lang } from "../core/messages";
import type { IndicatorKind, Orientation } from "../core/model";

interface TableCatalog {
  /** An indicator's kind, as check's table lines and detect's indicator lines name it. */
  kind: Record<IndicatorKind, string>;
  /** Where a split's indicators run, as check's table lines say it. */
  orientation: Record<Orientation, string>;
  /** --sheet names a sheet the workbook does not have; `sheets` lists those it has. */
  noSuchSheet(file: string, sheet: string, sheets: string): string;
  /** The workbook holds no cell at all (detect, rebalance). */
  emptyWorkbook(file: string): string;
  /** The same, as check says it: there is nothing to check. */
  nothingToCheck(file: string): string;
  /** No table to rebalance. */
  noTable(file: string): string;
  /** No table, with what detection looked at (detect). */
  noTableLookedAt(file: string, lookedAt: string): string;
  /** No table to check: on the sheet named, if one was; what a table needs, and what was looked at. */
  noTableToCheck(file: string, sheet: string | undefined, lookedAt: string): string;
}

const ZH: TableCatalog = {
  kind: { additive: "可加", share: "占比", ratio: "比率", qualitative: "定性" },
  orientation: { "indicators-in-rows": "指标在行", "units-in-rows": "单位在行" },
  noSuchSheet: (file, sheet, sheets) => `${file}：没有名为“${sheet}”的工作表（现有：${sheets}）`,
  emptyWorkbook: (file) => `${file}：工作簿是空的`,
  nothingToCheck: (file) => `${file}：工作簿是空的，没有可校核的内容`,
  noTable: (file) => `${file}：未找到可识别的指标分解表`,
  noTableLookedAt: (file, lookedAt) => `${file}：未找到可识别的指标分解表（${lookedAt}）`,
  noTableToCheck: (file, sheet, lookedAt) =>
    `${file}：${sheet ? `工作表“${sheet}”中` : ""}未找到可识别的指标分解表（需要一行或一列合计、本级目标或等于其余各项之和的数，或按年度排列的进度表；${lookedAt}）`,
};

const EN: TableCatalog = {
  kind: { additive: "additive", share: "share", ratio: "ratio", qualitative: "qualitative" },
  orientation: { "indicators-in-rows": "indicators in rows", "units-in-rows": "units in rows" },
  noSuchSheet: (file, sheet, sheets) => `${file}: no sheet named "${sheet}" (sheets: ${sheets})`,
  emptyWorkbook: (file) => `${file}: the workbook is empty`,
  nothingToCheck: (file) => `${file}: the workbook is empty; there is nothing to check`,
  noTable: (file) => `${file}: no recognisable target table`,
  noTableLookedAt: (file, lookedAt) => `${file}: no recognisable target table (${lookedAt})`,
  noTableToCheck: (file, sheet, lookedAt) =>
    `${file}: no recognisable target table${sheet ? ` on sheet "${sheet}"` : ""} (a total, a unit's own target or a line that is the sum of the others is needed, or year columns; ${lookedAt})`,
};

export const TABLE_TEXT: Record<Lang, TableCatalog> = { zh: ZH, en: EN };

/**
 * The engine's sentences about findings beyond each rule's own texts, one catalog per language:
 * tolerances and where the rounding band comes from, hints, evidence of a reading, and what
 * detection looked at without checking. messages.ts and rules/evidenceText.ts pick by language
 * and never branch on it. Why the band is what it is: docs/rules.md, "Tolerance".
 */
import type { Hint } from "./finding";
import type { Evidence } from "./model";
import type { Lang } from "./rules/evidenceText";

/** What an evidence sentence needs: the line's label and, where sums were tried, how many held. */
export interface EvidenceWords {
  label: string;
  /** ", 13 行中 13 行加总吻合" — empty when no sums were tried. */
  sums: string;
  tested?: number;
  holds?: number;
}

export interface MessageCatalog {
  /** After a finding's head (警告 · 合计不符：…). */
  headSep: string;
  /** Between hints on one line. */
  hintSep: string;
  /** A finding said of several cells at once, folded into one row. */
  folded(message: string, cells: number): string;
  /** Several children with no allocation, folded into one row. */
  foldedMissing(children: number): string;
  /** A passed check whose rule has no sentence of its own. */
  passed(title: string): string;
  /** Between a sentence and the tolerance it was judged with. */
  toleranceSep: string;
  tolerance: {
    exactCount: string;
    exact: string;
    user(value: string): string;
    writtenMultiplier(value: string): string;
    shownPrecision(value: string, unit: string): string;
    shownPrecisionOf(value: string, values: number, unit: string): string;
  };
  /** The statistics behind a rounding band, for the reader who opens the detail. */
  toleranceDetail(values: number, worstCase: string, value: string): string;
  /** The parent as a sentence names it: 杭州市目标 / the 杭州市 target; a sum word stays itself. */
  parentTarget(unit: string): string;
  sumWord(unit: string): string;
  /** A cell with the unit it belongs to, when known: 建德市（C9）. */
  unitAt(unit: string | undefined, cell: string): string;
  hint: Record<Hint["kind"], (who: string, suggested: string) => string>;
  /** One rejected range with why: 分解表!A1:F9（…）. */
  rejected(place: string, why: string): string;
  lookedAtNothing: string;
  lookedAt(shown: readonly string[], total: number, more: number): string;
  evidenceSums(tested: number, holds: number): string;
  evidence: Record<Evidence["code"], (w: EvidenceWords) => string>;
}

const ZH: MessageCatalog = {
  headSep: "：",
  hintSep: "；",
  folded: (message, n) => `${message}（共 ${n} 个单元格）`,
  foldedMissing: (n) => `${n} 个下级单位未分配，按 0 计入合计`,
  passed: (title) => `${title}：通过`,
  toleranceSep: "；",
  tolerance: {
    exactCount: "不允许误差：整数计数须完全相等",
    exact: "不允许误差（精确比较）",
    user: (v) => `允许 ±${v} 的误差（用户设定）`,
    writtenMultiplier: (v) => `允许 ±${v} 的四舍五入误差（有的数以“万”“亿”书写，只精确到末位）`,
    shownPrecision: (v, unit) => `允许 ±${v} 的四舍五入误差（各数保留到 ${unit}）`,
    shownPrecisionOf: (v, n, unit) => `允许 ±${v} 的四舍五入误差（${n} 个数都保留到 ${unit}）`,
  },
  toleranceDetail: (n, worst, v) =>
    `${n} 个数的舍入误差加在一起最多 ±${worst}；差额在 ±${v} 以内（约 3.5 个标准差，按 min(u·√n, n·u/2) 计）视为四舍五入，超过 ±${v} 但不超过 ±${worst} 为警告，超过 ±${worst} 则四舍五入无法解释，为错误。`,
  parentTarget: (unit) => `${unit}目标`,
  sumWord: (unit) => unit,
  unitAt: (unit, cell) => (unit ? `${unit}（${cell}）` : cell),
  hint: {
    "transposed-digits": (who, sug) => `${who}可能两位数字颠倒，应为 ${sug}？`,
    "dropped-digit": (who, sug) => `${who}可能少录一位数字，应为 ${sug}？`,
    "extra-digit": (who, sug) => `${who}可能多录一位数字，应为 ${sug}？`,
    "omitted-child": (who) => `差额恰等于${who}，合计可能漏计了它`,
    "double-counted-child": (who) => `差额恰等于${who}，合计可能重复计入了它`,
  },
  rejected: (place, why) => `${place}（${why}）`,
  lookedAtNothing: "没有找到表头在上、数值在下的表格",
  lookedAt: (shown, total, more) => `查看了 ${shown.join("；")}${more > 0 ? ` 等 ${total} 处` : ""}`,
  evidenceSums: (tested, holds) => `，${tested} 行中 ${holds} 行加总吻合`,
  evidence: {
    "total-word": (w) => `${w.label}：合计词${w.sums}`,
    "own-target": (w) => `${w.label}：本级目标${w.sums}`,
    "division-names": (w) => `${w.label}：行政区划名称表明上下级`,
    arithmetic: (w) => `${w.label}：等于其余各项之和（${w.tested} 行中 ${w.holds} 行）`,
    "assignment-word": (w) => `${w.label}：下达目标`,
    "corner-header": (w) => `${w.label}：表头`,
    "measures-in-names": () => "指标名称中带计量单位",
    "measure-line": (w) => `${w.label}：计量单位行（列）`,
    "division-suffixes": () => "单位名称为行政区划",
    periods: (w) => `${w.label}：年度`,
    "period-total": (w) => `${w.label}：期间合计`,
    "flat-sum": (w) => `${w.label}：所列各单位直接相加与合计吻合，优于按区划分级`,
    "group-sums": (w) => `${w.label}：部分行是其后若干行之和，按此分组`,
    components: (w) => `无合计行；${w.holds} 组分项在每个单位内加总`,
    parts: () => "无合计行；校核每个单位内的“其中”项",
  },
};

const EN: MessageCatalog = {
  headSep: ": ",
  hintSep: "; ",
  folded: (message, n) => `${message} (${n} cells)`,
  foldedMissing: (n) => `${n} children have no allocation, counted as 0`,
  passed: (title) => `${title}: passed`,
  toleranceSep: "; ",
  tolerance: {
    exactCount: "no difference allowed: whole-number counts must match",
    exact: "no difference allowed (exact comparison)",
    user: (v) => `difference allowed: ±${v} (set by the user)`,
    writtenMultiplier: (v) =>
      `rounding allowed: ±${v} (some values are written with 万/亿 and known only to their last digit)`,
    shownPrecision: (v, unit) => `rounding allowed: ±${v} (values shown to ${unit})`,
    shownPrecisionOf: (v, n, unit) => `rounding allowed: ±${v} (${n} values, each shown to ${unit})`,
  },
  toleranceDetail: (n, worst, v) =>
    `Together the rounding of the ${n} values can be off by at most ±${worst}; a difference within ±${v} (about 3.5 standard deviations, min(u·√n, n·u/2)) is rounding, beyond it but within ±${worst} a warning, beyond ±${worst} rounding cannot explain it: an error.`,
  parentTarget: (unit) => `the ${unit} target`,
  sumWord: (unit) => `the ${unit}`,
  unitAt: (unit, cell) => (unit ? `${unit} (${cell})` : cell),
  hint: {
    "transposed-digits": (who, sug) => `${who} may have two digits swapped: ${sug}?`,
    "dropped-digit": (who, sug) => `${who} may have lost a digit: ${sug}?`,
    "extra-digit": (who, sug) => `${who} may have an extra digit: ${sug}?`,
    "omitted-child": (who) => `the difference equals ${who}: the total may leave it out`,
    "double-counted-child": (who) => `the difference equals ${who}: the total may count it twice`,
  },
  rejected: (place, why) => `${place} (${why})`,
  lookedAtNothing: "found no block of numbers under a header",
  lookedAt: (shown, _total, more) => `looked at ${shown.join("; ")}${more > 0 ? ` and ${more} more` : ""}`,
  evidenceSums: (tested, holds) => ` + sums ${holds} of ${tested} rows`,
  evidence: {
    "total-word": (w) => `${w.label}: total word${w.sums}`,
    "own-target": (w) => `${w.label}: a unit's own target${w.sums}`,
    "division-names": (w) => `${w.label}: the division names nest the units`,
    arithmetic: (w) => `${w.label}: the sum of the others (${w.holds} of ${w.tested} rows)`,
    "assignment-word": (w) => `${w.label}: what the level above assigned`,
    "corner-header": (w) => `${w.label}: the header over the names`,
    "measures-in-names": () => "measures in the indicators' names",
    "measure-line": (w) => `${w.label}: a line of measures`,
    "division-suffixes": () => "units named as divisions",
    periods: (w) => `${w.label}: periods`,
    "period-total": (w) => `${w.label}: a period total`,
    "flat-sum": (w) => `${w.label}: the flat sum of every listed unit fits better than the division names`,
    "group-sums": (w) => `${w.label}: some lines are the sums of the lines after them, grouped so`,
    components: (w) => `no total line; ${w.holds} group(s) of rows add up within each unit`,
    parts: () => "no total line; 其中 parts within each unit",
  },
};

export const MESSAGE_TEXT: Record<Lang, MessageCatalog> = { zh: ZH, en: EN };

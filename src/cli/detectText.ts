/**
 * What `tdcheck detect` says in its text output: what a table is, its lines' roles, and why each
 * was read as it was. Kinds of indicator and why no table was found are shared (tableText.ts); what
 * was looked at and not read is core's (core/messages.ts). One catalog per language.
 */
import type { Lang } from "../core/messages";
import type { Reason } from "../core/model";
import { TABLE_TEXT } from "./tableText";

interface DetectCatalog {
  /** What a table is: a split (parent and children) or a progression (years). */
  split: string;
  progression: string;
  /** The roles of a split's lines. */
  parent: string;
  assignment: string;
  children: string;
  /** Before a progression's periods, and before the table's evidence. */
  periods: string;
  evidence: string;
  /** Between periods, and between pieces of evidence. */
  listSep: string;
  evidenceSep: string;
  /** After an indicator's kind and measure when it is a cap (lower is better). */
  cap: string;
  /** Before a range detection looked at and did not read. */
  lookedAtNotChecked: string;
  /** How a reason was found: a keyword, arithmetic, the user, a default, a position. */
  reasonBy: Record<Reason["by"], string>;
  /** Arithmetic support ("holds/tested" in the map): on how many of the rows tested a sum holds. */
  rowsHold(held: string, tested: string): string;
  /**
   * A reason's evidence: the sheet's own words (a keyword, a label) as written; the engine's notes
   * (in English for the JSON map) said in the reader's language, or left out when not known.
   */
  evidenceOf(r: { by: string; evidence: string }): string;
}

/**
 * The engine's notes in Chinese; the words of the sheet inside them (合计, 杭州市目标, GDP) stay as
 * they are. A note this table does not know is left out of the Chinese text rather than shown in English.
 */
const NOTES_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^sum holds on (\d+) of (\d+) rows$/, (m) => `${m[2]} 行中 ${m[1]} 行加总吻合`],
  [/^sum holds in (\d+) of (\d+) units$/, (m) => `${m[2]} 个单位中 ${m[1]} 个加总吻合`],
  [/^measure (.+)$/, (m) => `计量单位为“${m[1]}”`],
  [/^no ratio wording$/, () => "名称中没有比率用语"],
  [/^division names$/, () => "行政区划名称"],
  [/^(declared by the user|map|roles? set by the user)$/, () => ""],
  [/^kind: (\w+)$/, (m) => `类型：${(TABLE_TEXT.zh.kind as Record<string, string>)[m[1]] ?? ""}`],
  [/^tolerance: rounding$/, () => "容差：按显示精度"],
  [/^tolerance: (.+)$/, (m) => `容差：${m[1]}`],
];

const ZH: DetectCatalog = {
  split: "分解表",
  progression: "年度进度表",
  parent: "上级",
  assignment: "下达",
  children: "下级",
  periods: "期间：",
  evidence: "依据：",
  listSep: "、",
  evidenceSep: "；",
  cap: " · 上限",
  lookedAtNotChecked: "查看但未校核",
  reasonBy: {
    keyword: "关键词",
    arithmetic: "算术吻合",
    user: "用户指定",
    default: "默认",
    position: "位置",
  },
  rowsHold: (held, tested) => `${tested} 行中 ${held} 行`,
  evidenceOf: (r) => {
    for (const [pattern, say] of NOTES_ZH) {
      const m = pattern.exec(r.evidence);
      if (m) return say(m);
    }
    return r.by === "keyword" || r.by === "position" ? r.evidence : "";
  },
};

const EN: DetectCatalog = {
  split: "split",
  progression: "progression",
  parent: "parent",
  assignment: "assignment",
  children: "children",
  periods: "periods: ",
  evidence: "evidence: ",
  listSep: ", ",
  evidenceSep: "; ",
  cap: " · cap",
  lookedAtNotChecked: "looked at, not checked",
  reasonBy: {
    keyword: "keyword",
    arithmetic: "arithmetic fit",
    user: "user",
    default: "default",
    position: "position",
  },
  rowsHold: (held, tested) => `${held} of ${tested} rows`,
  evidenceOf: (r) => r.evidence,
};

export const DETECT_TEXT: Record<Lang, DetectCatalog> = { zh: ZH, en: EN };

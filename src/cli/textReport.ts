/** The command line's text output: for people, aligned, in the reader's language. */
import type { CheckResult } from "../core/check";
import { RULE_TITLES, SEVERITY_TEXT, renderHint, renderMessage, type Lang } from "../core/messages";
import { foldedMessage, foldRepeatedInfos } from "../core/report/folding";
import { padEnd, maxWidth } from "./width";
import { plural } from "./plural";

const ORIENTATION: Record<Lang, Record<string, string>> = {
  zh: { "indicators-in-rows": "指标在行", "units-in-rows": "单位在行" },
  en: { "indicators-in-rows": "indicators in rows", "units-in-rows": "units in rows" },
};

const KIND: Record<Lang, Record<string, string>> = {
  zh: { additive: "可加", share: "占比", ratio: "比率", qualitative: "定性" },
  en: { additive: "additive", share: "share", ratio: "ratio", qualitative: "qualitative" },
};

export function tablesText(result: CheckResult, lang: Lang): string[] {
  const zh = lang === "zh";
  const lines: string[] = [];
  for (const t of result.tables) {
    const kinds = t.indicators.map((i) => KIND[lang][i.kind]);
    const counts = [...new Set(kinds)].map((k) => `${kinds.filter((x) => x === k).length} ${k}`).join(", ");
    lines.push(
      zh
        ? `  ▸ ${t.sheet}!${t.range}  分解表（${ORIENTATION.zh[t.orientation]}）：上级“${t.parent}”${t.assignment ? `，下达“${t.assignment}”` : ""}，${t.children.length} 个下级单位，${t.indicators.length} 个指标（${counts}）`
        : `  ▸ ${t.sheet}!${t.range}  split (${ORIENTATION.en[t.orientation]}): parent "${t.parent}"${t.assignment ? `, assignment "${t.assignment}"` : ""}, ${t.children.length} children, ${t.indicators.length} indicators (${counts})`,
    );
  }
  for (const p of result.progressions) {
    lines.push(
      zh
        ? `  ▸ ${p.sheet}!${p.range}  年度进度表（${p.periods.join("、")}）：${p.indicators.length} 个指标，不跨年相加`
        : `  ▸ ${p.sheet}!${p.range}  progression (${p.periods.join(", ")}): ${p.indicators.length} indicators, never summed across periods`,
    );
  }
  return lines;
}

interface Line {
  severity: string;
  where: string;
  rule: string;
  indicator: string;
  message: string;
  hints: string[];
}

/**
 * One line per error and warning; infos that say the same thing about one indicator (13
 * qualitative cells in a row) are folded into one line over their cells (core/report/folding.ts,
 * as the audit report does). JSON keeps every cell.
 */
export function findingsText(result: CheckResult, lang: Lang): string[] {
  const rows: Line[] = foldRepeatedInfos(result.findings).map((group) => {
    const f = group.finding;
    return {
      severity: SEVERITY_TEXT[f.severity][lang],
      where: `${f.sheet}!${group.cells.join(",")}`,
      rule: RULE_TITLES[f.rule][lang],
      indicator: f.indicator ?? "",
      message: foldedMessage(renderMessage(f, lang), group, lang),
      hints: f.hints.map((h) => renderHint(h, lang)),
    };
  });
  const w = (key: "severity" | "where" | "rule") => maxWidth(rows.map((r) => r[key]));
  const ws = w("severity");
  const ww = Math.min(w("where"), 24);
  const wr = w("rule");
  const indent = " ".repeat(ws + ww + wr + 8);
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`  ${padEnd(r.severity, ws)}  ${padEnd(r.where, ww)}  ${padEnd(r.rule, wr)}  ${r.indicator}`);
    lines.push(`${indent}${r.message}`);
    for (const h of r.hints) lines.push(`${indent}→ ${h}`);
  }
  return lines;
}

export function summaryText(result: CheckResult, lang: Lang): string {
  const s = result.summary;
  return lang === "zh"
    ? `共 ${s.tables} 张分解表、${s.progressions} 张进度表、${s.indicators} 个指标；执行 ${s.checks} 项校核，通过 ${s.passed} 项；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}`
    : `${plural(s.tables, "split table", "split tables")}, ${plural(s.progressions, "progression", "progressions")}, ${plural(s.indicators, "indicator", "indicators")}; ${plural(s.checks, "check", "checks")} run, ${s.passed} passed; ${plural(s.errors, "error", "errors")}, ${plural(s.warnings, "warning", "warnings")}, ${s.infos} info`;
}

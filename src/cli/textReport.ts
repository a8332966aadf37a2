/** The command line's text output: for people, aligned, in the reader's language. */
import type { CheckResult } from "../core/check";
import { RULE_TITLES, SEVERITY_TEXT, renderHint, renderMessage, type Lang } from "../core/messages";
import { displayWidth, padEnd } from "./width";

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
        ? `  分解表 ${t.sheet}!${t.range}（${ORIENTATION.zh[t.orientation]}）：上级“${t.parent}”${t.assignment ? `，下达“${t.assignment}”` : ""}，${t.children.length} 个下级单位，${t.indicators.length} 个指标（${counts}）`
        : `  split ${t.sheet}!${t.range} (${ORIENTATION.en[t.orientation]}): parent "${t.parent}"${t.assignment ? `, assignment "${t.assignment}"` : ""}, ${t.children.length} children, ${t.indicators.length} indicators (${counts})`,
    );
  }
  for (const p of result.progressions) {
    lines.push(
      zh
        ? `  进度表 ${p.sheet}!${p.range}（按期间：${p.periods.join("、")}）：${p.indicators.length} 个指标，不跨年相加`
        : `  progression ${p.sheet}!${p.range} (periods: ${p.periods.join(", ")}): ${p.indicators.length} indicators, never summed across periods`,
    );
  }
  return lines;
}

export function findingsText(result: CheckResult, lang: Lang): string[] {
  const rows = result.findings.map((f) => ({
    severity: SEVERITY_TEXT[f.severity][lang],
    where: `${f.sheet}!${f.cell}`,
    rule: RULE_TITLES[f.rule][lang],
    indicator: f.indicator ?? "",
    message: renderMessage(f, lang),
    hints: f.hints.map((h) => renderHint(h, lang)),
  }));
  const w = (key: "severity" | "where" | "rule") => Math.max(0, ...rows.map((r) => displayWidth(r[key])));
  const ws = w("severity");
  const ww = w("where");
  const wr = w("rule");
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(`  ${padEnd(r.severity, ws)}  ${padEnd(r.where, ww)}  ${padEnd(r.rule, wr)}  ${r.indicator}`);
    lines.push(`  ${" ".repeat(ws + ww + wr + 6)}${r.message}`);
    for (const h of r.hints) lines.push(`  ${" ".repeat(ws + ww + wr + 6)}→ ${h}`);
  }
  return lines;
}

export function summaryText(result: CheckResult, lang: Lang): string {
  const s = result.summary;
  return lang === "zh"
    ? `共 ${s.tables} 张分解表、${s.progressions} 张进度表、${s.indicators} 个指标；执行 ${s.checks} 项校核，通过 ${s.passed} 项；错误 ${s.errors}，警告 ${s.warnings}，提示 ${s.infos}`
    : `${s.tables} split table(s), ${s.progressions} progression(s), ${s.indicators} indicators; ${s.checks} checks run, ${s.passed} passed; ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info`;
}

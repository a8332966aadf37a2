/** The command line's text output: for people, aligned, in the reader's language. */
import type { CheckResult } from "../core/check";
import { RULE_TITLES, SEVERITY_TEXT, renderHint, renderMessage, type Lang } from "../core/messages";
import { compressCells, parseA1, type CellPosition } from "../core/address";
import { padEnd, maxWidth } from "./width";

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
 * qualitative cells in a row) are folded into one line over their cells. JSON keeps every cell.
 */
export function findingsText(result: CheckResult, lang: Lang): string[] {
  const rows: Line[] = [];
  type Group = { line: Line; cells: CellPosition[]; sheet: string; count: number };
  // Keyed by sheet, rule and indicator, then by the text itself: a text thousands of cells share
  // (one long shared string) is looked up, never copied into a key or rendered again per cell.
  const folded = new Map<string, Map<string | number, Group>>();
  const groups: Group[] = [];
  const lineOf = (f: CheckResult["findings"][number]): Line => ({
    severity: SEVERITY_TEXT[f.severity][lang],
    where: `${f.sheet}!${f.cell}`,
    rule: RULE_TITLES[f.rule][lang],
    indicator: f.indicator ?? "",
    message: renderMessage(f, lang),
    hints: f.hints.map((h) => renderHint(h, lang)),
  });
  for (const f of result.findings) {
    const text = f.details?.text;
    if (f.severity !== "info" || text === undefined) {
      rows.push(lineOf(f));
      continue;
    }
    const key = [f.sheet, f.rule, f.indicator].join("\u0000");
    let byText = folded.get(key);
    if (!byText) folded.set(key, (byText = new Map()));
    const group = byText.get(text);
    const pos = parseA1(f.cell)!;
    if (group) {
      group.cells.push(pos);
      group.count++;
    } else {
      const line = lineOf(f);
      const g = { line, cells: [pos], sheet: f.sheet, count: 1 };
      byText.set(text, g);
      groups.push(g);
      rows.push(line);
    }
  }
  for (const g of groups) {
    if (g.count === 1) continue;
    g.line.where = `${g.sheet}!${compressCells(g.cells).join(",")}`;
    g.line.message =
      lang === "zh" ? `${g.line.message}（共 ${g.count} 个单元格）` : `${g.line.message} (${g.count} cells)`;
    if (g.line.rule === RULE_TITLES["missing-value"][lang])
      g.line.message =
        lang === "zh"
          ? `${g.count} 个下级单位未分配，按 0 计入合计`
          : `${g.count} children have no allocation, counted as 0`;
  }
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
    : `${s.tables} split table(s), ${s.progressions} progression(s), ${s.indicators} indicators; ${s.checks} checks run, ${s.passed} passed; ${s.errors} error(s), ${s.warnings} warning(s), ${s.infos} info`;
}

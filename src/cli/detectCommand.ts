/** `tdcheck detect`: what detection understood, as a table map a person can correct and pass back with --map. */
import { detectWorkbook } from "../core/check";
import { toMapDocument } from "../core/mapJson";
import { describeEvidence, describeRejected, lookedAtText, type Lang } from "../core/messages";
import type { Reason, TableMap } from "../core/model";
import { rangeA1, columnName } from "../core/address";
import { EXIT } from "./checkCommand";
import type { CliIo } from "./io";
import { INPUT_TEXT } from "./inputText";
import { prepareInput } from "./legacyInput";
import { chosenUnreadable, isConverted, loadWorkbook } from "./load";
import { maxCellsOption, unreadableWords } from "./messages";

export interface DetectOptions {
  sheet?: string;
  format: "text" | "json";
  lang: Lang;
  /** --max-cells as typed. */
  maxCells?: string;
  /** --soffice: LibreOffice's program, for an .xls/.et input. */
  soffice?: string;
}

const KIND: Record<Lang, Record<string, string>> = {
  zh: { additive: "可加", share: "占比", ratio: "比率", qualitative: "定性" },
  en: { additive: "additive", share: "share", ratio: "ratio", qualitative: "qualitative" },
};

/**
 * Detection's evidence in Chinese: the words of the sheet (合计, 杭州市目标, GDP) stay as they are;
 * the engine's own notes (written in English for the JSON map) are said in Chinese. A note this
 * table does not know is left out of the Chinese text rather than shown in English.
 */
const EVIDENCE_ZH: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^sum holds on (\d+) of (\d+) rows$/, (m) => `${m[2]} 行中 ${m[1]} 行加总吻合`],
  [/^sum holds in (\d+) of (\d+) units$/, (m) => `${m[2]} 个单位中 ${m[1]} 个加总吻合`],
  [/^measure (.+)$/, (m) => `计量单位为“${m[1]}”`],
  [/^no ratio wording$/, () => "名称中没有比率用语"],
  [/^division names$/, () => "行政区划名称"],
  [/^(declared by the user|map|roles? set by the user)$/, () => ""],
  [/^kind: (\w+)$/, (m) => `类型：${KIND.zh[m[1]] ?? ""}`],
  [/^tolerance: rounding$/, () => "容差：按显示精度"],
  [/^tolerance: (.+)$/, (m) => `容差：${m[1]}`],
];

function evidenceText(r: { by: string; evidence: string }, lang: Lang): string {
  if (lang !== "zh") return r.evidence;
  for (const [pattern, say] of EVIDENCE_ZH) {
    const m = pattern.exec(r.evidence);
    if (m) return say(m);
  }
  // The sheet's own words (a keyword, a label) are evidence as written; an engine note is not.
  return r.by === "keyword" || r.by === "position" ? r.evidence : "";
}

function why(r: Reason, lang: Lang): string {
  const by: Record<string, [string, string]> = {
    keyword: ["关键词", "keyword"],
    arithmetic: ["算术吻合", "arithmetic fit"],
    user: ["用户指定", "user"],
    default: ["默认", "default"],
    position: ["位置", "position"],
  };
  const [zh, en] = by[r.by] ?? [r.by, r.by];
  // Arithmetic support is written "holds/tested" (language-neutral) and worded here.
  const rows = /^(\d+)\/(\d+)$/.exec(r.evidence);
  const evidence = rows
    ? lang === "zh"
      ? `${rows[2]} 行中 ${rows[1]} 行`
      : `${rows[1]} of ${rows[2]} rows`
    : evidenceText(r, lang);
  const own = evidence ? `${lang === "zh" ? zh : en} ${evidence}` : lang === "zh" ? zh : en;
  return r.support?.length ? [own, ...r.support.map((s) => why(s, lang))].join(" + ") : own;
}

function describe(m: TableMap, lang: Lang): string[] {
  const zh = lang === "zh";
  const at = (line: number) => (m.orientation === "indicators-in-rows" ? columnName(line) : String(line + 1));
  const lines = [
    `${m.sheet}!${rangeA1(m.range)}  ${m.type === "split" ? (zh ? "分解表" : "split") : zh ? "年度进度表" : "progression"}`,
  ];
  if (m.type === "split") {
    for (const s of m.splits) {
      lines.push(
        `  ${"  ".repeat(s.level)}${zh ? "上级" : "parent"} ${at(s.parent.line)} “${s.parent.label}”（${why(s.parent.why, lang)}）` +
          (s.assignment
            ? `，${zh ? "下达" : "assignment"} ${at(s.assignment.line)} “${s.assignment.label}”`
            : "") +
          `，${zh ? "下级" : "children"} ${s.children.map((c) => c.unit).join("、")}`,
      );
    }
  } else
    lines.push(`  ${zh ? "期间：" : "periods: "}${m.periods.map((p) => p.label).join(zh ? "、" : ", ")}`);
  if (m.evidence?.length)
    lines.push(
      `  ${zh ? "依据：" : "evidence: "}${m.evidence.map((e) => describeEvidence(e, lang)).join(zh ? "；" : "; ")}`,
    );
  for (const i of m.indicators) {
    lines.push(
      `  ${m.orientation === "indicators-in-rows" ? i.line + 1 : columnName(i.line)}  ${i.name}  [${KIND[lang][i.kind]}${i.measure ? ` · ${i.measure}` : ""}${i.direction === "cap" ? (zh ? " · 上限" : " · cap") : ""}]  ${i.why.map((w) => why(w, lang)).join("; ")}`,
    );
  }
  return lines;
}

export async function runDetect(file: string, options: DetectOptions, io: CliIo): Promise<number> {
  const limit = maxCellsOption(options.maxCells, options.lang);
  if (!limit.ok) {
    io.stderr(`tdcheck: ${limit.message}\n`);
    return EXIT.unusable;
  }
  const prepared = await prepareInput(file, options, io);
  const loaded = loadWorkbook(file, io, options.lang, { maxCells: limit.value, prepared });
  if (!loaded.ok) {
    io.stderr(`tdcheck: ${loaded.message}\n`);
    return EXIT.unusable;
  }
  const sheets = chosenUnreadable(loaded.unreadable, options.sheet);
  const unreadable = sheets.length
    ? `tdcheck: ${unreadableWords(file, sheets, false)[options.lang]}\n`
    : undefined;
  const { maps, problems, rejected } = detectWorkbook(loaded.workbook, { sheet: options.sheet });
  // A sheet that could not be read may hold the table that was not found: that is the line.
  if (problems.length && unreadable) {
    io.stderr(unreadable);
    return EXIT.unusable;
  }
  if (problems.length) {
    const zh = options.lang === "zh";
    const p = problems[0];
    io.stderr(
      `tdcheck: ${file}${zh ? "：" : ": "}${
        p.code === "EMPTY_WORKBOOK"
          ? zh
            ? "工作簿是空的"
            : "the workbook is empty"
          : p.code === "NO_SUCH_SHEET"
            ? zh
              ? `没有名为“${p.sheet}”的工作表（现有：${p.detail}）`
              : `no sheet named "${p.sheet}" (sheets: ${p.detail})`
            : zh
              ? `未找到可识别的指标分解表（${lookedAtText(rejected, options.lang)}）`
              : `no recognisable target table (${lookedAtText(rejected, options.lang)})`
      }\n`,
    );
    return EXIT.unusable;
  }
  if (options.format === "json") {
    const doc = toMapDocument(maps);
    io.stdout(JSON.stringify(rejected.length ? { ...doc, rejected } : doc, null, 2) + "\n");
  } else {
    const zh = options.lang === "zh";
    const lines = maps.flatMap((m) => describe(m, options.lang));
    // What was detected is LibreOffice's reading of the file: said first, as check says it.
    if (isConverted(loaded.source))
      lines.unshift(`${file}  (${INPUT_TEXT[options.lang].convertedSource(loaded.source.format)})`);
    for (const r of rejected)
      lines.push(`${zh ? "查看但未校核" : "looked at, not checked"}: ${describeRejected(r, options.lang)}`);
    io.stdout(lines.join("\n") + "\n");
  }
  if (unreadable) {
    io.stderr(unreadable);
    return EXIT.unusable;
  }
  return EXIT.clean;
}

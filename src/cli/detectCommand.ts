/** `tdcheck detect`: what detection understood, as a table map a person can correct and pass back with --map. */
import { detectWorkbook } from "../core/check";
import { toMapDocument } from "../core/mapJson";
import type { Lang } from "../core/messages";
import type { TableMap } from "../core/model";
import { rangeA1, columnName } from "../core/address";
import { EXIT } from "./checkCommand";
import type { CliIo } from "./io";
import { chosenUnreadable, loadWorkbook } from "./load";
import { maxCellsOption, unreadableWords } from "./messages";

export interface DetectOptions {
  sheet?: string;
  format: "text" | "json";
  lang: Lang;
  /** --max-cells as typed. */
  maxCells?: string;
}

const KIND: Record<Lang, Record<string, string>> = {
  zh: { additive: "可加", share: "占比", ratio: "比率", qualitative: "定性" },
  en: { additive: "additive", share: "share", ratio: "ratio", qualitative: "qualitative" },
};

function why(r: { by: string; evidence: string }, lang: Lang): string {
  const by: Record<string, [string, string]> = {
    keyword: ["关键词", "keyword"],
    arithmetic: ["算术吻合", "arithmetic fit"],
    user: ["用户指定", "user"],
    default: ["默认", "default"],
    position: ["位置", "position"],
  };
  const [zh, en] = by[r.by] ?? [r.by, r.by];
  return `${lang === "zh" ? zh : en} ${r.evidence}`;
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
  } else lines.push(`  ${zh ? "期间" : "periods"}: ${m.periods.map((p) => p.label).join("、")}`);
  for (const i of m.indicators) {
    lines.push(
      `  ${m.orientation === "indicators-in-rows" ? i.line + 1 : columnName(i.line)}  ${i.name}  [${KIND[lang][i.kind]}${i.measure ? ` · ${i.measure}` : ""}${i.direction === "cap" ? (zh ? " · 上限" : " · cap") : ""}]  ${i.why.map((w) => why(w, lang)).join("; ")}`,
    );
  }
  return lines;
}

export function runDetect(file: string, options: DetectOptions, io: CliIo): number {
  const limit = maxCellsOption(options.maxCells, options.lang);
  if (!limit.ok) {
    io.stderr(`tdcheck: ${limit.message}\n`);
    return EXIT.unusable;
  }
  const loaded = loadWorkbook(file, io, options.lang, { maxCells: limit.value });
  if (!loaded.ok) {
    io.stderr(`tdcheck: ${loaded.message}\n`);
    return EXIT.unusable;
  }
  const sheets = chosenUnreadable(loaded.unreadable, options.sheet);
  const unreadable = sheets.length
    ? `tdcheck: ${unreadableWords(file, sheets, false)[options.lang]}\n`
    : undefined;
  const { maps, problems } = detectWorkbook(loaded.workbook, { sheet: options.sheet });
  if (problems.length && unreadable) {
    io.stderr(unreadable);
    return EXIT.unusable;
  }
  if (problems.length) {
    const zh = options.lang === "zh";
    io.stderr(
      `tdcheck: ${file}: ${zh ? "未找到可识别的指标分解表" : "no recognisable target table"} (${problems[0].code})\n`,
    );
    return EXIT.unusable;
  }
  if (options.format === "json") io.stdout(JSON.stringify(toMapDocument(maps), null, 2) + "\n");
  else io.stdout(maps.flatMap((m) => describe(m, options.lang)).join("\n") + "\n");
  if (unreadable) {
    io.stderr(unreadable);
    return EXIT.unusable;
  }
  return EXIT.clean;
}

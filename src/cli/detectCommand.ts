/** `tdcheck detect`: what detection understood, as a table map a person can correct and pass back with --map. */
import { detectWorkbook } from "../core/check";
import { toMapDocument } from "../core/mapJson";
import { describeEvidence, describeRejected, lookedAtText, type Lang } from "../core/messages";
import type { Reason, TableMap } from "../core/model";
import { rangeA1, columnName } from "../core/address";
import { EXIT } from "./checkFile";
import type { CliIo } from "./io";
import { DETECT_TEXT } from "./detectText";
import { INPUT_TEXT } from "./inputText";
import { prepareInput } from "./legacyInput";
import { chosenUnreadable, isConverted, loadWorkbook } from "./load";
import { maxCellsOption, unreadableWords } from "./messages";
import { TABLE_TEXT } from "./tableText";

export interface DetectOptions {
  sheet?: string;
  format: "text" | "json";
  lang: Lang;
  /** --max-cells as typed. */
  maxCells?: string;
  /** --soffice: LibreOffice's program, for an .xls/.et input. */
  soffice?: string;
}

function why(r: Reason, lang: Lang): string {
  const t = DETECT_TEXT[lang];
  const by = t.reasonBy[r.by] ?? r.by;
  // Arithmetic support is written "holds/tested" (language-neutral) and worded here.
  const rows = /^(\d+)\/(\d+)$/.exec(r.evidence);
  const evidence = rows ? t.rowsHold(rows[1], rows[2]) : t.evidenceOf(r);
  const own = evidence ? `${by} ${evidence}` : by;
  return r.support?.length ? [own, ...r.support.map((s) => why(s, lang))].join(" + ") : own;
}

function describe(m: TableMap, lang: Lang): string[] {
  const t = DETECT_TEXT[lang];
  const at = (line: number) => (m.orientation === "indicators-in-rows" ? columnName(line) : String(line + 1));
  const lines = [`${m.sheet}!${rangeA1(m.range)}  ${m.type === "split" ? t.split : t.progression}`];
  if (m.type === "split") {
    for (const s of m.splits) {
      lines.push(
        `  ${"  ".repeat(s.level)}${t.parent} ${at(s.parent.line)} “${s.parent.label}”（${why(s.parent.why, lang)}）` +
          (s.assignment ? `，${t.assignment} ${at(s.assignment.line)} “${s.assignment.label}”` : "") +
          `，${t.children} ${s.children.map((c) => c.unit).join("、")}`,
      );
    }
  } else lines.push(`  ${t.periods}${m.periods.map((p) => p.label).join(t.listSep)}`);
  if (m.evidence?.length)
    lines.push(`  ${t.evidence}${m.evidence.map((e) => describeEvidence(e, lang)).join(t.evidenceSep)}`);
  for (const i of m.indicators) {
    lines.push(
      `  ${m.orientation === "indicators-in-rows" ? i.line + 1 : columnName(i.line)}  ${i.name}  [${TABLE_TEXT[lang].kind[i.kind]}${i.measure ? ` · ${i.measure}` : ""}${i.direction === "cap" ? t.cap : ""}]  ${i.why.map((w) => why(w, lang)).join("; ")}`,
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
    const p = problems[0];
    const words = TABLE_TEXT[options.lang];
    io.stderr(
      `tdcheck: ${
        p.code === "EMPTY_WORKBOOK"
          ? words.emptyWorkbook(file)
          : p.code === "NO_SUCH_SHEET"
            ? words.noSuchSheet(file, String(p.sheet), String(p.detail))
            : words.noTableLookedAt(file, lookedAtText(rejected, options.lang))
      }\n`,
    );
    return EXIT.unusable;
  }
  if (options.format === "json") {
    const doc = toMapDocument(maps);
    io.stdout(JSON.stringify(rejected.length ? { ...doc, rejected } : doc, null, 2) + "\n");
  } else {
    const lines = maps.flatMap((m) => describe(m, options.lang));
    // What was detected is LibreOffice's reading of the file: said first, as check says it.
    if (isConverted(loaded.source))
      lines.unshift(`${file}  (${INPUT_TEXT[options.lang].convertedSource(loaded.source.format)})`);
    for (const r of rejected)
      lines.push(`${DETECT_TEXT[options.lang].lookedAtNotChecked}: ${describeRejected(r, options.lang)}`);
    io.stdout(lines.join("\n") + "\n");
  }
  if (unreadable) {
    io.stderr(unreadable);
    return EXIT.unusable;
  }
  return EXIT.clean;
}

/** `tdcheck check`: findings for people (text) or machines (JSON), an annotated copy on request. */
import { checkMaps, checkWorkbook, type CheckResult } from "../core/check";
import { loadMap } from "./mapFile";
import { contractDocument } from "../core/contract";
import { planFlags } from "../core/flagPlan";
import type { Lang } from "../core/messages";
import type { WorkbookGrid } from "../core/grid";
import type { CliIo } from "./io";
import { loadWorkbook } from "./load";
import { findingsText, summaryText, tablesText } from "./textReport";
import { annotateXlsx } from "./xlsx/annotate";

export interface CheckOptions {
  sheet?: string;
  /** A corrected table map (tdcheck-map/1) to use instead of detection. */
  map?: string;
  format: "text" | "json";
  annotate?: string;
  strict: boolean;
  lang: Lang;
}

export const EXIT = { clean: 0, errors: 1, unusable: 2 } as const;

function problemText(result: CheckResult, file: string, lang: Lang): string | null {
  const p = result.problems[0];
  if (!p) return null;
  const zh = lang === "zh";
  switch (p.code) {
    case "EMPTY_WORKBOOK":
      return zh
        ? `${file}：工作簿是空的，没有可校核的内容`
        : `${file}: the workbook is empty; there is nothing to check`;
    case "NO_SUCH_SHEET":
      return zh
        ? `${file}：没有名为“${p.sheet}”的工作表（现有：${p.detail}）`
        : `${file}: no sheet named "${p.sheet}" (sheets: ${p.detail})`;
    case "NO_TABLE":
      return zh
        ? `${file}：${p.sheet ? `工作表“${p.sheet}”中` : ""}未找到可识别的指标分解表（需要表头含“合计”“全市”“X市目标”等上级列与区县等下级列，或按年度排列的进度表）`
        : `${file}: no recognisable target table${p.sheet ? ` on sheet "${p.sheet}"` : ""} (a header with a total such as 合计/全市/X市目标 and unit columns, or year columns, is needed)`;
  }
}

export function runCheck(file: string, options: CheckOptions, io: CliIo): number {
  const loaded = loadWorkbook(file, io, options.lang);
  if (!loaded.ok) {
    io.stderr(`tdcheck: ${loaded.message}\n`);
    return EXIT.unusable;
  }
  let result: CheckResult;
  if (options.map) {
    const maps = loadMap(options.map, loaded.workbook, options.lang, io);
    if (!maps.ok) {
      io.stderr(`tdcheck: ${maps.message}\n`);
      return EXIT.unusable;
    }
    const chosen =
      options.sheet === undefined ? maps.maps : maps.maps.filter((m) => m.sheet === options.sheet);
    result = {
      ...checkMaps(loaded.workbook, chosen),
      problems: chosen.length ? [] : [{ code: "NO_TABLE", sheet: options.sheet }],
    };
  } else result = checkWorkbook(loaded.workbook, { sheet: options.sheet });
  const problem = problemText(result, file, options.lang);
  if (problem) {
    io.stderr(`tdcheck: ${problem}\n`);
    return EXIT.unusable;
  }
  if (options.annotate) {
    const written = writeAnnotated(file, loaded.bytes, loaded.workbook, result, options, io);
    if (written !== null) return written;
  }
  if (options.format === "json") {
    io.stdout(JSON.stringify(contractDocument(file, result, options.lang), null, 2) + "\n");
  } else {
    const lines = [file, ...tablesText(result, options.lang), ""];
    if (result.findings.length) lines.push(...findingsText(result, options.lang), "");
    lines.push(summaryText(result, options.lang));
    if (options.annotate)
      lines.push(
        options.lang === "zh"
          ? `已写出标注副本：${options.annotate}`
          : `Annotated copy written: ${options.annotate}`,
      );
    io.stdout(lines.join("\n") + "\n");
  }
  const failing = result.summary.errors + (options.strict ? result.summary.warnings : 0);
  return failing > 0 ? EXIT.errors : EXIT.clean;
}

/** Writes the annotated copy; returns an exit code when it must stop, null when all went well. */
function writeAnnotated(
  file: string,
  bytes: Uint8Array,
  workbook: WorkbookGrid,
  result: CheckResult,
  options: CheckOptions,
  io: CliIo,
): number | null {
  const zh = options.lang === "zh";
  const out = options.annotate!;
  if (io.exists(out) && io.sameFile(out, file)) {
    io.stderr(
      zh
        ? `tdcheck: 不会覆盖输入文件，请为标注副本另选文件名：${out}\n`
        : `tdcheck: refusing to overwrite the input; choose another name for the annotated copy: ${out}\n`,
    );
    return EXIT.unusable;
  }
  const annotated = annotateXlsx(bytes, planFlags(workbook, result.findings, options.lang));
  if (!annotated.ok) {
    const parts = annotated.problem.parts.join(", ");
    io.stderr(
      zh
        ? `tdcheck: 无法在不丢失内容的前提下写出标注副本（${annotated.problem.detail}${parts ? `：${parts}` : ""}），未写任何文件\n`
        : `tdcheck: cannot write the annotated copy without losing content (${annotated.problem.detail}${parts ? `: ${parts}` : ""}); nothing written\n`,
    );
    return EXIT.unusable;
  }
  io.writeFile(out, annotated.bytes);
  return null;
}

/**
 * The command line's words about files, outputs and what a copy holds, in both languages, in one
 * place: each entry gives `{ zh, en }` and the caller picks by `--lang`. (Findings are rendered by
 * src/core/messages.ts; what a damaged package is, by xlsx/problems.ts; text tables, Excel's locks,
 * progress and jobs by inputText.ts, whose lines these reuse rather than say twice.)
 */
import type { Dependents } from "../core/dependents";
import type { Lang } from "../core/messages";
import type { FileFault, SpecialKind } from "./files";
import { INPUT_TEXT } from "./inputText";
import { plural } from "./plural";
import type { PackageKind } from "./xlsx";

export type Words = Record<Lang, string>;

/** A line of inputText.ts's catalog in both languages. */
function both(line: (text: (typeof INPUT_TEXT)[Lang]) => string): Words {
  return { zh: line(INPUT_TEXT.zh), en: line(INPUT_TEXT.en) };
}

/** Windows reports a file another program holds open (Excel, while the workbook is open) so. */
const LOCKED = new Set(["EBUSY", "EPERM"]);

const SPECIAL: Record<SpecialKind, Words> = {
  fifo: { zh: "命名管道 FIFO", en: "a FIFO (named pipe)" },
  "character-device": { zh: "字符设备", en: "a character device" },
  "block-device": { zh: "块设备", en: "a block device" },
  socket: { zh: "套接字", en: "a socket" },
  other: { zh: "特殊文件", en: "a special file" },
};

function size(n: number | undefined): string {
  if (n === undefined) return "?";
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;
}

/** Why an input could not be read: one line. */
export function readFaultWords(f: FileFault): Words {
  const p = f.path;
  switch (f.code) {
    case "NOT_FOUND":
      return both((t) => t.notFound(p));
    case "IS_DIRECTORY":
      return both((t) => t.isFolder(p));
    case "NOT_REGULAR": {
      const kind = SPECIAL[f.extra.special ?? "other"];
      return {
        zh: `${p} 不是普通文件（${kind.zh}），未读取：请指定工作簿文件本身`,
        en: `${p} is not a regular file (${kind.en}); it was not read: name the workbook file itself`,
      };
    }
    case "TOO_BIG":
      return {
        zh: `${p} 有 ${size(f.extra.size)}，超过 ${size(f.extra.limit)} 的读取上限，未读取`,
        en: `${p} is ${size(f.extra.size)}, above the ${size(f.extra.limit)} limit; it was not read`,
      };
    case "AMBIGUOUS_NAME":
      return {
        zh: `文件名 ${p} 不是有效的 UTF-8 编码，且对应文件夹中的多个文件：请重命名后再检查`,
        en: `the name ${p} is not valid UTF-8 and matches several files in its folder: rename the file and check again`,
      };
    default:
      return both((t) => t.cannotRead(p, f.extra.errno ?? f.code));
  }
}

/** Why an output was not written (and that nothing was left half-written): one line. */
export function writeFaultWords(f: FileFault): Words {
  const p = f.path;
  switch (f.code) {
    case "IS_DIRECTORY":
      return {
        zh: `输出路径是一个文件夹，未写入：${p}（请给出文件名）`,
        en: `the output path is a folder; nothing written: ${p} (name a file)`,
      };
    case "NOT_REGULAR": {
      const kind = SPECIAL[f.extra.special ?? "other"];
      return {
        zh: `不会写入 ${p}：它不是普通文件（${kind.zh}）`,
        en: `refusing to write to ${p}: it is not a regular file (${kind.en})`,
      };
    }
    case "READ_ONLY":
      return {
        zh: `输出文件 ${p} 已存在且为只读，未写入：请另选文件名，或先取消其只读属性`,
        en: `the output ${p} exists and is read-only; nothing written: choose another name or make it writable`,
      };
    case "NO_FOLDER":
      return {
        zh: `输出文件 ${p} 所在的文件夹不存在，未写入`,
        en: `the folder of the output ${p} does not exist; nothing written`,
      };
    case "AMBIGUOUS_NAME":
      return {
        zh: `输出文件名 ${p} 不是有效的 UTF-8 编码，且对应多个文件，未写入`,
        en: `the output name ${p} is not valid UTF-8 and matches several files; nothing written`,
      };
    default:
      // Excel holds the output open (Windows): the temporary file was not renamed over it.
      if (LOCKED.has(f.extra.errno ?? "")) return both((t) => t.outputLocked(p));
      if (f.extra.errno === "ENOSPC" || f.extra.errno === "EDQUOT")
        return {
          zh: `无法写出 ${p}：磁盘空间不足（${f.extra.errno}）；已有的同名文件未改动，未留下临时文件`,
          en: `cannot write ${p}: the disk is full (${f.extra.errno}); an existing file of that name is untouched and no temporary file is left`,
        };
      return {
        zh: `无法写出 ${p}（${f.extra.errno ?? f.code}）；已有的同名文件未改动，未留下临时文件`,
        en: `cannot write ${p} (${f.extra.errno ?? f.code}); an existing file of that name is untouched and no temporary file is left`,
      };
  }
}

/** A folder walk met something named like a workbook that is not one: said, skipped, exit code unchanged. */
export function skippedWords(
  p: string,
  what: { kind: "directory" } | { kind: "special"; special: SpecialKind },
): Words {
  if (what.kind === "directory")
    return {
      zh: `已跳过 ${p}：名称像工作簿，但这是文件夹（文件夹中的文件夹不检查）`,
      en: `skipped ${p}: named like a workbook, but a folder (folders inside a folder are not checked)`,
    };
  const kind = SPECIAL[what.special];
  return {
    zh: `已跳过 ${p}：不是普通文件（${kind.zh}）`,
    en: `skipped ${p}: not a regular file (${kind.en})`,
  };
}

/**
 * Worksheets that could not be read: the input is unusable (exit 2), but the other sheets' findings
 * were printed, and no copy was written (it would carry the damaged part on).
 */
export function unreadableWords(
  file: string,
  sheets: readonly { name: string; detail: string }[],
  copiesAsked: boolean,
): Words {
  const zh = sheets.map((s) => `“${s.name}”（${s.detail}）`).join("、");
  const en = sheets.map((s) => `"${s.name}" (${s.detail})`).join(", ");
  return {
    zh: `${file}：工作表 ${zh} 无法读取，未能检查；其余工作表已检查${copiesAsked ? "，未写出副本" : ""}：请在 Excel 中打开并另存一份后再检查`,
    en: `${file}: sheet ${en} cannot be read and was not checked; the other sheets were checked${copiesAsked ? ", no copy written" : ""}: open the file in Excel, save a copy and check that`,
  };
}

/** --max-cells takes a whole number of cells, at least 1. */
export function maxCellsOption(
  text: string | undefined,
  lang: Lang,
): { ok: true; value?: number } | { ok: false; message: string } {
  if (text === undefined) return { ok: true };
  const t = text.trim();
  const n = /^[0-9]+$/.test(t) ? Number(t) : NaN;
  if (Number.isSafeInteger(n) && n >= 1) return { ok: true, value: n };
  return {
    ok: false,
    message: {
      zh: `--max-cells 须为正整数（单元格个数）：“${text}”`,
      en: `--max-cells must be a whole number of cells, at least 1: "${text}"`,
    }[lang],
  };
}

const KIND: Record<PackageKind, Words> = {
  xlsx: { zh: "Excel 工作簿", en: "an Excel workbook" },
  xlsm: { zh: "启用宏的工作簿", en: "a macro-enabled workbook" },
  xltx: { zh: "Excel 模板", en: "an Excel template" },
  xltm: { zh: "启用宏的模板", en: "a macro-enabled template" },
  xlam: { zh: "Excel 加载宏", en: "an Excel add-in" },
};

/**
 * A copy keeps its input's kind; a name whose extension says otherwise is refused (Excel will not
 * open a macro-enabled package named .xlsx), with the name it should have.
 */
export function kindMismatchWords(out: string, kind: PackageKind, suggested: string): Words {
  return {
    zh: `副本与输入一样是${KIND[kind].zh}，文件名须以 .${kind} 结尾（例如 ${suggested}），否则 Excel 无法打开；未写入 ${out}`,
    en: `the copy is ${KIND[kind].en}, like its input, so its name must end in .${kind} (e.g. ${suggested}) or Excel will not open it; ${out} was not written`,
  };
}

/** Notes an annotated copy left out: the cell already has a note of the user's (never overwritten). */
export function skippedNotesWords(cells: readonly string[]): Words {
  const shown = (sep: string): string => cells.slice(0, 8).join(sep) + (cells.length > 8 ? "…" : "");
  return {
    zh: `${cells.length} 条说明未写入批注，因为这些单元格已有用户自己的批注：${shown("、")}（单元格仍已标色，说明见上方结果）`,
    en: `${plural(cells.length, "note", "notes")} not added because the cell already has a note of the user's: ${shown(", ")} (the cells are still flagged; the findings above explain them)`,
  };
}

/**
 * A path option given as "" (`--annotate ""`, an unset shell variable): refused rather than taken
 * as "not asked", which silently wrote nothing.
 */
export function emptyPathOption(options: Record<string, string | undefined>, lang: Lang): string | null {
  for (const [flag, value] of Object.entries(options))
    if (value !== undefined && value.trim() === "")
      return {
        zh: `${flag} 需要一个文件名，但给出的是空字符串`,
        en: `${flag} needs a file name, but was given an empty one`,
      }[lang];
  return null;
}

/** Between the formulas a dependents line names. */
const FORMULA_SEP: Words = { zh: "；", en: "; " };

/**
 * After a rebalance: the formulas whose cached results the copy now holds recomputed, and those
 * left to Excel (it recalculates every formula when it opens the copy; a program that does not
 * shows their old results until then). Nothing when no formula reads a changed cell.
 */
export function dependentsText(d: Dependents, lang: Lang): string[] {
  const sep = FORMULA_SEP[lang];
  /** The first eight, then "…". */
  const some = (items: string[]): string => items.slice(0, 8).join(sep) + (items.length > 8 ? `${sep}…` : "");
  const lines: string[] = [];
  const r = d.recalculated;
  if (r.length) {
    const shown = some(
      r.map((f) => {
        const before =
          f.before === undefined || f.before === null || f.before === "" ? "–" : String(f.before);
        return `${f.sheet}!${f.cell} =${f.formula}: ${before} → ${f.after.toString()}`;
      }),
    );
    lines.push(
      {
        zh: `依赖调整单元格的公式已在副本中重算 ${r.length} 个（结果随文件保存）：${shown}`,
        en:
          r.length === 1
            ? `1 formula that reads the changed cells was recalculated in the copy (its result is saved with it): ${shown}`
            : `${r.length} formulas that read the changed cells were recalculated in the copy (their results are saved with it): ${shown}`,
      }[lang],
    );
  }
  const e = d.excelRecalculates;
  if (e.length) {
    const shown = some(e.map((f) => `${f.sheet}!${f.cell} =${f.formula}`));
    lines.push(
      {
        zh: `另有 ${e.length} 个公式依赖调整单元格，本工具未重算，Excel 打开副本时会重算（不自动重算的程序在此之前显示旧结果）：${shown}`,
        en:
          e.length === 1
            ? `1 more formula reads the changed cells and was not recalculated here; Excel recalculates it when it opens the copy (a program that does not recalculate on opening shows its old result until then): ${shown}`
            : `${e.length} more formulas read the changed cells and were not recalculated here; Excel recalculates them when it opens the copy (a program that does not recalculate on opening shows their old results until then): ${shown}`,
      }[lang],
    );
  }
  return lines;
}

/** A JSON or CSV document too large to build (long texts repeated in many findings). */
export function outputTooLargeWords(format: string): Words {
  return {
    zh: `${format.toUpperCase()} 结果过大，无法生成（许多单元格共用的一段很长的文本在结果中逐一重复）：请改用 --format text，它把相同文本的单元格合并显示`,
    en: `the ${format.toUpperCase()} output would be too large to build (a long text that many cells share is repeated for each of them): use --format text, which shows cells with the same text together`,
  };
}

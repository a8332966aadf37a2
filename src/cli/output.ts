/**
 * Writing an output copy: the one place a command writes a file. Underneath, `io.writeFile` writes
 * atomically (files.ts: a temporary file beside the target, flushed, renamed over it), so a copy
 * that cannot be written (Excel holds it open on Windows, a full disk, a read-only target, a
 * missing folder) leaves what was there untouched and is one clear line, never a stack trace.
 * Whether the copy should be written at all is the command's decision.
 */
import type { Lang } from "../core/messages";
import { FileFault } from "./files";
import { INPUT_TEXT } from "./inputText";
import { pathsOf, type CliIo } from "./io";
import type { ConvertedSource } from "./legacyInput";
import { writeFaultWords } from "./messages";

/** Writes `bytes` to `out`; false (said on stderr) when it could not. */
export function writeOutput(io: CliIo, out: string, bytes: Uint8Array, lang: Lang): boolean {
  try {
    io.writeFile(out, bytes);
    return true;
  } catch (e) {
    const fault =
      e instanceof FileFault
        ? e
        : new FileFault("IO", out, {
            errno: (e as NodeJS.ErrnoException)?.code ?? String((e as Error)?.message ?? e),
          });
    io.stderr(`tdcheck: ${writeFaultWords(fault)[lang]}\n`);
    return false;
  }
}

/** Output names that would hide that a text table's copy is a workbook. */
const TEXT_NAME = /\.(csv|tsv|txt)$/i;

/** A copy of a text table is a new .xlsx; naming it .csv would make Excel misread it. */
export function refusesTextName(out: string, io: CliIo, lang: Lang): boolean {
  if (!TEXT_NAME.test(out)) return false;
  io.stderr(`tdcheck: ${INPUT_TEXT[lang].copyNeedsXlsx(out)}\n`);
  return true;
}

/**
 * A copy of an .xls/.et is the .xlsx LibreOffice converted it to, with our flags or report: any
 * other name (.xls, .et, none) would promise a file it is not, so it is refused with the name to use.
 */
export function refusesConvertedName(out: string, source: ConvertedSource, io: CliIo, lang: Lang): boolean {
  const paths = pathsOf(io);
  const ext = paths.extname(out);
  if (ext.toLowerCase() === ".xlsx") return false;
  const suggested = `${paths.basename(out, ext) || "copy"}.xlsx`;
  io.stderr(`tdcheck: ${INPUT_TEXT[lang].convertedCopyNeedsXlsx(out, source.format, suggested)}\n`);
  return true;
}

/**
 * Writing an output copy: the one place a command writes a file, so a copy that cannot be written
 * (Excel holds it open on Windows, a missing folder, no permission) is one clear line, never a
 * stack trace. Whether the copy should be written at all is the command's decision.
 */
import type { Lang } from "../core/messages";
import { INPUT_TEXT } from "./inputText";
import type { CliIo } from "./io";

/** Writes `bytes` to `out`; false (said on stderr) when it could not. */
export function writeOutput(io: CliIo, out: string, bytes: Uint8Array, lang: Lang): boolean {
  try {
    io.writeFile(out, bytes);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? String((e as Error).message ?? e);
    const text = INPUT_TEXT[lang];
    io.stderr(
      `tdcheck: ${code === "EBUSY" || code === "EPERM" ? text.outputLocked(out) : text.cannotWrite(out, code)}\n`,
    );
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

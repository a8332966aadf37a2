/**
 * Old workbooks (Excel 97–2003 `.xls`, WPS `.et`) read through LibreOffice. Before any file is
 * checked, the inputs of a run that need it are copied into a private temporary folder and converted
 * to `.xlsx` there with one LibreOffice start (libreoffice.ts: a private profile, a timeout, the
 * process group killed on failure), so a batch's worker threads only read finished `.xlsx` files.
 *
 * - Every input check applies first: the original is read by `readInput` (regular files only, the
 *   size limit, a file Excel holds), and LibreOffice only ever opens our copy of those bytes, under a
 *   plain name: never a FIFO, never the user's folder (LibreOffice would leave a lock file there),
 *   never a name it could take for an option.
 * - The import filter is named: without it LibreOffice reads bytes it does not recognise as a text
 *   file, and damaged bytes would be checked as one cell of text; with it they are refused.
 * - The folder is removed when the command ends, and on Ctrl-C (interrupt.ts).
 *
 * What is decided here is only which files go through LibreOffice and how a failure is said; the
 * converted workbook is read like any other `.xlsx` (load.ts).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Lang } from "../core/messages";
import { INPUT_TEXT } from "./inputText";
import { onInterrupt, raise } from "./interrupt";
import { pathsOf, type CliIo } from "./io";
import { convertWithLibreOffice } from "./libreoffice";
import { readConverted, readInput } from "./load";
import { problemMessage, readXlsx } from "./xlsx";

/** The names of inputs LibreOffice may read: Excel 97–2003 workbooks, WPS Spreadsheets and their templates. */
export const LEGACY_NAME = /\.(xls|et|ett)$/i;

export type LegacyFormat = "xls" | "et";

/** How a converted input was read, as the text and JSON outputs say it. */
export interface ConvertedSource {
  format: LegacyFormat;
  convertedBy: "LibreOffice";
}

/**
 * What the loader reads for an input that went through LibreOffice: the converted workbook (its bytes,
 * or its path in the private folder for a batch's workers), or the line saying why it could not be
 * converted. Plain data: it travels to worker threads.
 */
export type PreparedInput =
  | { kind: "converted"; source: ConvertedSource; xlsx: string | Uint8Array }
  | { kind: "refused"; message: string };

export interface LegacyOptions {
  /** --soffice as given. */
  soffice?: string;
  lang: Lang;
}

export interface LegacyRun {
  /** By input path as given; inputs not in it are read as they are. */
  inputs: Map<string, PreparedInput>;
  /** Removes the private folder (safe to call more than once). */
  cleanup(): void;
}

/** LibreOffice's import filter for Excel 97–2003 (BIFF) workbooks, which WPS .et files are too. */
const BIFF_FILTER = "MS Excel 97";

/** The first file may be large (65,536 rows × 256 columns); each further one gets less. */
const FIRST_FILE_MS = 120_000;
const FURTHER_FILE_MS = 30_000;

function formatOf(file: string): LegacyFormat {
  return /\.ett?$/i.test(file) ? "et" : "xls";
}

function isOle(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

/**
 * Whether these bytes have the header of a compound file (MS-CFB 2.2: version 3 with 512-byte
 * sectors or 4 with 4096, little-endian, 64-byte mini sectors). Garbage behind the magic is refused
 * here rather than started LibreOffice for.
 */
function hasCompoundHeader(bytes: Uint8Array): boolean {
  if (bytes.length < 512) return false;
  const u16 = (at: number) => bytes[at] | (bytes[at + 1] << 8);
  const major = u16(26);
  const shift = u16(30);
  return (
    u16(28) === 0xfffe && ((major === 3 && shift === 9) || (major === 4 && shift === 12)) && u16(32) === 6
  );
}

/** The timeout of one LibreOffice start: TDCHECK_SOFFICE_TIMEOUT (seconds) when set, else by the number of files. */
export function conversionTimeoutMs(files: number, env: Record<string, string | undefined> = {}): number {
  const given = Number(env.TDCHECK_SOFFICE_TIMEOUT);
  if (env.TDCHECK_SOFFICE_TIMEOUT && Number.isFinite(given) && given > 0) return Math.round(given * 1000);
  return FIRST_FILE_MS + FURTHER_FILE_MS * Math.max(0, files - 1);
}

interface Pending {
  file: string;
  format: LegacyFormat;
  copy: string;
}

/**
 * Converts the inputs that need LibreOffice (an `.xls`/`.et` name and a compound file inside; one
 * that is really an `.xlsx` is read as it is) with one start. Never rejects: a file that cannot be
 * converted is a refusal with its line. Interrupted (Ctrl-C), it stops LibreOffice, removes the
 * folder and ends the process by that signal.
 */
export async function convertLegacyInputs(
  files: readonly string[],
  options: LegacyOptions,
  io: CliIo,
): Promise<LegacyRun> {
  const text = INPUT_TEXT[options.lang];
  const inputs = new Map<string, PreparedInput>();
  let folder: string | undefined;
  const cleanup = (): void => {
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  };
  const pending: Pending[] = [];
  let soffice: string | null | undefined;
  for (const file of new Set(files)) {
    if (!LEGACY_NAME.test(file)) continue;
    const read = readInput(file, io, options.lang);
    if (!read.ok) {
      inputs.set(file, { kind: "refused", message: read.message });
      continue;
    }
    const bytes = read.bytes;
    const name = pathsOf(io).basename(file);
    // What the .xlsx door says of it: a zip is read as it is, an encrypted package or a web page keep their own lines.
    const sniffed = isOle(bytes) ? readXlsx(bytes, { fileName: name }) : undefined;
    if (!sniffed || sniffed.ok || !["LEGACY_XLS", "WPS_ET"].includes(sniffed.problem.code)) continue;
    if (!hasCompoundHeader(bytes)) {
      inputs.set(file, { kind: "refused", message: text.damagedLegacy(file, formatOf(file)) });
      continue;
    }
    if (soffice === undefined) soffice = io.findSoffice?.(options.soffice) ?? null;
    if (!soffice) {
      inputs.set(file, {
        kind: "refused",
        message: text.installLibreOffice(
          problemMessage(sniffed.problem, file)[options.lang],
          options.soffice,
        ),
      });
      continue;
    }
    // Our copy, in a folder only this user can read, under a name LibreOffice cannot misread.
    try {
      folder ??= fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-xls-"));
      const copy = path.join(folder, "in", `${pending.length + 1}.xls`);
      fs.mkdirSync(path.dirname(copy), { recursive: true, mode: 0o700 });
      fs.writeFileSync(copy, bytes, { flag: "wx", mode: 0o600 });
      pending.push({ file, format: formatOf(file), copy });
    } catch (e) {
      const errno = (e as NodeJS.ErrnoException)?.code ?? "EIO";
      inputs.set(file, { kind: "refused", message: text.noTemporaryCopy(file, os.tmpdir(), errno) });
    }
  }
  if (!pending.length || !soffice || !folder) {
    cleanup();
    return { inputs, cleanup };
  }

  const stop = new AbortController();
  let interrupted: NodeJS.Signals | undefined;
  const release = onInterrupt((signal) => {
    interrupted = signal;
    stop.abort();
  });
  const timeoutMs = conversionTimeoutMs(pending.length, io.env);
  io.progress?.show(text.converting(pending.length));
  const result = await convertWithLibreOffice({
    input: pending.map((p) => p.copy),
    outDir: path.join(folder, "out"),
    format: "xlsx",
    soffice,
    timeoutMs,
    inputFilter: BIFF_FILTER,
    signal: stop.signal,
  }).finally(() => {
    release();
    io.progress?.clear();
  });
  if (interrupted) {
    cleanup();
    raise(interrupted);
  }
  pending.forEach((p, i) => {
    const output = result.files[i]?.output;
    let message: string | undefined;
    if (!result.ok && result.code === "TIMEOUT") message = text.conversionTimedOut(p.file, timeoutMs / 1000);
    else if (!result.ok && result.code !== "NO_OUTPUT") message = text.conversionFailed(p.file, soffice!);
    else if (!output) message = text.notConverted(p.file, p.format);
    inputs.set(
      p.file,
      message
        ? { kind: "refused", message }
        : { kind: "converted", source: { format: p.format, convertedBy: "LibreOffice" }, xlsx: output! },
    );
  });
  // Nothing to read from the folder: it goes now, and the command needs no guard for it.
  if (![...inputs.values()].some((p) => p.kind === "converted")) cleanup();
  return { inputs, cleanup };
}

/**
 * One input (check of one file, detect, rebalance): converted when it needs LibreOffice, its bytes
 * read into memory and the private folder removed before anything is checked.
 */
export async function prepareInput(
  file: string,
  options: LegacyOptions,
  io: CliIo,
): Promise<PreparedInput | undefined> {
  const run = await convertLegacyInputs([file], options, io);
  try {
    const prepared = run.inputs.get(file);
    if (prepared?.kind !== "converted" || typeof prepared.xlsx !== "string") return prepared;
    const read = readConverted(prepared.xlsx, file, prepared.source.format, options.lang);
    return read.ok ? { ...prepared, xlsx: read.bytes } : { kind: "refused", message: read.message };
  } finally {
    run.cleanup();
  }
}

/** Runs `body` with the run's inputs; the private folder goes when it ends, or when the command is interrupted. */
export async function withLegacyInputs<T>(
  files: readonly string[],
  options: LegacyOptions,
  io: CliIo,
  body: (inputs: Map<string, PreparedInput>) => Promise<T>,
): Promise<T> {
  const run = await convertLegacyInputs(files, options, io);
  // Only while converted files wait in the private folder: otherwise Ctrl-C stays the default, immediate.
  const holding = [...run.inputs.values()].some((p) => p.kind === "converted");
  const release = holding
    ? onInterrupt((signal) => {
        run.cleanup();
        release();
        raise(signal);
      })
    : () => {};
  try {
    return await body(run.inputs);
  } finally {
    release();
    run.cleanup();
  }
}

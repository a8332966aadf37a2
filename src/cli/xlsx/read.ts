/**
 * readXlsx: .xlsx bytes → the engine's WorkbookGrid, or a problem saying why not. Never throws.
 */
import type { SheetGrid, WorkbookGrid } from "../../core/grid";
import {
  DEFAULT_LIMITS,
  decodePart,
  entryOf,
  folderOf,
  openPackage,
  relationships,
  relsPartOf,
  type Limits,
  type Package,
} from "./package";
import { readSharedStrings } from "./sharedStrings";
import { scanSheet, type ScanContext } from "./sheetScanner";
import { EMPTY_STYLES, readStyles } from "./styles";
import { findTag, findTags } from "./xml";
import { XlsxFault, inflateEntry, type ZipEntry } from "./zip";

export type XlsxProblemCode =
  "NOT_XLSX" | "LEGACY_XLS" | "WPS_ET" | "ENCRYPTED" | "TRUNCATED" | "TOO_LARGE" | "CORRUPT" | "NO_SHEETS";

export interface XlsxProblem {
  code: XlsxProblemCode;
  /** What was found, in English, for logs and the --format json output; see problemMessage for people. */
  detail: string;
}

export type ReadResult = { ok: true; workbook: WorkbookGrid } | { ok: false; problem: XlsxProblem };

export interface ReadOptions {
  /** For messages, and to tell a WPS .et from an .xls (both are OLE files). */
  fileName?: string;
  /** Read only these sheets (by name); the others are not even inflated. */
  sheets?: string[];
  limits?: Partial<Limits>;
  /** Hears the rows read so far, now and then, for a progress line. */
  onRows?: (rowsRead: number) => void;
}

const PROBLEM_CODES = new Set<string>([
  "NOT_XLSX",
  "LEGACY_XLS",
  "WPS_ET",
  "ENCRYPTED",
  "TRUNCATED",
  "TOO_LARGE",
  "CORRUPT",
  "NO_SHEETS",
]);

export function toProblem(err: unknown): XlsxProblem {
  if (err instanceof XlsxFault && PROBLEM_CODES.has(err.code))
    return { code: err.code as XlsxProblemCode, detail: err.detail };
  if (err instanceof RangeError)
    return { code: "TOO_LARGE", detail: `out of memory or string length (${err.message})` };
  return { code: "CORRUPT", detail: err instanceof Error ? err.message : String(err) };
}

export interface SheetEntry {
  name: string;
  visibility: "visible" | "hidden" | "veryHidden";
  /** Worksheet part name; undefined for chart sheets and other non-worksheets. */
  part: string | undefined;
  /** A worksheet whose part is not in the zip: the package is damaged. */
  missing?: string;
}

export interface WorkbookInfo {
  sheets: SheetEntry[];
  date1904: boolean;
  stylesPart?: string;
  sharedStringsPart?: string;
}

/** Sizes are checked before anything is inflated: the central directory's declared sizes are all we trust. */
export function checkSize(entries: ZipEntry[], limits: Limits): void {
  let total = 0;
  for (const e of entries) {
    if (e.size > limits.maxPartBytes)
      throw new XlsxFault(
        "TOO_LARGE",
        `${e.name} would decompress to ${formatBytes(e.size)}, above the ${formatBytes(limits.maxPartBytes)} limit per part`,
      );
    total += e.size;
  }
  if (total > limits.maxTotalBytes)
    throw new XlsxFault(
      "TOO_LARGE",
      `the parts to read would decompress to ${formatBytes(total)}, above the ${formatBytes(limits.maxTotalBytes)} limit`,
    );
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(n >= 1024 ** 3 ? 0 : 1)} MiB` : `${n} bytes`;
}

export function readPartText(pkg: Package, entry: ZipEntry, limits: Limits): string {
  checkSize([entry], limits);
  return decodePart(inflateEntry(pkg.bytes, entry));
}

export function readWorkbookInfo(pkg: Package, limits: Limits): WorkbookInfo {
  const xml = readPartText(pkg, entryOf(pkg, pkg.workbookPart)!, limits);
  const relsEntry = entryOf(pkg, relsPartOf(pkg.workbookPart));
  const rels = relsEntry
    ? relationships(readPartText(pkg, relsEntry, limits), folderOf(pkg.workbookPart))
    : [];
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  for (const tag of findTags(xml, "sheet")) {
    const rel = byId.get(tag.attrs.get("r:id") ?? tag.attrs.get("id") ?? "");
    const state = tag.attrs.get("state");
    const isWorksheet = rel !== undefined && !rel.external && /\/worksheet$/.test(rel.type);
    const entry = isWorksheet ? entryOf(pkg, rel.target) : undefined;
    sheets.push({
      name: tag.attrs.get("name") ?? "",
      visibility: state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible",
      part: entry?.name,
      missing: isWorksheet && !entry ? rel.target : undefined,
    });
  }
  const pr = findTag(xml, "workbookPr");
  const d1904 = pr?.attrs.get("date1904");
  const styles = rels.find((r) => r.type.endsWith("/styles"));
  const sst = rels.find((r) => r.type.endsWith("/sharedStrings"));
  return {
    sheets,
    date1904: d1904 === "1" || d1904 === "true",
    stylesPart:
      styles && entryOf(pkg, styles.target)
        ? styles.target
        : entryOf(pkg, "xl/styles.xml")
          ? "xl/styles.xml"
          : undefined,
    sharedStringsPart:
      sst && entryOf(pkg, sst.target)
        ? sst.target
        : entryOf(pkg, "xl/sharedStrings.xml")
          ? "xl/sharedStrings.xml"
          : undefined,
  };
}

function pickSheets(info: WorkbookInfo, wanted: string[] | undefined): SheetEntry[] {
  const norm = (s: string): string => s.trim().toLowerCase();
  // Excel refuses two sheets of one name (compared without case); findings and flags name a sheet,
  // so a second one would have its flags written onto the first.
  const seen = new Set<string>();
  for (const s of info.sheets) {
    const key = s.name.toLowerCase();
    if (seen.has(key)) throw new XlsxFault("CORRUPT", `two sheets are named "${s.name}"`);
    seen.add(key);
  }
  for (const s of info.sheets) {
    // A listed worksheet without its part would silently drop a sheet from the check.
    if (s.missing && (!wanted?.length || wanted.some((w) => norm(w) === norm(s.name))))
      throw new XlsxFault("CORRUPT", `sheet "${s.name}" is listed but its part ${s.missing} is missing`);
  }
  const worksheets = info.sheets.filter((s) => s.part !== undefined);
  if (worksheets.length === 0) throw new XlsxFault("NO_SHEETS", "the workbook has no worksheets");
  if (!wanted || wanted.length === 0) return worksheets;
  const picked = worksheets.filter(
    (s) => wanted.includes(s.name) || wanted.some((w) => norm(w) === norm(s.name)),
  );
  if (picked.length === 0)
    throw new XlsxFault(
      "NO_SHEETS",
      `no sheet named ${wanted.map((w) => `"${w}"`).join(", ")}; the workbook has ${worksheets.map((s) => `"${s.name}"`).join(", ")}`,
    );
  return picked;
}

export function readXlsx(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  try {
    const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
    const pkg = openPackage(bytes, options.fileName);
    const info = readWorkbookInfo(pkg, limits);
    const chosen = pickSheets(info, options.sheets);

    const stylesEntry = info.stylesPart ? entryOf(pkg, info.stylesPart) : undefined;
    const sstEntry = info.sharedStringsPart ? entryOf(pkg, info.sharedStringsPart) : undefined;
    const toRead: ZipEntry[] = [];
    if (stylesEntry) toRead.push(stylesEntry);
    if (sstEntry) toRead.push(sstEntry);
    for (const s of chosen) toRead.push(entryOf(pkg, s.part!)!);
    checkSize(toRead, limits);

    const ctx: ScanContext = {
      sharedStrings: sstEntry ? readSharedStrings(readPartText(pkg, sstEntry, limits)) : [],
      styles: stylesEntry ? readStyles(readPartText(pkg, stylesEntry, limits)) : EMPTY_STYLES,
      budget: { cellsLeft: limits.maxCells, maxCells: limits.maxCells },
      date1904: info.date1904,
      onRows: options.onRows,
    };
    const sheets: SheetGrid[] = [];
    for (const s of chosen) {
      const grid = scanSheet(readPartText(pkg, entryOf(pkg, s.part!)!, limits), s.name, ctx);
      grid.visibility = s.visibility;
      sheets.push(grid);
    }
    return { ok: true, workbook: { name: options.fileName ?? "", sheets } };
  } catch (err) {
    return { ok: false, problem: toProblem(err) };
  }
}

/**
 * Benchmark helper: inflates and decodes the parts readXlsx would read, without scanning cells, so a
 * benchmark can show how much of the read time is unzip + decode and how much is the scan.
 */
export function measureInflateOnly(
  bytes: Uint8Array,
  options: ReadOptions = {},
): { ok: boolean; characters: number } {
  try {
    const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
    const pkg = openPackage(bytes, options.fileName);
    const info = readWorkbookInfo(pkg, limits);
    let characters = 0;
    const parts = [
      info.sharedStringsPart,
      info.stylesPart,
      ...pickSheets(info, options.sheets).map((s) => s.part),
    ];
    for (const part of parts) {
      const entry = part ? entryOf(pkg, part) : undefined;
      if (entry) characters += readPartText(pkg, entry, limits).length;
    }
    return { ok: true, characters };
  } catch {
    return { ok: false, characters: 0 };
  }
}

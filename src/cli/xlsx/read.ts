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
import { findTag, findTags, rootLocalName } from "./xml";
import { XlsxFault, inflateEntry, type ZipEntry } from "./zip";

export type XlsxProblemCode =
  | "NOT_XLSX"
  | "LEGACY_XLS"
  | "WPS_ET"
  | "ENCRYPTED"
  | "TRUNCATED"
  | "TOO_LARGE"
  | "TOO_MANY_CELLS"
  | "CORRUPT"
  | "NO_SHEETS";

export interface XlsxProblem {
  code: XlsxProblemCode;
  /** What was found, in English, for logs and the --format json output; see problemMessage for people. */
  detail: string;
}

/** A worksheet whose part could not be read: the input is unusable, though its other sheets were read. */
export interface UnreadableSheet {
  name: string;
  /** The part (or relationship target) that could not be read. */
  part: string;
  /** What is wrong with it, in English. */
  detail: string;
}

export type ReadResult =
  { ok: true; workbook: WorkbookGrid; unreadable: UnreadableSheet[] } | { ok: false; problem: XlsxProblem };

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
  "TOO_MANY_CELLS",
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
  /**
   * A sheet that may hold cells but cannot be reached: a worksheet relationship that points outside
   * the package, or a sheet whose relationship is not there at all (its kind is unknown).
   */
  unreachable?: { part: string; detail: string };
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
    const id = tag.attrs.get("r:id") ?? tag.attrs.get("id") ?? "";
    const rel = byId.get(id);
    const state = tag.attrs.get("state");
    const isWorksheet = rel !== undefined && !rel.external && /\/worksheet$/.test(rel.type);
    const entry = isWorksheet ? entryOf(pkg, rel.target) : undefined;
    // Chart sheets and dialog sheets hold no cells and are skipped; a sheet whose kind cannot be
    // known, or a worksheet kept outside the package, might hold the very cells that are wrong.
    const unreachable =
      rel === undefined
        ? { part: id, detail: `its relationship ${id || "(none)"} is not in the workbook's relationships` }
        : rel.external && /\/worksheet$/.test(rel.type)
          ? { part: rel.target, detail: `its relationship points outside the package (${rel.target})` }
          : undefined;
    sheets.push({
      name: tag.attrs.get("name") ?? "",
      visibility: state === "hidden" ? "hidden" : state === "veryHidden" ? "veryHidden" : "visible",
      part: entry?.name,
      missing: isWorksheet && !entry ? rel.target : undefined,
      unreachable,
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

/** The sheets to read: worksheets with a part, and those that should be worksheets but cannot be read. */
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
  const worksheets = info.sheets.filter((s) => s.part !== undefined || s.missing || s.unreachable);
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

/**
 * A worksheet part's text, or why it is not one: text without a <worksheet> root (garbage, an empty
 * part, UTF-16 that lost its byte-order mark) holds cells we cannot see, and must not pass for an
 * empty sheet.
 */
function worksheetText(pkg: Package, sheet: SheetEntry, limits: Limits): string {
  if (sheet.unreachable) throw new XlsxFault("CORRUPT", sheet.unreachable.detail);
  if (sheet.missing)
    throw new XlsxFault(
      "CORRUPT",
      `sheet "${sheet.name}" is listed but its part ${sheet.missing} is missing`,
    );
  const entry = entryOf(pkg, sheet.part!)!;
  checkSize([entry], limits);
  const data = inflateEntry(pkg.bytes, entry);
  if (data.length === 0) throw new XlsxFault("CORRUPT", `${entry.name} is empty`);
  // XML in UTF-16 must start with a byte-order mark; "<\0?\0" without one is not a readable part.
  if ((data[0] === 0x3c && data[1] === 0) || (data[0] === 0 && data[1] === 0x3c))
    throw new XlsxFault("CORRUPT", `${entry.name} is UTF-16 without a byte-order mark`);
  const xml = decodePart(data);
  if (rootLocalName(xml) !== "worksheet")
    throw new XlsxFault("CORRUPT", `${entry.name} is not a worksheet (its root element is not <worksheet>)`);
  // Excel always writes <sheetData>; without it, only a worksheet that is closed is an empty one.
  if (
    !findTag(xml, "sheetData") &&
    !/<(?:[\w.-]+:)?worksheet\b[^>]*\/>/.test(xml) &&
    !/<\/(?:[\w.-]+:)?worksheet\s*>/.test(xml)
  )
    throw new XlsxFault("CORRUPT", `${entry.name} is cut short (no <sheetData>, no end of <worksheet>)`);
  return xml;
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
    for (const s of chosen) if (s.part) toRead.push(entryOf(pkg, s.part)!);
    checkSize(toRead, limits);

    const ctx: ScanContext = {
      sharedStrings: sstEntry ? readSharedStrings(readPartText(pkg, sstEntry, limits)) : [],
      styles: stylesEntry ? readStyles(readPartText(pkg, stylesEntry, limits)) : EMPTY_STYLES,
      budget: { cellsLeft: limits.maxCells, maxCells: limits.maxCells },
      date1904: info.date1904,
      onRows: options.onRows,
    };
    const sheets: SheetGrid[] = [];
    const unreadable: UnreadableSheet[] = [];
    for (const s of chosen) {
      let grid: SheetGrid;
      try {
        grid = scanSheet(worksheetText(pkg, s, limits), s.name, ctx);
      } catch (err) {
        // One damaged sheet does not hide the others' findings; limits still end the whole read.
        if (!(err instanceof XlsxFault) || err.code !== "CORRUPT") throw err;
        unreadable.push({
          name: s.name,
          part: s.part ?? s.missing ?? s.unreachable?.part ?? "",
          detail: err.detail,
        });
        continue;
      }
      grid.visibility = s.visibility;
      sheets.push(grid);
    }
    // Nothing could be read: the file as a whole is damaged, and says why as before.
    if (sheets.length === 0 && unreadable.length) throw new XlsxFault("CORRUPT", unreadable[0].detail);
    return { ok: true, workbook: { name: options.fileName ?? "", sheets }, unreadable };
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

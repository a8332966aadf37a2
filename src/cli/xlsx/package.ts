/**
 * The OPC package around the cells: which bytes are an xlsx at all, where the workbook part is,
 * which parts its relationships point at, and how a part's bytes become text.
 */
import { findTags } from "./xml";
import {
  XlsxFault,
  inflateEntry,
  looksLikeZip,
  partKey,
  readZipDirectory,
  type ZipDirectory,
  type ZipEntry,
} from "./zip";

export interface Limits {
  /** Largest declared uncompressed size of any one part we inflate. */
  maxPartBytes: number;
  /** Largest sum of declared uncompressed sizes of the parts one read inflates. */
  maxTotalBytes: number;
  /** Most cells (elements in sheet data, blanks with a style included) one read accepts. */
  maxCells: number;
}

/**
 * 500 MiB per part: a JavaScript string holds at most ~512 Mi characters (V8), and a part is decoded
 * into one string, so this is also the largest part that can be read at all. 2 GiB in total.
 * 10 million cells: ten times the 1 M-cell benchmark, about 1 GB of memory in the grid.
 */
export const DEFAULT_LIMITS: Limits = {
  maxPartBytes: 500 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxCells: 10_000_000,
};

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const pattern = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) pattern[i * 2] = text.charCodeAt(i);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(pattern) >= 0;
}

/**
 * Names the kind of file when it is not a zip, so the message can say what to do. An OLE compound
 * file is an .xls (BIFF), a WPS .et, or an xlsx protected with a password (Office wraps the
 * encrypted package in OLE, with a stream named "EncryptedPackage").
 */
export function sniffNonZip(bytes: Uint8Array, fileName: string | undefined): never {
  const lower = (fileName ?? "").toLowerCase();
  if (startsWith(bytes, OLE_MAGIC)) {
    if (containsUtf16(bytes, "EncryptedPackage"))
      throw new XlsxFault("ENCRYPTED", "the workbook is password-protected (encrypted)");
    if (lower.endsWith(".et") || lower.endsWith(".ett"))
      throw new XlsxFault("WPS_ET", "a WPS Spreadsheets (.et) file");
    throw new XlsxFault("LEGACY_XLS", "an Excel 97–2003 (.xls) workbook");
  }
  if (bytes.length === 0) throw new XlsxFault("NOT_XLSX", "the file is empty");
  const head = new TextDecoder("utf-8")
    .decode(bytes.subarray(0, 2048))
    .replace(/^\ufeff/, "")
    .trimStart()
    .toLowerCase();
  if (head.startsWith("<")) {
    // Many government systems "export to Excel" as HTML or SpreadsheetML 2003 with an .xls name.
    if (head.includes("urn:schemas-microsoft-com:office:spreadsheet"))
      throw new XlsxFault("LEGACY_XLS", "an XML Spreadsheet 2003 file");
    if (head.includes("<html") || head.includes("<table") || head.includes("<!doctype html"))
      throw new XlsxFault("LEGACY_XLS", "a web page (HTML) saved with a spreadsheet name");
  }
  if (lower.endsWith(".et") || lower.endsWith(".ett"))
    throw new XlsxFault("WPS_ET", "a WPS Spreadsheets (.et) file");
  if (lower.endsWith(".xls")) throw new XlsxFault("LEGACY_XLS", "not an .xlsx file (named .xls)");
  if (lower.endsWith(".csv") || lower.endsWith(".txt"))
    throw new XlsxFault("NOT_XLSX", "a text (CSV) file, not a workbook");
  throw new XlsxFault("NOT_XLSX", "not a zip package");
}

export interface Package {
  bytes: Uint8Array;
  dir: ZipDirectory;
  /** Name of the workbook part, e.g. "xl/workbook.xml". */
  workbookPart: string;
}

export function openPackage(input: Uint8Array, fileName: string | undefined): Package {
  // A plain Uint8Array view: Buffer#slice returns a view where Uint8Array#slice copies, and no
  // code here may ever be able to write into the caller's bytes.
  const bytes = Buffer.isBuffer(input)
    ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
    : input;
  let dir: ZipDirectory;
  if (looksLikeZip(bytes)) dir = readZipDirectory(bytes);
  else {
    if (startsWith(bytes, OLE_MAGIC)) sniffNonZip(bytes, fileName);
    // Data before the archive (a self-extracting stub, a mail gateway's header): the end record at
    // the end of the file still finds the entries, each offset shifted by the stub's length.
    try {
      dir = readZipDirectory(bytes);
    } catch {
      sniffNonZip(bytes, fileName);
    }
  }
  if (dir.entries.some((e) => e.flags & 0x01))
    throw new XlsxFault("ENCRYPTED", "the zip entries are encrypted");
  let workbookPart = "xl/workbook.xml";
  const rootRels = dir.byName.get("_rels/.rels");
  if (rootRels && rootRels.size <= 1024 * 1024) {
    const rels = relationships(decodePart(inflateEntry(bytes, rootRels)), "");
    const main = rels.find((r) => r.type.endsWith("/officeDocument") && !r.external);
    if (main && dir.byName.has(partKey(main.target))) workbookPart = main.target;
  }
  if (!dir.byName.has(partKey(workbookPart))) {
    const has = (name: string): boolean => dir.byName.has(name);
    if (has("xl/workbook.bin")) throw new XlsxFault("NOT_XLSX", "an Excel binary workbook (.xlsb)");
    if (has("word/document.xml")) throw new XlsxFault("NOT_XLSX", "a Word document, not a workbook");
    if (has("ppt/presentation.xml")) throw new XlsxFault("NOT_XLSX", "a PowerPoint file, not a workbook");
    if (has("content.xml") && has("mimetype")) throw new XlsxFault("NOT_XLSX", "an OpenDocument (.ods) file");
    throw new XlsxFault("NOT_XLSX", "a zip file without a workbook (xl/workbook.xml)");
  }
  return { bytes, dir, workbookPart: dir.byName.get(partKey(workbookPart))!.name };
}

export function entryOf(pkg: Package, name: string): ZipEntry | undefined {
  return pkg.dir.byName.get(partKey(name));
}

const utf16le = new TextDecoder("utf-16le");
const utf16be = new TextDecoder("utf-16be");

/** Bytes of a part → text; XML parts are UTF-8 in practice, but OPC allows UTF-16 with a BOM. */
export function decodePart(data: Uint8Array): string {
  if (data.length >= 2 && data[0] === 0xff && data[1] === 0xfe) return utf16le.decode(data.subarray(2));
  if (data.length >= 2 && data[0] === 0xfe && data[1] === 0xff) return utf16be.decode(data.subarray(2));
  const start = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  const legacy = start === 0 ? declaredLegacyEncoding(data) : undefined;
  if (legacy) return new TextDecoder(legacy).decode(data);
  // Node's Buffer decoder has a fast path for ASCII-heavy input that TextDecoder lacks.
  return Buffer.from(data.buffer, data.byteOffset + start, data.byteLength - start).toString("utf8");
}

/**
 * Some Chinese export tools write parts in GBK/GB18030 and say so in the XML declaration, which
 * OPC does not allow but Excel honours; reading them as UTF-8 would garble every name.
 */
function declaredLegacyEncoding(data: Uint8Array): string | undefined {
  if (data[0] !== 0x3c || data[1] !== 0x3f) return undefined;
  let end = 2;
  while (end < Math.min(data.length, 200) && data[end] !== 0x3e) end++;
  let head = "";
  for (let i = 0; i < end; i++) head += String.fromCharCode(data[i]);
  const m = /encoding\s*=\s*["']([\w.-]+)["']/i.exec(head);
  if (!m) return undefined;
  const name = m[1].toLowerCase();
  return name === "gb2312" || name === "gbk" || name === "gb18030" || name === "big5" ? name : undefined;
}

export interface Relationship {
  id: string;
  type: string;
  /** Resolved part name (no leading slash), or the raw target when external. */
  target: string;
  external: boolean;
}

/** The folder of a part, with a trailing slash ("xl/worksheets/"), for resolving relative targets. */
export function folderOf(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i + 1);
}

export function resolveTarget(base: string, target: string): string {
  const raw = target.replace(/\\/g, "/");
  const path = raw.startsWith("/") ? raw.slice(1) : base + raw;
  const out: string[] = [];
  for (const seg of path.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** The relationships part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPartOf(part: string): string {
  const folder = folderOf(part);
  return `${folder}_rels/${part.slice(folder.length)}.rels`;
}

export function relationships(xml: string, baseFolder: string): Relationship[] {
  return findTags(xml, "Relationship").map((tag) => {
    const external = tag.attrs.get("TargetMode") === "External";
    const target = tag.attrs.get("Target") ?? "";
    return {
      id: tag.attrs.get("Id") ?? "",
      type: tag.attrs.get("Type") ?? "",
      target: external ? target : resolveTarget(baseFolder, target),
      external,
    };
  });
}

/** What an OPC spreadsheet package is, by its workbook part's content type; the extension Excel requires for it. */
export type PackageKind = "xlsx" | "xlsm" | "xltx" | "xltm" | "xlam";

const KIND_BY_CONTENT_TYPE: Record<string, PackageKind> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
  "application/vnd.ms-excel.sheet.macroEnabled.main+xml": "xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xltx",
  "application/vnd.ms-excel.template.macroEnabled.main+xml": "xltm",
  "application/vnd.ms-excel.addin.macroEnabled.main+xml": "xlam",
};

/**
 * The kind of workbook a package is, from [Content_Types].xml. Excel refuses a file whose name's
 * extension does not match it (a macro-enabled package named .xlsx), so a copy keeps its input's
 * kind and must be named for it. A package that does not say is an ordinary workbook.
 */
export function packageKind(pkg: Package): PackageKind {
  const entry = entryOf(pkg, "[Content_Types].xml");
  if (!entry || entry.size > 1024 * 1024) return "xlsx";
  const xml = decodePart(inflateEntry(pkg.bytes, entry));
  const part = `/${pkg.workbookPart}`.toLowerCase();
  for (const tag of findTags(xml, "Override"))
    if ((tag.attrs.get("PartName") ?? "").toLowerCase() === part)
      return KIND_BY_CONTENT_TYPE[(tag.attrs.get("ContentType") ?? "").trim()] ?? "xlsx";
  return "xlsx";
}

/**
 * addReportSheet: writes a copy of a workbook with one new worksheet — the audit report laid
 * out by src/core/report/layout.ts — by XML surgery: a new worksheet part, its <sheet> entry
 * and print titles in workbook.xml, a relationship, a content-type Override, and the report's
 * cell formats appended to styles.xml. Every other part is copied byte for byte (zip.ts).
 *
 * Appending keeps every existing index valid: the new sheet goes last (so no localSheetId of
 * an existing defined name moves), and fonts, fills, borders and cell formats are appended
 * (so no existing style id moves). Strings are inline (`t="inlineStr"`), so sharedStrings.xml
 * is not touched. The workbook's active tab and the other sheets' views are left alone: a
 * second selected tab would group the sheets.
 */
import { columnName, quotedSheet } from "../../core/address";
import {
  GRID_COLOR,
  REPORT_STYLES,
  type ReportSheet,
  type ReportSheetCell,
  type ReportStyle,
  type ReportStyleSpec,
  uniqueSheetName,
} from "../../core/report/layout";

export { uniqueSheetName };
import { openPackage, folderOf, type Limits } from "./package";
import { PackageEditor, insertBeforeClose } from "./packageEditor";
import { readWorkbookInfo, toProblem, type XlsxProblemCode } from "./read";
import { escapeXml, findTag, findTags, rootPrefix, elementEnd } from "./xml";
import { MAIN_NS, CT_WORKSHEET, CT_STYLES, Refusal, argb, relationshipPrefix, relTypeBase } from "./ooxml";

export interface AddSheetProblem {
  /** CANNOT_PRESERVE: the workbook cannot take a new sheet without changing what it means. */
  code: "CANNOT_PRESERVE" | XlsxProblemCode;
  parts: string[];
  detail: string;
}

export type AddSheetResult =
  | { ok: true; bytes: Uint8Array; sheetName: string; changed: string[]; added: string[] }
  | { ok: false; problem: AddSheetProblem };

export interface AddSheetOptions {
  fileName?: string;
  limits?: Partial<Limits>;
}

// ---------------------------------------------------------------------------------------------
// Formats

function alignmentXml(spec: ReportStyleSpec, p: string): string {
  const attrs = `${spec.horizontal ? ` horizontal="${spec.horizontal}"` : ""}${spec.vertical ? ` vertical="${spec.vertical}"` : ""}${spec.wrap ? ' wrapText="1"' : ""}`;
  return attrs ? `<${p}alignment${attrs}/>` : "";
}

const STYLE_NAMES = Object.keys(REPORT_STYLES) as ReportStyle[];

interface Collection {
  /** Index just past the start tag (or where the children would go). */
  open: { start: number; end: number; selfClosing: boolean };
  closeStart: number;
  closeEnd: number;
  items: { start: number; end: number }[];
}

function collection(xml: string, p: string, name: string, item: string): Collection | undefined {
  const tag = findTag(xml, name);
  if (!tag) return undefined;
  if (tag.selfClosing)
    return {
      open: { start: tag.start, end: tag.end, selfClosing: true },
      closeStart: tag.end,
      closeEnd: tag.end,
      items: [],
    };
  const close = `</${p}${name}>`;
  const closeStart = xml.indexOf(close, tag.end);
  if (closeStart < 0) throw new Refusal(["xl/styles.xml"], `styles.xml has an unclosed <${name}>`);
  const items = findTags(xml, item, tag.end, closeStart).map((t) => ({
    start: t.start,
    end: elementEnd(xml, t),
  }));
  return {
    open: { start: tag.start, end: tag.end, selfClosing: false },
    closeStart,
    closeEnd: closeStart + close.length,
    items,
  };
}

/** CT_Stylesheet's children in schema order. */
const STYLESHEET_ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

/** Appends elements to a collection (creating it, with `defaults` first, where missing); returns the first new index. */
function append(
  xml: string,
  p: string,
  name: string,
  item: string,
  added: string[],
  defaults: string[],
): { xml: string; first: number } {
  const c = collection(xml, p, name, item);
  if (!c) {
    const rank = STYLESHEET_ORDER.indexOf(name);
    let at = -1;
    for (const later of STYLESHEET_ORDER.slice(rank + 1)) {
      const t = findTag(xml, later);
      if (t && (at < 0 || t.start < at)) at = t.start;
    }
    if (at < 0) at = xml.lastIndexOf(`</${p}styleSheet>`);
    if (at < 0) throw new Refusal(["xl/styles.xml"], "styles.xml has no </styleSheet>");
    const all = [...defaults, ...added];
    return {
      xml:
        xml.slice(0, at) + `<${p}${name} count="${all.length}">${all.join("")}</${p}${name}>` + xml.slice(at),
      first: defaults.length,
    };
  }
  const count = c.items.length + added.length;
  let startTag = xml.slice(c.open.start, c.open.end).replace(/\/>$/, ">");
  startTag = /\bcount\s*=\s*["']\d*["']/.test(startTag)
    ? startTag.replace(/\bcount\s*=\s*["']\d*["']/, `count="${count}"`)
    : startTag.replace(/>$/, ` count="${count}">`);
  const body = c.open.selfClosing ? "" : xml.slice(c.open.end, c.closeStart);
  const tail = c.open.selfClosing ? xml.slice(c.open.end) : xml.slice(c.closeEnd);
  return {
    xml: xml.slice(0, c.open.start) + startTag + body + added.join("") + `</${p}${name}>` + tail,
    first: c.items.length,
  };
}

/** A font like the workbook's first (its typeface and size), changed as the spec says. */
function fontXml(base: string, p: string, spec: NonNullable<ReportStyleSpec["font"]>): string {
  let inner = base
    .replace(/<(?:[\w.-]+:)?(?:b|u|i|color|sz)\b[^>]*?\/>/g, "")
    .replace(/<(?:[\w.-]+:)?(?:b|u|i|color|sz)\b[^>]*>[\s\S]*?<\/(?:[\w.-]+:)?(?:b|u|i|color|sz)>/g, "");
  if (spec.name) inner = inner.replace(/<(?:[\w.-]+:)?(?:name|family|charset|scheme)\b[^>]*\/>/g, "");
  let out = "";
  if (spec.bold) out += `<${p}b/>`;
  if (spec.underline) out += `<${p}u/>`;
  out += `<${p}sz val="${spec.size ?? baseSize(base)}"/>`;
  if (spec.color) out += `<${p}color rgb="${argb(spec.color)}"/>`;
  if (spec.name) out += `<${p}name val="${spec.name}"/>`;
  return `<${p}font>${out}${inner}</${p}font>`;
}

function baseSize(font: string): string {
  return /<(?:[\w.-]+:)?sz\s+val\s*=\s*["']([\d.]+)["']/.exec(font)?.[1] ?? "11";
}

function fontInner(xml: string, c: Collection | undefined, p: string): string {
  const first = c?.items[0];
  if (!first) return `<${p}name val="Calibri"/>`;
  const text = xml.slice(first.start, first.end);
  const open = /^<[^>]*>/.exec(text)?.[0] ?? "";
  if (open.endsWith("/>")) return "";
  return text.slice(open.length, text.lastIndexOf("</"));
}

function borderXml(p: string, kind: "grid" | "bottom"): string {
  const side = (n: string, on: boolean, color: string): string =>
    on ? `<${p}${n} style="thin"><${p}color rgb="${color}"/></${p}${n}>` : `<${p}${n}/>`;
  if (kind === "grid")
    return `<${p}border>${["left", "right", "top", "bottom"].map((n) => side(n, true, argb(GRID_COLOR))).join("")}<${p}diagonal/></${p}border>`;
  return `<${p}border>${side("left", false, "")}${side("right", false, "")}${side("top", false, "")}${side("bottom", true, "FF000000")}<${p}diagonal/></${p}border>`;
}

/** Adds the report's formats to styles.xml; returns the new text and the cell format id of each style. */
export function addReportStyles(xml: string): { xml: string; ids: Record<ReportStyle, number> } {
  const p = rootPrefix(xml);
  const fontsBefore = collection(xml, p, "fonts", "font");
  const base = fontInner(xml, fontsBefore, p);

  const fonts: string[] = [];
  const fontIndex = new Map<string, number>();
  const fills: string[] = [];
  const fillIndex = new Map<string, number>();
  const borders: string[] = [];
  const borderIndex = new Map<string, number>();
  for (const name of STYLE_NAMES) {
    const s = REPORT_STYLES[name];
    if (s.font) {
      const f = fontXml(base, p, s.font);
      if (!fontIndex.has(f)) fontIndex.set(f, fonts.push(f) - 1);
    }
    if (s.fill && !fillIndex.has(s.fill))
      fillIndex.set(
        s.fill,
        fills.push(
          `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb(s.fill)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
        ) - 1,
      );
    if (s.border && !borderIndex.has(s.border))
      borderIndex.set(s.border, borders.push(borderXml(p, s.border)) - 1);
  }

  let out = xml;
  const f = append(out, p, "fonts", "font", fonts, [
    `<${p}font>${base || `<${p}sz val="11"/><${p}name val="Calibri"/>`}</${p}font>`,
  ]);
  out = f.xml;
  const fi = append(out, p, "fills", "fill", fills, [
    `<${p}fill><${p}patternFill patternType="none"/></${p}fill>`,
    `<${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`,
  ]);
  out = fi.xml;
  const b = append(out, p, "borders", "border", borders, [
    `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`,
  ]);
  out = b.xml;
  if (!findTag(out, "cellStyleXfs"))
    out = append(
      out,
      p,
      "cellStyleXfs",
      "xf",
      [],
      [`<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`],
    ).xml;

  const xfs: string[] = [];
  for (const name of STYLE_NAMES) {
    const s = REPORT_STYLES[name];
    const fontId = s.font ? f.first + fontIndex.get(fontXml(base, p, s.font))! : 0;
    const fillId = s.fill ? fi.first + fillIndex.get(s.fill)! : 0;
    const borderId = s.border ? b.first + borderIndex.get(s.border)! : 0;
    const align = alignmentXml(s, p);
    const apply = `${s.font ? ' applyFont="1"' : ""}${s.fill ? ' applyFill="1"' : ""}${s.border ? ' applyBorder="1"' : ""}${align ? ' applyAlignment="1"' : ""}`;
    xfs.push(
      align
        ? `<${p}xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${apply}>${align}</${p}xf>`
        : `<${p}xf numFmtId="0" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${apply}/>`,
    );
  }
  const x = append(out, p, "cellXfs", "xf", xfs, [
    `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
  ]);
  const ids = {} as Record<ReportStyle, number>;
  STYLE_NAMES.forEach((n, i) => (ids[n] = x.first + i));
  return { xml: x.xml, ids };
}

// ---------------------------------------------------------------------------------------------
// The worksheet

function cellXml(ref: string, c: ReportSheetCell | null, ids: Record<ReportStyle, number>): string {
  if (!c) return "";
  const s = ids[c.style];
  if (typeof c.value === "number")
    return Number.isFinite(c.value) ? `<c r="${ref}" s="${s}"><v>${c.value}</v></c>` : "";
  if (c.value === "") return `<c r="${ref}" s="${s}"/>`;
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.value)}</t></is></c>`;
}

export function worksheetXml(sheet: ReportSheet, ids: Record<ReportStyle, number>, ns = MAIN_NS): string {
  const width = sheet.columns.length;
  const last = columnName(width - 1);
  const rows = sheet.rows;
  const top = sheet.freezeRows + 1;
  let xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${ns}">` +
    `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
    `<dimension ref="A1:${last}${Math.max(1, rows.length)}"/>` +
    `<sheetViews><sheetView showGridLines="0" workbookViewId="0">` +
    (sheet.freezeRows > 0
      ? `<pane ySplit="${sheet.freezeRows}" topLeftCell="A${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${top}" sqref="A${top}"/>`
      : "") +
    `</sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${sheet.columns.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${(w + 0.7109375).toFixed(7).replace(/0+$/, "")}" customWidth="1"/>`).join("")}</cols>` +
    `<sheetData>`;
  const links: string[] = [];
  rows.forEach((cells, r) => {
    const n = r + 1;
    const height = sheet.heights[r];
    let body = "";
    cells.forEach((c, col) => {
      const ref = `${columnName(col)}${n}`;
      body += cellXml(ref, c, ids);
      if (c?.link)
        links.push(
          `<hyperlink ref="${ref}" location="${escapeXml(c.link)}" display="${escapeXml(String(c.value))}"/>`,
        );
    });
    const ht = height ? ` ht="${height}" customHeight="1"` : "";
    xml += body || ht ? `<row r="${n}"${ht}>${body}</row>` : "";
  });
  xml += `</sheetData>`;
  if (sheet.merges.length)
    xml += `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`;
  if (links.length) xml += `<hyperlinks>${links.join("")}</hyperlinks>`;
  xml +=
    `<printOptions horizontalCentered="1"/>` +
    `<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>` +
    `<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>` +
    `<headerFooter><oddFooter>${escapeXml(sheet.pageFooter)}</oddFooter></headerFooter>` +
    `</worksheet>`;
  return xml;
}

// ---------------------------------------------------------------------------------------------
// workbook.xml

function mainNamespace(rootTag: string, p: string): string {
  const attr = p ? `xmlns:${p.slice(0, -1)}` : "xmlns";
  const m = new RegExp(`${attr.replace(/[.]/g, "\\.")}\\s*=\\s*["']([^"']+)["']`).exec(rootTag);
  return m?.[1] ?? MAIN_NS;
}

/** CT_Workbook children that come after <sheets> and before <definedNames>. */
const BEFORE_DEFINED_NAMES = ["functionGroups", "externalReferences"];

function addToWorkbook(
  xml: string,
  name: string,
  relId: string,
  printTitleRow: number | undefined,
  state: "veryHidden" | undefined,
): string {
  const p = rootPrefix(xml);
  const root = findTag(xml, "workbook");
  if (!root) throw new Refusal(["xl/workbook.xml"], "workbook.xml has no <workbook>");
  const rel = relationshipPrefix(xml.slice(root.start, root.end));
  const sheets = findTags(xml, "sheet");
  const index = sheets.length;
  const sheetId = sheets.reduce((m, t) => Math.max(m, Number(t.attrs.get("sheetId")) || 0), 0) + 1;
  let out = insertBeforeClose(
    xml,
    "sheets",
    `<${p}sheet${rel.declaration} name="${escapeXml(name)}" sheetId="${sheetId}"${state ? ` state="${state}"` : ""} ${rel.prefix}:id="${relId}"/>`,
  );
  if (printTitleRow === undefined) return out;
  const titles = `<${p}definedName name="_xlnm.Print_Titles" localSheetId="${index}">${escapeXml(quotedSheet(name))}!$${printTitleRow}:$${printTitleRow}</${p}definedName>`;
  const names = findTag(out, "definedNames");
  if (names) return insertBeforeClose(out, "definedNames", titles);
  // No <definedNames> yet: it goes after <sheets> (and functionGroups/externalReferences).
  const sheetsTag = findTag(out, "sheets")!;
  let at = elementEnd(out, sheetsTag);
  for (const n of BEFORE_DEFINED_NAMES) {
    const t = findTag(out, n, at);
    if (t) at = Math.max(at, elementEnd(out, t));
  }
  if (at < 0) throw new Refusal(["xl/workbook.xml"], "workbook.xml has an unclosed <sheets>");
  out = out.slice(0, at) + `<${p}definedNames>${titles}</${p}definedNames>` + out.slice(at);
  return out;
}

function ensureOverride(editor: PackageEditor, part: string, type: string): void {
  const name = "[Content_Types].xml";
  const xml = editor.read(name);
  if (xml === undefined) throw new Refusal([name], "the package has no [Content_Types].xml");
  editor.write(
    name,
    insertBeforeClose(xml, "Types", `<Override PartName="/${escapeXml(part)}" ContentType="${type}"/>`),
  );
}

const MINIMAL_STYLES = (ns: string): string =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}"></styleSheet>`;

/** What goes into a new worksheet part: its XML (given the main namespace and, when asked, our styles' ids). */
interface NewSheet {
  name: string;
  /** Append the report's cell formats to styles.xml and pass their ids to `xml`. */
  styles: boolean;
  xml(ns: string, ids: Record<ReportStyle, number> | undefined): string;
  /** Row repeated at the top of every printed page (1-based); none when absent. */
  printTitleRow?: number;
  state?: "veryHidden";
}

/** A copy of the workbook with the report sheet added last. The input bytes are never modified. */
export function addReportSheet(
  bytes: Uint8Array,
  sheet: ReportSheet,
  options: AddSheetOptions = {},
): AddSheetResult {
  return addSheet(
    bytes,
    {
      name: sheet.name,
      styles: true,
      printTitleRow: sheet.printTitleRow,
      xml: (ns, ids) => worksheetXml(sheet, ids!, ns),
    },
    options,
  );
}

/**
 * A copy of the workbook with a very hidden sheet added last, holding text and numbers in given
 * cells and nothing else (no styles, no print settings): the add-in's `_tdcheck` memory, for a
 * workbook that has none yet. The name is used as given; the caller makes sure it is free.
 */
export function addHiddenSheet(
  bytes: Uint8Array,
  name: string,
  cells: { row: number; col: number; value: string | number }[],
  options: AddSheetOptions = {},
): AddSheetResult {
  return addSheet(
    bytes,
    { name, styles: false, state: "veryHidden", xml: (ns) => plainSheetXml(cells, ns) },
    options,
  );
}

function plainSheetXml(cells: { row: number; col: number; value: string | number }[], ns: string): string {
  const rows = new Map<number, typeof cells>();
  for (const c of [...cells].sort((a, b) => a.row - b.row || a.col - b.col))
    rows.set(c.row, [...(rows.get(c.row) ?? []), c]);
  let body = "";
  for (const [r, list] of rows) {
    body += `<row r="${r + 1}">`;
    for (const c of list) {
      const ref = `${columnName(c.col)}${r + 1}`;
      body +=
        typeof c.value === "number"
          ? `<c r="${ref}"><v>${c.value}</v></c>`
          : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(c.value)}</t></is></c>`;
    }
    body += "</row>";
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${ns}"><sheetData>${body}</sheetData></worksheet>`
  );
}

function addSheet(bytes: Uint8Array, spec: NewSheet, options: AddSheetOptions): AddSheetResult {
  try {
    const pkg = openPackage(bytes, options.fileName);
    const editor = new PackageEditor(pkg, options.limits);
    const info = readWorkbookInfo(pkg, editor.limits);
    const workbookXml = editor.read(pkg.workbookPart)!;
    const protection = findTag(workbookXml, "workbookProtection");
    const locked = protection?.attrs.get("lockStructure");
    if (locked === "1" || locked === "true")
      throw new Refusal([pkg.workbookPart], "the workbook's structure is protected: no sheet can be added");

    const name = uniqueSheetName(
      spec.name,
      info.sheets.map((s) => s.name),
    );
    const root = findTag(workbookXml, "workbook")!;
    const ns = mainNamespace(workbookXml.slice(root.start, root.end), rootPrefix(workbookXml));
    const relBase = relTypeBase(pkg, editor);

    let ids: Record<ReportStyle, number> | undefined;
    if (spec.styles) {
      // Styles: append ours (creating the part when a workbook has none).
      let stylesPart = info.stylesPart ? editor.storedName(info.stylesPart) : undefined;
      if (!stylesPart) {
        const plain = `${folderOf(pkg.workbookPart)}styles.xml`;
        stylesPart = editor.has(plain)
          ? editor.freshName(`${folderOf(pkg.workbookPart)}styles{n}.xml`)
          : plain;
        editor.write(stylesPart, MINIMAL_STYLES(ns));
        editor.addRelationship(pkg.workbookPart, `${relBase}/styles`, stylesPart);
        ensureOverride(editor, stylesPart, CT_STYLES);
      }
      const styles = addReportStyles(editor.read(stylesPart)!);
      editor.write(stylesPart, styles.xml);
      ids = styles.ids;
    }

    const part = editor.freshName(`${folderOf(pkg.workbookPart)}worksheets/sheet{n}.xml`);
    editor.write(part, spec.xml(ns, ids));
    const relId = editor.addRelationship(pkg.workbookPart, `${relBase}/worksheet`, part);
    ensureOverride(editor, part, CT_WORKSHEET);
    editor.write(pkg.workbookPart, addToWorkbook(workbookXml, name, relId, spec.printTitleRow, spec.state));

    return {
      ok: true,
      bytes: editor.build(),
      sheetName: name,
      changed: editor.changedParts(),
      added: editor.addedParts(),
    };
  } catch (err) {
    if (err instanceof Refusal)
      return { ok: false, problem: { code: "CANNOT_PRESERVE", parts: err.parts, detail: err.detail } };
    const p = toProblem(err);
    return { ok: false, problem: { code: p.code, parts: [], detail: p.detail } };
  }
}

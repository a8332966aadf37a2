/**
 * newWorkbookXlsx: a new .xlsx holding a workbook's cells, for inputs that are not workbooks (a
 * CSV): numbers as numbers under the number format that shows their decimals, text as text
 * (inline strings), nothing else. Annotated copies, report copies and rebalanced copies of such an
 * input are made from this workbook exactly as from an .xlsx, and readXlsx gives back the same grid.
 */
import { columnName } from "../../core/address";
import type { RawValue, SheetGrid, WorkbookGrid } from "../../core/grid";
import { isErrorValue } from "../../core/grid";
import { MAIN_NS, REL_BASE, CT_STYLES, CT_WORKSHEET } from "./ooxml";
import { DEFAULT_LIMITS } from "./package";
import { escapeXml } from "./xml";
import { writeZip, type OutputEntry } from "./zip";

const DECLARATION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT_WORKBOOK = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

/** Custom number formats start at 164 (lower ids are Excel's built-in ones). */
const FIRST_CUSTOM_FORMAT = 164;

/** Excel's column width is in characters of the default font; a CJK character takes about two. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

interface Styles {
  /** Number format code → cellXfs index (0 is General). */
  xfByFormat: Map<string, number>;
  formats: string[];
}

function collectStyles(sheets: readonly SheetGrid[]): Styles {
  const xfByFormat = new Map<string, number>();
  const formats: string[] = [];
  for (const s of sheets)
    for (const row of s.numberFormats ?? [])
      for (const f of row ?? [])
        if (f && f !== "General" && !xfByFormat.has(f)) {
          formats.push(f);
          xfByFormat.set(f, formats.length);
        }
  return { xfByFormat, formats };
}

function stylesXml(styles: Styles): string {
  const numFmts = styles.formats.length
    ? `<numFmts count="${styles.formats.length}">${styles.formats.map((f, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FORMAT + i}" formatCode="${escapeXml(f)}"/>`).join("")}</numFmts>`
    : "";
  const xfs = [
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
    ...styles.formats.map(
      (_, i) =>
        `<xf numFmtId="${FIRST_CUSTOM_FORMAT + i}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`,
    ),
  ];
  return (
    DECLARATION +
    `<styleSheet xmlns="${MAIN_NS}">${numFmts}` +
    `<fonts count="1"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/><scheme val="minor"/></font></fonts>` +
    `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `<dxfs count="0"/><tableStyles count="0"/>` +
    `</styleSheet>`
  );
}

function cellXml(ref: string, v: RawValue, xf: number): string {
  const s = xf ? ` s="${xf}"` : "";
  if (typeof v === "number")
    return Number.isFinite(v)
      ? `<c r="${ref}"${s}><v>${v}</v></c>`
      : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
  if (typeof v === "string")
    return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (isErrorValue(v)) return `<c r="${ref}"${s} t="e"><v>${escapeXml(v.error)}</v></c>`;
  return "";
}

/** Roughly how many characters of the default font a text is wide: CJK and full-width count two. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return w;
}

function shownText(v: RawValue): string {
  if (typeof v === "string")
    return v.includes("\n") ? v.split("\n").reduce((a, b) => (b.length > a.length ? b : a)) : v;
  if (typeof v === "number") return String(v);
  return "";
}

function sheetXml(sheet: SheetGrid, styles: Styles): string {
  const widths: number[] = [];
  let body = "";
  let lastRow = 0;
  let lastCol = 0;
  sheet.values.forEach((row, r) => {
    if (!row) return;
    const formats = sheet.numberFormats?.[r];
    let cells = "";
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === undefined || v === null) continue;
      const f = formats?.[c];
      cells += cellXml(`${columnName(c)}${r + 1}`, v, f ? (styles.xfByFormat.get(f) ?? 0) : 0);
      const w = textWidth(shownText(v));
      if (w > (widths[c] ?? 0)) widths[c] = w;
      if (c + 1 > lastCol) lastCol = c + 1;
    }
    if (cells) {
      body += `<row r="${r + 1}">${cells}</row>`;
      lastRow = r + 1;
    }
  });
  const dimension = lastRow ? `A1:${columnName(Math.max(lastCol, 1) - 1)}${lastRow}` : "A1";
  const cols = widths.length
    ? `<cols>${Array.from(widths, (w, c) => `<col min="${c + 1}" max="${c + 1}" width="${Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, (w ?? 0) + 2))}" customWidth="1"/>`).join("")}</cols>`
    : "";
  return (
    DECLARATION +
    `<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_BASE}">` +
    `<dimension ref="${dimension}"/>` +
    `<sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    cols +
    `<sheetData>${body}</sheetData>` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `</worksheet>`
  );
}

const encoder = new TextEncoder();

/** The whole package: content types, relationships, workbook, styles, one worksheet per sheet. */
export function newWorkbookXlsx(workbook: WorkbookGrid): Uint8Array {
  const styles = collectStyles(workbook.sheets);
  const sheets = workbook.sheets;
  const contentTypes =
    DECLARATION +
    `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${CT_WORKBOOK}"/>` +
    sheets
      .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT_WORKSHEET}"/>`)
      .join("") +
    `<Override PartName="/xl/styles.xml" ContentType="${CT_STYLES}"/>` +
    `</Types>`;
  const rootRels =
    DECLARATION +
    `<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL_BASE}/officeDocument" Target="xl/workbook.xml"/>` +
    `</Relationships>`;
  const workbookXml =
    DECLARATION +
    `<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_BASE}">` +
    `<bookViews><workbookView activeTab="0"/></bookViews>` +
    `<sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets>` +
    `</workbook>`;
  const workbookRels =
    DECLARATION +
    `<Relationships xmlns="${PKG_REL}">` +
    sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${REL_BASE}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join("") +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_BASE}/styles" Target="styles.xml"/>` +
    `</Relationships>`;
  const part = (name: string, xml: string): OutputEntry => ({ kind: "new", name, data: encoder.encode(xml) });
  const entries: OutputEntry[] = [
    part("[Content_Types].xml", contentTypes),
    part("_rels/.rels", rootRels),
    part("xl/workbook.xml", workbookXml),
    part("xl/_rels/workbook.xml.rels", workbookRels),
    part("xl/styles.xml", stylesXml(styles)),
    ...sheets.map((s, i) => part(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s, styles))),
  ];
  // Every part is new: nothing is copied, so the per-part limit on verifying copies never applies.
  return writeZip(new Uint8Array(0), entries, new Uint8Array(0), DEFAULT_LIMITS.maxPartBytes);
}

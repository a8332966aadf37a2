/**
 * Where a new child goes in a <worksheet>: CT_Worksheet is a strict sequence, and Excel rejects
 * (or "repairs", dropping content) a part whose children are out of order. We list the top-level
 * children once, skipping <sheetData> in one jump, and insert by schema rank.
 */
import { XlsxFault } from "./zip";
import { tagEnd } from "./xml";

/** CT_Worksheet's children in schema order (ECMA-376 Part 1, §18.3.1.99). */
export const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "sheetCalcPr",
  "sheetProtection",
  "protectedRanges",
  "scenarios",
  "autoFilter",
  "sortState",
  "dataConsolidate",
  "customSheetViews",
  "mergeCells",
  "phoneticPr",
  "conditionalFormatting",
  "dataValidations",
  "hyperlinks",
  "printOptions",
  "pageMargins",
  "pageSetup",
  "headerFooter",
  "rowBreaks",
  "colBreaks",
  "customProperties",
  "cellWatches",
  "ignoredErrors",
  "smartTags",
  "drawing",
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
] as const;

const RANK = new Map<string, number>(WORKSHEET_ORDER.map((n, i) => [n, i]));

export interface Child {
  /** Local name; for mc:AlternateContent, the local name of the element its first Choice holds. */
  name: string;
  start: number;
  end: number;
  /** The start tag's text (for reading attributes). */
  tag: string;
}

export interface WorksheetLayout {
  prefix: string;
  /** The root start tag's span. */
  rootStart: number;
  rootTagEnd: number;
  /** Index of "</worksheet>" (or of "/>" for an empty root, which we never meet in practice). */
  rootClose: number;
  children: Child[];
}

function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

/** Index just past the element that starts at `start` (balanced by depth; small elements only). */
function skipElement(xml: string, start: number): number {
  let depth = 0;
  let i = start;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) break;
    if (xml.startsWith("<!--", lt)) {
      i = markupEnd(xml, lt, "-->");
      continue;
    }
    if (xml.startsWith("<![CDATA[", lt)) {
      i = markupEnd(xml, lt, "]]>");
      continue;
    }
    const gt = closedTagEnd(xml, lt);
    if (xml.charCodeAt(lt + 1) === 47) depth--;
    else if (xml.charCodeAt(gt - 2) !== 47 && xml.charCodeAt(lt + 1) !== 63) depth++;
    i = gt;
    if (depth === 0) return i;
  }
  throw new XlsxFault("CORRUPT", "an element in the sheet is not closed");
}

/**
 * Index just past a comment or CDATA section opening at `lt` and closed by `close`. One left open
 * makes the sheet corrupt: searching on from the start instead would go round for ever.
 */
function markupEnd(xml: string, lt: number, close: "-->" | "]]>"): number {
  const at = xml.indexOf(close, lt);
  if (at < 0) throw new XlsxFault("CORRUPT", "a comment or CDATA section in the sheet is not closed");
  return at + close.length;
}

/** xml.ts's tagEnd for the tag opening at `lt`; one left open makes the sheet corrupt. */
function closedTagEnd(xml: string, lt: number): number {
  const end = tagEnd(xml, lt + 1);
  if (end < 0) throw new XlsxFault("CORRUPT", "a tag in the sheet is not closed");
  return end;
}

function nameAt(xml: string, lt: number): string {
  let j = lt + 1;
  while (j < xml.length) {
    const c = xml.charCodeAt(j);
    if (c <= 32 || c === 62 || c === 47) break;
    j++;
  }
  return xml.slice(lt + 1, j);
}

export function worksheetLayout(xml: string): WorksheetLayout {
  let i = 0;
  let rootStart: number;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) throw new XlsxFault("CORRUPT", "the sheet has no root element");
    const c = xml.charCodeAt(lt + 1);
    if (c === 63 || c === 33) {
      i = xml.startsWith("<!--", lt) ? markupEnd(xml, lt, "-->") : closedTagEnd(xml, lt);
      continue;
    }
    rootStart = lt;
    break;
  }
  const rootName = nameAt(xml, rootStart);
  const prefix = rootName.includes(":") ? rootName.slice(0, rootName.indexOf(":") + 1) : "";
  const rootTagEnd = closedTagEnd(xml, rootStart);
  const children: Child[] = [];
  i = rootTagEnd;
  const sheetDataClose = `</${prefix}sheetData>`;
  for (;;) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) throw new XlsxFault("CORRUPT", "the sheet ends before </worksheet>");
    if (xml.startsWith("<!--", lt)) {
      i = markupEnd(xml, lt, "-->");
      continue;
    }
    if (xml.charCodeAt(lt + 1) === 47) {
      return { prefix, rootStart, rootTagEnd, rootClose: lt, children };
    }
    const qname = nameAt(xml, lt);
    const gt = closedTagEnd(xml, lt);
    let end: number;
    if (xml.charCodeAt(gt - 2) === 47) end = gt;
    else if (localName(qname) === "sheetData") {
      const at = xml.indexOf(sheetDataClose, gt);
      if (at < 0) throw new XlsxFault("CORRUPT", "the sheet's cell data is not closed");
      end = at + sheetDataClose.length;
    } else end = skipElement(xml, lt);
    let name = localName(qname);
    if (name === "AlternateContent") {
      // Excel wraps <controls> and <oleObjects> in mc:AlternateContent; order by what it holds.
      const choice = xml.indexOf("Choice", gt);
      const inner = choice >= 0 && choice < end ? xml.indexOf("<", xml.indexOf(">", choice)) : -1;
      name = inner >= 0 && inner < end ? localName(nameAt(xml, inner)) : "AlternateContent";
    }
    children.push({ name, start: lt, end, tag: xml.slice(lt, gt) });
    i = end;
  }
}

/** Where an element of this name belongs: before the first child that must follow it. */
export function insertionPoint(layout: WorksheetLayout, name: (typeof WORKSHEET_ORDER)[number]): number {
  const rank = RANK.get(name)!;
  for (const child of layout.children) {
    const r = RANK.get(child.name);
    if (r === undefined)
      throw new XlsxFault(
        "CANNOT_PRESERVE",
        `the sheet holds an element <${child.name}> whose place in the schema is unknown`,
      );
    if (r > rank) return child.start;
  }
  return layout.rootClose;
}

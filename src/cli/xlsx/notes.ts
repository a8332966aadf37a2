/**
 * Legacy notes (what Excel calls Notes, formerly Comments): a comments part holds the text, a VML
 * drawing holds the yellow box each note shows in. Both must agree cell by cell. We only ever add
 * our own items to them and remove exactly those; a user's note is never rewritten.
 */
import { applyTextEdits, escapeXml, findTag, findTags, rootPrefix } from "./xml";

export const NOTE_AUTHOR = "指标分解校核";

export interface NoteCell {
  row: number;
  col: number;
  /** A1 without $ */
  ref: string;
  text: string;
}

export const VML_NS = {
  v: "urn:schemas-microsoft-com:vml",
  o: "urn:schemas-microsoft-com:office:office",
  x: "urn:schemas-microsoft-com:office:excel",
};

/** Refs (upper case, no $) that already carry a note; a threaded comment has one too. */
export function notedCells(commentsXml: string): Set<string> {
  const out = new Set<string>();
  for (const tag of findTags(commentsXml, "comment")) {
    const ref = tag.attrs.get("ref");
    if (ref) out.add(ref.replace(/\$/g, "").toUpperCase());
  }
  return out;
}

function commentXml(p: string, note: NoteCell, authorId: number): string {
  // One run rather than a bare <t>: Excel accepts both, but some readers only look for runs.
  return `<${p}comment ref="${note.ref}" authorId="${authorId}"><${p}text><${p}r><${p}t xml:space="preserve">${escapeXml(note.text)}</${p}t></${p}r></${p}text></${p}comment>`;
}

export function newCommentsPart(notes: NoteCell[], mainNamespace: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<comments xmlns="${mainNamespace}"><authors><author>${NOTE_AUTHOR}</author></authors><commentList>` +
    notes.map((n) => commentXml("", n, 0)).join("") +
    `</commentList></comments>`
  );
}

/**
 * Adds our author (once) and our comments to an existing comments part. The user's <comment>
 * elements stay verbatim and keep their positions; ours go after them (sorted among themselves),
 * in the same order as their shapes in the VML drawing, because some readers (exceljs) pair
 * comments with shapes by position rather than by cell. Excel pairs them by cell and does not
 * need the list sorted. Returns undefined when the part does not have the shape we expect.
 */
export function addToCommentsPart(xml: string, notes: NoteCell[]): string | undefined {
  const p = rootPrefix(xml);
  const authors = findTag(xml, "authors");
  const list = findTag(xml, "commentList");
  if (!authors || !list) return undefined;
  let authorCount = 0;
  let authorId = -1;
  const authorsClose = authors.selfClosing ? -1 : xml.indexOf(`</${p}authors>`, authors.end);
  if (!authors.selfClosing) {
    for (const t of findTags(xml, "author", authors.end, authorsClose)) {
      if (!t.selfClosing && xml.slice(t.end, xml.indexOf("<", t.end)) === NOTE_AUTHOR) authorId = authorCount;
      authorCount++;
    }
  }
  let out = xml;
  let shift = 0;
  if (authorId < 0) {
    authorId = authorCount;
    const author = `<${p}author>${NOTE_AUTHOR}</${p}author>`;
    if (authors.selfClosing) {
      const open = `<${p}authors>${author}</${p}authors>`;
      out = out.slice(0, authors.start) + open + out.slice(authors.end);
      shift = open.length - (authors.end - authors.start);
    } else {
      out = out.slice(0, authorsClose) + author + out.slice(authorsClose);
      shift = author.length;
    }
  }
  const ours = notes.map((n) => commentXml(p, n, authorId)).join("");
  if (list.selfClosing)
    return (
      out.slice(0, list.start + shift) +
      `<${p}commentList>${ours}</${p}commentList>` +
      out.slice(list.end + shift)
    );
  const listClose = out.indexOf(`</${p}commentList>`, list.end + shift);
  if (listClose < 0) return undefined;
  return out.slice(0, listClose) + ours + out.slice(listClose);
}

/** Our notes in row-major order, as Excel itself lists them. */
export function sortNotes(notes: NoteCell[]): NoteCell[] {
  return [...notes].sort((a, b) => a.row - b.row || a.col - b.col);
}

/** Removes our comments (our author and our mark); returns the refs removed and the new text. */
export function removeFromCommentsPart(
  xml: string,
  mark: string,
): { xml: string; removed: Set<string>; left: number } {
  const p = rootPrefix(xml);
  const authors = findTag(xml, "authors");
  const removed = new Set<string>();
  if (!authors || authors.selfClosing) return { xml, removed, left: findTags(xml, "comment").length };
  const authorsClose = xml.indexOf(`</${p}authors>`, authors.end);
  const authorTags = findTags(xml, "author", authors.end, authorsClose);
  const ourId = authorTags.findIndex(
    (t) => !t.selfClosing && xml.slice(t.end, xml.indexOf("<", t.end)) === NOTE_AUTHOR,
  );
  if (ourId < 0) return { xml, removed, left: findTags(xml, "comment").length };
  const close = `</${p}comment>`;
  const cuts: { start: number; end: number }[] = [];
  let left = 0;
  for (const t of findTags(xml, "comment", authorsClose)) {
    const end = t.selfClosing ? t.end : xml.indexOf(close, t.end) + close.length;
    const body = xml.slice(t.end, end);
    const text = body.replace(/<[^>]*>/g, "");
    if (Number(t.attrs.get("authorId")) === ourId && text.startsWith(mark)) {
      cuts.push({ start: t.start, end });
      removed.add((t.attrs.get("ref") ?? "").replace(/\$/g, "").toUpperCase());
    } else left++;
  }
  let out = applyTextEdits(
    xml,
    cuts.map((c) => ({ ...c, text: "" })),
  );
  // Our author goes too when it is the last one and nothing refers to it any more, so the
  // user's authorIds never shift.
  const stillUsed = findTags(out, "comment").some((t) => Number(t.attrs.get("authorId")) === ourId);
  if (!stillUsed && ourId === authorTags.length - 1) {
    const a = authorTags[ourId];
    const aEnd = out.indexOf(`</${p}author>`, a.end) + `</${p}author>`.length;
    out = out.slice(0, a.start) + out.slice(aEnd);
  }
  return { xml: out, removed, left };
}

// ---------------------------------------------------------------------------------------------
// VML

/** Shape-id blocks in use anywhere in the workbook (each VML drawing claims blocks of 1024 ids). */
export function usedShapeBlocks(vmlParts: string[]): Set<number> {
  const used = new Set<number>();
  for (const vml of vmlParts) {
    for (const m of vml.matchAll(/<o:idmap\b[^>]*\bdata\s*=\s*["']([^"']*)["']/g))
      for (const n of m[1].split(/[\s,]+/)) if (/^\d+$/.test(n)) used.add(Number(n));
    for (const m of vml.matchAll(/_x0000_s(\d+)/g)) used.add(Math.floor(Number(m[1]) / 1024));
  }
  return used;
}

export function freshBlocks(used: Set<number>, count: number): number[] {
  const out: number[] = [];
  for (let b = 1; out.length < count; b++) {
    if (used.has(b)) continue;
    out.push(b);
    used.add(b);
  }
  return out;
}

const SHAPETYPE =
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function shapeXml(note: NoteCell, id: number): string {
  // The box sits to the right of the cell, a few columns wide and rows tall; hidden until hovered.
  const top = Math.max(0, note.row - 1);
  const lines = Math.min(12, 2 + note.text.split("\n").length);
  const anchor = `${note.col + 1}, 15, ${top}, 10, ${note.col + 5}, 15, ${top + lines}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:240pt;height:${lines * 15}pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${note.row}</x:Row><x:Column>${note.col}</x:Column></x:ClientData></v:shape>`
  );
}

function shapesFor(notes: NoteCell[], blocks: number[]): string {
  return notes.map((n, i) => shapeXml(n, blocks[Math.floor(i / 1023)] * 1024 + 1 + (i % 1023))).join("");
}

export function blocksNeeded(notes: number): number {
  return Math.max(1, Math.ceil(notes / 1023));
}

export function newVmlPart(notes: NoteCell[], blocks: number[]): string {
  return (
    `<xml xmlns:v="${VML_NS.v}" xmlns:o="${VML_NS.o}" xmlns:x="${VML_NS.x}">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(",")}"/></o:shapelayout>` +
    SHAPETYPE +
    shapesFor(notes, blocks) +
    `</xml>`
  );
}

/**
 * Adds our note shapes to a user's VML drawing. The drawing is not always well-formed XML (old
 * Excel wrote bare <br>), so this is plain text surgery: our shapes go before the final </xml>,
 * with ids from blocks no other drawing uses, and those blocks are added to the idmap.
 * Returns a reason instead when the drawing uses other prefixes for the VML namespaces.
 */
export function addToVmlPart(vml: string, notes: NoteCell[], blocks: number[]): string | { reason: string } {
  const close = vml.lastIndexOf("</xml>");
  if (close < 0) return { reason: "its VML drawing has no </xml> end" };
  const declares = (prefix: string, ns: string): boolean =>
    new RegExp(`xmlns:${prefix}\\s*=\\s*["']${ns}["']`).test(vml);
  if (!declares("v", VML_NS.v) || !declares("o", VML_NS.o) || !declares("x", VML_NS.x))
    return { reason: "its VML drawing binds the VML namespaces to unusual prefixes" };
  let out =
    vml.slice(0, close) +
    (/id\s*=\s*["']_x0000_t202["']/.test(vml) ? "" : SHAPETYPE) +
    shapesFor(notes, blocks) +
    vml.slice(close);
  const idmap = /(<o:idmap\b[^>]*\bdata\s*=\s*["'])([^"']*)(["'])/.exec(out);
  if (idmap) {
    const list = idmap[2].trim() ? `${idmap[2]},${blocks.join(",")}` : blocks.join(",");
    out = out.slice(0, idmap.index) + idmap[1] + list + idmap[3] + out.slice(idmap.index + idmap[0].length);
  } else {
    const open = /<xml\b[^>]*>/.exec(out);
    if (!open) return { reason: "its VML drawing has no <xml> root" };
    const layout = `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${blocks.join(",")}"/></o:shapelayout>`;
    out = out.slice(0, open.index + open[0].length) + layout + out.slice(open.index + open[0].length);
  }
  return out;
}

/** Removes note shapes anchored at the given cells; reports how many shapes remain. */
export function removeFromVmlPart(
  vml: string,
  cells: Set<string>,
  refOf: (row: number, col: number) => string,
): { vml: string; left: number } {
  let out = "";
  let last = 0;
  let left = 0;
  // A self-closing shape must not be read as running on to the next shape's end tag.
  const shape = /<v:shape\b(?:[^>"'/]|\/(?!>)|"[^"]*"|'[^']*')*(?:\/>|>[\s\S]*?<\/v:shape>)/g;
  let m: RegExpExecArray | null;
  while ((m = shape.exec(vml)) !== null) {
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(m[0]);
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(m[0]);
    const note = /ObjectType\s*=\s*["']Note["']/.test(m[0]);
    if (note && row && col && cells.has(refOf(Number(row[1]), Number(col[1])))) {
      out += vml.slice(last, m.index);
      last = m.index + m[0].length;
    } else left++;
  }
  out += vml.slice(last);
  // The note shape type we brought along goes too, when it sits where we put it and nothing uses it.
  const close = out.lastIndexOf("</xml>");
  if (
    close >= SHAPETYPE.length &&
    out.slice(close - SHAPETYPE.length, close) === SHAPETYPE &&
    !/type\s*=\s*["']#_x0000_t202["']/.test(out)
  )
    out = out.slice(0, close - SHAPETYPE.length) + out.slice(close);
  return { vml: out, left };
}

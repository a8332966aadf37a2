/**
 * The little XML this folder needs, without a DOM: SpreadsheetML parts are machine-written, flat
 * and regular, so finding tags by text is both safe and an order of magnitude faster than parsing.
 * Tags are matched by local name with any namespace prefix (`<x:c>` from the Open XML SDK is valid).
 */

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Replaces the five named entities and numeric character references. */
export function decodeEntities(s: string): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const code =
        body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
      return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/**
 * OOXML's own escape for characters XML cannot carry (ST_Xstring): `_x000D_` is a carriage return,
 * and `_x005F_` is a literal underscore, so `_x005F_x000D_` reads as the text "_x000D_".
 */
export function decodeXstring(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9a-fA-F]{4})_/g, (_w, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Character data of an element's content as XML defines it: entities decoded outside CDATA
 * sections, a CDATA section's text taken as it is, comments dropped.
 */
export function decodeCharacterData(s: string): string {
  if (s.indexOf("<!") < 0) return decodeEntities(s);
  let out = "";
  let i = 0;
  for (;;) {
    const at = s.indexOf("<!", i);
    if (at < 0) break;
    out += decodeEntities(s.slice(i, at));
    if (s.startsWith("<![CDATA[", at)) {
      const end = s.indexOf("]]>", at + 9);
      if (end < 0) return out + s.slice(at + 9);
      out += s.slice(at + 9, end);
      i = end + 3;
    } else if (s.startsWith("<!--", at)) {
      const end = s.indexOf("-->", at + 4);
      if (end < 0) return out;
      i = end + 3;
    } else {
      out += "<!";
      i = at + 2;
    }
  }
  return out + decodeEntities(s.slice(i));
}

/** Text content of a SpreadsheetML string element: the XML layer first (entities, CDATA), then _xHHHH_. */
export function decodeText(s: string): string {
  return decodeXstring(decodeCharacterData(s));
}

const XML_FORBIDDEN = new RegExp(
  `[${String.fromCharCode(0)}-${String.fromCharCode(8)}${String.fromCharCode(11)}${String.fromCharCode(12)}${String.fromCharCode(14)}-${String.fromCharCode(31)}\ufffe\uffff]`,
  "g",
);

/** Escapes text for element content or a double-quoted attribute. */
export function escapeXml(s: string): string {
  let out = s.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
  // Protect a literal "_xHHHH_" so a reader does not decode it, then encode what XML 1.0 forbids.
  out = out.replace(/_(x[0-9a-fA-F]{4}_)/g, "_x005F_$1");
  // Built from code points so the source holds no control characters.
  return out.replace(
    XML_FORBIDDEN,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`,
  );
}

/**
 * The qualified name of the document element ("x:worksheet", "worksheet"), after the declaration,
 * comments and a DOCTYPE; "" when the text has none.
 */
function rootName(xml: string): string {
  let i = 0;
  for (;;) {
    i = xml.indexOf("<", i);
    if (i < 0) return "";
    const c = xml.charCodeAt(i + 1);
    if (c !== 63 /* ? */ && c !== 33 /* ! */) break;
    // Skip the declaration, a comment or a DOCTYPE to the end of its own markup.
    const close = c === 33 && xml.startsWith("<!--", i) ? xml.indexOf("-->", i) : xml.indexOf(">", i);
    if (close < 0) return "";
    i = close + 1;
  }
  let j = i + 1;
  while (j < xml.length) {
    const c = xml.charCodeAt(j);
    if (c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13) break;
    j++;
  }
  return xml.slice(i + 1, j);
}

/** The namespace prefix of the document element, with its colon ("" when unprefixed). */
export function rootPrefix(xml: string): string {
  const name = rootName(xml);
  return name.slice(0, name.indexOf(":") + 1);
}

/** The local name of the document element ("worksheet"), or "" when the text has none. */
export function rootLocalName(xml: string): string {
  const name = rootName(xml);
  return name.slice(name.indexOf(":") + 1);
}

export interface Tag {
  /** Index of "<". */
  start: number;
  /** Index just past ">". */
  end: number;
  /** Local name without prefix. */
  name: string;
  attrs: Map<string, string>;
  selfClosing: boolean;
}

const ATTR = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** Attributes by local name (a prefixed `r:id` is also reachable as "id" unless an unprefixed one exists). */
export function parseAttributes(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  ATTR.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTR.exec(text)) !== null) {
    const value = decodeEntities(m[2] ?? m[3] ?? "");
    attrs.set(m[1], value);
    const colon = m[1].indexOf(":");
    if (colon >= 0 && m[1].slice(0, colon) !== "xmlns") {
      const local = m[1].slice(colon + 1);
      if (!attrs.has(local)) attrs.set(local, value);
    }
  }
  return attrs;
}

/** Just past the ">" that closes the tag open at or after `from`, quotes honoured; -1 when none does. */
export function tagEnd(xml: string, from: number): number {
  // Attribute values may contain ">" only in theory (it must be escaped as &gt; by every writer we
  // know), but quotes are honoured anyway.
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 62) return i + 1;
  }
  return -1;
}

/** Every start (or empty) tag with this local name between from and to, in document order. */
export function findTags(
  whole: string,
  localName: string,
  from = 0,
  to = whole.length,
  limit = Infinity,
): Tag[] {
  const out: Tag[] = [];
  // A prefix slice bounds every indexOf at `to` (V8 slices without copying); positions are unchanged.
  const xml = to < whole.length ? whole.slice(0, to) : whole;
  let i = from;
  const n = localName.length;
  while (i < to && out.length < limit) {
    i = xml.indexOf(localName, i);
    if (i < 0 || i >= to) break;
    const before = xml.charCodeAt(i - 1);
    const after = xml.charCodeAt(i + n);
    const boundary =
      after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13;
    let lt = -1;
    if (before === 60) lt = i - 1;
    else if (before === 58) {
      // Walk back over a prefix to its "<".
      let k = i - 2;
      while (k >= 0 && /[\w.-]/.test(xml[k])) k--;
      if (k >= 0 && xml.charCodeAt(k) === 60) lt = k;
    }
    if (lt < 0 || !boundary) {
      i += n;
      continue;
    }
    const end = tagEnd(xml, i + n);
    if (end < 0) break;
    out.push({
      start: lt,
      end,
      name: localName,
      attrs: parseAttributes(xml.slice(i + n, end - 1)),
      selfClosing: xml.charCodeAt(end - 2) === 47,
    });
    i = end;
  }
  return out;
}

export function findTag(xml: string, localName: string, from = 0, to = xml.length): Tag | undefined {
  return findTags(xml, localName, from, to, 1)[0];
}

/** Index just past the matching end tag of an element opened by `tag` (its own end if self-closing). */
export function elementEnd(xml: string, tag: Tag): number {
  if (tag.selfClosing) return tag.end;
  const prefixed = xml.slice(tag.start + 1, xml.indexOf(tag.name, tag.start) + tag.name.length);
  // Same-named nesting does not occur for the elements we look for; the first close tag matches.
  const close = `</${prefixed}>`;
  const i = xml.indexOf(close, tag.end);
  if (i < 0) return -1;
  return i + close.length;
}

/** The raw (undecoded) text between a tag and its end tag. */
export function innerText(xml: string, tag: Tag): string {
  if (tag.selfClosing) return "";
  const end = elementEnd(xml, tag);
  if (end < 0) return "";
  return xml.slice(tag.end, xml.lastIndexOf("</", end - 1));
}

/** A change to a text: [start, end) replaced by `text` (start === end inserts). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The text with every edit made, in one pass (joining the kept pieces once, so 50,000 edits to a
 * large sheet cost the sheet's length, not 50,000 copies of it). Positions refer to the original
 * text. At one position, insertions come out in the order listed, then the text of a replacement
 * that starts there. Edits must not overlap: that would be a bug in the caller, and is thrown.
 */
export function applyTextEdits(xml: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return xml;
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i)
    .map((x) => x.e);
  const pieces: string[] = [];
  let cursor = 0;
  for (const e of sorted) {
    if (e.start < cursor) throw new Error(`overlapping edits at ${e.start} (the previous ends at ${cursor})`);
    pieces.push(xml.slice(cursor, e.start), e.text);
    cursor = e.end;
  }
  pieces.push(xml.slice(cursor));
  return pieces.join("");
}

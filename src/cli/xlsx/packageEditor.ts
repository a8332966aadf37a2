/**
 * An .xlsx being rewritten: parts are read on demand, replaced or added as text, and everything
 * not touched is copied raw (see zip.ts), so an annotated copy differs from its input only in
 * the parts we had to change.
 */
import {
  DEFAULT_LIMITS,
  decodePart,
  entryOf,
  folderOf,
  relationships,
  relsPartOf,
  type Limits,
  type Package,
  type Relationship,
} from "./package";
import { checkSize } from "./read";
import { escapeXml, findTags } from "./xml";
import { XlsxFault, inflateEntry, partKey, writeZip, type OutputEntry } from "./zip";

export class PackageEditor {
  private readonly changed = new Map<string, string>();
  /** Lower-case key → the name as we spelled it, and its text. */
  private readonly added = new Map<string, { name: string; text: string }>();
  private readonly removed = new Set<string>();
  /** Parts whose bytes were not valid UTF-8: decoding replaced something with U+FFFD. */
  private readonly lossy = new Set<string>();
  readonly limits: Limits;

  constructor(
    readonly pkg: Package,
    limits: Partial<Limits> = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  has(name: string): boolean {
    const key = partKey(name);
    if (this.removed.has(key)) return false;
    return this.added.has(key) || entryOf(this.pkg, name) !== undefined;
  }

  /** The stored name of an existing part (its original case), for messages and copying. */
  storedName(name: string): string {
    return entryOf(this.pkg, name)?.name ?? name;
  }

  read(name: string): string | undefined {
    const key = partKey(name);
    if (this.removed.has(key)) return undefined;
    const mine = this.changed.get(key) ?? this.added.get(key)?.text;
    if (mine !== undefined) return mine;
    const entry = entryOf(this.pkg, name);
    if (!entry) return undefined;
    checkSize([entry], this.limits);
    const data = inflateEntry(this.pkg.bytes, entry);
    const text = decodePart(data);
    if (lossyUtf8(data, text)) this.lossy.add(key);
    return text;
  }

  write(name: string, text: string): void {
    const key = partKey(name);
    const added = this.added.get(key);
    if (added) added.text = text;
    else if (entryOf(this.pkg, name)) this.changed.set(key, text);
    else this.added.set(key, { name, text });
    this.removed.delete(key);
  }

  remove(name: string): void {
    const key = partKey(name);
    this.added.delete(key);
    this.changed.delete(key);
    if (entryOf(this.pkg, name)) this.removed.add(key);
  }

  changedParts(): string[] {
    return [...this.changed.keys()].map((k) => this.storedName(k));
  }
  addedParts(): string[] {
    return [...this.added.values()].map((a) => a.name);
  }
  removedParts(): string[] {
    return [...this.removed].map((k) => this.storedName(k));
  }

  /** A fresh part name from a pattern such as "xl/comments{n}.xml". */
  freshName(pattern: string): string {
    for (let n = 1; ; n++) {
      const name = pattern.replace("{n}", String(n));
      if (!this.has(name)) return name;
    }
  }

  relationshipsOf(part: string): Relationship[] {
    const xml = this.read(relsPartOf(part));
    return xml === undefined ? [] : relationships(xml, folderOf(part));
  }

  /** Adds a relationship from `part` to `target` and returns its id. */
  addRelationship(part: string, type: string, target: string): string {
    const relsName = relsPartOf(part);
    const xml =
      this.read(relsName) ??
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
    const ids = new Set(findTags(xml, "Relationship").map((t) => t.attrs.get("Id") ?? ""));
    let n = 1;
    for (const id of ids) {
      const m = /^rId(\d+)$/.exec(id);
      if (m) n = Math.max(n, Number(m[1]) + 1);
    }
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const rel = `<Relationship Id="${id}" Type="${escapeXml(type)}" Target="${escapeXml(relativeTarget(part, target))}"/>`;
    this.write(relsName, insertBeforeClose(xml, "Relationships", rel));
    return id;
  }

  removeRelationship(part: string, id: string): void {
    const relsName = relsPartOf(part);
    const xml = this.read(relsName);
    if (xml === undefined) return;
    const tag = findTags(xml, "Relationship").find((t) => t.attrs.get("Id") === id);
    if (!tag) return;
    const next = xml.slice(0, tag.start) + xml.slice(tag.end);
    // A relationships part with no relationship left was ours (Excel never writes an empty one).
    if (findTags(next, "Relationship").length === 0) this.remove(relsName);
    else this.write(relsName, next);
  }

  build(): Uint8Array {
    // Writing a part back from text that stands in for bytes it could not decode would lose them.
    for (const key of this.changed.keys())
      if (this.lossy.has(key))
        throw new XlsxFault(
          "CANNOT_PRESERVE",
          `${this.storedName(key)} is not valid UTF-8; rewriting it would replace its damaged bytes`,
        );
    const items: OutputEntry[] = [];
    for (const entry of this.pkg.dir.entries) {
      const key = partKey(entry.name);
      if (this.removed.has(key)) continue;
      const text = this.changed.get(key);
      if (text === undefined) items.push({ kind: "copy", entry });
      else items.push({ kind: "new", name: entry.name, data: utf8(text), like: entry });
    }
    for (const { name, text } of this.added.values()) items.push({ kind: "new", name, data: utf8(text) });
    return writeZip(this.pkg.bytes, items, this.pkg.dir.comment, this.limits.maxPartBytes);
  }
}

/** True when a UTF-8 part held invalid bytes that decoding replaced with U+FFFD. */
function lossyUtf8(data: Uint8Array, text: string): boolean {
  if (!text.includes("\uFFFD")) return false;
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff)))
    return false;
  const head = Buffer.from(data.subarray(0, 200)).toString("latin1");
  const declared = /^(?:\xEF\xBB\xBF)?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/
    .exec(head)?.[1]
    .toLowerCase();
  if (declared && declared !== "utf-8" && declared !== "utf8") return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(data);
    return false;
  } catch {
    return true;
  }
}

/**
 * Parts are always written as UTF-8 (Node's encoder: about 1.6× faster than TextEncoder on a
 * large sheet). A part read from UTF-16 or GBK had its declaration say so; it must now say UTF-8.
 */
function utf8(text: string): Uint8Array {
  const declared = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']/.exec(text.slice(0, 200));
  const fixed =
    declared && declared[1].toLowerCase() !== "utf-8"
      ? text.replace(/^(<\?xml[^>]*?\bencoding\s*=\s*["'])[^"']+/, "$1UTF-8")
      : text;
  return Buffer.from(fixed, "utf8");
}

/** Inserts text just before the root's closing tag (handles a self-closing root). */
export function insertBeforeClose(xml: string, localName: string, text: string): string {
  const close = new RegExp(`</((?:[\\w.-]+:)?${localName})\\s*>`);
  const m = close.exec(xml);
  if (m) return xml.slice(0, m.index) + text + xml.slice(m.index);
  const empty = new RegExp(`<((?:[\\w.-]+:)?${localName})(\\s[^>]*)?/>`);
  const e = empty.exec(xml);
  if (!e) throw new Error(`no <${localName}> element`);
  const open = e[0].slice(0, -2) + ">";
  return xml.slice(0, e.index) + open + text + `</${e[1]}>` + xml.slice(e.index + e[0].length);
}

/** A relationship target relative to the source part's folder ("../comments1.xml"). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = folderOf(fromPart).split("/").filter(Boolean);
  const to = toPart.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

/**
 * Which encoding a table's text file is in (docs/csv.md): strict UTF-8 first (with or without a
 * byte-order mark), UTF-16 when a byte-order mark says so, then GB18030 (GBK, GB2312) or Big5 only
 * when the text they decode to is plausible for a Chinese table. Almost any bytes decode as
 * GB18030, so a legacy encoding is never taken on the decoder's word alone.
 *
 * The decoding itself is the platform's `TextDecoder` (a web API; Node with full ICU has gb18030
 * and big5): no mapping tables here, only the byte ranges the two standards lay out, which say how
 * common the characters are (GB2312's level-1 hanzi, Big5's frequently used hanzi).
 */

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030" | "big5";

export type DecodedText = {
  ok: true;
  text: string;
  encoding: TextEncodingName;
  /** The file began with a byte-order mark (UTF-8 or UTF-16). */
  bom: boolean;
};

export type EncodingProblem = {
  ok: false;
  /** BINARY: control bytes no text table holds; UNKNOWN_ENCODING: no encoding gave plausible text. */
  code: "BINARY" | "UNKNOWN_ENCODING";
  /** The encodings tried, in order. */
  tried: TextEncodingName[];
};

/** How the legacy candidates' text scored; kept for tests and for the choice between them. */
export interface Plausibility {
  /** No replacement, control or private-use characters. */
  clean: boolean;
  /** Share of the visible characters that are ASCII, CJK ideographs or common punctuation and symbols. */
  familiar: number;
  /** Share of the multi-byte characters in the standard's common region (see `commonShare`). */
  common: number;
  /** Multi-byte characters seen. */
  multibyte: number;
  /**
   * The same share with the standard's second tier (GB2312's level-2 hanzi, Big5's less frequently
   * used hanzi) counted half: place names draw on it, random bytes land in it about as often.
   */
  known: number;
}

/** At least this share of visible characters must be familiar (ASCII, hanzi, punctuation). */
export const MIN_FAMILIAR = 0.95;
/**
 * At least this share of a legacy text's multi-byte characters must lie in its standard's common
 * region. The names of all 3,216 county-level and higher divisions of China score 0.977 as GB18030
 * (place names bring most of the rarer hanzi a table holds), the sample plan 1.0; random bytes score
 * about 0.4 and Big5 text read as GB18030 about 0.55. Random bytes of 64 or more never pass.
 */
export const MIN_COMMON = 0.8;

function decoder(encoding: TextEncodingName): TextDecoder | undefined {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  } catch {
    return undefined; // a runtime without this encoding (Node built with small ICU)
  }
}

function tryDecode(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  const d = decoder(encoding);
  if (!d) return undefined;
  try {
    return d.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Control characters no text table holds: C0 other than tab, LF, CR (and a DOS end-of-file mark,
 * 0x1A, as the very last character), DEL and C1. Binary files are full of them.
 */
function hasControl(text: string): boolean {
  const last = text.length - 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (c === 9 || c === 10 || c === 13) continue;
      if (c === 0x1a && i === last) continue;
      return true;
    }
    if (c >= 0x7f && c <= 0x9f) return true;
  }
  return false;
}

function isFamiliar(c: number): boolean {
  if (c >= 0x21 && c <= 0x7e) return true; // ASCII
  if (c >= 0x4e00 && c <= 0x9fff) return true; // CJK unified ideographs
  if (c >= 0x3400 && c <= 0x4dbf) return true; // extension A
  if (c >= 0xf900 && c <= 0xfaff) return true; // compatibility ideographs
  if (c >= 0x3000 && c <= 0x303f) return true; // CJK symbols and punctuation (、。《》【】〔〕)
  if (c >= 0xff01 && c <= 0xff5e) return true; // full-width ASCII forms (，（）：％)
  if (c >= 0xffe0 && c <= 0xffe6) return true; // full-width ￥ ￡
  if (c >= 0x2010 && c <= 0x203b) return true; // dashes, quotes, ‰, ※
  if (c >= 0x2100 && c <= 0x218f) return true; // ℃, №, Roman numerals
  if (c >= 0x2460 && c <= 0x24ff) return true; // ①⑴⒈
  if (c >= 0x2190 && c <= 0x2199) return true; // arrows
  if (c >= 0x2200 && c <= 0x22ff) return true; // ≥ ≤ ± ×
  if (c >= 0x2500 && c <= 0x25ff) return true; // box drawing, ■ △ ○
  return c === 0xb0 || c === 0xb1 || c === 0xb7 || c === 0xd7 || c === 0xf7 || c === 0xa5; // ° ± · × ÷ ¥
}

/** Clean and familiar-share of decoded text. */
function textScore(text: string): { clean: boolean; familiar: number } {
  let visible = 0;
  let familiar = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd || (c >= 0xe000 && c <= 0xf8ff)) return { clean: false, familiar: 0 };
    if (c <= 0x20 || c === 0x3000) continue;
    if (c >= 0xd800 && c <= 0xdfff) {
      // An astral character (a surrogate pair): CJK extension B and later are rare in tables.
      visible++;
      i++;
      continue;
    }
    visible++;
    if (isFamiliar(c)) familiar++;
  }
  return { clean: !hasControl(text), familiar: visible === 0 ? 1 : familiar / visible };
}

/**
 * The share of multi-byte characters in the encoding's common region, walking the bytes as the
 * standard lays them out. GB18030: GB2312's symbol rows and its 3,755 level-1 hanzi (A1A1–A9FE,
 * B0A1–D7FE) count as common; level 2, GBK's extension rows and four-byte codes as rare. Big5: symbols
 * and the frequently used hanzi (A140–C67E) are common; the less frequently used hanzi and extensions rare.
 */
export function commonShare(
  bytes: Uint8Array,
  encoding: "gb18030" | "big5",
): { share: number; count: number; known: number } {
  let count = 0;
  let common = 0;
  let second = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const lead = bytes[i];
    if (lead < 0x80) continue;
    const trail = i + 1 < n ? bytes[i + 1] : 0;
    count++;
    if (encoding === "gb18030") {
      if (trail >= 0x30 && trail <= 0x39) {
        i += 3; // a four-byte code: outside GBK, rare in a table
        continue;
      }
      const row = (lead >= 0xa1 && lead <= 0xa9) || (lead >= 0xb0 && lead <= 0xd7);
      if (trail >= 0xa1 && trail <= 0xfe) {
        if (row) common++;
        else if (lead >= 0xd8 && lead <= 0xf7) second++;
      }
    } else {
      const code = (lead << 8) | trail;
      if (code >= 0xa140 && code <= 0xc67e) common++;
      else if (code >= 0xc940 && code <= 0xf9d5) second++;
    }
    i++;
  }
  return {
    share: count === 0 ? 1 : common / count,
    count,
    known: count === 0 ? 1 : (common + second / 2) / count,
  };
}

/** How plausible `text` (decoded from `bytes` as `encoding`) is as a Chinese table. */
export function plausibility(text: string, bytes: Uint8Array, encoding: "gb18030" | "big5"): Plausibility {
  const { clean, familiar } = textScore(text);
  const { share, count, known } = commonShare(bytes, encoding);
  return { clean, familiar, common: share, multibyte: count, known };
}

/**
 * Whether decoded text is plausible. A short table of rarer place names (盱眙县, 临潼区) can fall
 * under the common share by chance; when the text is laid out as a table (every line split into
 * the same number of fields), its second-tier hanzi count half. Random bytes are not laid out so.
 */
function passes(p: Plausibility, text: string): boolean {
  if (!p.clean || p.familiar < MIN_FAMILIAR) return false;
  return p.common >= MIN_COMMON || (p.known >= MIN_COMMON && laidOutAsTable(text));
}

/** At least three lines, each with the same number (one or more) of one delimiter. */
export function laidOutAsTable(text: string): boolean {
  const lines = text.split(/\r\n|\n|\r/);
  while (lines.length && lines[lines.length - 1] === "") lines.pop();
  if (lines.length < 3) return false;
  return [",", "\t", ";", "|", "，"].some((d) => {
    const n = lines[0].split(d).length - 1;
    return n > 0 && lines.every((l) => l.split(d).length - 1 === n);
  });
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Decodes a table's text file, or says which encodings were tried. */
export function decodeTableText(bytes: Uint8Array): DecodedText | EncodingProblem {
  const withBom = (encoding: TextEncodingName, skip: number): DecodedText | EncodingProblem => {
    const text = tryDecode(encoding, bytes.subarray(skip));
    if (text === undefined) return { ok: false, code: "UNKNOWN_ENCODING", tried: [encoding] };
    if (hasControl(text)) return { ok: false, code: "BINARY", tried: [encoding] };
    // Bytes that merely start like a UTF-16 mark decode to private-use and unassigned characters.
    if (encoding !== "utf-8" && !textScore(text).clean)
      return { ok: false, code: "UNKNOWN_ENCODING", tried: [encoding] };
    return { ok: true, text, encoding, bom: true };
  };
  if (startsWith(bytes, UTF8_BOM)) return withBom("utf-8", 3);
  if (startsWith(bytes, [0xff, 0xfe])) return withBom("utf-16le", 2);
  if (startsWith(bytes, [0xfe, 0xff])) return withBom("utf-16be", 2);

  const tried: TextEncodingName[] = ["utf-8"];
  const utf8 = tryDecode("utf-8", bytes);
  if (utf8 !== undefined) {
    if (hasControl(utf8)) return { ok: false, code: "BINARY", tried };
    return { ok: true, text: utf8, encoding: "utf-8", bom: false };
  }
  let best: { encoding: TextEncodingName; text: string; score: number } | undefined;
  for (const encoding of ["gb18030", "big5"] as const) {
    tried.push(encoding);
    const text = tryDecode(encoding, bytes);
    if (text === undefined) continue;
    const p = plausibility(text, bytes, encoding);
    if (!passes(p, text)) continue;
    // Both plausible (short text whose few hanzi sit in both common regions): the more common reading wins, GB18030 on a tie.
    if (!best || p.common > best.score) best = { encoding, text, score: p.common };
  }
  if (best) return { ok: true, text: best.text, encoding: best.encoding, bom: false };
  return { ok: false, code: "UNKNOWN_ENCODING", tried };
}

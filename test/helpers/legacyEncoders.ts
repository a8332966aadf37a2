/**
 * Encoders for GB18030 and Big5 built from the platform's own decoders (no iconv, no mapping
 * tables in the repository): every two-byte code is decoded once and the character it gives is
 * mapped back to it; the first code found wins, which for GB18030 is the GB2312/GBK code an
 * ordinary encoder writes. Characters without a two-byte code (GB18030's four-byte range) are
 * not needed by the tests and throw.
 */
type Legacy = "gb18030" | "big5";

const maps = new Map<Legacy, Map<string, number>>();

function mapOf(encoding: Legacy): Map<string, number> {
  let m = maps.get(encoding);
  if (m) return m;
  m = new Map();
  const decoder = new TextDecoder(encoding, { fatal: true });
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let ch: string;
      try {
        ch = decoder.decode(pair);
      } catch {
        continue;
      }
      if ([...ch].length === 1 && !m.has(ch)) m.set(ch, (lead << 8) | trail);
    }
  maps.set(encoding, m);
  return m;
}

/** `text` in GB18030 or Big5; throws on a character the encoding has no two-byte code for. */
export function encodeLegacy(text: string, encoding: Legacy): Uint8Array {
  const m = mapOf(encoding);
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    const code = m.get(ch);
    if (code === undefined) throw new Error(`${encoding} has no code for ${ch} (U+${c.toString(16)})`);
    out.push(code >> 8, code & 0xff);
  }
  return Uint8Array.from(out);
}

/** Whether every character of `text` can be written in the encoding. */
export function encodable(text: string, encoding: Legacy): boolean {
  const m = mapOf(encoding);
  for (const ch of text) if (ch.codePointAt(0)! >= 0x80 && !m.has(ch)) return false;
  return true;
}

/** UTF-16 with its byte-order mark, as Excel's "Unicode text" writes it (LE) or some tools do (BE). */
export function encodeUtf16(text: string, endian: "le" | "be"): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = endian === "le" ? 0xff : 0xfe;
  out[1] = endian === "le" ? 0xfe : 0xff;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const [a, b] = endian === "le" ? [c & 0xff, c >> 8] : [c >> 8, c & 0xff];
    out[2 + 2 * i] = a;
    out[3 + 2 * i] = b;
  }
  return out;
}

export function encodeUtf8(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

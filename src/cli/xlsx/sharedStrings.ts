/**
 * The shared string table. A rich-text item is the concatenation of its runs' text; phonetic
 * guides (<rPh>, furigana-style readings) are not part of the cell's text and are skipped.
 */
import { decodeText, rootPrefix } from "./xml";
import { XlsxFault } from "./zip";

export function readSharedStrings(xml: string): string[] {
  const p = rootPrefix(xml);
  const open = `<${p}si`;
  const close = `</${p}si>`;
  const out: string[] = [];
  let i = 0;
  for (;;) {
    i = xml.indexOf(open, i);
    if (i < 0) break;
    const after = xml.charCodeAt(i + open.length);
    if (after !== 62 && after !== 32 && after !== 47) {
      i += open.length;
      continue;
    }
    const gt = xml.indexOf(">", i);
    if (gt < 0) throw new XlsxFault("CORRUPT", "the shared string table is cut short");
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push("");
      i = gt + 1;
      continue;
    }
    const end = xml.indexOf(close, gt);
    if (end < 0) throw new XlsxFault("CORRUPT", "the shared string table is cut short");
    out.push(richText(xml, gt + 1, end, p));
    i = end + close.length;
  }
  return out;
}

/** Text of the <t> elements between from and to, skipping those inside <rPh>. */
export function richText(xml: string, from: number, to: number, p: string): string {
  const open = `<${p}t`;
  const closeT = `</${p}t>`;
  // Searching a slice keeps every indexOf bounded by the item (V8 slices without copying).
  const item = xml.slice(from, to);
  const rphOpen = `<${p}rPh`;
  let phonetic = item.indexOf(rphOpen);
  const rphClose = `</${p}rPh>`;
  let text = "";
  let i = 0;
  for (;;) {
    const t = item.indexOf(open, i);
    if (t < 0) break;
    const after = item.charCodeAt(t + open.length);
    if (after !== 62 && after !== 32 && after !== 47) {
      i = t + open.length;
      continue;
    }
    let skipTo = -1;
    while (phonetic >= 0 && phonetic < t) {
      const phEnd = item.indexOf(rphClose, phonetic);
      if (phEnd < 0) {
        skipTo = item.length;
        break;
      }
      if (phEnd > t) {
        skipTo = phEnd + rphClose.length;
        break;
      }
      phonetic = item.indexOf(rphOpen, phEnd);
    }
    if (skipTo >= 0) {
      i = skipTo;
      continue;
    }
    const gt = item.indexOf(">", t);
    if (gt < 0) break;
    if (item.charCodeAt(gt - 1) === 47) {
      i = gt + 1;
      continue;
    }
    const end = item.indexOf(closeT, gt);
    if (end < 0) break;
    text += item.slice(gt + 1, end);
    i = end + closeT.length;
  }
  return decodeText(text);
}

/**
 * The two facts of styles.xml the engine uses: each cell style's number format (its decimals set the
 * tolerance) and its left indent (indentation shows the level of a unit in a three-level sheet).
 */
import { BUILTIN_NUMBER_FORMATS } from "./numberFormats";
import { elementEnd, findTag, findTags } from "./xml";

export interface StyleTable {
  /** Per cellXfs index: the format code, or undefined for General (the default, not recorded). */
  formatByXf: (string | undefined)[];
  /** Per cellXfs index: the indent level (0 when none). */
  indentByXf: number[];
}

export const EMPTY_STYLES: StyleTable = { formatByXf: [], indentByXf: [] };

export function readStyles(xml: string): StyleTable {
  const custom = new Map<number, string>();
  for (const tag of findTags(xml, "numFmt")) {
    const id = Number(tag.attrs.get("numFmtId"));
    const code = tag.attrs.get("formatCode");
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  const formatByXf: (string | undefined)[] = [];
  const indentByXf: number[] = [];
  const cellXfs = findTag(xml, "cellXfs");
  if (!cellXfs || cellXfs.selfClosing) return { formatByXf, indentByXf };
  const end = elementEnd(xml, cellXfs);
  const xfs = findTags(xml, "xf", cellXfs.end, end < 0 ? xml.length : end);
  for (let k = 0; k < xfs.length; k++) {
    const xf = xfs[k];
    const id = Number(xf.attrs.get("numFmtId") ?? "0");
    // A custom definition wins over the built-in table (Excel lets files redefine low ids).
    const code = custom.get(id) ?? BUILTIN_NUMBER_FORMATS[id];
    formatByXf.push(code === undefined || code === "General" ? undefined : code);
    let indent = 0;
    if (!xf.selfClosing) {
      const stop = k + 1 < xfs.length ? xfs[k + 1].start : end;
      const alignment = findTag(xml, "alignment", xf.end, stop);
      if (alignment) indent = Number(alignment.attrs.get("indent") ?? "0") || 0;
    }
    indentByXf.push(indent);
  }
  return { formatByXf, indentByXf };
}

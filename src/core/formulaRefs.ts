/**
 * The cells a formula reads, from its text: enough to see which children a parent's SUM covers.
 * Not an evaluator; references to other sheets are reported separately.
 */
import { parseRange, type RangeBox } from "./address";

export interface FormulaRefs {
  /** Ranges on the formula's own sheet. */
  local: RangeBox[];
  /** Ranges on other sheets, with their sheet names. */
  other: { sheet: string; box: RangeBox }[];
  /** The formula only adds things up: SUM(…) and + of references and numbers. */
  additive: boolean;
}

const REF =
  /(?:(?:'((?:[^']|'')+)'|([A-Za-z_\u3400-\u9fff][\w.\u3400-\u9fff]*))!)?(\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?)(?![\w(])/g;

export function formulaRefs(formula: string, ownSheet: string): FormulaRefs {
  const text = formula.replace(/^=/, "").replace(/"(?:[^"]|"")*"/g, '""');
  const local: RangeBox[] = [];
  const other: { sheet: string; box: RangeBox }[] = [];
  for (let m = REF.exec(text); m; m = REF.exec(text)) {
    const sheet = m[1]?.replace(/''/g, "'") ?? m[2];
    const box = parseRange(m[3].replace(/\$/g, "").toUpperCase());
    if (!box) continue;
    if (sheet === undefined || sheet === ownSheet) local.push(box);
    else other.push({ sheet, box });
  }
  REF.lastIndex = 0;
  const stripped = text.replace(REF, "R").replace(/\s+/g, "").toUpperCase();
  REF.lastIndex = 0;
  const additive =
    /^(SUM\((R|[\d.]+)(,(R|[\d.]+))*\)|R|[\d.]+)(\+(SUM\((R|[\d.]+)(,(R|[\d.]+))*\)|R|[\d.]+))*$/.test(
      stripped,
    );
  return { local, other, additive };
}

export function covers(boxes: RangeBox[], row: number, col: number): boolean {
  return boxes.some((b) => row >= b.top && row <= b.bottom && col >= b.left && col <= b.right);
}

/**
 * The small part of Excel's formula language the engine evaluates itself: numbers, cell references
 * (on this or another sheet), SUM over cells and ranges, + and − (unary and binary), parentheses.
 * That covers the formulas that add targets up (=SUM(E7:Q7), =B3+B4−B5, =分解表!D7), which are the
 * ones a rebalance makes stale. Anything else (another function, ×, ÷, a name, a structured or 3-D
 * reference, a link to another workbook, an array) is not parsed: `parseFormula` returns null and
 * the caller leaves that formula to Excel.
 *
 * `formulaReferences` finds the cells any formula reads (parsed or not), or says it cannot know
 * (a defined name or structured reference could point anywhere).
 */
import { columnIndex, type RangeBox } from "./address";
import { Decimal } from "./decimal";

/** Excel's grid, for whole-column (A:A) and whole-row (3:3) references. */
const LAST_ROW = 1048575;
const LAST_COL = 16383;

export interface FormulaRef {
  /** The sheet named in the reference; undefined for the formula's own sheet. */
  sheet?: string;
  box: RangeBox;
}

export type FormulaExpr =
  | { kind: "number"; value: Decimal }
  | { kind: "ref"; ref: FormulaRef }
  | { kind: "sum"; args: (FormulaExpr | { kind: "range"; ref: FormulaRef })[] }
  | { kind: "neg"; arg: FormulaExpr }
  | { kind: "add"; left: FormulaExpr; right: FormulaExpr; minus: boolean };

type Token =
  | { t: "num"; text: string }
  | { t: "ref"; ref: FormulaRef; range: boolean }
  | { t: "func"; name: string }
  | { t: "op"; op: "+" | "-" | "(" | ")" | "," };

const SHEET_UNQUOTED = /^([A-Za-z_\u00a0-\uffff][\w.\u00a0-\uffff]*)!/;

/** The sheet a reference at the start of `rest` names (`'My sheet'!`, `Sheet1!`), and where the reference begins. */
function sheetPrefix(rest: string): { sheet?: string; at: number } {
  const quoted = SHEET_QUOTED.exec(rest);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), at: quoted[0].length };
  const unquoted = SHEET_UNQUOTED.exec(rest);
  return unquoted ? { sheet: unquoted[1], at: unquoted[0].length } : { at: 0 };
}
const SHEET_QUOTED = /^'((?:[^']|'')+)'!/;
const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?![\w(.!])/;
const CELL_RANGE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7}):\$?([A-Za-z]{1,3})\$?(\d{1,7})(?![\w(.!])/;
const COLUMNS = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})(?![\w(.!])/;
const ROWS = /^\$?(\d{1,7}):\$?(\d{1,7})(?![\w(.!])/;
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;

function boxOf(top: number, left: number, bottom: number, right: number): RangeBox | null {
  if (top < 0 || left < 0 || bottom > LAST_ROW || right > LAST_COL) return null;
  return {
    top: Math.min(top, bottom),
    bottom: Math.max(top, bottom),
    left: Math.min(left, right),
    right: Math.max(left, right),
  };
}

/** A reference at the start of `text` (after any sheet prefix), with its length. */
function readRef(text: string): { box: RangeBox; range: boolean; length: number } | null {
  let m = CELL_RANGE.exec(text);
  if (m) {
    const box = boxOf(
      Number(m[2]) - 1,
      columnIndex(m[1].toUpperCase()),
      Number(m[4]) - 1,
      columnIndex(m[3].toUpperCase()),
    );
    return box ? { box, range: true, length: m[0].length } : null;
  }
  m = CELL.exec(text);
  if (m) {
    const box = boxOf(
      Number(m[2]) - 1,
      columnIndex(m[1].toUpperCase()),
      Number(m[2]) - 1,
      columnIndex(m[1].toUpperCase()),
    );
    return box ? { box, range: false, length: m[0].length } : null;
  }
  m = COLUMNS.exec(text);
  if (m) {
    const box = boxOf(0, columnIndex(m[1].toUpperCase()), LAST_ROW, columnIndex(m[2].toUpperCase()));
    return box ? { box, range: true, length: m[0].length } : null;
  }
  m = ROWS.exec(text);
  if (m) {
    const box = boxOf(Number(m[1]) - 1, 0, Number(m[2]) - 1, LAST_COL);
    return box ? { box, range: true, length: m[0].length } : null;
  }
  return null;
}

/** Tokens of the subset, or null at the first thing outside it. */
function tokenize(formula: string): Token[] | null {
  const tokens: Token[] = [];
  let i = formula.startsWith("=") ? 1 : 0;
  while (i < formula.length) {
    const rest = formula.slice(i);
    const c = rest[0];
    if (c === " " || c === "\n" || c === "\r" || c === "\t") {
      // Between two operands a space is Excel's intersection operator: outside the subset.
      const prev = tokens[tokens.length - 1];
      const next = rest.trimStart()[0];
      if (prev && (prev.t === "ref" || prev.t === "num") && next && /[\w$'.]/.test(next)) return null;
      i++;
      continue;
    }
    if ("+-(),".includes(c)) {
      tokens.push({ t: "op", op: c as "+" | "-" | "(" | ")" | "," });
      i++;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num && !/^[A-Za-z$]/.test(rest)) {
      // "1:3" is a row range, not the number 1.
      if (!ROWS.test(rest)) {
        tokens.push({ t: "num", text: num[0] });
        i += num[0].length;
        continue;
      }
    }
    const { sheet, at } = sheetPrefix(rest);
    // A 3-D reference (Sheet1:Sheet3!A1) or a link to another workbook ([1]Sheet!A1) is outside.
    if (sheet !== undefined && (sheet.includes(":") || sheet.includes("["))) return null;
    const ref = readRef(rest.slice(at));
    if (ref) {
      tokens.push({ t: "ref", ref: { sheet, box: ref.box }, range: ref.range });
      i += at + ref.length;
      continue;
    }
    if (sheet === undefined) {
      const fn = /^([A-Za-z_][\w.]*)\(/.exec(rest);
      if (fn) {
        tokens.push({ t: "func", name: fn[1].toUpperCase() });
        tokens.push({ t: "op", op: "(" });
        i += fn[0].length;
        continue;
      }
    }
    return null;
  }
  return tokens;
}

/** The formula as an expression of the subset, or null when it uses anything else. */
export function parseFormula(formula: string): FormulaExpr | null {
  const scanned = tokenize(formula);
  if (!scanned || scanned.length === 0) return null;
  const tokens: Token[] = scanned;
  let k = 0;
  const peek = (): Token | undefined => tokens[k];
  const isOp = (op: string): boolean => {
    const t = tokens[k];
    return t !== undefined && t.t === "op" && t.op === op;
  };

  function expr(): FormulaExpr | null {
    let left = unary();
    if (!left) return null;
    while (isOp("+") || isOp("-")) {
      const minus = isOp("-");
      k++;
      const right = unary();
      if (!right) return null;
      left = { kind: "add", left, right, minus };
    }
    return left;
  }
  function unary(): FormulaExpr | null {
    if (isOp("-")) {
      k++;
      const arg = unary();
      return arg ? { kind: "neg", arg } : null;
    }
    if (isOp("+")) {
      k++;
      return unary();
    }
    return primary();
  }
  function primary(): FormulaExpr | null {
    const t = peek();
    if (!t) return null;
    if (t.t === "num") {
      k++;
      const value = Decimal.parse(t.text);
      return value ? { kind: "number", value } : null;
    }
    if (t.t === "ref") {
      // A bare range outside SUM is an implicit intersection or an array: outside the subset.
      if (t.range) return null;
      k++;
      return { kind: "ref", ref: t.ref };
    }
    if (t.t === "func") {
      if (t.name !== "SUM") return null;
      k += 2; // name and "("
      const args: (FormulaExpr | { kind: "range"; ref: FormulaRef })[] = [];
      if (isOp(")")) {
        k++;
        return { kind: "sum", args };
      }
      for (;;) {
        const a = peek();
        const after = tokens[k + 1];
        const alone = after === undefined || (after.t === "op" && (after.op === "," || after.op === ")"));
        if (a && a.t === "ref" && alone) {
          args.push({ kind: "range", ref: a.ref });
          k++;
        } else {
          const e = expr();
          if (!e) return null;
          args.push(e);
        }
        if (isOp(",")) {
          k++;
          continue;
        }
        if (isOp(")")) {
          k++;
          return { kind: "sum", args };
        }
        return null;
      }
    }
    if (isOp("(")) {
      k++;
      const e = expr();
      if (!e || !isOp(")")) return null;
      k++;
      return e;
    }
    return null;
  }

  const e = expr();
  return e && k === tokens.length ? e : null;
}

/** Every reference an expression of the subset reads. */
export function exprReferences(e: FormulaExpr, out: FormulaRef[] = []): FormulaRef[] {
  switch (e.kind) {
    case "ref":
      out.push(e.ref);
      break;
    case "sum":
      for (const a of e.args) {
        if (a.kind === "range") out.push(a.ref);
        else exprReferences(a, out);
      }
      break;
    case "neg":
      exprReferences(e.arg, out);
      break;
    case "add":
      exprReferences(e.left, out);
      exprReferences(e.right, out);
      break;
  }
  return out;
}

const WORDS_THAT_ARE_NOT_NAMES = new Set(["TRUE", "FALSE"]);

/**
 * The cells any formula reads, found by scanning it (strings skipped), whether or not it is in the
 * subset; `unknown` when it holds something whose cells cannot be known from the text (a defined
 * name, a structured reference, a 3-D reference, INDIRECT/OFFSET).
 */
export function formulaReferences(formula: string): { refs: FormulaRef[]; unknown: boolean } {
  const text = formula.replace(/^=/, "").replace(/"(?:[^"]|"")*"/g, '""');
  const refs: FormulaRef[] = [];
  let unknown = /\b(?:INDIRECT|OFFSET)\s*\(|\[/i.test(text);
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (/^#[A-Z/0!?]+[!?A]?/i.test(rest)) {
      i += /^#[A-Z/0!?]+[!?A]?/i.exec(rest)![0].length; // an error literal (#REF!, #N/A)
      continue;
    }
    const { sheet, at } = sheetPrefix(rest);
    const before = i > 0 ? text[i - 1] : "";
    if (!/[\w.$]/.test(before)) {
      const ref = readRef(rest.slice(at));
      if (ref) {
        if (sheet !== undefined && sheet.includes(":")) unknown = true;
        refs.push({ sheet, box: ref.box });
        i += at + ref.length;
        continue;
      }
      const word = /^[A-Za-z_\u00a0-\uffff][\w.\u00a0-\uffff]*/.exec(rest);
      if (word) {
        const after = rest[word[0].length];
        // A function is followed by "("; anything else that is not TRUE/FALSE names cells we cannot see.
        if (after !== "(" && !WORDS_THAT_ARE_NOT_NAMES.has(word[0].toUpperCase())) unknown = true;
        i += word[0].length;
        continue;
      }
    }
    i++;
  }
  return { refs, unknown };
}

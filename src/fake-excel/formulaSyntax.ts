/**
 * The syntax of the fake host's formulas: tokens (kept with their source positions so references
 * can be rewritten in place), the parser (Excel's precedence) and reference rewriting when rows are
 * inserted. Evaluation is in formula.ts.
 */
import { columnIndex, columnName } from "../core/address";
import { EXCEL_ERROR_CODES } from "../core/errorCodes";
import type { ErrorValue } from "../core/grid";

export type CellScalar = number | string | boolean | ErrorValue;

export interface Ref {
  sheet?: string;
  row: number;
  col: number;
  absRow: boolean;
  absCol: boolean;
}

export type Node =
  | { t: "num"; v: number }
  | { t: "str"; v: string }
  | { t: "bool"; v: boolean }
  | { t: "err"; v: string }
  | { t: "ref"; ref: Ref }
  | { t: "range"; from: Ref; to: Ref }
  | { t: "fn"; name: string; args: Node[] }
  | { t: "neg"; e: Node }
  | { t: "pct"; e: Node }
  | { t: "bin"; op: string; l: Node; r: Node };

export class UnsupportedFormula extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedFormula";
  }
}

// ---------------------------------------------------------------------------------------------
// Tokens (kept with their source positions so references can be rewritten in place)

type Token =
  | { k: "num"; v: number; s: number; e: number }
  | { k: "str"; v: string; s: number; e: number }
  | { k: "err"; v: string; s: number; e: number }
  | { k: "ref"; ref: Ref; s: number; e: number }
  | { k: "name"; v: string; s: number; e: number }
  | { k: "op"; v: string; s: number; e: number };

const REF = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let sheet: string | undefined;
  let sheetStart = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === " ") {
      i++;
      continue;
    }
    const s = sheet === undefined ? i : sheetStart;
    if (ch === '"') {
      let j = i + 1;
      let v = "";
      for (;;) {
        if (j >= text.length) throw new UnsupportedFormula(`unterminated string in ${text}`);
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            v += '"';
            j += 2;
            continue;
          }
          break;
        }
        v += text[j++];
      }
      tokens.push({ k: "str", v, s: i, e: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      const j = text.indexOf("'!", i + 1);
      if (j < 0) throw new UnsupportedFormula(`bad sheet reference in ${text}`);
      sheet = text.slice(i + 1, j).replace(/''/g, "'");
      sheetStart = i;
      i = j + 2;
      continue;
    }
    if (ch === "#") {
      const err = EXCEL_ERROR_CODES.find((e) => text.startsWith(e, i));
      if (!err) throw new UnsupportedFormula(`unknown error literal in ${text}`);
      tokens.push({ k: "err", v: err, s: i, e: i + err.length });
      i += err.length;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i));
      if (m && !/^[A-Za-z_]/.test(text.slice(i + m[0].length))) {
        tokens.push({ k: "num", v: Number(m[0]), s: i, e: i + m[0].length });
        i += m[0].length;
        continue;
      }
    }
    if (/[A-Za-z_$\p{L}]/u.test(ch)) {
      const m = /^[$A-Za-z_\p{L}\p{N}.]+/u.exec(text.slice(i))!;
      const word = m[0];
      const end = i + word.length;
      if (text[end] === "!") {
        sheet = word;
        sheetStart = i;
        i = end + 1;
        continue;
      }
      const r = REF.exec(word);
      if (r && text[end] !== "(") {
        tokens.push({
          k: "ref",
          ref: {
            sheet,
            absCol: r[1] === "$",
            col: columnIndex(r[2].toUpperCase()),
            absRow: r[3] === "$",
            row: Number(r[4]) - 1,
          },
          s,
          e: end,
        });
        sheet = undefined;
        i = end;
        continue;
      }
      if (sheet !== undefined)
        throw new UnsupportedFormula(`a sheet prefix must be followed by a cell in ${text}`);
      tokens.push({ k: "name", v: word.toUpperCase(), s: i, e: end });
      i = end;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === "<>" || two === "<=" || two === ">=") {
      tokens.push({ k: "op", v: two, s: i, e: i + 2 });
      i += 2;
      continue;
    }
    if ("+-*/^&=<>(),:%".includes(ch)) {
      tokens.push({ k: "op", v: ch, s: i, e: i + 1 });
      i++;
      continue;
    }
    throw new UnsupportedFormula(`unexpected "${ch}" in ${text}`);
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser (Excel precedence: comparison < & < + - < * / < ^ < unary minus < %)

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): Node {
    const n = this.comparison();
    if (this.i < this.tokens.length)
      throw new UnsupportedFormula(`unexpected token at ${this.tokens[this.i].s} in ${this.text}`);
    return n;
  }

  private peekOp(...ops: string[]): string | undefined {
    const t = this.tokens[this.i];
    return t && t.k === "op" && ops.includes(t.v) ? t.v : undefined;
  }

  private expectOp(op: string): void {
    if (!this.peekOp(op)) throw new UnsupportedFormula(`expected "${op}" in ${this.text}`);
    this.i++;
  }

  private binary(next: () => Node, ops: string[]): Node {
    let l = next();
    for (let op = this.peekOp(...ops); op; op = this.peekOp(...ops)) {
      this.i++;
      l = { t: "bin", op, l, r: next() };
    }
    return l;
  }

  private comparison = (): Node => this.binary(this.concat, ["=", "<>", "<", ">", "<=", ">="]);
  private concat = (): Node => this.binary(this.additive, ["&"]);
  private additive = (): Node => this.binary(this.multiplicative, ["+", "-"]);
  private multiplicative = (): Node => this.binary(this.power, ["*", "/"]);
  private power = (): Node => this.binary(this.unary, ["^"]);

  private unary = (): Node => {
    if (this.peekOp("-")) {
      this.i++;
      return { t: "neg", e: this.unary() };
    }
    if (this.peekOp("+")) {
      this.i++;
      return this.unary();
    }
    let n = this.primary();
    while (this.peekOp("%")) {
      this.i++;
      n = { t: "pct", e: n };
    }
    return n;
  };

  private primary(): Node {
    const t = this.tokens[this.i++];
    if (!t) throw new UnsupportedFormula(`unexpected end of ${this.text}`);
    switch (t.k) {
      case "num":
        return { t: "num", v: t.v };
      case "str":
        return { t: "str", v: t.v };
      case "err":
        return { t: "err", v: t.v };
      case "ref": {
        if (this.peekOp(":")) {
          this.i++;
          const to = this.tokens[this.i++];
          if (!to || to.k !== "ref") throw new UnsupportedFormula(`bad range in ${this.text}`);
          return { t: "range", from: t.ref, to: { ...to.ref, sheet: to.ref.sheet ?? t.ref.sheet } };
        }
        return { t: "ref", ref: t.ref };
      }
      case "name": {
        if (this.peekOp("(")) {
          this.i++;
          const args: Node[] = [];
          if (!this.peekOp(")")) {
            for (;;) {
              args.push(this.comparison());
              if (this.peekOp(",")) {
                this.i++;
                continue;
              }
              break;
            }
          }
          this.expectOp(")");
          return { t: "fn", name: t.v, args };
        }
        if (t.v === "TRUE" || t.v === "FALSE") return { t: "bool", v: t.v === "TRUE" };
        throw new UnsupportedFormula(`names are not supported (${t.v}) in ${this.text}`);
      }
      case "op":
        if (t.v === "(") {
          const n = this.comparison();
          this.expectOp(")");
          return n;
        }
        throw new UnsupportedFormula(`unexpected "${t.v}" in ${this.text}`);
    }
  }
}

const parsed = new Map<string, Node>();

export function parseFormula(formula: string): Node {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  let node = parsed.get(text);
  if (!node) {
    node = new Parser(tokenize(text), text).parse();
    if (parsed.size > 10000) parsed.clear();
    parsed.set(text, node);
  }
  return node;
}

// ---------------------------------------------------------------------------------------------
// Reference rewriting (rows inserted: Excel moves every reference at or below the insertion)

function renderRef(ref: Ref): string {
  return `${ref.absCol ? "$" : ""}${columnName(ref.col)}${ref.absRow ? "$" : ""}${ref.row + 1}`;
}

/** Rewrites each cell reference (sheet prefixes kept as written) through `map`. */
export function mapRefs(formula: string, map: (ref: Ref) => Ref): string {
  const eq = formula.startsWith("=");
  const text = eq ? formula.slice(1) : formula;
  let out = "";
  let last = 0;
  for (const t of tokenize(text)) {
    if (t.k !== "ref") continue;
    const src = text.slice(t.s, t.e);
    const bang = src.lastIndexOf("!");
    const prefix = bang >= 0 ? src.slice(0, bang + 1) : "";
    out += text.slice(last, t.s) + prefix + renderRef(map(t.ref));
    last = t.e;
  }
  return (eq ? "=" : "") + out + text.slice(last);
}

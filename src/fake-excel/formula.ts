/**
 * A small Excel formula evaluator for the fake host: it tells a test whether a conditional format
 * lights, and recalculates formula cells after an edit.
 *
 * Why not a general formula library (fast-formula-parser was considered): the add-in emits a closed
 * set of formulas (src/core/flagPlan.ts: SUM, ROUND, MIN, MAX, OR, ISERROR, comparisons, arithmetic,
 * relative and absolute references), the fake is bundled into the playground page, and the point of
 * evaluating is to check Excel's semantics where they matter to a flag: SUM skips text in ranges but
 * an arithmetic operand "-" is #VALUE!, an error never lights a rule, ROUND rounds half away from
 * zero. Implementing exactly that keeps the semantics visible and the bundle small; any function
 * outside the set throws `UnsupportedFormula`, so a new function in flagPlan.ts fails a test rather
 * than silently evaluating to nothing.
 */
import { columnIndex, columnName } from "../core/address";
import { EXCEL_ERROR_CODES } from "../core/errorCodes";
import { isErrorValue, type ErrorValue } from "../core/grid";

export type CellScalar = number | string | boolean | ErrorValue;

export interface Ref {
  sheet?: string;
  row: number;
  col: number;
  absRow: boolean;
  absCol: boolean;
}

type Node =
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

function parseFormula(formula: string): Node {
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
// Evaluation

/** Where the formula is evaluated: how to read a cell, and how far relative references move. */
export interface EvalContext {
  /** The cell's value; undefined when empty. `sheet` undefined = the formula's own sheet. */
  cell(sheet: string | undefined, row: number, col: number): CellScalar | undefined;
  /** Relative references move by this much (a conditional format evaluated away from its anchor). */
  dRow?: number;
  dCol?: number;
}

type Scalar = CellScalar | null;
interface RangeValue {
  range: Scalar[];
}
type Value = Scalar | RangeValue;

const err = (code: string): ErrorValue => ({ error: code });
const isRange = (v: Value): v is RangeValue => typeof v === "object" && v !== null && "range" in v;
const isErr = (v: Value): v is ErrorValue => !isRange(v) && v !== null && isErrorValue(v);

function at(ref: Ref, ctx: EvalContext): { row: number; col: number } {
  return {
    row: ref.absRow ? ref.row : ref.row + (ctx.dRow ?? 0),
    col: ref.absCol ? ref.col : ref.col + (ctx.dCol ?? 0),
  };
}

function scalar(v: Value): Scalar {
  // Implicit intersection of a range used as a single value is not modelled.
  if (isRange(v)) return v.range.length === 1 ? v.range[0] : err("#VALUE!");
  return v;
}

function toNumber(v: Scalar): number | ErrorValue {
  if (v === null) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const t = v.trim();
    return t !== "" && Number.isFinite(Number(t)) ? Number(t) : err("#VALUE!");
  }
  return v;
}

function toBool(v: Scalar): boolean | ErrorValue {
  if (v === null) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") {
    const u = v.toUpperCase();
    return u === "TRUE" ? true : u === "FALSE" ? false : err("#VALUE!");
  }
  return v;
}

function toText(v: Scalar): string | ErrorValue {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return String(v);
  if (typeof v === "string") return v;
  return v;
}

/** Excel's ROUND: half away from zero, after trimming binary noise to 15 significant digits. */
export function excelRound(x: number, digits: number): number {
  const d = Math.trunc(digits);
  const m = Math.pow(10, d);
  const scaled = Number((Math.abs(x) * m).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / m;
}

/** Numbers < text < logicals; text compares without case; empty is 0, "" or FALSE as needed. */
function compare(a: Scalar, b: Scalar): number {
  const rank = (v: Scalar) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  if (a === null && b === null) return 0;
  if (a === null) a = typeof b === "number" ? 0 : typeof b === "string" ? "" : false;
  if (b === null) b = typeof a === "number" ? 0 : typeof a === "string" ? "" : false;
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The numbers of an aggregate's arguments: a range skips text, logicals and blanks (as SUM does). */
function numbersOf(args: Value[]): number[] | ErrorValue {
  const out: number[] = [];
  for (const a of args) {
    if (isRange(a)) {
      for (const v of a.range) {
        if (v !== null && typeof v === "object") return v;
        if (typeof v === "number") out.push(v);
      }
    } else {
      const n = toNumber(a);
      if (typeof n === "object") return n;
      out.push(n);
    }
  }
  return out;
}

function logicalsOf(args: Value[]): boolean[] | ErrorValue {
  const out: boolean[] = [];
  for (const a of args) {
    if (isRange(a)) {
      for (const v of a.range) {
        if (v !== null && typeof v === "object") return v;
        if (typeof v === "number") out.push(v !== 0);
        else if (typeof v === "boolean") out.push(v);
      }
    } else {
      const b = toBool(a);
      if (typeof b === "object") return b;
      out.push(b);
    }
  }
  return out.length ? out : err("#VALUE!");
}

function arity(name: string, args: Node[], min: number, max: number): void {
  if (args.length < min || args.length > max)
    throw new UnsupportedFormula(`${name} takes ${min}–${max} arguments, got ${args.length}`);
}

function callFunction(name: string, nodes: Node[], ctx: EvalContext): Value {
  const args = () => nodes.map((n) => evalNode(n, ctx));
  switch (name) {
    case "SUM": {
      const ns = numbersOf(args());
      return Array.isArray(ns) ? ns.reduce((s, n) => s + n, 0) : ns;
    }
    case "MIN":
    case "MAX": {
      const ns = numbersOf(args());
      if (!Array.isArray(ns)) return ns;
      if (ns.length === 0) return 0;
      return name === "MIN" ? Math.min(...ns) : Math.max(...ns);
    }
    case "ROUND": {
      arity(name, nodes, 2, 2);
      const [x, d] = args().map((v) => toNumber(scalar(v)));
      if (typeof x === "object") return x;
      if (typeof d === "object") return d;
      return excelRound(x, d);
    }
    case "ABS": {
      arity(name, nodes, 1, 1);
      const x = toNumber(scalar(args()[0]));
      return typeof x === "object" ? x : Math.abs(x);
    }
    case "OR":
    case "AND": {
      const bs = logicalsOf(args());
      if (!Array.isArray(bs)) return bs;
      return name === "OR" ? bs.some(Boolean) : bs.every(Boolean);
    }
    case "NOT": {
      arity(name, nodes, 1, 1);
      const b = toBool(scalar(args()[0]));
      return typeof b === "object" ? b : !b;
    }
    case "ISERROR": {
      arity(name, nodes, 1, 1);
      return isErr(scalar(evalNode(nodes[0], ctx)));
    }
    case "IF": {
      arity(name, nodes, 2, 3);
      const c = toBool(scalar(evalNode(nodes[0], ctx)));
      if (typeof c === "object") return c;
      if (c) return evalNode(nodes[1], ctx);
      return nodes[2] ? evalNode(nodes[2], ctx) : false;
    }
    default:
      throw new UnsupportedFormula(`function ${name} is not implemented by the fake host`);
  }
}

function evalNode(n: Node, ctx: EvalContext): Value {
  switch (n.t) {
    case "num":
      return n.v;
    case "str":
      return n.v;
    case "bool":
      return n.v;
    case "err":
      return err(n.v);
    case "ref": {
      const p = at(n.ref, ctx);
      if (p.row < 0 || p.col < 0) return err("#REF!");
      return ctx.cell(n.ref.sheet, p.row, p.col) ?? null;
    }
    case "range": {
      const a = at(n.from, ctx);
      const b = at(n.to, ctx);
      if (Math.min(a.row, b.row, a.col, b.col) < 0) return err("#REF!");
      const range: Scalar[] = [];
      for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++)
        for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++)
          range.push(ctx.cell(n.from.sheet, r, c) ?? null);
      return { range };
    }
    case "fn":
      return callFunction(n.name, n.args, ctx);
    case "neg": {
      const x = toNumber(scalar(evalNode(n.e, ctx)));
      return typeof x === "object" ? x : -x;
    }
    case "pct": {
      const x = toNumber(scalar(evalNode(n.e, ctx)));
      return typeof x === "object" ? x : x / 100;
    }
    case "bin": {
      const l = scalar(evalNode(n.l, ctx));
      const r = scalar(evalNode(n.r, ctx));
      if (isErr(l)) return l;
      if (isErr(r)) return r;
      if (n.op === "&") {
        const a = toText(l);
        const b = toText(r);
        return typeof a === "object" ? a : typeof b === "object" ? b : a + b;
      }
      if (["=", "<>", "<", ">", "<=", ">="].includes(n.op)) {
        const c = compare(l, r);
        switch (n.op) {
          case "=":
            return c === 0;
          case "<>":
            return c !== 0;
          case "<":
            return c < 0;
          case ">":
            return c > 0;
          case "<=":
            return c <= 0;
          default:
            return c >= 0;
        }
      }
      const a = toNumber(l);
      const b = toNumber(r);
      if (typeof a === "object") return a;
      if (typeof b === "object") return b;
      switch (n.op) {
        case "+":
          return a + b;
        case "-":
          return a - b;
        case "*":
          return a * b;
        case "/":
          return b === 0 ? err("#DIV/0!") : a / b;
        default:
          return Math.pow(a, b);
      }
    }
  }
}

/** Evaluates a formula (with or without "="); throws UnsupportedFormula outside the modelled set. */
export function evaluate(formula: string, ctx: EvalContext): CellScalar | null {
  return scalar(evalNode(parseFormula(formula), ctx));
}

/** A conditional format applies when its formula gives TRUE or a non-zero number; errors never do. */
export function lights(result: CellScalar | null): boolean {
  if (typeof result === "boolean") return result;
  if (typeof result === "number") return result !== 0;
  return false;
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

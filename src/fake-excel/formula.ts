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
import { isErrorValue, type ErrorValue } from "../core/grid";
import {
  mapRefs,
  parseFormula,
  UnsupportedFormula,
  type CellScalar,
  type Node,
  type Ref,
} from "./formulaSyntax";

export { mapRefs, UnsupportedFormula, type CellScalar, type Ref };

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

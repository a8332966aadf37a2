/**
 * Exact decimal numbers: an integer count of units of 10^-scale.
 * Sums of targets are compared exactly; binary floats would make 0.1 + 0.2 ≠ 0.3.
 */
const POW10: bigint[] = [1n];
function pow10(k: number): bigint {
  while (POW10.length <= k) POW10.push(POW10[POW10.length - 1] * 10n);
  return POW10[k];
}

/** Terms and running totals a double adds exactly (well inside 2^53). */
const SAFE_TERM = 2n ** 40n;
const SAFE_SUM = 2 ** 52;
const SMALL_LIMIT = 100_000;
const SMALL_SCALES = 5;
const SMALL: Decimal[][] = [];

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A Decimal many callers hold at once: frozen (Object.freeze keeps the class's type, unlike Readonly). */
function shared(d: Decimal): Decimal {
  Object.freeze(d);
  return d;
}

export class Decimal {
  /** value = units / 10^scale; scale ≥ 0. */
  private constructor(
    readonly units: bigint,
    readonly scale: number,
  ) {}

  // Shared by every caller: frozen, as every Decimal is meant to be (its fields are readonly).
  static readonly ZERO = shared(new Decimal(0n, 0));
  static readonly ONE = shared(new Decimal(1n, 0));

  static of(units: bigint, scale = 0): Decimal {
    if (scale < 0) return new Decimal(units * pow10(-scale), 0);
    return new Decimal(units, scale);
  }

  /**
   * From a safe-integer count of units. Target tables are full of small values (30, 56.7, 3.95):
   * those are shared immutable objects, which spares a bigint and an object per cell of a
   * million-cell check (most of its garbage).
   */
  static fromUnits(units: number, scale = 0): Decimal {
    if (units >= 0 && units < SMALL_LIMIT && scale < SMALL_SCALES && Number.isInteger(units)) {
      const row = (SMALL[scale] ??= []);
      return (row[units] ??= shared(new Decimal(BigInt(units), scale)));
    }
    return Decimal.of(BigInt(units), scale);
  }

  static fromInt(n: number | bigint): Decimal {
    return new Decimal(BigInt(n), 0);
  }

  /** Parses plain ASCII decimal text ("-12.50", "3e-2"); returns null when it is not one. */
  static parse(text: string): Decimal | null {
    const m = DECIMAL_TEXT.exec(text);
    if (!m) return null;
    const [, sign, intPart, fracPart = "", expPart] = m;
    if (intPart === "" && fracPart === "") return null;
    let units = BigInt((intPart || "0") + fracPart);
    if (sign === "-") units = -units;
    let scale = fracPart.length;
    if (expPart !== undefined) scale -= Number(expPart);
    return Decimal.of(units, scale);
  }

  /**
   * The decimal a stored IEEE double stands for: the shortest text that round-trips,
   * which is what Excel shows and what the planner typed (0.1 + 0.2 stored as 0.30000000000000004
   * stays that, but a typed 56.7 is 56.7).
   */
  static fromNumber(n: number): Decimal {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    if (Number.isSafeInteger(n)) return new Decimal(BigInt(n), 0);
    const d = Decimal.parse(String(n));
    if (!d) throw new RangeError(`unexpected number text: ${n}`);
    return d;
  }

  /** Number of decimals after trimming trailing zeros. */
  get decimals(): number {
    return this.normalized().scale;
  }

  normalized(): Decimal {
    let { units, scale } = this;
    if (units === 0n) return scale === 0 ? this : Decimal.ZERO;
    let changed = false;
    while (scale > 0 && units % 10n === 0n) {
      units /= 10n;
      scale--;
      changed = true;
    }
    return changed ? new Decimal(units, scale) : this;
  }

  /** Units at a given scale (exact only when scale ≥ this.decimals). */
  unitsAt(scale: number): bigint {
    // At its own scale (most comparisons of a table's figures): no bigint arithmetic at all.
    if (scale === this.scale) return this.units;
    if (scale > this.scale) return this.units * pow10(scale - this.scale);
    return this.units / pow10(this.scale - scale);
  }

  isOnGrid(scale: number): boolean {
    return scale >= this.scale || this.units % pow10(this.scale - scale) === 0n;
  }

  add(o: Decimal): Decimal {
    if (this.scale === o.scale) return new Decimal(this.units + o.units, this.scale);
    const s = Math.max(this.scale, o.scale);
    return new Decimal(this.unitsAt(s) + o.unitsAt(s), s);
  }

  sub(o: Decimal): Decimal {
    return this.add(o.neg());
  }

  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }

  mul(o: Decimal): Decimal {
    return new Decimal(this.units * o.units, this.scale + o.scale);
  }

  /** Multiplies by 10^k (k may be negative). */
  shift(k: number): Decimal {
    return Decimal.of(this.units, this.scale - k);
  }

  cmp(o: Decimal): -1 | 0 | 1 {
    const s = Math.max(this.scale, o.scale);
    const a = this.unitsAt(s);
    const b = o.unitsAt(s);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  eq(o: Decimal): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Decimal): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Decimal): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Decimal): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: Decimal): boolean {
    return this.cmp(o) >= 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.units < 0n ? -1 : this.units > 0n ? 1 : 0;
  }

  static min(a: Decimal, b: Decimal): Decimal {
    return a.le(b) ? a : b;
  }
  static max(a: Decimal, b: Decimal): Decimal {
    return a.ge(b) ? a : b;
  }
  static sum(values: Iterable<Decimal>): Decimal {
    // Integer counts of units add exactly in a double while they stay below 2^53; most rows of a
    // target table do, and that spares a heap-allocated bigint per term. Beyond it, bigint.
    let fast = 0;
    let units = 0n;
    let scale = -1;
    let exact = true;
    for (const v of values) {
      if (scale === -1) scale = v.scale;
      if (exact && v.scale === scale && v.units > -SAFE_TERM && v.units < SAFE_TERM) {
        fast += Number(v.units);
        if (fast > -SAFE_SUM && fast < SAFE_SUM) continue;
      }
      if (exact) {
        units = BigInt(fast);
        exact = false;
        // The term that did not fit is added below; undo its part of the fast sum.
        if (v.scale === scale && v.units > -SAFE_TERM && v.units < SAFE_TERM) units -= v.units;
      }
      if (v.scale > scale) {
        units *= pow10(v.scale - scale);
        scale = v.scale;
      }
      units += v.scale === scale ? v.units : v.units * pow10(scale - v.scale);
    }
    if (scale === -1) return Decimal.ZERO;
    return exact ? new Decimal(BigInt(fast), scale) : new Decimal(units, scale);
  }

  /** Plain text without exponent, trailing zeros trimmed ("56.7", "-1", "0.0001"). */
  toString(): string {
    const n = this.normalized();
    const neg = n.units < 0n;
    let digits = (neg ? -n.units : n.units).toString();
    if (n.scale === 0) return (neg ? "-" : "") + digits;
    if (digits.length <= n.scale) digits = "0".repeat(n.scale - digits.length + 1) + digits;
    const cut = digits.length - n.scale;
    return (neg ? "-" : "") + digits.slice(0, cut) + "." + digits.slice(cut);
  }

  /** Text with exactly `decimals` places (rounded half away from zero when shortening). */
  toFixed(decimals: number): string {
    return this.roundTo(decimals).toStringWithScale(decimals);
  }

  private toStringWithScale(decimals: number): string {
    const u = this.unitsAt(decimals);
    const neg = u < 0n;
    let digits = (neg ? -u : u).toString();
    if (decimals === 0) return (neg ? "-" : "") + digits;
    if (digits.length <= decimals) digits = "0".repeat(decimals - digits.length + 1) + digits;
    const cut = digits.length - decimals;
    return (neg ? "-" : "") + digits.slice(0, cut) + "." + digits.slice(cut);
  }

  /** Rounds half away from zero to `decimals` places (as Excel's ROUND does). */
  roundTo(decimals: number): Decimal {
    if (decimals >= this.scale) return this;
    const p = pow10(this.scale - decimals);
    const neg = this.units < 0n;
    const a = neg ? -this.units : this.units;
    let q = a / p;
    if ((a % p) * 2n >= p) q += 1n;
    return new Decimal(neg ? -q : q, decimals);
  }

  /** For display, charts and JSON only: never compare the result. */
  toNumber(): number {
    return Number(this.toString());
  }

  toJSON(): number {
    return this.toNumber();
  }
}

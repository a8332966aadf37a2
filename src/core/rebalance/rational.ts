/**
 * Exact rationals for the continuous solutions (scale factors, increments, remainders).
 * A fraction such as 49/40 or 2/3 of a grid unit has no finite decimal, and deciding the
 * rounding of a child from an approximation is exactly how [167,666,167] happens.
 *
 * Fractions are not reduced on construction: thousands of children share one denominator
 * in the hot path, and a gcd per child would cost more than the rest of the solve.
 */
import { Decimal } from "../decimal";

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** ⌊a / b⌋ for b > 0 (bigint division truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** ⌈a / b⌉ for b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a > 0n ? q + 1n : q;
}

export class Rational {
  /** value = num / den, den > 0. */
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);

  static of(num: bigint, den: bigint = 1n): Rational {
    if (den === 0n) throw new RangeError("zero denominator");
    return den < 0n ? new Rational(-num, -den) : new Rational(num, den);
  }

  static fromDecimal(d: Decimal): Rational {
    return new Rational(d.units, 10n ** BigInt(d.scale));
  }

  reduced(): Rational {
    const g = gcd(this.num, this.den);
    return g <= 1n ? this : new Rational(this.num / g, this.den / g);
  }

  add(o: Rational): Rational {
    if (this.den === o.den) return new Rational(this.num + o.num, this.den);
    return new Rational(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return this.add(o.neg());
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  mul(o: Rational): Rational {
    return new Rational(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    return Rational.of(this.num * o.den, this.den * o.num);
  }

  cmp(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Rational): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Rational): boolean {
    return this.cmp(o) < 0;
  }
  le(o: Rational): boolean {
    return this.cmp(o) <= 0;
  }
  gt(o: Rational): boolean {
    return this.cmp(o) > 0;
  }
  ge(o: Rational): boolean {
    return this.cmp(o) >= 0;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }
  isInteger(): boolean {
    return this.num % this.den === 0n;
  }
  floor(): bigint {
    return floorDiv(this.num, this.den);
  }

  /** The exact decimal when the denominator has no prime factor but 2 and 5; otherwise null. */
  toDecimal(): Decimal | null {
    const r = this.reduced();
    let den = r.den;
    let twos = 0;
    let fives = 0;
    while (den % 2n === 0n) {
      den /= 2n;
      twos++;
    }
    while (den % 5n === 0n) {
      den /= 5n;
      fives++;
    }
    if (den !== 1n) return null;
    const scale = Math.max(twos, fives);
    // Multiply numerator and denominator up to 10^scale.
    const factor = 10n ** BigInt(scale) / r.den;
    return Decimal.of(r.num * factor, scale);
  }

  /** Rounded half away from zero to `decimals` places, as Excel's ROUND would show it. */
  roundTo(decimals: number): Decimal {
    const p = 10n ** BigInt(decimals);
    const neg = this.num < 0n;
    const a = (neg ? -this.num : this.num) * p;
    let q = a / this.den;
    if ((a % this.den) * 2n >= this.den) q += 1n;
    return Decimal.of(neg ? -q : q, decimals);
  }

  toFixed(decimals: number): string {
    return this.roundTo(decimals).toFixed(decimals);
  }

  /** "1950", "1.225", or "131/104" when no finite decimal exists. */
  toString(): string {
    const d = this.toDecimal();
    if (d) return d.toString();
    const r = this.reduced();
    return `${r.num}/${r.den}`;
  }

  /** For display and charts only. */
  toNumber(): number {
    return Number(this.num) / Number(this.den);
  }

  toJSON(): string {
    return this.toString();
  }
}

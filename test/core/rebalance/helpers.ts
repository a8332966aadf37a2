import { Decimal } from "../../../src/core/decimal";
import type { ChildInput, RebalanceResult, RebalanceOk } from "../../../src/core/rebalance/rebalance";

export const d = (s: string | number): Decimal =>
  typeof s === "number" ? Decimal.fromNumber(s) : Decimal.parse(s)!;

/** Children from plain numbers, named 1…n in sheet order. */
export function row(values: (string | number)[], extra: Partial<ChildInput>[] = []): ChildInput[] {
  return values.map((v, i) => ({ unit: `#${i + 1}`, value: d(v), ...(extra[i] ?? {}) }));
}

export function ok(result: RebalanceResult): RebalanceOk {
  if (result.status !== "ok") throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

/** Values as text with the step's decimals, for exact comparison. */
export function texts(result: RebalanceResult): string[] {
  const r = ok(result);
  return r.values.map((v) => v.toFixed(r.step.decimals));
}

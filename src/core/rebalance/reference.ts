/**
 * Proportional to a reference row (因素法: base-year values, GDP, population, any factor):
 * xᵢ = clip(t·refᵢ), whatever the current values are. The current values only matter
 * through locks and 只增不减 bounds. A zero reference behaves like a zero base.
 */
import { commonScaleUnits } from "./gridUnits";
import { prepare } from "./prepare";
import { Rational } from "./rational";
import { spreadContinuous } from "./spread";
import type { InputProblem, RebalanceResult, ReferenceRequest } from "./types";
import type { Decimal } from "../decimal";

export function reference(request: ReferenceRequest): RebalanceResult {
  const problems: InputProblem[] = [];
  request.children.forEach((c, i) => {
    if (c.locked) return;
    if (!c.reference) problems.push({ kind: "missing-reference", child: i });
    else if (c.reference.sign() < 0) problems.push({ kind: "negative-reference", child: i });
  });
  const prep = prepare(request, "reference", problems);
  if (prep.status !== "prepared") return prep;

  const refs = commonScaleUnits(prep.free.map((i) => request.children[i].reference as Decimal));
  const stepValue = Rational.fromDecimal(prep.step);
  const perRefUnit = Rational.of(10n ** BigInt(refs.scale));
  return spreadContinuous(
    prep,
    { method: "reference", target: request.target, children: request.children },
    {
      base: refs.units.map(() => 0n),
      slope: refs.units,
      tieBase: refs.units,
      zeroBaseAware: true,
      zeroBase: request.zeroBase ?? "refuse",
      // x (steps) = λ·ref (in units of 10^-scale) ⇒ x (value) = λ·step·10^scale·ref (value).
      factors: (level) => ({ perReference: level.mul(stepValue).mul(perRefUnit).reduced() }),
    },
  );
}

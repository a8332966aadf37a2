/**
 * Equal increment: every free child moves by the same amount, xᵢ = clip(aᵢ + δ)
 * (wᵢ = 1 in the waterfill). Zero bases are no different from the others here.
 */
import { prepare } from "./prepare";
import { type RowContext, levelToValue, spreadContinuous } from "./spread";
import type { Prepared } from "./prepare";
import type { EqualIncrementRequest, RebalanceResult } from "./types";

export function spreadEqualIncrement(prep: Prepared, ctx: RowContext): RebalanceResult {
  const base = prep.free.map((i) => prep.children[i].value);
  return spreadContinuous(prep, ctx, {
    base,
    slope: base.map(() => 1n),
    tieBase: base,
    zeroBaseAware: false,
    zeroBase: "refuse",
    factors: (level) => ({ increment: levelToValue(level, prep.step) }),
  });
}

export function equalIncrement(request: EqualIncrementRequest): RebalanceResult {
  const prep = prepare(request, "equal-increment");
  if (prep.status !== "prepared") return prep;
  return spreadEqualIncrement(prep, {
    method: "equal-increment",
    target: request.target,
    children: request.children,
  });
}

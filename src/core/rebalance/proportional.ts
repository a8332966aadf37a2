/**
 * Proportional to current values, the planning systems' default spread: xᵢ = clip(t·aᵢ).
 * In waterfill terms wᵢ = 1/aᵢ, i.e. slope aᵢ; a zero base has slope 0 and stays at zero.
 * A negative base moves by its magnitude (slope |aᵢ|), so it still helps absorb R in the
 * same direction as the others instead of working against them.
 */
import { prepare } from "./prepare";
import { Rational } from "./rational";
import { type RowContext, spreadContinuous } from "./spread";
import type { Prepared } from "./prepare";
import type { ProportionalRequest, RebalanceResult, ZeroBasePolicy } from "./types";

export function spreadProportional(
  prep: Prepared,
  ctx: RowContext,
  zeroBase: ZeroBasePolicy,
): RebalanceResult {
  const base = prep.free.map((i) => prep.children[i].value);
  return spreadContinuous(prep, ctx, {
    base,
    slope: base.map((a) => (a < 0n ? -a : a)),
    tieBase: base,
    zeroBaseAware: true,
    zeroBase,
    // x = a + aλ = a(1 + λ).
    factors: (level) => ({ scale: level.add(Rational.of(1n)).reduced() }),
  });
}

export function proportional(request: ProportionalRequest): RebalanceResult {
  const prep = prepare(request, "proportional");
  if (prep.status !== "prepared") return prep;
  return spreadProportional(
    prep,
    { method: "proportional", target: request.target, children: request.children },
    request.zeroBase ?? "refuse",
  );
}

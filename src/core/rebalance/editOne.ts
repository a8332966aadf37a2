/**
 * "Edit one child, keep the total": the edited child is locked at its new value and the
 * difference is spread over the others by the chosen method (proportional by default).
 * Other locks and bounds still hold; if they cannot absorb the difference the edit is
 * refused like any other infeasible target.
 */
import { spreadEqualIncrement } from "./equalIncrement";
import { spreadMinimalChange, weightProblems, weightsOf } from "./minimalChange";
import { prepare } from "./prepare";
import { spreadProportional } from "./proportional";
import type { EditOneRequest, InputProblem, RebalanceResult } from "./types";

export function editOne(request: EditOneRequest): RebalanceResult {
  const method = "edit-one";
  const { child, value } = request.edit;
  const spread = request.spread ?? "proportional";
  const problems: InputProblem[] = [];
  if (!Number.isInteger(child) || child < 0 || child >= request.children.length) {
    problems.push({ kind: "edit-out-of-range", child });
    return { status: "invalid-input", method, problems };
  }
  const edited = request.children.map((c, i) => (i === child ? { ...c, value, locked: true } : c));
  if (spread === "minimal-change") problems.push(...weightProblems({ children: edited }));
  // The edited value joins the grid inference; off the grid it is reported as the edit.
  const prep = prepare({ ...request, children: edited }, method, problems);
  if (prep.status === "invalid-input") {
    prep.problems = prep.problems.map((p) =>
      p.kind === "value-off-grid" && p.child === child ? { kind: "edit-off-grid", value } : p,
    );
    return prep;
  }
  if (prep.status !== "prepared") return prep;
  const ctx = { method, spread, target: request.target, children: request.children, edited: child } as const;
  switch (spread) {
    case "proportional":
      return spreadProportional(prep, ctx, request.zeroBase ?? "refuse");
    case "equal-increment":
      return spreadEqualIncrement(prep, ctx);
    case "minimal-change":
      return spreadMinimalChange(prep, ctx, weightsOf(prep, edited));
  }
}

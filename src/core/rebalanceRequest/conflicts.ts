/** Step 0 of the plan: choices that cannot go together, refused before the sheet is read. */
import type { OptionRef, RebalanceChoices } from "./choices";
import type { RequestProblem } from "./problems";

/** The first clash among the choices (fix-parent with anything that moves children, …); null when none. */
export function conflicts(choices: RebalanceChoices): RequestProblem | null {
  if (choices.fixParent) {
    const clash: OptionRef[] = [
      ...(choices.target !== undefined ? [{ option: "target" as const }] : []),
      ...(choices.method ? [{ option: "method" as const, value: choices.method }] : []),
      ...(choices.reference ? [{ option: "reference" as const }] : []),
      ...(choices.weights ? [{ option: "weights" as const }] : []),
      ...(choices.edit ? [{ option: "edit" as const }] : []),
      ...(choices.zeroBase ? [{ option: "zero-base" as const }] : []),
      ...(choices.locks?.length ? [{ option: "lock" as const }] : []),
      ...(choices.min?.length ? [{ option: "min" as const }] : []),
      ...(choices.max?.length ? [{ option: "max" as const }] : []),
    ];
    if (clash.length) return { code: "CONFLICTING_OPTIONS", options: [{ option: "fix-parent" }, ...clash] };
  }
  if (choices.reference && choices.method && choices.method !== "reference")
    return {
      code: "CONFLICTING_OPTIONS",
      options: [{ option: "reference" }, { option: "method", value: choices.method }],
    };
  if (choices.edit && (choices.method === "reference" || choices.reference))
    return {
      code: "CONFLICTING_OPTIONS",
      options: [
        { option: "edit" },
        choices.reference ? { option: "reference" } : { option: "method", value: "reference" },
      ],
    };
  if (choices.method === "reference" && !choices.reference) return { code: "METHOD_NEEDS_REFERENCE" };
  return null;
}

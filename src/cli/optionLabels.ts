/**
 * The command line's names for the options of a rebalance request: its flags. The engine names an
 * option by id (core/rebalanceRequest/ `OptionId`); the pane has its own names for the same
 * options (its fields).
 */
import type { OptionLabel, OptionRef } from "../core/rebalanceRequest";

const FLAG: Record<OptionRef["option"], string> = {
  indicator: "--indicator",
  parent: "--parent",
  target: "--target",
  method: "--method",
  reference: "--reference",
  weights: "--weights",
  edit: "--edit",
  "fix-parent": "--fix parent",
  "zero-base": "--zero-base",
  lock: "--lock",
  min: "--min",
  max: "--max",
  step: "--step",
};

/** `--max`, `--method equal`, `--zero-base equal`: the same in both languages, as typed. */
export const cliOptionLabel: OptionLabel = (ref) =>
  ref.value && ref.option !== "fix-parent" ? `${FLAG[ref.option]} ${ref.value}` : FLAG[ref.option];

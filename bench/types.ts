export interface BenchRow {
  name: string;
  /** The figure; NaN when it could not be measured (printed "n/a", see `note`). */
  value: number;
  unit: string;
  /** The budget from the issue; `pass` says whether the figure meets it. */
  budget: number;
  pass: boolean;
  higherIsBetter?: boolean;
  /** A figure shown for comparison, with no budget of its own (budget and verdict print "–"). */
  info?: boolean;
  /** Why a figure is n/a, or what it is compared with; printed under the table. */
  note?: string;
}

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The budget from the issue; `pass` says whether the figure meets it. */
  budget: number;
  pass: boolean;
  higherIsBetter?: boolean;
}

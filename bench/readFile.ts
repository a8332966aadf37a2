/**
 * The "merely reading" baseline of the command-line benchmark: a separate process that reads one
 * .xlsx from disk with the command line's own reader (readXlsx) and exits, printing how many
 * cells it holds — everything `tdcheck check` does before the engine runs.
 *
 *   node dist/bench/readFile.js FILE.xlsx
 *
 * scripts/bench.js bundles it beside the bench; bench/cliLarge.ts spawns it.
 */
import { readFileSync } from "node:fs";
import { readXlsx } from "../src/cli/xlsx";

const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node readFile.js FILE.xlsx\n");
  process.exit(2);
}
const result = readXlsx(readFileSync(file), { fileName: file.split(/[/\\]/).pop() });
if (!result.ok) {
  process.stderr.write(`read failed: ${result.problem.code} ${result.problem.detail}\n`);
  process.exit(2);
}
let cells = 0;
for (const sheet of result.workbook.sheets)
  for (const row of sheet.values) if (row) for (const v of row) if (v !== undefined && v !== null) cells++;
process.stdout.write(`${cells}\n`);

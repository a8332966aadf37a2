"use strict";
/**
 * The alternative reader the command line did not take: exceljs's streaming WorkbookReader over
 * the same file, visiting every cell value (what tdcheck would need), printing the count.
 *
 *   node bench/exceljsRead.js FILE.xlsx
 *
 * Spawned by bench/cliLarge.ts for the "exceljs streaming reader" row (see bench/README.md).
 */
const ExcelJS = require("exceljs");

async function main(file) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    worksheets: "emit",
    entries: "emit",
  });
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values;
      for (let c = 1; c < values.length; c++) if (values[c] !== undefined && values[c] !== null) cells++;
    }
  }
  process.stdout.write(`${cells}\n`);
}

main(process.argv[2]).catch((e) => {
  process.stderr.write(`exceljs read failed: ${e && e.message}\n`);
  process.exit(2);
});

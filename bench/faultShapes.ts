/**
 * Shapes of workbook whose time or memory once grew with something other than their size (issue 13):
 *
 *   - one long shared string under many cells: 15,000 cells all pointing at one 1 MB shared string
 *     (a file of about 100 KB). Each cell's text was normalised and classified again: 60 s. Work on a
 *     text is now done once per distinct string (src/core/textMemo.ts). Budget: under 2 s.
 *   - 40 values and 12 million styled empty cells: the empty cells counted toward the 10 M-cell limit
 *     and the file was refused. Only cells with something in them count now. Budget: under 5 s
 *     (the sheet's XML alone is 120 MB to inflate and scan).
 *
 * Each row runs the built command line (`node dist/cli/tdcheck.js check FILE --format json`) as its
 * own process, median of 3, after an untimed run that checks the answer: the long string is a
 * workbook without a table (exit 2, the one line saying so), the styled sheet a clean table (exit 0).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { BenchRow } from "./types";
import { columnLetters, zipWorkbook } from "./xlsxRead";

const CLI = path.join(__dirname, "..", "dist", "cli", "tdcheck.js");

/**
 * `cells` cells (15 columns wide) that all hold shared string 0, a text of `characters` characters
 * (`长`, 3 bytes each in UTF-8: 350,000 make about 1 MB).
 */
export function buildLongSharedString(cells = 15_000, characters = 350_000): Uint8Array {
  const width = 15;
  const rows: string[] = [];
  for (let r = 0; r * width < cells; r++) {
    let line = `<row r="${r + 1}">`;
    for (let c = 0; c < width && r * width + c < cells; c++)
      line += `<c r="${columnLetters(c)}${r + 1}" t="s"><v>0</v></c>`;
    rows.push(line + "</row>");
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${cells}" uniqueCount="1"><si><t>${"长".repeat(characters)}</t></si></sst>`;
  return zipWorkbook(sheet, sst);
}

/** A clean 8 × 5 table (40 values) and `empty` styled empty cells (style 1, format 0.0) in rows below it. */
export function buildStyledEmpties(empty = 12_000_000): Uint8Array {
  const strings = ["指标名称", "全市合计", "上城区", "拱墅区", "西湖区"];
  const rows: string[] = [];
  rows.push(
    `<row r="1">${strings.map((_, c) => `<c r="${columnLetters(c)}1" t="s"><v>${c}</v></c>`).join("")}</row>`,
  );
  for (let r = 2; r <= 8; r++) {
    strings.push(`指标${r - 1}(家)`);
    rows.push(
      `<row r="${r}"><c r="A${r}" t="s"><v>${strings.length - 1}</v></c><c r="B${r}"><v>60</v></c><c r="C${r}"><v>10</v></c><c r="D${r}"><v>20</v></c><c r="E${r}"><v>30</v></c></row>`,
    );
  }
  const width = 16_000;
  const full = `<c s="1"/>`.repeat(width);
  for (let r = 0; r * width < empty; r++) {
    const n = Math.min(width, empty - r * width);
    rows.push(`<row r="${r + 20}">${n === width ? full : `<c s="1"/>`.repeat(n)}</row>`);
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`;
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`;
  return zipWorkbook(sheet, sst);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(
  name: string,
  bytes: Uint8Array,
  budgetMs: number,
  expect: { status: number; stderr?: RegExp },
): BenchRow {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tdcheck-bench-"));
  const file = path.join(dir, "shape.xlsx");
  try {
    fs.writeFileSync(file, bytes);
    const args = [CLI, "check", file, "--format", "json", "--lang", "zh"];
    const first = spawnSync(process.execPath, args, {
      encoding: "utf8",
      timeout: 300_000,
      maxBuffer: 1 << 30,
    });
    const answer =
      first.status === expect.status && (expect.stderr === undefined || expect.stderr.test(first.stderr));
    if (!answer)
      return {
        name,
        value: NaN,
        unit: "ms",
        budget: budgetMs,
        pass: false,
        note: `wrong answer: exit ${first.status} (expected ${expect.status}), stderr ${JSON.stringify(first.stderr.slice(0, 200))}`,
      };
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = process.hrtime.bigint();
      spawnSync(process.execPath, args, { stdio: "ignore", timeout: 300_000 });
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    const value = median(times);
    return {
      name,
      value,
      unit: "ms",
      budget: budgetMs,
      pass: value < budgetMs,
      note: `${(bytes.length / 1024).toFixed(0)} KB file; exit ${expect.status} as expected`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export function benchFaultShapes(): BenchRow[] {
  return [
    measure("cli: 15,000 cells → one 1 MB shared string", buildLongSharedString(), 2000, {
      status: 2,
      stderr: /未找到可识别的指标分解表/,
    }),
    measure("cli: 40 values + 12 M styled empty cells", buildStyledEmpties(), 5000, { status: 0 }),
  ];
}

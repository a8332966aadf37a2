/**
 * How fast the command line reads a large .xlsx (issue 7): a generated 50,000 × 20 workbook
 * (1,000,000 cells: a header row of shared strings, a unit-name column of shared strings, numbers)
 * read with readXlsx, median of several runs, in cells per second; also the unzip + decode share.
 *
 * Run:
 *   npx esbuild bench/xlsxRead.ts --bundle --platform=node --log-level=warning --outfile=/tmp/xlsxRead.js && node /tmp/xlsxRead.js
 *   (options: --rows 50000 --cols 20 --runs 7 --keep /tmp/large.xlsx)
 * The main benchmark imports writeLargeWorkbook / buildLargeWorkbook / measureXlsxRead from here;
 * the printing run below starts only when this file is the entry point (its name is on the command line).
 */
import { writeFileSync } from "node:fs";
import { zipSync, strToU8 } from "fflate";
import { measureInflateOnly, readXlsx } from "../src/cli/xlsx";

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="分解表" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts><fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Column letters of a 0-based column index (0 → A, 26 → AA). */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * A units-in-rows workbook: row 1 holds 单位 and indicator names, column A the unit names, the
 * rest numbers (integers and one-decimal values, as planners type them). The XML is written
 * directly: generating a million cells through a workbook library would dominate the benchmark.
 */
export function buildLargeWorkbook(rows: number, cols: number): Uint8Array {
  const strings: string[] = ["单位"];
  for (let c = 1; c < cols; c++) strings.push(`指标${c}(万元)`);
  const letters = Array.from({ length: cols }, (_, c) => columnLetters(c));
  const chunks: string[] = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:${letters[cols - 1]}${rows}"/><sheetData>`,
  ];
  let header = `<row r="1" spans="1:${cols}">`;
  for (let c = 0; c < cols; c++) header += `<c r="${letters[c]}1" t="s"><v>${c}</v></c>`;
  chunks.push(header + "</row>");
  let seed = 12345;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let r = 2; r <= rows; r++) {
    const unit = strings.length;
    strings.push(`单位${r - 1}`);
    let line = `<row r="${r}" spans="1:${cols}"><c r="A${r}" t="s"><v>${unit}</v></c>`;
    for (let c = 1; c < cols; c++) {
      if (c % 2 === 1) line += `<c r="${letters[c]}${r}"><v>${Math.floor(random() * 100000)}</v></c>`;
      else
        line += `<c r="${letters[c]}${r}" s="1"><v>${(Math.floor(random() * 100000) / 10).toString()}</v></c>`;
    }
    chunks.push(line + "</row>");
  }
  chunks.push("</sheetData></worksheet>");
  const sst =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t>${s}</t></si>`).join("") +
    "</sst>";
  return zipWorkbook(chunks.join(""), sst);
}

/**
 * Packages one worksheet's XML and its shared-string table as an .xlsx (sheet 分解表; styles with
 * xf 1 = "0.0"), deflated at level 6 as Excel does. Shared with bench/cliLarge.ts.
 */
export function zipWorkbook(sheetXml: string, sharedStringsXml: string): Uint8Array {
  return zipSync(
    {
      "[Content_Types].xml": strToU8(CONTENT_TYPES),
      "_rels/.rels": strToU8(ROOT_RELS),
      "xl/workbook.xml": strToU8(WORKBOOK),
      "xl/_rels/workbook.xml.rels": strToU8(WORKBOOK_RELS),
      "xl/styles.xml": strToU8(STYLES),
      "xl/sharedStrings.xml": strToU8(sharedStringsXml),
      "xl/worksheets/sheet1.xml": strToU8(sheetXml),
    },
    { level: 6 },
  );
}

export function writeLargeWorkbook(
  path: string,
  rows: number,
  cols: number,
): { bytes: number; cells: number } {
  const bytes = buildLargeWorkbook(rows, cols);
  writeFileSync(path, bytes);
  return { bytes: bytes.length, cells: rows * cols };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export interface XlsxReadFigures {
  cells: number;
  fileBytes: number;
  /** Median of readXlsx (unzip + decode + scan), ms. */
  readMs: number;
  /** Median of unzip + decode alone, ms. */
  inflateMs: number;
  cellsPerSecond: number;
  runsMs: number[];
}

/** Measures reading a generated rows × cols workbook; returns the figures for a caller's table. */
export function measureXlsxRead(
  rows = 50000,
  cols = 20,
  runs = 7,
  bytes = buildLargeWorkbook(rows, cols),
): XlsxReadFigures {
  const readTimes: number[] = [];
  const inflateTimes: number[] = [];
  for (let k = 0; k < runs; k++) {
    let t = performance.now();
    const inflated = measureInflateOnly(bytes);
    inflateTimes.push(performance.now() - t);
    if (!inflated.ok) throw new Error("inflate failed");
    t = performance.now();
    const result = readXlsx(bytes);
    readTimes.push(performance.now() - t);
    if (!result.ok) throw new Error(`read failed: ${result.problem.code} ${result.problem.detail}`);
  }
  const readMs = median(readTimes);
  return {
    cells: rows * cols,
    fileBytes: bytes.length,
    readMs,
    inflateMs: median(inflateTimes),
    cellsPerSecond: (rows * cols * 1000) / readMs,
    runsMs: readTimes,
  };
}

export function runXlsxReadBench(rows = 50000, cols = 20, runs = 7): XlsxReadFigures {
  const t0 = performance.now();
  const bytes = buildLargeWorkbook(rows, cols);
  const keep = process.argv.indexOf("--keep");
  if (keep >= 0) writeFileSync(process.argv[keep + 1], bytes);
  console.log(
    `generated ${rows} × ${cols} = ${rows * cols} cells, ${(bytes.length / 1024 / 1024).toFixed(1)} MiB, in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const f = measureXlsxRead(rows, cols, runs, bytes);
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log("| measure | median | budget |");
  console.log("|---|---|---|");
  console.log(`| unzip + decode only | ${f.inflateMs.toFixed(0)} ms | – |`);
  console.log(`| readXlsx (unzip + decode + scan) | ${f.readMs.toFixed(0)} ms | < 1000 ms |`);
  console.log(`| cells per second | ${(f.cellsPerSecond / 1e6).toFixed(2)} M/s | – |`);
  console.log(`| resident memory after runs | ${rss.toFixed(0)} MiB | – |`);
  console.log(`runs: ${f.runsMs.map((t) => t.toFixed(0)).join(", ")} ms`);
  return f;
}

if (process.argv.slice(1).some((a) => /xlsxRead/.test(a))) {
  runXlsxReadBench(argument("rows", 50000), argument("cols", 20), argument("runs", 7));
}

/**
 * A large units-in-rows target split as planners lay it out, for the command-line benchmark:
 *
 *   地区        | 新增企业数(家) | 投资额(亿元) | …            (row 1, shared strings)
 *   合计        | Σ              | Σ            | …            (row 2: the column sums)
 *   单位1镇     | 417            | 3021.5       | …            (rows 3…: one unit per row)
 *
 * Counts are whole numbers; amounts carry one decimal with the number format "0.0". A few
 * indicators' 合计 are deliberately off — counts by a few, amounts by 5,000.0, far beyond what
 * rounding 50,001 one-decimal values can explain (worst case 2,500.05) — so every one of them is
 * an error for the engine and a mismatch for the openpyxl script, and nothing else is.
 * The XML is written directly (a workbook library would dominate the time to generate).
 */
import { columnLetters, zipWorkbook } from "./xlsxRead";

const INDICATORS: { name: string; decimals: 0 | 1 }[] = [
  { name: "新增企业数(家)", decimals: 0 },
  { name: "投资额(亿元)", decimals: 1 },
  { name: "地区生产总值(亿元)", decimals: 1 },
  { name: "新增城镇就业人数(人)", decimals: 0 },
  { name: "规上工业增加值(亿元)", decimals: 1 },
  { name: "高新技术企业数(家)", decimals: 0 },
  { name: "社会消费品零售总额(亿元)", decimals: 1 },
  { name: "新建保障性住房(套)", decimals: 0 },
  { name: "固定资产投资(亿元)", decimals: 1 },
  { name: "新增5G基站(个)", decimals: 0 },
  { name: "进出口总额(亿元)", decimals: 1 },
  { name: "新增养老床位(张)", decimals: 0 },
  { name: "一般公共预算收入(亿元)", decimals: 1 },
  { name: "新增市场主体(户)", decimals: 0 },
  { name: "研发经费投入(亿元)", decimals: 1 },
  { name: "新增普惠托位(个)", decimals: 0 },
  { name: "技术合同成交额(亿元)", decimals: 1 },
  { name: "新建农村公路(公里)", decimals: 0 },
  { name: "节能技改投资(亿元)", decimals: 1 },
  { name: "新增规上企业(家)", decimals: 0 },
];

/** Indicators (0-based) whose 合计 is deliberately off. */
const OFF = new Set([0, 5, 8, 14]);

export interface SplitWorkbook {
  bytes: Uint8Array;
  units: number;
  indicators: number;
  /** Value cells: (units + 合计 row) × indicators. */
  cells: number;
  /** How many indicators' 合计 disagree with their units' sum. */
  mismatches: number;
}

/** Deterministic pseudo-random numbers so every run checks the same file. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * How the units are named: `单位1镇 …` under 地区 (default), or `单位1 …` under a 单位 header — the
 * most common header in Chinese tables, which also heads measure columns: its cells must decide.
 */
export interface Naming {
  header: string;
  unit: (u: number) => string;
}

export const TOWNS: Naming = { header: "地区", unit: (u) => `单位${u}镇` };
export const PLAIN_UNITS: Naming = { header: "单位", unit: (u) => `单位${u}` };

export function buildSplitWorkbook(units = 50_000, indicators = 20, naming: Naming = TOWNS): SplitWorkbook {
  if (indicators > INDICATORS.length) throw new Error(`at most ${INDICATORS.length} indicators`);
  const rnd = lcg(2024);
  const cols = indicators + 1;
  const letters = Array.from({ length: cols }, (_, c) => columnLetters(c));
  const strings: string[] = [naming.header, ...INDICATORS.slice(0, indicators).map((i) => i.name), "合计"];
  const totalString = strings.length - 1;
  // Values in whole rounding units (tenths for amounts): sums stay exact integers.
  const sums = new Array<number>(indicators).fill(0);
  const body: string[] = [];
  for (let u = 1; u <= units; u++) {
    const r = u + 2;
    const name = strings.length;
    strings.push(naming.unit(u));
    let line = `<row r="${r}" spans="1:${cols}"><c r="A${r}" t="s"><v>${name}</v></c>`;
    for (let i = 0; i < indicators; i++) {
      const d = INDICATORS[i].decimals;
      const v = Math.floor(rnd() * (d === 0 ? 1000 : 100_000));
      sums[i] += v;
      line +=
        d === 0
          ? `<c r="${letters[i + 1]}${r}"><v>${v}</v></c>`
          : `<c r="${letters[i + 1]}${r}" s="1"><v>${v / 10}</v></c>`;
    }
    body.push(line + "</row>");
  }
  let header = `<row r="1" spans="1:${cols}">`;
  for (let c = 0; c < cols; c++) header += `<c r="${letters[c]}1" t="s"><v>${c}</v></c>`;
  header += "</row>";
  let total = `<row r="2" spans="1:${cols}"><c r="A2" t="s"><v>${totalString}</v></c>`;
  let mismatches = 0;
  for (let i = 0; i < indicators; i++) {
    const d = INDICATORS[i].decimals;
    let v = sums[i];
    if (OFF.has(i)) {
      v += d === 0 ? 1 + (i % 3) : 50_000;
      mismatches++;
    }
    total +=
      d === 0
        ? `<c r="${letters[i + 1]}2"><v>${v}</v></c>`
        : `<c r="${letters[i + 1]}2" s="1"><v>${v / 10}</v></c>`;
  }
  total += "</row>";
  const sheet =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:${letters[cols - 1]}${units + 2}"/><sheetData>` +
    header +
    total +
    body.join("") +
    "</sheetData></worksheet>";
  const sst =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">` +
    strings.map((s) => `<si><t>${s}</t></si>`).join("") +
    "</sst>";
  return {
    bytes: zipWorkbook(sheet, sst),
    units,
    indicators,
    cells: (units + 1) * indicators,
    mismatches,
  };
}

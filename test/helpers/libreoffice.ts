/**
 * Reading what LibreOffice made of a file, for the tests that use it as the judge (issue 13):
 * its HTML export as a grid of cells with their rendered background (conditional formats applied),
 * and the values of a workbook it re-saved, compared with the values of what we wrote.
 */
import * as fs from "fs";
import { a1 } from "../../src/core/address";
import type { RawValue } from "../../src/core/grid";
import { convertWithLibreOffice, type ConvertResult, type OfficeFormat } from "../../src/cli/libreoffice";
import { readXlsx } from "../../src/cli/xlsx/read";

export interface HtmlCell {
  text: string;
  /** The cell's background as LibreOffice rendered it (`#FFC7CE`), upper case; undefined when none. */
  background?: string;
}

function attribute(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[1] ?? m[2]) : undefined;
}

/**
 * LibreOffice's HTML export of a workbook: one table per sheet, headed `Sheet N: <em>name</em>`,
 * from A1, merged cells as colspan/rowspan. Returns sheet name → A1 address → cell.
 */
export function htmlSheets(html: string): Map<string, Map<string, HtmlCell>> {
  const sheets = new Map<string, Map<string, HtmlCell>>();
  const heading = /<h1>Sheet \d+: <em>([\s\S]*?)<\/em><\/h1>[\s\S]*?<table[^>]*>([\s\S]*?)<\/table>/g;
  for (let m = heading.exec(html); m; m = heading.exec(html)) {
    const name = decode(m[1]);
    const cells = new Map<string, HtmlCell>();
    const taken = new Set<string>();
    const rows = m[2].split(/<tr[^>]*>/).slice(1);
    rows.forEach((row, r) => {
      let c = 0;
      const tds = row.match(/<td[^>]*>[\s\S]*?(?=<td|<\/tr>|$)/g) ?? [];
      for (const td of tds) {
        while (taken.has(`${r},${c}`)) c++;
        const tag = /<td[^>]*>/.exec(td)![0];
        const span = Number(attribute(tag, "colspan") ?? 1);
        const down = Number(attribute(tag, "rowspan") ?? 1);
        const bg = attribute(tag, "bgcolor");
        const text = decode(td.replace(/<comment>[\s\S]*?<\/comment>/g, "").replace(/<[^>]+>/g, "")).trim();
        cells.set(a1(r, c), { text, background: bg?.toUpperCase() });
        for (let dr = 0; dr < down; dr++) for (let dc = 0; dc < span; dc++) taken.add(`${r + dr},${c + dc}`);
        c += span;
      }
    });
    sheets.set(name, cells);
  }
  return sheets;
}

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

/** Every sheet's values, by name (sheets a reader cannot read fail the test that asks). */
export function sheetValues(file: string): Map<string, RawValue[][]> {
  const r = readXlsx(fs.readFileSync(file));
  if (!r.ok) throw new Error(`${file}: ${r.problem.detail}`);
  if (r.unreadable.length)
    throw new Error(`${file}: unreadable ${r.unreadable.map((u) => u.name).join(", ")}`);
  return new Map(r.workbook.sheets.map((s) => [s.name, s.values]));
}

/** Cells whose value differs between two grids, as `A1: ours → theirs`. */
export function valueDifferences(ours: RawValue[][], theirs: RawValue[][]): string[] {
  const out: string[] = [];
  const rows = Math.max(ours.length, theirs.length);
  for (let r = 0; r < rows; r++) {
    const a = ours[r] ?? [];
    const b = theirs[r] ?? [];
    for (let c = 0; c < Math.max(a.length, b.length); c++) {
      const x = a[c] ?? undefined;
      const y = b[c] ?? undefined;
      const same =
        JSON.stringify(x) === JSON.stringify(y) ||
        (typeof x === "number" &&
          typeof y === "number" &&
          Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)));
      if (!same) out.push(`${a1(r, c)}: ${JSON.stringify(x)} → ${JSON.stringify(y)}`);
    }
  }
  return out;
}

/** Converts with one LibreOffice start and fails loudly (with LibreOffice's own log) when anything is not converted. */
export async function convertAll(
  inputs: string[],
  outDir: string,
  format: OfficeFormat,
): Promise<ConvertResult> {
  const r = await convertWithLibreOffice({ input: inputs, outDir, format, timeoutMs: 150_000 });
  if (!r.ok) throw new Error(`LibreOffice: ${r.code}: ${r.detail}\n${r.log}`);
  return r;
}

/** Lines of LibreOffice's log that say something went wrong (it prints "Error: …" for a file it cannot load). */
export function logErrors(log: string): string[] {
  return log.split("\n").filter((l) => /error|repair|corrupt/i.test(l) && !/javaldx/.test(l));
}

/**
 * Time bounded by size (issue 13, item 9): work on a cell's text is done once per distinct string,
 * so 15,000 cells pointing at one 1 MB shared string are read in a moment and give the answer they
 * always gave; two distinct texts never share a result. (Speed itself is `npm run bench`'s row
 * "cli: 15,000 cells → one 1 MB shared string", not an assertion here.)
 */
import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { buildLongSharedString } from "../../bench/faultShapes";
import { zipWorkbook } from "../../bench/xlsxRead";
import { classifyLabel } from "../../src/core/detect/labels";
import { parseCell } from "../../src/core/parse/cellText";
import { displayLabel, normalizeLabel } from "../../src/core/text";
import { perDistinctText } from "../../src/core/textMemo";
import { cli, tempDir } from "../helpers/cli";

test("the bench shape: 15,000 cells → one 1 MB shared string gives its one line (no table), exit 2", async () => {
  const dir = tempDir();
  const file = path.join(dir, "long.xlsx");
  fs.writeFileSync(file, buildLongSharedString());
  const r = await cli("check", file, "--lang", "en");
  expect(r.code).toBe(2);
  expect(r.stderr.trimEnd().split("\n")).toEqual([
    `tdcheck: ${file}: no recognisable target table (a total, a unit's own target or a line that is the sum of the others is needed, or year columns; looked at 分解表!A1:O1000 (no numbers under the header))`,
  ]);
});

test("a table whose children all hold one long text: each cell found, shown once in text, listed per cell in JSON", async () => {
  const long = "快于面上投资增速".repeat(20_000); // 160,000 characters, a qualitative target
  const strings = ["指标名称", "全市合计", "上城区", "拱墅区", long, "新增企业数(家)"];
  // One row of numbers that adds up: detection claims a table only where numbers stand under the header.
  const rows = [
    `<row r="1">${[0, 1, 2, 3].map((i) => `<c r="${"ABCD"[i]}1" t="s"><v>${i}</v></c>`).join("")}</row>`,
    `<row r="2"><c r="A2" t="s"><v>5</v></c><c r="B2"><v>30</v></c><c r="C2"><v>10</v></c><c r="D2"><v>20</v></c></row>`,
  ];
  for (let r = 3; r <= 202; r++) {
    strings.push(`指标${r}`);
    rows.push(
      `<row r="${r}"><c r="A${r}" t="s"><v>${strings.length - 1}</v></c><c r="B${r}" t="s"><v>4</v></c><c r="C${r}" t="s"><v>4</v></c><c r="D${r}" t="s"><v>4</v></c></row>`,
    );
  }
  const dir = tempDir();
  const file = path.join(dir, "t.xlsx");
  fs.writeFileSync(
    file,
    zipWorkbook(
      `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`,
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`,
    ),
  );
  const json = await cli("check", file, "--format", "json");
  expect(json.code).toBe(0);
  const doc = JSON.parse(json.stdout) as {
    findings: { rule: string; cell: string; details?: { text?: string } }[];
  };
  const qualitative = doc.findings.filter((f) => f.rule === "qualitative-target");
  expect(qualitative).toHaveLength(600); // 200 rows × 3 cells (parent and two children)
  expect(qualitative.every((f) => f.details?.text === long)).toBe(true);
  const text = await cli("check", file, "--lang", "en");
  expect(text.code).toBe(0);
  // Folded per indicator: the long text appears once per row, never once per cell.
  expect(text.stdout.split(long).length - 1).toBe(200);
});

describe("per distinct text", () => {
  const longText = fc.string({ minLength: 64, maxLength: 300 });

  test("property: a memoised function gives what the function gives, for texts that differ in one place, in any order", () => {
    // A result that depends on every character: confusing two texts would show.
    const pure = (t: string): string => [...t].reverse().join("") + t.length;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(longText, fc.nat(), fc.boolean()), { minLength: 1, maxLength: 20 }),
        (items) => {
          const memo = perDistinctText(pure);
          for (const [base, at, flip] of items) {
            const i = at % base.length;
            const other = base.slice(0, i) + (base[i] === "x" ? "y" : "x") + base.slice(i + 1);
            for (const t of flip ? [other, base, other] : [base, other, base]) expect(memo(t)).toBe(pure(t));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test("the engine's text functions are memoised without changing a result: a long label, a long cell", () => {
    const label = "全市合计" + "　".repeat(100);
    expect(normalizeLabel(label)).toBe("全市合计");
    expect(classifyLabel(normalizeLabel(label))).toMatchObject({ role: "total" });
    expect(displayLabel(label)).toBe("全市合计");
    const assignment = "省下达目标" + "（说明）".repeat(30);
    expect(classifyLabel(normalizeLabel(assignment))).toMatchObject({ role: "assignment", keyword: "下达" });
    expect(classifyLabel(normalizeLabel(assignment))).toMatchObject({ role: "assignment", keyword: "下达" });
    const cell = "不低于" + "1".repeat(70);
    expect(parseCell(cell, { measure: "万元" })).toEqual(parseCell(cell, { measure: "万元" }));
    expect(parseCell(cell, { measure: "家" })).toMatchObject({ kind: parseCell(cell).kind });
  });

  test("computed once per distinct long text; short texts are not kept; results stay right after the store is emptied", () => {
    let calls = 0;
    const f = perDistinctText((t: string) => {
      calls++;
      return t.length;
    });
    const long = "长".repeat(1000);
    for (let i = 0; i < 15_000; i++) expect(f(long)).toBe(1000);
    expect(calls).toBe(1);
    for (let i = 0; i < 10; i++) f("短");
    expect(calls).toBe(11);
    // Many distinct long texts: the store is emptied now and then, never wrong.
    for (let i = 0; i < 10_000; i++) expect(f(`${long}${i}`)).toBe(1000 + String(i).length);
    expect(f(long)).toBe(1000);
  });
});

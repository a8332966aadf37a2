/**
 * Ordinary workbooks stay quiet (issue 12, item 5): a payroll, a budget, a statistical table with
 * footnote marks and notes, a grade book, 工资表, 预算表, 统计表, 成绩单 (built by ordinary.js). The only
 * errors and warnings allowed are the keyed ones: a total that really does not add up (injected in the
 * payroll and in 预算表) and real error values (#DIV/0!). Nothing else: no not-a-number on headers,
 * notes or codes, no false sum on an average or a rank, no year read from data. Each of them has a
 * total line or component columns, so none may be refused.
 */
import * as fs from "fs";
import * as path from "path";
import { cli, tempDir } from "../helpers/cli";

interface Key {
  rule: string;
  severity: string;
  sheet: string;
  cell: string;
}
interface Finding extends Key {
  message?: string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WORKBOOKS, buildOrdinary } = require("./ordinary.js") as {
  WORKBOOKS: Record<string, unknown>;
  buildOrdinary: (outDir: string) => Promise<{ name: string; file: string; expected: Key[] }[]>;
};

let built: { name: string; file: string; expected: Key[] }[] = [];
let dir = "";

beforeAll(async () => {
  dir = path.join(tempDir(), "ordinary");
  built = await buildOrdinary(dir);
}, 60000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const key = (f: Key) => `${f.rule} ${f.severity} ${f.sheet}!${f.cell}`;

describe("ordinary business workbooks", () => {
  test("the set: English and Chinese payroll, budget, statistics, grade book; two with an injected wrong total", () => {
    expect(Object.keys(WORKBOOKS)).toHaveLength(8);
    expect(built.filter((b) => b.expected.some((e) => e.rule === "sum-mismatch")).map((b) => b.name)).toEqual(
      ["payroll-en", "预算表"],
    );
  });

  test.each(Object.keys(WORKBOOKS))("%s: only the keyed findings", async (name) => {
    const b = built.find((x) => x.name === name)!;
    const r = await cli("check", b.file, "--format", "json");
    const doc =
      r.code === 2 ? { findings: [] as Finding[] } : (JSON.parse(r.stdout) as { findings: Finding[] });
    const loud = doc.findings.filter((f) => f.severity !== "info");
    expect({
      refused: r.code === 2 ? r.stderr.trim() : false,
      missing: b.expected.map(key).filter((k) => !loud.some((f) => key(f) === k)),
      unexpected: loud
        .filter((f) => !b.expected.some((e) => key(e) === key(f)))
        .map((f) => `${key(f)}: ${f.message ?? ""}`),
      notANumber: doc.findings.filter((f) => f.rule === "not-a-number").map((f) => `${f.sheet}!${f.cell}`),
      exit: r.code,
    }).toEqual({
      refused: false,
      missing: [],
      unexpected: [],
      notANumber: [],
      exit: b.expected.some((e) => e.severity === "error") ? 1 : 0,
    });
  });
});

import fc from "fast-check";
import { DELIMITERS, detectDelimiter, parseDelimited, type Delimiter } from "../../../src/core/csv";

/** RFC 4180 writing: a field holding any delimiter candidate, a quote or a line break is quoted. */
function writeCsv(rows: string[][], delimiter: Delimiter, lineEnd = "\r\n"): string {
  const field = (f: string) => (/[",;\t\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return rows.map((r) => r.map(field).join(delimiter)).join(lineEnd) + lineEnd;
}

const parse = (text: string, d: Delimiter = ",") => {
  const r = parseDelimited(text, d);
  if (!r.ok) throw new Error(JSON.stringify(r));
  return r.rows;
};

describe("parseDelimited: RFC 4180", () => {
  test("quoted fields hold delimiters, doubled quotes and line breaks (kept as \\n)", () => {
    expect(parse('指标,"合计,全市","说""明"\r\n"第一行\r\n第二行",2,3\r\n')).toEqual([
      ["指标", "合计,全市", '说"明'],
      ["第一行\n第二行", "2", "3"],
    ]);
  });

  test("CRLF, LF and CR line ends; no final line end; trailing blank lines dropped, inner ones kept", () => {
    expect(parse("a,b\nc,d\r\n\r\ne,f\rg,h")).toEqual([["a", "b"], ["c", "d"], [""], ["e", "f"], ["g", "h"]]);
    expect(parse("a,b\n\n\n")).toEqual([["a", "b"]]);
    expect(parse("")).toEqual([]);
  });

  test("empty fields, a delimiter at the end of a line and at the end of the file", () => {
    expect(parse("a,,c,\n,\nz\n")).toEqual([["a", "", "c", ""], ["", ""], ["z"]]);
    expect(parse("a,b,")).toEqual([["a", "b", ""]]);
  });

  test("a quote inside an unquoted field, and text after a closing quote, are kept as written", () => {
    expect(parse('12"3,"ab"cd,x')).toEqual([['12"3', "abcd", "x"]]);
  });

  test("a quote never closed is refused with the line it opened on", () => {
    expect(parseDelimited('a,b\nc,"d\ne,f\n', ",")).toEqual({
      ok: false,
      code: "UNTERMINATED_QUOTE",
      line: 2,
      at: 6,
    });
  });

  test("more cells than the limit are refused, not read", () => {
    expect(parseDelimited("1,2,3\n4,5,6\n", ",", { maxCells: 5 })).toEqual({
      ok: false,
      code: "TOO_MANY_CELLS",
      maxCells: 5,
    });
  });

  test("generated tables written with each delimiter and line end read back as they were", () => {
    const cell = fc.oneof(
      fc.constantFrom("", "合计", "1.7万", "超500", "-", '说"明', "a,b", "x;y", "t\tu", "两\n行", " 12 "),
      fc.string({ maxLength: 8 }).filter((s) => !s.includes("\r")),
    );
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((w) =>
            fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 1, maxLength: 12 }),
          ),
        fc.constantFrom(...DELIMITERS),
        fc.constantFrom("\r\n", "\n"),
        (rows, d, end) => {
          // A table ending in blank lines reads without them.
          const expected = [...rows];
          while (expected.length && expected[expected.length - 1].every((f) => f === "")) expected.pop();
          const r = parseDelimited(writeCsv(rows, d, end), d);
          return r.ok && JSON.stringify(r.rows) === JSON.stringify(expected);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("detectDelimiter", () => {
  test("comma, tab and semicolon tables are told apart, with commas and semicolons inside cells", () => {
    const rows = [
      ["指标", "全市", "甲区", "乙区"],
      ["新增企业数(家)", "1,234", "600", "634"],
      ["说明", "a;b", "c", "d"],
    ];
    for (const d of DELIMITERS) expect(detectDelimiter(writeCsv(rows, d))).toBe(d);
    // Unquoted thousands separators in a tab-separated export do not make it comma-separated.
    expect(detectDelimiter("指标\t全市\t甲区\n企业\t1,234\t600\n项目\t12\t7\n")).toBe("\t");
  });

  test("title rows and notes of one cell do not decide; one column is read as comma-separated", () => {
    expect(detectDelimiter("2024年目标分解表\n单位：家\n指标;全市;甲区\n企业;10;10\n注：无\n")).toBe(";");
    expect(detectDelimiter("只有一列\n第二行\n")).toBe(",");
  });

  test("a .tsv's preference wins a tie", () => {
    expect(detectDelimiter("a,b\tc\n", "\t")).toBe("\t");
    expect(detectDelimiter("a,b\tc\n")).toBe(",");
  });

  test("generated tables of 2+ columns: the delimiter they were written with is found", () => {
    const cell = fc.constantFrom("合计", "1.7万", "超500", "-", "a,b", "x;y", "t\tu", "123", "");
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 8 })
          .chain((w) =>
            fc.array(fc.array(cell, { minLength: w, maxLength: w }), { minLength: 2, maxLength: 20 }),
          ),
        fc.constantFrom(...DELIMITERS),
        (rows, d) => {
          const text = writeCsv(rows, d);
          // A table that another delimiter splits into the same columns on every line (合计,t<TAB>u
          // twice) is ambiguous by nature: no reader can tell what it was written with.
          fc.pre(!DELIMITERS.some((o) => o !== d && sameColumnsBy(text, o, rows[0].length)));
          return detectDelimiter(text) === d;
        },
      ),
      { numRuns: 300 },
    );
  });

  test.each([
    ['超500;"a,b"\r\n"a,b";"a,b"\r\n', ";"],
    ['"x;y";"t\tu"\r\n1.7万;"t\tu"\r\n;\r\n', ";"],
    ['"t\tu";"t\tu"\r\n1.7万;"t\tu"\r\n', ";"],
    ['合计,"x;y"\r\n"x;y","a,b"\r\n', ","],
  ])("the delimiter under which the quotes stand at the edges of fields wins: %j", (text, d) => {
    expect(detectDelimiter(text)).toBe(d);
  });

  test("a sample cut inside a quoted field still decides from the records before it", () => {
    const head = "指标;全市;甲区\n".repeat(50);
    const text = head + '"' + "很长的说明，".repeat(60000) + '";1;2\n';
    expect(detectDelimiter(text)).toBe(";");
  });
});

/** Whether every non-blank line of the text splits on `o` (ignoring quotes) into `width` fields. */
function sameColumnsBy(text: string, o: string, width: number): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  return lines.length > 0 && lines.every((l) => l.split(o).length === width);
}

/** The row-block reader: sheet positions, Office.js's value conventions, formulas and formats, progress, retries. */
import { isErrorValue } from "../../src/core/grid";
import { checkInExcel, readWorkbook, type Progress, createSession, type Session } from "../../src/excel";
import { FakeWorkbook, installFakeExcel, type FakeHost } from "../../src/fake-excel";
import { generateSplit } from "./helpers";

/** The adapter session of the case under test (a new one per case, as a pane makes one). */
let session: Session = createSession();

let host: FakeHost;
beforeEach(() => {
  session = createSession();
});
afterEach(() => host.uninstall());

function offsetBook(): FakeWorkbook {
  const book = new FakeWorkbook("t.xlsx");
  const s = book.addSheet("分解表");
  const put = (r: number, c: number, v: string | number, f?: string, nf?: string) => {
    if (f) s.setFormula(r, c, f, v);
    else s.setConstant(r, c, v);
    if (nf) s.setFormat(r, c, nf);
  };
  put(2, 2, "指标");
  put(2, 3, "杭州市目标");
  put(2, 4, "上城区");
  put(3, 2, "新增(家)");
  put(3, 3, 2000, "=SUM(E4:Q4)", "0");
  s.setFormat(3, 4, "0.0");
  put(4, 2, "比重(%)");
  s.setFormula(4, 3, "=1/0", { error: "#DIV/0!" });
  s.setFormat(4, 3, "0.00%");
  put(4, 4, "23项", undefined, "@");
  book.activeSheetId = s.id;
  return book;
}

test("a used range starting at C3 is placed at its sheet position, in 2 syncs", async () => {
  host = installFakeExcel(offsetBook());
  const from = host.syncs;
  const read = await readWorkbook(session);
  if (!read.ok) throw new Error(JSON.stringify(read.problem));
  expect(host.syncs - from).toBe(2);
  const grid = read.value.sheets[0];
  expect(grid.name).toBe("分解表");
  expect(grid.values).toHaveLength(5);
  expect(grid.values[0]).toEqual([]);
  expect(grid.values[2]).toEqual([undefined, undefined, "指标", "杭州市目标", "上城区"]);
  expect(grid.values[3][3]).toBe(2000);
  expect(grid.values[3][4]).toBeUndefined();
  const error = grid.values[4][3];
  expect(isErrorValue(error) && error.error).toBe("#DIV/0!");
  expect(grid.values[4][4]).toBe("23项");
  expect(grid.formulas?.[3][3]).toBe("SUM(E4:Q4)");
  expect(grid.formulas?.[3][2]).toBeUndefined();
  expect(grid.numberFormats?.[4][3]).toBe("0.00%");
  expect(grid.numberFormats?.[2][2]).toBeUndefined(); // "General" is left out, as the file reader does
  expect(grid.protected).toBe(false);
});

test("an empty sheet: an empty grid after one sync; Check says the sheet is empty", async () => {
  const book = new FakeWorkbook();
  book.activeSheetId = book.addSheet("Sheet1").id;
  host = installFakeExcel(book);
  const read = await readWorkbook(session);
  expect(read).toMatchObject({ ok: true, value: { sheets: [{ name: "Sheet1", values: [] }] } });
  expect(host.syncs).toBe(1);
  await expect(checkInExcel(session)).resolves.toEqual({ kind: "empty-sheet", sheet: "Sheet1" });
});

test("progress is reported per block, up to every row", async () => {
  host = installFakeExcel(FakeWorkbook.fromGrid(generateSplit(3000, 30, 7)));
  const seen: Progress[] = [];
  const read = await readWorkbook(session, { onProgress: (p) => seen.push(p) });
  expect(read.ok).toBe(true);
  expect(seen.length).toBeGreaterThan(2);
  expect(seen[seen.length - 1]).toMatchObject({ stage: "read", done: 3003, total: 3003 });
});

test("a block the host refuses as too large is read again in smaller blocks", async () => {
  // Long texts the first guess does not foresee, under a lowered response limit.
  const grid = generateSplit(400, 20, 7);
  grid.sheets[0].values.forEach((row, r) => r > 2 && (row[1] = `指标${r}`.padEnd(3000, "说")));
  host = installFakeExcel(FakeWorkbook.fromGrid(grid), { responseLimit: 1_500_000 });
  const read = await readWorkbook(session);
  if (!read.ok) throw new Error(JSON.stringify(read.problem));
  expect(read.value.sheets[0].values[402][1]).toBe(grid.sheets[0].values[402][1]);
  expect(host.stats.some((s) => s.failed === "ResponsePayloadSizeLimitExceeded")).toBe(true);
  expect(host.stats.filter((s) => !s.failed).every((s) => s.responseBytes < 1_500_000)).toBe(true);
});

test("a host error is a value with Office.js's code", async () => {
  host = installFakeExcel(offsetBook());
  host.book.sheets = []; // the workbook went away under us
  const read = await readWorkbook(session);
  expect(read.ok).toBe(false);
  if (read.ok) return;
  expect(read.problem.code).toBe("HOST_ERROR");
});

/**
 * Cells as Office.js passes them in and out: addresses to boxes, values ("" for empty, the error
 * text for errors), what Excel makes of a value typed into a cell, and colours.
 */
import type { RangeBox } from "../../core/address";
import { isExcelErrorCode } from "../../core/errorCodes";
import { isErrorValue } from "../../core/grid";
import { cellCount, MAX_COLS, MAX_ROWS, parseAddress } from "../address";
import { type FakeSheet, MAX_CELL_CHARS } from "../book";
import { type CellScalar, evaluate } from "../formula";
import { fail, type Stage } from "./members";

export interface RangeEntity {
  sheet: FakeSheet;
  box: RangeBox;
}
export interface AreasEntity {
  sheet: FakeSheet;
  boxes: RangeBox[];
}

export function boxFrom(sheet: FakeSheet, address: string | undefined, multi: boolean): RangeBox[] {
  if (address === undefined || address === "")
    return [{ top: 0, left: 0, bottom: MAX_ROWS - 1, right: MAX_COLS - 1 }];
  const parsed = parseAddress(address);
  if (!parsed) fail("InvalidArgument", `"${address.slice(0, 60)}" is not a valid address`);
  if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase())
    fail("InvalidArgument", `the address ${address.slice(0, 60)} is on another sheet`);
  if (!multi && parsed.boxes.length > 1)
    fail("InvalidArgument", `getRange takes one area; use getRanges for "${address.slice(0, 60)}"`);
  return parsed.boxes;
}

// Cell values in and out (as Office.js gives them: "" for empty, the error text for errors)

export function valueOut(v: CellScalar | undefined): unknown {
  if (v === undefined) return "";
  if (isErrorValue(v)) return v.error;
  return v;
}

export function valueType(v: CellScalar | undefined): string {
  if (v === undefined) return "Empty";
  if (isErrorValue(v)) return "Error";
  return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

/** What Excel makes of a value written to a cell: numbers, logicals and errors typed as text become them. */
function coerceIn(v: unknown, format: string | undefined): CellScalar | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) fail("InvalidArgument", "a cell cannot hold NaN or Infinity");
    return v;
  }
  if (typeof v === "boolean") return v;
  if (typeof v !== "string") fail("InvalidArgument", `a cell cannot hold a ${typeof v}`);
  if (v.length > MAX_CELL_CHARS)
    fail("InvalidArgument", `a cell holds at most 32,767 characters; got ${v.length}`);
  if (format === "@") return v;
  const t = v.trim();
  if (t !== "" && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(t))
    return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (/^(TRUE|FALSE)$/i.test(t)) return t.toUpperCase() === "TRUE";
  if (isExcelErrorCode(t)) return { error: t };
  return v;
}

export function matrix(v: unknown, box: RangeBox, what: string): unknown[][] {
  const rows = box.bottom - box.top + 1;
  const cols = box.right - box.left + 1;
  if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols))
    fail("InvalidArgument", `${what}: the array must be ${rows} × ${cols}, matching the range`);
  return v as unknown[][];
}

function guardSize(box: RangeBox): void {
  // Reading millions of cells at once fails on every host; the fake refuses before building them.
  if (cellCount(box) > 5_000_000)
    fail("ResponsePayloadSizeLimitExceeded", `${cellCount(box)} cells in one read`);
}

export function grid<T>(e: RangeEntity, cell: (r: number, c: number) => T): T[][] {
  guardSize(e.box);
  const out: T[][] = [];
  for (let r = e.box.top; r <= e.box.bottom; r++) {
    const row = new Array<T>(e.box.right - e.box.left + 1);
    for (let c = e.box.left; c <= e.box.right; c++) row[c - e.box.left] = cell(r, c);
    out.push(row);
  }
  return out;
}

export function writeCells(e: RangeEntity, v: unknown, stage: Stage, what: string, asFormula: boolean): void {
  if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
  const m = matrix(v, e.box, what);
  m.forEach((row, i) =>
    row.forEach((x, j) => {
      const r = e.box.top + i;
      const c = e.box.left + j;
      if (
        typeof x === "string" &&
        x.startsWith("=") &&
        x.length > 1 &&
        (asFormula || e.sheet.format(r, c) !== "@")
      ) {
        if (x.length > 8192) fail("FormulaLengthExceedsLimit", "a formula holds at most 8,192 characters");
        let value: CellScalar | undefined;
        try {
          const result = evaluate(x, { cell: (_s, rr, cc) => e.sheet.value(rr, cc) });
          value = result === null ? 0 : result;
        } catch {
          value = { error: "#NAME?" };
        }
        e.sheet.setFormula(r, c, x, value);
      } else e.sheet.setConstant(r, c, coerceIn(x, e.sheet.format(r, c)));
    }),
  );
  stage.changes.push({ sheet: e.sheet, box: e.box, changeType: "RangeEdited" });
}

export function forEachCell(e: RangeEntity, f: (r: number, c: number) => void): void {
  for (let r = e.box.top; r <= e.box.bottom; r++) for (let c = e.box.left; c <= e.box.right; c++) f(r, c);
}

const COLOR = /^#[0-9A-Fa-f]{6}$/;
export function color(v: unknown): string {
  if (typeof v !== "string" || !COLOR.test(v))
    fail("InvalidArgument", `colour ${JSON.stringify(v)} is not #RRGGBB`);
  return v.toUpperCase();
}

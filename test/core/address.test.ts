/**
 * Addresses and sheet names in them, one copy for the engine, the adapter, the fake Excel and the
 * report: a name quoted any way reads back as itself, and areas parse as Excel names them.
 */
import fc from "fast-check";
import {
  isPlainSheetName,
  parseArea,
  qualified,
  quotedSheet,
  rangeA1,
  sheetInAddress,
  splitSheetRef,
  unquoteSheet,
} from "../../src/core/address";

const sheetName = fc.oneof(
  fc.constantFrom("分解表", "Sheet1", "A1", "R1C1", "O'Brien", "My sheet", "2024年", "_x.y", "'quoted'"),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !/[[\]:*?/\\]/.test(s)),
);

describe("sheet names in addresses", () => {
  test("a name quoted either way splits back to itself, with the address after it", () => {
    fc.assert(
      fc.property(sheetName, (name) => {
        expect(unquoteSheet(quotedSheet(name))).toBe(name);
        expect(splitSheetRef(qualified(name, "B3:D4"))).toEqual({ sheet: name, ref: "B3:D4" });
        expect(splitSheetRef(`${quotedSheet(name)}!A1`)).toEqual({ sheet: name, ref: "A1" });
      }),
    );
  });
  test("Excel's rule: plain words stay bare, names that read as cells or hold spaces are quoted", () => {
    expect(sheetInAddress("分解表")).toBe("分解表");
    expect(sheetInAddress("Sheet1")).toBe("Sheet1");
    expect(sheetInAddress("A1")).toBe("'A1'");
    expect(sheetInAddress("R1C1")).toBe("'R1C1'");
    expect(sheetInAddress("My sheet")).toBe("'My sheet'");
    expect(sheetInAddress("O'Brien")).toBe("'O''Brien'");
    expect(isPlainSheetName("2024年")).toBe(false);
    expect(splitSheetRef("C4")).toEqual({ ref: "C4" });
  });
});

describe("parseArea", () => {
  test("cells, ranges, whole columns and whole rows, with or without $", () => {
    expect(parseArea("$B$3:D4")).toEqual({ top: 2, left: 1, bottom: 3, right: 3 });
    expect(parseArea("C5")).toEqual({ top: 4, left: 2, bottom: 4, right: 2 });
    expect(parseArea("A:C")).toEqual({ top: 0, left: 0, bottom: 1048575, right: 2 });
    expect(parseArea("$5:$3")).toEqual({ top: 2, left: 0, bottom: 4, right: 16383 });
    for (const bad of ["", "A", "A1:B2:C3", "XFE1", "A0", "1:1048577", "A1:", "分解表"])
      expect(parseArea(bad)).toBeNull();
  });
  test("a range reads back as rangeA1 writes it", () => {
    const box = fc
      .tuple(fc.nat(1048575), fc.nat(16383), fc.nat(1048575), fc.nat(16383))
      .map(([r1, c1, r2, c2]) => ({
        top: Math.min(r1, r2),
        left: Math.min(c1, c2),
        bottom: Math.max(r1, r2),
        right: Math.max(c1, c2),
      }));
    fc.assert(fc.property(box, (b) => expect(parseArea(rangeA1(b))).toEqual(b)));
  });
});

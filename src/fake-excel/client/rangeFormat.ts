/** Excel.RangeFormat: widths, heights, alignment, font, fill and borders (the report sheet's look). */
import type { BorderSide, FakeCellStyle } from "../book";
import { color, forEachCell, type RangeEntity } from "./cells";
import { type ClassSpec, fail, method, nav, prop } from "./members";
import { FakeObject, wrap } from "./object";

/** A style property of a range: the value when every cell agrees, else null (as Office.js reports mixed formats). */
function styleProp<K extends keyof FakeCellStyle>(
  key: K,
  what: string,
  check: (v: unknown) => FakeCellStyle[K],
) {
  return prop(
    1,
    (e: RangeEntity) => {
      let first: unknown;
      let seen = false;
      let mixed = false;
      forEachCell(e, (r, c) => {
        const v = e.sheet.style(r, c)?.[key] ?? null;
        if (!seen) {
          first = v;
          seen = true;
        } else if (v !== first) mixed = true;
      });
      return mixed ? null : first;
    },
    (e: RangeEntity, v) => {
      if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
      const value = check(v);
      if (value === undefined) fail("InvalidArgument", `${what}: ${JSON.stringify(v)}`);
      forEachCell(e, (r, c) => e.sheet.setStyle(r, c, (s) => ({ ...s, [key]: value })));
    },
  );
}

const isBool = (v: unknown) => (typeof v === "boolean" ? v : undefined);
const oneOf =
  (...xs: string[]) =>
  (v: unknown) =>
    typeof v === "string" && xs.includes(v) ? v : undefined;
const positive = (v: unknown) => (typeof v === "number" && v > 0 && v < 410 ? v : undefined);

export const RANGE_FORMAT: ClassSpec = {
  name: "RangeFormat",
  members: {
    columnWidth: prop(
      1,
      (e: RangeEntity) => e.sheet.columnWidths.get(e.box.left) ?? 48,
      (e: RangeEntity, v) => {
        if (typeof v !== "number" || v < 0 || v > 1500) fail("InvalidArgument", `columnWidth ${String(v)}`);
        for (let c = e.box.left; c <= e.box.right; c++) e.sheet.columnWidths.set(c, v);
      },
    ),
    rowHeight: prop(
      1,
      (e: RangeEntity) => e.sheet.rowHeights.get(e.box.top) ?? 15,
      (e: RangeEntity, v) => {
        if (typeof v !== "number" || v < 0 || v > 409) fail("InvalidArgument", `rowHeight ${String(v)}`);
        for (let r = e.box.top; r <= e.box.bottom; r++) e.sheet.rowHeights.set(r, v);
      },
    ),
    wrapText: styleProp("wrap", "wrapText", isBool),
    horizontalAlignment: styleProp(
      "horizontal",
      "horizontalAlignment",
      oneOf("General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"),
    ),
    verticalAlignment: styleProp(
      "vertical",
      "verticalAlignment",
      oneOf("Top", "Center", "Bottom", "Justify", "Distributed"),
    ),
    font: nav(1, (o) => wrap(new FakeObject(o._ctx, RANGE_FONT, () => o._get()))),
    fill: nav(1, (o) => wrap(new FakeObject(o._ctx, RANGE_FILL, () => o._get()))),
    borders: nav(1, (o) => wrap(new RangeBorders(o._ctx, RANGE_BORDERS, () => o._get()))),
  },
};

const RANGE_FONT: ClassSpec = {
  name: "RangeFont",
  members: {
    bold: styleProp("bold", "font.bold", isBool),
    italic: styleProp("italic", "font.italic", isBool),
    size: styleProp("size", "font.size", positive),
    color: styleProp("color", "font.color", color),
    name: styleProp("fontName", "font.name", (v) => (typeof v === "string" && v ? v : undefined)),
    underline: styleProp(
      "underline",
      "font.underline",
      oneOf("None", "Single", "Double", "SingleAccountant", "DoubleAccountant"),
    ),
  },
};

const RANGE_FILL: ClassSpec = {
  name: "RangeFill",
  members: { color: styleProp("fill", "fill.color", color) },
};

const BORDER_INDEX = [
  "EdgeTop",
  "EdgeBottom",
  "EdgeLeft",
  "EdgeRight",
  "InsideVertical",
  "InsideHorizontal",
  "DiagonalDown",
  "DiagonalUp",
];

class RangeBorders extends FakeObject {
  getItem(index: string): FakeObject {
    if (!BORDER_INDEX.includes(index)) fail("InvalidArgument", `border index ${index}`);
    return wrap(
      new FakeObject(this._ctx, RANGE_BORDER, () => {
        const e = this._require<RangeEntity>();
        return { ...e, index };
      }),
    );
  }
}

const RANGE_BORDERS: ClassSpec = { name: "RangeBorderCollection", members: { getItem: method(1) } };

type BorderEntity = RangeEntity & { index: string };

/** The cell sides a border index draws on (inside borders: both neighbours' sides). */
function borderSides(e: BorderEntity, f: (r: number, c: number, side: BorderSide) => void): void {
  const { top, bottom, left, right } = e.box;
  forEachCell(e, (r, c) => {
    if (e.index === "EdgeTop" && r === top) f(r, c, "top");
    if (e.index === "EdgeBottom" && r === bottom) f(r, c, "bottom");
    if (e.index === "EdgeLeft" && c === left) f(r, c, "left");
    if (e.index === "EdgeRight" && c === right) f(r, c, "right");
    if (e.index === "InsideHorizontal") {
      if (r > top) f(r, c, "top");
      if (r < bottom) f(r, c, "bottom");
    }
    if (e.index === "InsideVertical") {
      if (c > left) f(r, c, "left");
      if (c < right) f(r, c, "right");
    }
  });
}

function setBorder(e: BorderEntity, change: { style?: string; color?: string }): void {
  if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
  if (e.index.startsWith("Diagonal")) return;
  borderSides(e, (r, c, side) =>
    e.sheet.setStyle(r, c, (s) => ({
      ...s,
      borders: { ...s.borders, [side]: { style: "Continuous", ...s.borders?.[side], ...change } },
    })),
  );
}

const RANGE_BORDER: ClassSpec = {
  name: "RangeBorder",
  members: {
    style: prop(
      1,
      (e: BorderEntity) => {
        let out: string | null = "None";
        borderSides(e, (r, c, side) => {
          out = e.sheet.style(r, c)?.borders?.[side]?.style ?? "None";
        });
        return out;
      },
      (e: BorderEntity, v) => {
        if (
          !["Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "None", "SlantDashDot"].includes(
            String(v),
          )
        )
          fail("InvalidArgument", `border style ${String(v)}`);
        setBorder(e, { style: String(v) });
      },
    ),
    color: prop(
      1,
      (e: BorderEntity) => {
        let out: string | null = null;
        borderSides(e, (r, c, side) => {
          out = e.sheet.style(r, c)?.borders?.[side]?.color ?? null;
        });
        return out;
      },
      (e: BorderEntity, v) => setBorder(e, { color: color(v) }),
    ),
  },
};

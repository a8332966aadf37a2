/** Excel.Range, RangeAreas and RangeCollection: reading and writing cells, selecting, merging. */
import type { RangeBox } from "../../core/address";
import { cellCount, intersects, MAX_COLS, MAX_ROWS, sheetAddress } from "../address";
import type { FakeSheet } from "../book";
import {
  type AreasEntity,
  forEachCell,
  grid,
  matrix,
  type RangeEntity,
  valueOut,
  valueType,
  writeCells,
} from "./cells";
import { cfCollection } from "./conditionalFormats";
import type { FakeContext } from "./context";
import { type ClassSpec, fail, method, nav, prop, unknownMember } from "./members";
import { FakeObject, jsonBytes, nullable, wrap } from "./object";
import { RANGE_FORMAT } from "./rangeFormat";
import { sheetObject } from "./worksheet";

export class Range extends FakeObject {
  _e(): RangeEntity {
    return this._require<RangeEntity>();
  }
  _derived(box: (e: RangeEntity) => RangeBox): FakeObject {
    return wrap(
      new Range(this._ctx, RANGE, () => {
        const e = this._e();
        const b = box(e);
        if (
          b.top < 0 ||
          b.left < 0 ||
          b.bottom >= MAX_ROWS ||
          b.right >= MAX_COLS ||
          b.bottom < b.top ||
          b.right < b.left
        )
          fail("InvalidArgument", "the range would leave the grid");
        return { sheet: e.sheet, box: b };
      }),
    );
  }
  getCell(row: number, column: number): FakeObject {
    return this._derived((e) => ({
      top: e.box.top + row,
      left: e.box.left + column,
      bottom: e.box.top + row,
      right: e.box.left + column,
    }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): FakeObject {
    return this._derived((e) => ({
      ...e.box,
      bottom: e.box.bottom + deltaRows,
      right: e.box.right + deltaColumns,
    }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): FakeObject {
    return this._derived((e) => ({
      top: e.box.top + rowOffset,
      bottom: e.box.bottom + rowOffset,
      left: e.box.left + columnOffset,
      right: e.box.right + columnOffset,
    }));
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeObject {
    return nullable(
      wrap(
        new Range(this._ctx, RANGE, () => {
          const e = this._e();
          const used = e.sheet.usedBox(valuesOnly === true);
          if (!used || !intersects(used, e.box)) return null;
          // The used cells inside this range: scan only the intersection.
          const b = {
            top: Math.max(used.top, e.box.top),
            left: Math.max(used.left, e.box.left),
            bottom: Math.min(used.bottom, e.box.bottom),
            right: Math.min(used.right, e.box.right),
          };
          let top = Infinity;
          let left = Infinity;
          let bottom = -1;
          let right = -1;
          for (let r = b.top; r <= b.bottom; r++)
            for (let c = b.left; c <= b.right; c++) {
              const used1 =
                e.sheet.value(r, c) !== undefined ||
                e.sheet.formula(r, c) !== undefined ||
                (!valuesOnly && e.sheet.format(r, c) !== undefined);
              if (!used1) continue;
              top = Math.min(top, r);
              bottom = Math.max(bottom, r);
              left = Math.min(left, c);
              right = Math.max(right, c);
            }
          return bottom < 0 ? null : { sheet: e.sheet, box: { top, left, bottom, right } };
        }),
      ),
    );
  }
  getMergedAreasOrNullObject(): FakeObject {
    return nullable(
      wrap(
        new RangeAreas(this._ctx, RANGE_AREAS, () => {
          const e = this._e();
          const merges = this._ctx._host.book.mergesIn(e.sheet, e.box);
          return merges.length ? { sheet: e.sheet, boxes: merges } : null;
        }),
      ),
    );
  }
  merge(across?: boolean): void {
    this._ctx._enqueue("Range.merge", jsonBytes(across ?? false), (stage) => {
      const e = this._e();
      if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
      const boxes = across
        ? Array.from({ length: e.box.bottom - e.box.top + 1 }, (_, i) => ({
            ...e.box,
            top: e.box.top + i,
            bottom: e.box.top + i,
          }))
        : [{ ...e.box }];
      for (const b of boxes) {
        if (b.top === b.bottom && b.left === b.right) continue;
        if (e.sheet.merges.some((m) => intersects(m, b)))
          fail("InvalidOperation", "the range overlaps a merged area; unmerge it first");
        // Excel keeps the top-left value and clears the rest.
        for (let r = b.top; r <= b.bottom; r++)
          for (let c = b.left; c <= b.right; c++)
            if ((r !== b.top || c !== b.left) && e.sheet.value(r, c) !== undefined)
              e.sheet.setConstant(r, c, undefined);
        e.sheet.merges.push(b);
      }
      stage.changes.push({ sheet: e.sheet, box: e.box, changeType: "RangeEdited" });
    });
  }
  select(): void {
    this._ctx._enqueue("Range.select", 0, () => selectBoxes(this._ctx, this._e().sheet, [this._e().box]));
  }
  clear(applyTo?: string): void {
    this._ctx._enqueue("Range.clear", jsonBytes(applyTo), (stage) => {
      const e = this._e();
      if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
      const what = applyTo ?? "All";
      if (!["All", "Contents", "Formats"].includes(what)) fail("NotImplemented", `clear(${what})`);
      const used = e.sheet.usedBox(false);
      if (!used || !intersects(used, e.box)) return;
      for (let r = Math.max(e.box.top, used.top); r <= Math.min(e.box.bottom, used.bottom); r++)
        for (let c = Math.max(e.box.left, used.left); c <= Math.min(e.box.right, used.right); c++) {
          if (what !== "Formats") e.sheet.setConstant(r, c, undefined);
          if (what !== "Contents") e.sheet.setFormat(r, c, undefined);
        }
      if (what !== "Formats") stage.changes.push({ sheet: e.sheet, box: e.box, changeType: "RangeEdited" });
    });
  }
}

function selectBoxes(ctx: FakeContext, sheet: FakeSheet, boxes: RangeBox[]): void {
  // Excel selects only on the active sheet: the adapter must activate it first.
  if (ctx._host.book.activeSheetId !== sheet.id)
    fail("InvalidSelection", `${sheet.name} is not the active sheet; activate it before selecting`);
  ctx._host.book.selection = { sheetId: sheet.id, boxes };
}

export const RANGE: ClassSpec = {
  name: "Range",
  members: {
    address: prop(1, (e: RangeEntity) => sheetAddress(e.sheet.name, [e.box])),
    rowCount: prop(1, (e: RangeEntity) => e.box.bottom - e.box.top + 1),
    columnCount: prop(1, (e: RangeEntity) => e.box.right - e.box.left + 1),
    rowIndex: prop(1, (e: RangeEntity) => e.box.top),
    columnIndex: prop(1, (e: RangeEntity) => e.box.left),
    values: prop(
      1,
      (e: RangeEntity) => grid(e, (r, c) => valueOut(e.sheet.value(r, c))),
      (e: RangeEntity, v, _o, stage) => writeCells(e, v, stage, "Range.values", false),
    ),
    valueTypes: prop(1, (e: RangeEntity) => grid(e, (r, c) => valueType(e.sheet.value(r, c)))),
    formulas: prop(
      1,
      (e: RangeEntity) => grid(e, (r, c) => e.sheet.formula(r, c) ?? valueOut(e.sheet.value(r, c))),
      (e: RangeEntity, v, _o, stage) => writeCells(e, v, stage, "Range.formulas", true),
    ),
    numberFormat: prop(
      1,
      (e: RangeEntity) => grid(e, (r, c) => e.sheet.format(r, c) ?? "General"),
      (e: RangeEntity, v) => {
        if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
        matrix(v, e.box, "Range.numberFormat").forEach((row, i) =>
          row.forEach((f, j) => {
            if (typeof f !== "string") fail("InvalidArgument", "a number format is a string");
            e.sheet.setFormat(e.box.top + i, e.box.left + j, f);
          }),
        );
      },
    ),
    worksheet: nav(1, (o) => sheetObject(o._ctx, () => (o._require() as RangeEntity).sheet)),
    conditionalFormats: nav(6, (o) =>
      cfCollection(o, () => {
        const e = o._require() as RangeEntity;
        return { sheet: e.sheet, boxes: [e.box] };
      }),
    ),
    getCell: method(1),
    getResizedRange: method(2),
    getOffsetRange: method(1),
    getUsedRangeOrNullObject: method(4),
    getMergedAreasOrNullObject: method(13),
    select: method(1),
    clear: method(1),
    merge: method(2),
    format: nav(1, (o) => wrap(new FakeObject(o._ctx, RANGE_FORMAT, () => o._get()))),
    hyperlink: prop(
      7,
      (e: RangeEntity) => e.sheet.hyperlinks.get(`${e.box.top},${e.box.left}`) ?? null,
      (e: RangeEntity, v, _o, stage) => {
        if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
        const link = v as Record<string, unknown> | null;
        if (!link || typeof link !== "object") fail("InvalidArgument", "a hyperlink is an object");
        for (const k of Object.keys(link))
          if (!["address", "documentReference", "textToDisplay", "screenTip"].includes(k))
            unknownMember({ name: "RangeHyperlink", members: {} }, k);
        if (!link.address && !link.documentReference)
          fail("InvalidArgument", "a hyperlink needs an address or a documentReference");
        forEachCell(e, (r, c) => {
          e.sheet.hyperlinks.set(`${r},${c}`, { ...(link as object) });
          if (typeof link.textToDisplay === "string") e.sheet.setConstant(r, c, link.textToDisplay);
        });
        stage.changes.push({ sheet: e.sheet, box: e.box, changeType: "RangeEdited" });
      },
    ),
  },
};

export class RangeAreas extends FakeObject {
  select(): void {
    this._ctx._enqueue("RangeAreas.select", 0, () => {
      const e = this._require<AreasEntity>();
      selectBoxes(this._ctx, e.sheet, e.boxes);
    });
  }
}

export const RANGE_AREAS: ClassSpec = {
  name: "RangeAreas",
  members: {
    address: prop(9, (e: AreasEntity) => sheetAddress(e.sheet.name, e.boxes)),
    areaCount: prop(9, (e: AreasEntity) => e.boxes.length),
    cellCount: prop(9, (e: AreasEntity) => e.boxes.reduce((n, b) => n + cellCount(b), 0)),
    areas: nav(9, (o) => wrap(new FakeObject(o._ctx, RANGE_COLLECTION, () => o._get()))),
    worksheet: nav(9, (o) => sheetObject(o._ctx, () => (o._require() as AreasEntity).sheet)),
    conditionalFormats: nav(9, (o) => cfCollection(o, () => o._require() as AreasEntity)),
    // RangeAreas.select is ExcelApi 1.18: on a 1.14 host only a single Range can be selected.
    select: method(18),
  },
};

const RANGE_COLLECTION: ClassSpec = {
  name: "RangeCollection",
  members: {},
  collection: {
    items: (e) => (e as AreasEntity).boxes.map((box) => ({ sheet: (e as AreasEntity).sheet, box })),
    make: (p, item) => wrap(new Range(p._ctx, RANGE, () => item as RangeEntity)),
  },
};

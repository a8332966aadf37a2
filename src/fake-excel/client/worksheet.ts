/** Excel.Worksheet and its protection. */
import type { RangeBox } from "../../core/address";
import { MAX_COLS, MAX_ROWS } from "../address";
import type { FakeSheet } from "../book";
import { boxFrom } from "./cells";
import type { FakeContext } from "./context";
import { EventHandlers, EVENTS } from "./events";
import { type ClassSpec, fail, method, nav, prop } from "./members";
import { NoteCollection, NOTES } from "./notes";
import { FakeObject, nullable, wrap } from "./object";
import { FREEZE_PANES, FreezePanes, PAGE_LAYOUT, PageLayout } from "./pageLayout";
import { RANGE, Range, RANGE_AREAS, RangeAreas } from "./range";

export function sheetObject(ctx: FakeContext, resolve: () => FakeSheet | null): FakeObject {
  return wrap(new Worksheet(ctx, WORKSHEET, resolve));
}

class Worksheet extends FakeObject {
  _sheet(): FakeSheet {
    return this._require<FakeSheet>();
  }
  _range(box: () => RangeBox): FakeObject {
    return wrap(new Range(this._ctx, RANGE, () => ({ sheet: this._sheet(), box: box() })));
  }
  getRange(address?: string): FakeObject {
    if (address !== undefined) this._ctx._address(address, "Worksheet.getRange");
    return this._range(() => boxFrom(this._sheet(), address, false)[0]);
  }
  getRangeByIndexes(
    startRow: number,
    startColumn: number,
    rowCount: number,
    columnCount: number,
  ): FakeObject {
    return this._range(() => {
      if (
        startRow < 0 ||
        startColumn < 0 ||
        rowCount < 1 ||
        columnCount < 1 ||
        startRow + rowCount > MAX_ROWS ||
        startColumn + columnCount > MAX_COLS
      )
        fail(
          "InvalidArgument",
          `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount}) is outside the grid`,
        );
      return {
        top: startRow,
        left: startColumn,
        bottom: startRow + rowCount - 1,
        right: startColumn + columnCount - 1,
      };
    });
  }
  getRanges(address?: string): FakeObject {
    if (address !== undefined) this._ctx._address(address, "Worksheet.getRanges");
    return wrap(
      new RangeAreas(this._ctx, RANGE_AREAS, () => ({
        sheet: this._sheet(),
        boxes: boxFrom(this._sheet(), address, true),
      })),
    );
  }
  getUsedRange(valuesOnly?: boolean): FakeObject {
    return this._range(
      () => this._sheet().usedBox(valuesOnly === true) ?? { top: 0, left: 0, bottom: 0, right: 0 },
    );
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeObject {
    return nullable(
      wrap(
        new Range(this._ctx, RANGE, () => {
          const s = this._sheet();
          const box = s.usedBox(valuesOnly === true);
          return box ? { sheet: s, box } : null;
        }),
      ),
    );
  }
  activate(): void {
    this._ctx._enqueue("Worksheet.activate", 0, () => {
      const s = this._sheet();
      if (s.visibility !== "Visible") fail("InvalidOperation", `${s.name} is hidden and cannot be activated`);
      this._ctx._host.book.activeSheetId = s.id;
    });
  }
  delete(): void {
    this._ctx._enqueue("Worksheet.delete", 0, () => {
      const book = this._ctx._host.book;
      const s = this._sheet();
      if (book.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0)
        fail("InvalidOperation", "a workbook must keep one visible sheet");
      book.sheets = book.sheets.filter((x) => x !== s);
      book.names = book.names.filter((n) => n.sheetId !== s.id);
      if (book.activeSheetId === s.id)
        book.activeSheetId = book.sheets.find((x) => x.visibility === "Visible")?.id;
    });
  }
}

const WORKSHEET: ClassSpec = {
  name: "Worksheet",
  members: {
    name: prop(1, (s: FakeSheet) => s.name),
    id: prop(1, (s: FakeSheet) => s.id),
    visibility: prop(
      1,
      (s: FakeSheet) => s.visibility,
      (s: FakeSheet, v, o) => {
        if (v !== "Visible" && v !== "Hidden" && v !== "VeryHidden")
          fail("InvalidArgument", `visibility ${String(v)}`);
        const book = o._ctx._host.book;
        if (v !== "Visible" && book.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0)
          fail("InvalidOperation", "the last visible sheet cannot be hidden");
        s.visibility = v;
        if (v !== "Visible" && book.activeSheetId === s.id)
          book.activeSheetId = book.sheets.find((x) => x.visibility === "Visible")?.id;
      },
    ),
    protection: nav(2, (o) => wrap(new FakeObject(o._ctx, PROTECTION, () => o._get()))),
    notes: nav(18, (o) => wrap(new NoteCollection(o._ctx, NOTES, () => o._get()))),
    freezePanes: nav(7, (o) => wrap(new FreezePanes(o._ctx, FREEZE_PANES, () => o._get()))),
    pageLayout: nav(9, (o) => wrap(new PageLayout(o._ctx, PAGE_LAYOUT, () => o._get()))),
    onChanged: nav(7, (o) => wrap(new EventHandlers(o._ctx, EVENTS, () => (o._require() as FakeSheet).id))),
    getRange: method(1),
    getRangeByIndexes: method(7),
    getRanges: method(9),
    getUsedRange: method(1),
    getUsedRangeOrNullObject: method(4),
    activate: method(1),
    delete: method(1),
  },
};

const PROTECTION: ClassSpec = {
  name: "WorksheetProtection",
  members: { protected: prop(2, (s: FakeSheet) => s.protected) },
};

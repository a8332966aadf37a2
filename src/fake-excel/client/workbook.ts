/** Excel.Workbook and its WorksheetCollection. Since = the ExcelApi 1.x minor version that introduced the member. */
import type { FakeSheet, FakeWorkbook } from "../book";
import { EventHandlers, EVENTS } from "./events";
import { type ClassSpec, fail, method, nav, prop } from "./members";
import { NamedItemCollection, NAMES } from "./names";
import { FakeObject, jsonBytes, nullable, wrap } from "./object";
import { Range, RANGE } from "./range";
import { sheetObject } from "./worksheet";

export class Workbook extends FakeObject {
  /** The selection on the active sheet (A1 when nothing was selected there); one area only, as in Excel. */
  getSelectedRange(): FakeObject {
    return wrap(
      new Range(this._ctx, RANGE, () => {
        const book = this._ctx._host.book;
        const sheet = book.activeSheet();
        const sel = book.selection;
        if (!sel || sel.sheetId !== sheet.id) return { sheet, box: { top: 0, left: 0, bottom: 0, right: 0 } };
        if (sel.boxes.length > 1)
          fail("InvalidSelection", "the selection has several areas; use getSelectedRanges");
        return { sheet, box: sel.boxes[0] };
      }),
    );
  }
}

export const WORKBOOK: ClassSpec = {
  name: "Workbook",
  members: {
    name: prop(7, (b: FakeWorkbook) => b.name),
    getSelectedRange: method(1),
    worksheets: nav(1, (o) => wrap(new WorksheetCollection(o._ctx, WORKSHEETS, () => o._ctx._host.book))),
    names: nav(1, (o) => wrap(new NamedItemCollection(o._ctx, NAMES, () => o._ctx._host.book))),
  },
};

class WorksheetCollection extends FakeObject {
  getActiveWorksheet(): FakeObject {
    return sheetObject(this._ctx, () => this._ctx._host.book.activeSheet());
  }
  getItem(key: string): FakeObject {
    return sheetObject(
      this._ctx,
      () => this._ctx._host.book.sheetByNameOrId(key) ?? fail("ItemNotFound", `no worksheet "${key}"`),
    );
  }
  getItemOrNullObject(key: string): FakeObject {
    return nullable(sheetObject(this._ctx, () => this._ctx._host.book.sheetByNameOrId(key) ?? null));
  }
  add(name?: string): FakeObject {
    const book = this._ctx._host.book;
    let created: FakeSheet | undefined;
    this._ctx._enqueue("WorksheetCollection.add", jsonBytes(name), () => {
      const n = name ?? `Sheet${book.sheets.length + 1}`;
      if (n.length > 31 || /[[\]:*?/\\]/.test(n) || n.trim() === "")
        fail("InvalidArgument", `"${n}" is not a valid sheet name`);
      if (book.sheet(n)) fail("ItemAlreadyExists", `a worksheet named "${n}" exists`);
      created = book.addSheet(n);
    });
    return sheetObject(this._ctx, () => created ?? fail("ItemNotFound", "the worksheet was not added"));
  }
}

const WORKSHEETS: ClassSpec = {
  name: "WorksheetCollection",
  members: {
    getActiveWorksheet: method(1),
    getItem: method(1),
    getItemOrNullObject: method(4),
    add: method(1),
    onChanged: nav(9, (o) => wrap(new EventHandlers(o._ctx, EVENTS, () => "*"))),
  },
  collection: {
    items: (e) => (e as FakeWorkbook).sheets,
    make: (p, item) => sheetObject(p._ctx, () => item as FakeSheet | null),
  },
};

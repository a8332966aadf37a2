/** Cell notes (ExcelApi 1.18). */
import type { FakeNote, FakeSheet } from "../book";
import { boxFrom, type RangeEntity } from "./cells";
import type { FakeContext } from "./context";
import { type ClassSpec, fail, method, prop } from "./members";
import { FakeObject, jsonBytes, nullable, raw, wrap } from "./object";
import { Range, RANGE } from "./range";

interface NoteEntity {
  sheet: FakeSheet;
  note: FakeNote;
}

function noteCell(sheet: FakeSheet, key: string): { row: number; col: number } {
  const boxes = boxFrom(sheet, key, false);
  const b = boxes[0];
  if (b.top !== b.bottom || b.left !== b.right)
    fail("InvalidArgument", `a note belongs to one cell, not ${key}`);
  return { row: b.top, col: b.left };
}

export class NoteCollection extends FakeObject {
  _sheet(): FakeSheet {
    return this._require<FakeSheet>();
  }
  add(cellAddress: unknown, content: unknown): FakeObject {
    if (typeof cellAddress === "string") this._ctx._address(cellAddress, "NoteCollection.add");
    let created: NoteEntity | undefined;
    this._ctx._enqueue(
      "NoteCollection.add",
      jsonBytes([typeof cellAddress === "string" ? cellAddress : "{ref}", content]),
      () => {
        const s = this._sheet();
        if (s.protected) fail("AccessDenied", `${s.name} is protected`);
        let at: { row: number; col: number };
        if (typeof cellAddress === "string") at = noteCell(s, cellAddress);
        else {
          const e = raw(cellAddress)._require<RangeEntity>();
          if (e.sheet !== s || e.box.top !== e.box.bottom || e.box.left !== e.box.right)
            fail("InvalidArgument", "a note belongs to one cell of this sheet");
          at = { row: e.box.top, col: e.box.left };
        }
        if (typeof content !== "string") fail("InvalidArgument", "a note's content is a string");
        if (s.noteAt(at.row, at.col)) fail("InvalidArgument", "the cell already has a note");
        const note: FakeNote = { ...at, content, author: "Add-in" };
        s.notes.set(`${at.row},${at.col}`, note);
        created = { sheet: s, note };
      },
    );
    return noteObject(this._ctx, () => created ?? fail("ItemNotFound", "the note was not added"));
  }
  _find(key: string): NoteEntity | null {
    const s = this._sheet();
    const at = noteCell(s, key);
    const note = s.noteAt(at.row, at.col);
    return note ? { sheet: s, note } : null;
  }
  getItem(key: string): FakeObject {
    this._ctx._address(key, "NoteCollection.getItem");
    return noteObject(this._ctx, () => this._find(key) ?? fail("ItemNotFound", `no note at ${key}`));
  }
  getItemOrNullObject(key: string): FakeObject {
    this._ctx._address(key, "NoteCollection.getItemOrNullObject");
    return nullable(noteObject(this._ctx, () => this._find(key)));
  }
}

export const NOTES: ClassSpec = {
  name: "NoteCollection",
  members: { add: method(18), getItem: method(18), getItemOrNullObject: method(18) },
  collection: {
    items: (e) => [...(e as FakeSheet).notes.values()].map((note) => ({ sheet: e as FakeSheet, note })),
    make: (p, item) => noteObject(p._ctx, () => item as NoteEntity),
  },
};

function noteObject(ctx: FakeContext, resolve: () => NoteEntity | null): FakeObject {
  return wrap(new Note(ctx, NOTE, resolve));
}

class Note extends FakeObject {
  delete(): void {
    this._ctx._enqueue("Note.delete", 0, () => {
      const e = this._require<NoteEntity>();
      if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
      const key = `${e.note.row},${e.note.col}`;
      if (e.sheet.notes.get(key) !== e.note) fail("ItemNotFound", "the note was already deleted");
      e.sheet.notes.delete(key);
    });
  }
  getLocation(): FakeObject {
    return wrap(
      new Range(this._ctx, RANGE, () => {
        const e = this._require<NoteEntity>();
        return {
          sheet: e.sheet,
          box: { top: e.note.row, bottom: e.note.row, left: e.note.col, right: e.note.col },
        };
      }),
    );
  }
}

const NOTE: ClassSpec = {
  name: "Note",
  members: {
    content: prop(
      18,
      (e: NoteEntity) => e.note.content,
      (e: NoteEntity, v) => {
        if (typeof v !== "string") fail("InvalidArgument", "a note's content is a string");
        if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
        e.note.content = v;
      },
    ),
    authorName: prop(18, (e: NoteEntity) => e.note.author),
    delete: method(18),
    getLocation: method(18),
  },
};

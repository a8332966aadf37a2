/** Named items: the names the adapter keeps its table positions in. */
import { boxAddress, parseAddress, quoteSheet } from "../address";
import type { FakeName, FakeWorkbook } from "../book";
import type { RangeEntity } from "./cells";
import type { FakeContext } from "./context";
import { type ClassSpec, fail, method, prop } from "./members";
import { FakeObject, jsonBytes, nullable, raw, wrap } from "./object";
import { Range, RANGE } from "./range";

const NAME_RULE = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

export class NamedItemCollection extends FakeObject {
  add(name: string, reference: unknown, comment?: string): FakeObject {
    if (typeof reference === "string") this._ctx._address(reference, "NamedItemCollection.add");
    let created: FakeName | undefined;
    this._ctx._enqueue(
      "NamedItemCollection.add",
      jsonBytes([name, typeof reference === "string" ? reference : "{ref}", comment]),
      () => {
        const book = this._ctx._host.book;
        if (!NAME_RULE.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]\d*$/.test(name))
          fail("InvalidArgument", `"${name}" is not a valid name`);
        if (book.namedItem(name)) fail("ItemAlreadyExists", `the name ${name} exists`);
        let target: RangeEntity;
        if (typeof reference === "string") {
          const parsed = parseAddress(reference.replace(/^=/, ""));
          const sheet = parsed?.sheet !== undefined ? book.sheet(parsed.sheet) : undefined;
          if (!parsed || !sheet || parsed.boxes.length !== 1)
            fail("InvalidArgument", `"${reference}" is not a sheet-qualified range`);
          target = { sheet, box: parsed.boxes[0] };
        } else target = raw(reference)._require<RangeEntity>();
        created = {
          name,
          sheetId: target.sheet.id,
          box: { ...target.box },
          comment: comment ?? "",
          visible: true,
        };
        book.names.push(created);
      },
    );
    return nameObject(this._ctx, () => created ?? fail("ItemNotFound", "the name was not added"));
  }
  getItem(name: string): FakeObject {
    return nameObject(
      this._ctx,
      () => this._ctx._host.book.namedItem(name) ?? fail("ItemNotFound", `no name ${name}`),
    );
  }
  getItemOrNullObject(name: string): FakeObject {
    return nullable(nameObject(this._ctx, () => this._ctx._host.book.namedItem(name) ?? null));
  }
}

export const NAMES: ClassSpec = {
  name: "NamedItemCollection",
  members: { add: method(4), getItem: method(1), getItemOrNullObject: method(4) },
  collection: {
    items: (e) => (e as FakeWorkbook).names,
    make: (p, item) => nameObject(p._ctx, () => item as FakeName),
  },
};

function nameObject(ctx: FakeContext, resolve: () => FakeName | null): FakeObject {
  return wrap(new NamedItem(ctx, NAMED_ITEM, resolve));
}

function nameReference(book: FakeWorkbook, n: FakeName): string {
  const sheet = book.sheetById(n.sheetId);
  const abs = boxAddress(n.box).replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
  return sheet ? `${quoteSheet(sheet.name)}!${abs}` : "#REF!";
}

class NamedItem extends FakeObject {
  delete(): void {
    this._ctx._enqueue("NamedItem.delete", 0, () => {
      const n = this._require<FakeName>();
      const book = this._ctx._host.book;
      book.names = book.names.filter((x) => x !== n);
    });
  }
  getRangeOrNullObject(): FakeObject {
    return nullable(
      wrap(
        new Range(this._ctx, RANGE, () => {
          const n = this._require<FakeName>();
          const sheet = this._ctx._host.book.sheetById(n.sheetId);
          return sheet ? { sheet, box: n.box } : null;
        }),
      ),
    );
  }
}

const NAMED_ITEM: ClassSpec = {
  name: "NamedItem",
  members: {
    name: prop(1, (n: FakeName) => n.name),
    type: prop(1, () => "Range"),
    value: prop(1, (n: FakeName, o) => nameReference(o._ctx._host.book, n)),
    formula: prop(7, (n: FakeName, o) => `=${nameReference(o._ctx._host.book, n)}`),
    comment: prop(4, (n: FakeName) => n.comment),
    visible: prop(
      1,
      (n: FakeName) => n.visible,
      (n: FakeName, v) => {
        n.visible = v === true;
      },
    ),
    delete: method(4),
    getRangeOrNullObject: method(4),
  },
};

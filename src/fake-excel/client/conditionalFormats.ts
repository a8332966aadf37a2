/** Custom conditional formats (ExcelApi 1.6): the flags the adapter paints. */
import { intersects } from "../address";
import type { BorderSide, FakeConditionalFormat, FakeSheet } from "../book";
import { evaluate } from "../formula";
import { type AreasEntity, color } from "./cells";
import type { FakeContext } from "./context";
import { type ClassSpec, fail, method, nav, prop } from "./members";
import { FakeObject, jsonBytes, nullable, wrap } from "./object";
import { RANGE_AREAS, RangeAreas } from "./range";

interface CfEntity {
  sheet: FakeSheet;
  cf: FakeConditionalFormat;
}

let cfIds = 1;

export function cfCollection(o: FakeObject, owner: () => AreasEntity): FakeObject {
  return wrap(new ConditionalFormatCollection(o._ctx, CF_COLLECTION, owner));
}

class ConditionalFormatCollection extends FakeObject {
  _owner(): AreasEntity {
    return this._require<AreasEntity>();
  }
  add(type: string): FakeObject {
    let created: CfEntity | undefined;
    this._ctx._enqueue("ConditionalFormatCollection.add", jsonBytes(type), () => {
      const o = this._owner();
      if (o.sheet.protected) fail("AccessDenied", `${o.sheet.name} is protected`);
      if (type !== "Custom")
        fail("NotImplemented", `the fake host models custom conditional formats only (got ${type})`);
      const cf: FakeConditionalFormat = {
        id: `{cf-${cfIds++}}`,
        type: "Custom",
        areas: o.boxes.map((b) => ({ ...b })),
        formula: "=FALSE",
        borders: {},
        stopIfTrue: false,
      };
      // A new rule goes on top, as in Excel's rules manager.
      o.sheet.cfs.unshift(cf);
      created = { sheet: o.sheet, cf };
    });
    return cfObject(this._ctx, () => created ?? fail("ItemNotFound", "the conditional format was not added"));
  }
  _find(id: string): CfEntity | null {
    const o = this._owner();
    const cf = o.sheet.cfs.find(
      (c) => c.id === id && c.areas.some((a) => o.boxes.some((b) => intersects(a, b))),
    );
    return cf ? { sheet: o.sheet, cf } : null;
  }
  getItem(id: string): FakeObject {
    return cfObject(this._ctx, () => this._find(id) ?? fail("ItemNotFound", `no conditional format ${id}`));
  }
  getItemOrNullObject(id: string): FakeObject {
    return nullable(cfObject(this._ctx, () => this._find(id)));
  }
}

const CF_COLLECTION: ClassSpec = {
  name: "ConditionalFormatCollection",
  members: { add: method(6), getItem: method(6), getItemOrNullObject: method(14) },
  collection: {
    items: (e) => {
      const o = e as AreasEntity;
      return o.sheet.cfs
        .filter((cf) => cf.areas.some((a) => o.boxes.some((b) => intersects(a, b))))
        .map((cf) => ({ sheet: o.sheet, cf }));
    },
    make: (p, item) => cfObject(p._ctx, () => item as CfEntity),
  },
};

function cfObject(ctx: FakeContext, resolve: () => CfEntity | null): FakeObject {
  return wrap(new ConditionalFormat(ctx, CONDITIONAL_FORMAT, resolve));
}

class ConditionalFormat extends FakeObject {
  delete(): void {
    this._ctx._enqueue("ConditionalFormat.delete", 0, () => {
      const e = this._require<CfEntity>();
      if (e.sheet.protected) fail("AccessDenied", `${e.sheet.name} is protected`);
      const i = e.sheet.cfs.indexOf(e.cf);
      if (i < 0) fail("ItemNotFound", "the conditional format was already deleted");
      e.sheet.cfs.splice(i, 1);
    });
  }
  getRanges(): FakeObject {
    return wrap(
      new RangeAreas(this._ctx, RANGE_AREAS, () => {
        const e = this._require<CfEntity>();
        return { sheet: e.sheet, boxes: e.cf.areas };
      }),
    );
  }
}

const sub = (spec: () => ClassSpec) => (o: FakeObject) =>
  wrap(new FakeObject(o._ctx, spec(), () => o._get()));

const CONDITIONAL_FORMAT: ClassSpec = {
  name: "ConditionalFormat",
  members: {
    id: prop(6, (e: CfEntity) => e.cf.id),
    type: prop(6, (e: CfEntity) => e.cf.type),
    priority: prop(6, (e: CfEntity) => e.sheet.cfs.indexOf(e.cf)),
    stopIfTrue: prop(
      6,
      (e: CfEntity) => e.cf.stopIfTrue,
      (e: CfEntity, v) => {
        e.cf.stopIfTrue = v === true;
      },
    ),
    custom: nav(6, (o) =>
      wrap(
        new FakeObject(o._ctx, CUSTOM, () => {
          const e = o._require() as CfEntity;
          if (e.cf.type !== "Custom")
            fail(
              "InvalidOperation",
              "custom is only available on a custom conditional format; use customOrNullObject",
            );
          return e;
        }),
      ),
    ),
    customOrNullObject: nav(6, (o) =>
      wrap(
        new FakeObject(o._ctx, CUSTOM, () => {
          const e = o._get() as CfEntity | null;
          return e && e.cf.type === "Custom" ? e : null;
        }),
      ),
    ),
    delete: method(6),
    getRanges: method(9),
  },
};

const CUSTOM: ClassSpec = {
  name: "CustomConditionalFormat",
  members: {
    rule: nav(
      6,
      sub(() => RULE),
    ),
    format: nav(
      6,
      sub(() => CF_FORMAT),
    ),
  },
};

const RULE: ClassSpec = {
  name: "ConditionalFormatRule",
  members: {
    formula: prop(
      6,
      (e: CfEntity) => e.cf.formula,
      (e: CfEntity, v) => {
        if (typeof v !== "string" || !v.startsWith("="))
          fail("InvalidArgument", `a conditional-format formula starts with "=" (got ${JSON.stringify(v)})`);
        if (v.length > 8192) fail("FormulaLengthExceedsLimit", "a formula holds at most 8,192 characters");
        // Refuse formulas Excel could not parse (the evaluator's grammar is Excel's for this set).
        evaluate(v, { cell: () => undefined });
        e.cf.formula = v;
      },
    ),
  },
};

const CF_FORMAT: ClassSpec = {
  name: "ConditionalRangeFormat",
  members: {
    fill: nav(
      6,
      sub(() => FILL),
    ),
    font: nav(
      6,
      sub(() => FONT),
    ),
    borders: nav(
      6,
      sub(() => BORDERS),
    ),
  },
};

const FILL: ClassSpec = {
  name: "ConditionalRangeFill",
  members: {
    color: prop(
      6,
      (e: CfEntity) => e.cf.fill ?? null,
      (e: CfEntity, v) => {
        e.cf.fill = color(v);
      },
    ),
  },
};

const FONT: ClassSpec = {
  name: "ConditionalRangeFont",
  members: {
    color: prop(
      6,
      (e: CfEntity) => e.cf.font ?? null,
      (e: CfEntity, v) => {
        e.cf.font = color(v);
      },
    ),
  },
};

const side = (s: BorderSide) =>
  nav(6, (o) =>
    wrap(
      new FakeObject(o._ctx, BORDER, () => {
        const e = o._get() as CfEntity | null;
        return e ? { ...e, side: s } : null;
      }),
    ),
  );

const BORDERS: ClassSpec = {
  name: "ConditionalRangeBorderCollection",
  members: { top: side("top"), bottom: side("bottom"), left: side("left"), right: side("right") },
};

const BORDER: ClassSpec = {
  name: "ConditionalRangeBorder",
  members: {
    color: prop(
      6,
      (e: CfEntity & { side: BorderSide }) => e.cf.borders[e.side]?.color ?? null,
      (e: CfEntity & { side: BorderSide }, v) => {
        e.cf.borders[e.side] = { ...e.cf.borders[e.side], color: color(v) };
      },
    ),
    style: prop(
      6,
      (e: CfEntity & { side: BorderSide }) => e.cf.borders[e.side]?.style ?? "None",
      (e: CfEntity & { side: BorderSide }, v) => {
        if (!["Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "None"].includes(String(v)))
          fail("InvalidArgument", `border style ${String(v)}`);
        e.cf.borders[e.side] = { ...e.cf.borders[e.side], style: String(v) };
      },
    ),
  },
};

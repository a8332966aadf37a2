/**
 * The Office.js object model of the fake host: proxy objects that queue loads, writes and calls,
 * and a RequestContext whose sync() runs them against the in-memory workbook.
 *
 * Strict like a real host, and stricter where a mistake would pass silently in a real one:
 * - reading a property that was not loaded and synced throws PropertyNotLoaded;
 * - any member the fake does not model throws at once (a misspelled API name fails the test);
 * - a member newer than the configured ExcelApi version fails the sync with ApiNotFound;
 * - an address string over 8,192 characters, a request or a response over 5 MB fail the sync;
 * - every sync is counted with its request and response bytes (UTF-8 JSON of the payload).
 */
import type { RangeBox } from "../core/address";
import { isErrorValue } from "../core/grid";
import {
  boxAddress,
  cellCount,
  intersects,
  MAX_COLS,
  MAX_ROWS,
  parseAddress,
  quoteSheet,
  sheetAddress,
} from "./address";
import {
  MAX_CELL_CHARS,
  type FakeConditionalFormat,
  type FakeNote,
  type FakeSheet,
  type FakeWorkbook,
  type FakeName,
  type BorderSide,
  type FakeCellStyle,
} from "./book";
import { FakeOfficeError } from "./errors";
import { evaluate, UnsupportedFormula, type CellScalar } from "./formula";
import { utf8Length } from "../core/text";
export { utf8Length };

/** Per-operation framing a real request carries besides its payload (object path, ids, JSON keys). */
export const OP_OVERHEAD_BYTES = 100;

export interface SyncStat {
  requestBytes: number;
  responseBytes: number;
  ops: number;
  /** The longest address string passed in this request. */
  maxAddressLength: number;
  /** The error code when the sync failed. */
  failed?: string;
}

export interface CellChange {
  sheet: FakeSheet;
  box: RangeBox;
  changeType: "RangeEdited" | "RowInserted";
}

/** What the object model needs from the host (host.ts). */
export interface HostCore {
  book: FakeWorkbook;
  /** ExcelApi minor version supported: 14 for 1.14, 18 for 1.18. */
  apiMinor: number;
  requestLimit: number;
  responseLimit: number;
  addressLimit: number;
  stats: SyncStat[];
  addHandler(target: string, handler: (args: unknown) => unknown): { remove(): void };
  changed(changes: CellChange[], trigger: "ThisLocalAddin" | "Unknown"): void;
}

interface Stage {
  responseBytes: number;
  commits: (() => void)[];
  changes: CellChange[];
}

interface Op {
  label: string;
  bytes: number;
  run(stage: Stage): void;
}

// ---------------------------------------------------------------------------------------------
// Bytes

export function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  return utf8Length(JSON.stringify(v, (_k, x) => (x instanceof FakeObject ? "{ref}" : x)) ?? "");
}

// ---------------------------------------------------------------------------------------------
// Members

type Entity = unknown;
interface PropMember {
  kind: "prop";
  since: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get: (e: any, obj: FakeObject) => unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set?: (e: any, v: unknown, obj: FakeObject, stage: Stage) => void;
}
interface NavMember {
  kind: "nav";
  since: number;
  make: (obj: FakeObject) => FakeObject;
}
interface MethodMember {
  kind: "method";
  since: number;
}
type Member = PropMember | NavMember | MethodMember;

interface ClassSpec {
  name: string;
  members: Record<string, Member>;
  collection?: {
    items: (e: Entity) => Entity[];
    make: (parent: FakeObject, item: Entity) => FakeObject;
  };
}

const prop = (since: number, get: PropMember["get"], set?: PropMember["set"]): PropMember => ({
  kind: "prop",
  since,
  get,
  set,
});
const nav = (since: number, make: NavMember["make"]): NavMember => ({ kind: "nav", since, make });
const method = (since: number): MethodMember => ({ kind: "method", since });
const COMMON: Record<string, Member> = { load: method(1), toJSON: method(1) };
/** A collection's `items`: readable after a load of the collection was synced. */
const ITEMS = prop(1, () => undefined);

function fail(code: ConstructorParameters<typeof FakeOfficeError>[0], message: string): never {
  throw new FakeOfficeError(code, message);
}

// ---------------------------------------------------------------------------------------------
// The context

export class FakeContext {
  _ops: Op[] = [];
  readonly workbook: FakeObject;
  private _maxAddress = 0;

  constructor(readonly _host: HostCore) {
    // The context is strict too: ctx.workbok must fail, not read undefined.
    const proxy = new Proxy(this, CONTEXT_HANDLER);
    this.workbook = wrap(new Workbook(proxy, WORKBOOK, () => _host.book));
    return proxy;
  }

  _enqueue(label: string, bytes: number, run: (stage: Stage) => void): void {
    this._ops.push({ label, bytes, run });
  }

  /** A member newer than the host's ExcelApi version fails the next sync, as a real host does. */
  _requireVersion(since: number, what: string): void {
    if (since > this._host.apiMinor)
      this._enqueue(what, 0, () =>
        fail("ApiNotFound", `${what} needs ExcelApi 1.${since}; this host supports 1.${this._host.apiMinor}`),
      );
  }

  /** Address strings are checked when queued and fail the sync (Excel's 8,192-character limit). */
  _address(text: string, what: string): void {
    if (text.length > this._maxAddress) this._maxAddress = text.length;
    if (text.length > this._host.addressLimit)
      this._enqueue(what, 0, () =>
        fail(
          "InvalidArgument",
          `${what}: the address is ${text.length} characters; Excel accepts at most 8,192`,
        ),
      );
  }

  async sync(): Promise<void> {
    const ops = this._ops;
    this._ops = [];
    const stat: SyncStat = {
      requestBytes: ops.reduce((n, op) => n + op.bytes + OP_OVERHEAD_BYTES, 0),
      responseBytes: 0,
      ops: ops.length,
      maxAddressLength: this._maxAddress,
    };
    this._maxAddress = 0;
    this._host.stats.push(stat);
    // A round trip: nothing queued after this point belongs to this request.
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    if (stat.requestBytes > this._host.requestLimit) {
      stat.failed = "RequestPayloadSizeLimitExceeded";
      fail(
        "RequestPayloadSizeLimitExceeded",
        `the request is ${stat.requestBytes} bytes; Excel on the web accepts at most 5 MB`,
      );
    }
    const stage: Stage = { responseBytes: 0, commits: [], changes: [] };
    let error: unknown;
    for (const op of ops) {
      try {
        op.run(stage);
        stage.responseBytes += OP_OVERHEAD_BYTES / 4;
      } catch (e) {
        error = e instanceof UnsupportedFormula ? new FakeOfficeError("InvalidArgument", e.message) : e;
        break;
      }
    }
    stat.responseBytes = Math.round(stage.responseBytes);
    if (!error && stat.responseBytes > this._host.responseLimit)
      error = new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `the response is ${stat.responseBytes} bytes; Excel on the web returns at most 5 MB`,
      );
    if (!error) for (const c of stage.commits) c();
    if (stage.changes.length) {
      this._host.book.recalc();
      this._host.changed(stage.changes, "ThisLocalAddin");
    }
    if (error) {
      stat.failed = error instanceof FakeOfficeError ? error.code : "Error";
      throw error;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Objects

function unknownMember(spec: ClassSpec, key: string): never {
  throw new FakeOfficeError(
    "UnknownMember",
    `Excel.${spec.name} has no member "${key}" (the fake host models exactly the Office.js members the adapter uses; check the spelling and the API reference)`,
  );
}

type LoadSpec =
  string | string[] | { select?: string; $select?: string; expand?: string; $expand?: string } | undefined;

function loadPaths(spec: LoadSpec): string[][] {
  const text = (s: string | undefined) =>
    s
      ? s
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)
      : [];
  let names: string[];
  if (spec === undefined) names = [];
  else if (typeof spec === "string") names = text(spec);
  else if (Array.isArray(spec)) names = spec.flatMap((s) => text(s));
  else names = [...text(spec.select ?? spec.$select), ...text(spec.expand ?? spec.$expand)];
  return names.map((n) => n.split("/"));
}

export class FakeObject {
  _loaded = new Map<string, unknown>();
  _navs = new Map<string, FakeObject>();
  _entity: Entity = undefined;
  _resolved = false;
  _nullKnown = false;
  _proxy!: FakeObject;

  constructor(
    readonly _ctx: FakeContext,
    readonly _spec: ClassSpec,
    readonly _resolver: () => Entity | null,
  ) {}

  get context(): FakeContext {
    return this._ctx;
  }

  /** The entity this object stands for (null for a null object), resolved on first use in a sync. */
  _get(): Entity | null {
    if (!this._resolved) {
      this._entity = this._resolver();
      this._resolved = true;
    }
    return this._entity as Entity | null;
  }

  _require<T>(): T {
    const e = this._get();
    if (e === null || e === undefined) fail("ItemNotFound", `the ${this._spec.name} does not exist`);
    return e as T;
  }

  _nav(key: string, member: NavMember): FakeObject {
    let child = this._navs.get(key);
    if (!child) {
      child = member.make(this);
      this._navs.set(key, child);
    }
    return child;
  }

  /** Validates a load path now (unknown names throw at once) and returns the leaf scalar names. */
  private _checkPath(path: string[]): void {
    if (path.length === 0) return;
    const [head, ...rest] = path;
    if (this._spec.collection) {
      if (head === "items") return this._itemTemplate()._checkPath(rest);
      const own = this._spec.members[head];
      if (own && own.kind === "prop") return;
      return this._itemTemplate()._checkPath(path);
    }
    const m = this._spec.members[head];
    if (!m || m.kind === "method") unknownMember(this._spec, head);
    this._ctx._requireVersion(m.since, `${this._spec.name}.${head}`);
    if (m.kind === "nav") this._nav(head, m)._checkPath(rest);
    else if (rest.length) unknownMember(this._spec, path.join("/"));
  }

  private _template: FakeObject | undefined;
  private _itemTemplate(): FakeObject {
    this._template ??= this._spec.collection!.make(this, null);
    return this._template;
  }

  load(spec?: LoadSpec): FakeObject {
    const paths = loadPaths(spec);
    for (const p of paths) this._checkPath(p);
    this._ctx._enqueue(`${this._spec.name}.load`, jsonBytes(paths), (stage) => this._loadNow(paths, stage));
    return this._proxy;
  }

  /** Runs a load inside a sync; values become readable when the sync commits. */
  _loadNow(paths: string[][], stage: Stage): void {
    const e = this._get();
    stage.commits.push(() => {
      this._nullKnown = true;
    });
    if (e === null || e === undefined) return;
    const spec = this._spec;
    if (spec.collection) {
      const itemPaths = paths
        .filter((p) => !(p.length === 1 && spec.members[p[0]]?.kind === "prop"))
        .map((p) => (p[0] === "items" ? p.slice(1) : p));
      const own = paths.filter((p) => p.length === 1 && spec.members[p[0]]?.kind === "prop");
      for (const p of own) this._loadProp(p[0], e, stage);
      const items = spec.collection.items(e).map((ie) => spec.collection!.make(this, ie));
      const nonEmpty = itemPaths.filter((p) => p.length > 0);
      for (const item of items) item._loadNow(nonEmpty, stage);
      stage.responseBytes += items.length * 8;
      stage.commits.push(() =>
        this._loaded.set(
          "items",
          items.map((i) => i._proxy),
        ),
      );
      return;
    }
    if (paths.length === 0) {
      for (const [key, m] of Object.entries(spec.members))
        if (m.kind === "prop" && m.since <= this._ctx._host.apiMinor && key !== "isNullObject")
          this._loadProp(key, e, stage);
      return;
    }
    for (const [head, ...rest] of paths) {
      const m = spec.members[head];
      if (m.kind === "prop") this._loadProp(head, e, stage);
      else if (m.kind === "nav") this._nav(head, m)._loadNow(rest.length ? [rest] : [], stage);
    }
  }

  private _loadProp(key: string, e: Entity, stage: Stage): void {
    const m = this._spec.members[key] as PropMember;
    const value = m.get(e, this);
    stage.responseBytes += jsonBytes(value) + key.length + 4;
    stage.commits.push(() => this._loaded.set(key, value));
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

const CONTEXT_MEMBERS = new Set(["workbook", "sync"]);
const CONTEXT_HANDLER: ProxyHandler<FakeContext> = {
  get(target, key, receiver) {
    if (typeof key === "symbol" || key === "then" || key.startsWith("_") || CONTEXT_MEMBERS.has(key))
      return Reflect.get(target, key, receiver);
    throw new FakeOfficeError(
      "UnknownMember",
      `Excel.RequestContext has no member "${key}" in the fake host`,
    );
  },
};

const handler: ProxyHandler<FakeObject> = {
  get(target, key, receiver) {
    if (typeof key === "symbol" || key === "then" || key.startsWith("_"))
      return Reflect.get(target, key, receiver);
    if (key === "context") return target._ctx;
    if (key === "isNullObject") {
      if (!target._nullKnown)
        fail("PropertyNotLoaded", `${target._spec.name}.isNullObject is not available before context.sync()`);
      return target._entity === null || target._entity === undefined;
    }
    const m =
      target._spec.members[key] ??
      COMMON[key] ??
      (key === "items" && target._spec.collection ? ITEMS : undefined);
    if (!m) unknownMember(target._spec, key);
    if (m.kind === "method") {
      target._ctx._requireVersion(m.since, `${target._spec.name}.${key}()`);
      return Reflect.get(target, key, receiver);
    }
    target._ctx._requireVersion(m.since, `${target._spec.name}.${key}`);
    if (m.kind === "nav") return target._nav(key, m)._proxy;
    if (!target._loaded.has(key))
      fail(
        "PropertyNotLoaded",
        `The property '${key}' is not available. Before reading the property's value, call the load method on the containing object (${target._spec.name}) and call "context.sync()" on the associated request context.`,
      );
    return target._loaded.get(key);
  },
  set(target, key, value) {
    if (typeof key === "symbol" || key.startsWith("_")) return Reflect.set(target, key, value);
    const m = target._spec.members[key];
    if (!m) unknownMember(target._spec, key);
    if (m.kind !== "prop" || !m.set) fail("InvalidArgument", `${target._spec.name}.${key} cannot be set`);
    target._ctx._requireVersion(m.since, `${target._spec.name}.${key}`);
    const setter = m.set;
    target._ctx._enqueue(`${target._spec.name}.${key}=`, jsonBytes(value), (stage) =>
      setter(target._require(), value, target, stage),
    );
    return true;
  },
};

function wrap<T extends FakeObject>(obj: T): T {
  obj._proxy = new Proxy(obj, handler);
  return obj._proxy as T;
}

/** An object whose existence is only known after a sync (the *OrNullObject methods). */
function nullable<T extends FakeObject>(obj: T): T {
  obj._ctx._enqueue(`${obj._spec.name} (or null)`, 0, (stage) => {
    obj._get();
    stage.commits.push(() => {
      obj._nullKnown = true;
    });
  });
  return obj;
}

/** An object passed as an argument (a Range for names.add, notes.add); its internals pass the proxy. */
function raw(p: unknown): FakeObject {
  if (!(p instanceof FakeObject)) fail("InvalidArgument", "expected an Excel object or an address string");
  return p;
}

// ---------------------------------------------------------------------------------------------
// Entities

interface RangeEntity {
  sheet: FakeSheet;
  box: RangeBox;
}
interface AreasEntity {
  sheet: FakeSheet;
  boxes: RangeBox[];
}
interface CfEntity {
  sheet: FakeSheet;
  cf: FakeConditionalFormat;
}

function boxFrom(sheet: FakeSheet, address: string | undefined, multi: boolean): RangeBox[] {
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

// ---------------------------------------------------------------------------------------------
// Cell values in and out (as Office.js gives them: "" for empty, the error text for errors)

function valueOut(v: CellScalar | undefined): unknown {
  if (v === undefined) return "";
  if (isErrorValue(v)) return v.error;
  return v;
}

function valueType(v: CellScalar | undefined): string {
  if (v === undefined) return "Empty";
  if (isErrorValue(v)) return "Error";
  return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

const ERROR_TEXT = /^#(DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!)$/;

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
  if (ERROR_TEXT.test(t)) return { error: t };
  return v;
}

function matrix(v: unknown, box: RangeBox, what: string): unknown[][] {
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

function grid<T>(e: RangeEntity, cell: (r: number, c: number) => T): T[][] {
  guardSize(e.box);
  const out: T[][] = [];
  for (let r = e.box.top; r <= e.box.bottom; r++) {
    const row = new Array<T>(e.box.right - e.box.left + 1);
    for (let c = e.box.left; c <= e.box.right; c++) row[c - e.box.left] = cell(r, c);
    out.push(row);
  }
  return out;
}

function writeCells(e: RangeEntity, v: unknown, stage: Stage, what: string, asFormula: boolean): void {
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

// ---------------------------------------------------------------------------------------------
// Class specs. Since = the ExcelApi 1.x minor version that introduced the member.

class Workbook extends FakeObject {
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

const WORKBOOK: ClassSpec = {
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

function sheetObject(ctx: FakeContext, resolve: () => FakeSheet | null): FakeObject {
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

class Range extends FakeObject {
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

const RANGE: ClassSpec = {
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

function forEachCell(e: RangeEntity, f: (r: number, c: number) => void): void {
  for (let r = e.box.top; r <= e.box.bottom; r++) for (let c = e.box.left; c <= e.box.right; c++) f(r, c);
}

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

const RANGE_FORMAT: ClassSpec = {
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

// Worksheet.freezePanes (1.7) and pageLayout (1.9) ---------------------------------------------

class FreezePanes extends FakeObject {
  freezeRows(count?: number): void {
    this._ctx._enqueue("WorksheetFreezePanes.freezeRows", jsonBytes(count), () => {
      const s = this._require<FakeSheet>();
      const n = count ?? 1;
      if (!Number.isInteger(n) || n < 0 || n >= MAX_ROWS) fail("InvalidArgument", `freezeRows(${n})`);
      s.frozenRows = n;
    });
  }
  unfreeze(): void {
    this._ctx._enqueue("WorksheetFreezePanes.unfreeze", 0, () => {
      this._require<FakeSheet>().frozenRows = 0;
    });
  }
}

const FREEZE_PANES: ClassSpec = {
  name: "WorksheetFreezePanes",
  members: { freezeRows: method(7), unfreeze: method(7) },
};

class PageLayout extends FakeObject {
  setPrintTitleRows(range: unknown): void {
    if (typeof range !== "string")
      fail("InvalidArgument", "setPrintTitleRows takes an address (the fake models strings)");
    this._ctx._address(range, "PageLayout.setPrintTitleRows");
    this._ctx._enqueue("PageLayout.setPrintTitleRows", jsonBytes(range), () => {
      if (!/^\$?\d+:\$?\d+$/.test(range)) fail("InvalidArgument", `print title rows ${range}`);
      this._require<FakeSheet>().pageLayout.printTitleRows = range;
    });
  }
}

const PAGE_LAYOUT: ClassSpec = {
  name: "PageLayout",
  members: {
    orientation: prop(
      9,
      (s: FakeSheet) => s.pageLayout.orientation ?? "Portrait",
      (s: FakeSheet, v) => {
        if (v !== "Portrait" && v !== "Landscape") fail("InvalidArgument", `orientation ${String(v)}`);
        s.pageLayout.orientation = v;
      },
    ),
    paperSize: prop(
      9,
      (s: FakeSheet) => s.pageLayout.paperSize ?? "Letter",
      (s: FakeSheet, v) => {
        if (typeof v !== "string") fail("InvalidArgument", `paperSize ${String(v)}`);
        s.pageLayout.paperSize = v;
      },
    ),
    zoom: prop(
      9,
      (s: FakeSheet) => s.pageLayout.zoom ?? { scale: 100 },
      (s: FakeSheet, v) => {
        const z = v as Record<string, unknown> | null;
        if (!z || typeof z !== "object") fail("InvalidArgument", "zoom is an object");
        for (const k of Object.keys(z))
          if (!["scale", "horizontalFitToPages", "verticalFitToPages"].includes(k))
            unknownMember({ name: "PageLayoutZoomOptions", members: {} }, k);
        s.pageLayout.zoom = { ...(z as object) };
      },
    ),
    headersFooters: nav(9, (o) => wrap(new FakeObject(o._ctx, HEADER_FOOTER_GROUP, () => o._get()))),
    setPrintTitleRows: method(9),
  },
};

const HEADER_FOOTER_GROUP: ClassSpec = {
  name: "HeaderFooterGroup",
  members: {
    defaultForAllPages: nav(9, (o) => wrap(new FakeObject(o._ctx, HEADER_FOOTER, () => o._get()))),
  },
};

const HEADER_FOOTER: ClassSpec = {
  name: "HeaderFooter",
  members: {
    centerFooter: prop(
      9,
      (s: FakeSheet) => s.pageLayout.centerFooter ?? "",
      (s: FakeSheet, v) => {
        if (typeof v !== "string") fail("InvalidArgument", "a footer is a string");
        s.pageLayout.centerFooter = v;
      },
    ),
  },
};

class RangeAreas extends FakeObject {
  select(): void {
    this._ctx._enqueue("RangeAreas.select", 0, () => {
      const e = this._require<AreasEntity>();
      selectBoxes(this._ctx, e.sheet, e.boxes);
    });
  }
}

const RANGE_AREAS: ClassSpec = {
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

// Conditional formats ----------------------------------------------------------------------------

let cfIds = 1;

function cfCollection(o: FakeObject, owner: () => AreasEntity): FakeObject {
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

const COLOR = /^#[0-9A-Fa-f]{6}$/;
function color(v: unknown): string {
  if (typeof v !== "string" || !COLOR.test(v))
    fail("InvalidArgument", `colour ${JSON.stringify(v)} is not #RRGGBB`);
  return v.toUpperCase();
}

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

// Notes (ExcelApi 1.18) -----------------------------------------------------------------------------

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

class NoteCollection extends FakeObject {
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

const NOTES: ClassSpec = {
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

// Names ----------------------------------------------------------------------------------------------

const NAME_RULE = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;

class NamedItemCollection extends FakeObject {
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

const NAMES: ClassSpec = {
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

// Events ----------------------------------------------------------------------------------------------

class EventHandlers extends FakeObject {
  add(h: (args: unknown) => unknown): FakeObject {
    if (typeof h !== "function") fail("InvalidArgument", "an event handler is a function");
    const result = wrap(new EventHandlerResult(this._ctx, HANDLER_RESULT, () => null));
    this._ctx._enqueue("EventHandlers.add", 0, () => {
      result._registration = this._ctx._host.addHandler(this._require<string>(), h);
    });
    return result;
  }
}

const EVENTS: ClassSpec = { name: "EventHandlers", members: { add: method(7) } };

class EventHandlerResult extends FakeObject {
  _registration: { remove(): void } | undefined;
  remove(): void {
    this._ctx._enqueue("EventHandlerResult.remove", 0, () => {
      this._registration?.remove();
      this._registration = undefined;
    });
  }
}

const HANDLER_RESULT: ClassSpec = { name: "EventHandlerResult", members: { remove: method(7) } };

/**
 * The proxy every fake Office.js object is: loads are queued and checked against the class's
 * members at once, properties are readable only after a load was synced, unknown members throw.
 */
import { utf8Length } from "../../core/text";
import type { FakeContext } from "./context";
import {
  type ClassSpec,
  COMMON,
  type Entity,
  fail,
  ITEMS,
  type NavMember,
  type PropMember,
  type Stage,
  unknownMember,
} from "./members";

export function jsonBytes(v: unknown): number {
  if (v === undefined) return 0;
  return utf8Length(JSON.stringify(v, (_k, x) => (x instanceof FakeObject ? "{ref}" : x)) ?? "");
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

export function wrap<T extends FakeObject>(obj: T): T {
  obj._proxy = new Proxy(obj, handler);
  return obj._proxy as T;
}

/** An object whose existence is only known after a sync (the *OrNullObject methods). */
export function nullable<T extends FakeObject>(obj: T): T {
  obj._ctx._enqueue(`${obj._spec.name} (or null)`, 0, (stage) => {
    obj._get();
    stage.commits.push(() => {
      obj._nullKnown = true;
    });
  });
  return obj;
}

/** An object passed as an argument (a Range for names.add, notes.add); its internals pass the proxy. */
export function raw(p: unknown): FakeObject {
  if (!(p instanceof FakeObject)) fail("InvalidArgument", "expected an Excel object or an address string");
  return p;
}

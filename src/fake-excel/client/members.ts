/**
 * How the fake describes an Office.js class: its members (properties with their getter and setter,
 * navigations to other objects, methods), each with the ExcelApi 1.x minor version that introduced
 * it; and the failures every class shares.
 */
import type { RangeBox } from "../../core/address";
import type { FakeSheet } from "../book";
import { FakeOfficeError } from "../errors";
import type { FakeObject } from "./object";

export interface CellChange {
  sheet: FakeSheet;
  box: RangeBox;
  changeType: "RangeEdited" | "RowInserted";
}

export interface Stage {
  responseBytes: number;
  commits: (() => void)[];
  changes: CellChange[];
}

export interface Op {
  label: string;
  bytes: number;
  run(stage: Stage): void;
}

export type Entity = unknown;
export interface PropMember {
  kind: "prop";
  since: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get: (e: any, obj: FakeObject) => unknown;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  set?: (e: any, v: unknown, obj: FakeObject, stage: Stage) => void;
}
export interface NavMember {
  kind: "nav";
  since: number;
  make: (obj: FakeObject) => FakeObject;
}
interface MethodMember {
  kind: "method";
  since: number;
}
type Member = PropMember | NavMember | MethodMember;

export interface ClassSpec {
  name: string;
  members: Record<string, Member>;
  collection?: {
    items: (e: Entity) => Entity[];
    make: (parent: FakeObject, item: Entity) => FakeObject;
  };
}

export const prop = (since: number, get: PropMember["get"], set?: PropMember["set"]): PropMember => ({
  kind: "prop",
  since,
  get,
  set,
});
export const nav = (since: number, make: NavMember["make"]): NavMember => ({ kind: "nav", since, make });
export const method = (since: number): MethodMember => ({ kind: "method", since });
export const COMMON: Record<string, Member> = { load: method(1), toJSON: method(1) };
/** A collection's `items`: readable after a load of the collection was synced. */
export const ITEMS = prop(1, () => undefined);

export function fail(code: ConstructorParameters<typeof FakeOfficeError>[0], message: string): never {
  throw new FakeOfficeError(code, message);
}

export function unknownMember(spec: ClassSpec, key: string): never {
  throw new FakeOfficeError(
    "UnknownMember",
    `Excel.${spec.name} has no member "${key}" (the fake host models exactly the Office.js members the adapter uses; check the spelling and the API reference)`,
  );
}

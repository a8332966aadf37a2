/**
 * The dictionary's tables, built once on first use from the packed data and the former units:
 * a few milliseconds, paid only by callers that look a name up.
 */
import { PACKED_PROVINCES } from "./data";
import { FORMER_UNITS } from "./formerNames";
import { aliasesOf, stemOf } from "./names";

export type DivisionLevel = "province" | "city" | "county";

export interface Division {
  /** GB/T 2260 code (6 digits); a former unit's is its last code + "@" + the year it ended,
   * because codes are reused (130502 was 邢台's 桥东区 and is now 襄都区). */
  readonly code: string;
  readonly name: string;
  readonly level: DivisionLevel;
  /** The parent's code; absent for provinces. */
  readonly parent?: string;
  /** Set for units that no longer exist: the year they ended and the codes of the current units
   * that took over their territory. */
  readonly former?: { readonly year: number; readonly replacedBy: readonly string[] };
}

export const LEVEL_RANK: Readonly<Record<DivisionLevel, 0 | 1 | 2>> = { province: 0, city: 1, county: 2 };
export const LEVEL_OF_RANK: readonly DivisionLevel[] = ["province", "city", "county"];

export interface Dictionary {
  readonly byCode: ReadonlyMap<string, Division>;
  /** Current children in code order. */
  readonly children: ReadonlyMap<string, readonly Division[]>;
  readonly formerChildren: ReadonlyMap<string, readonly Division[]>;
  /** Full names; each list holds current units before former ones. */
  readonly byName: ReadonlyMap<string, readonly Division[]>;
  readonly byAlias: ReadonlyMap<string, readonly Division[]>;
  readonly byStem: ReadonlyMap<string, readonly Division[]>;
  /** Data faults found while building (a replacement that does not resolve): a test keeps it empty. */
  readonly problems: readonly string[];
}

let built: Dictionary | undefined;

export function dictionary(): Dictionary {
  return (built ??= build());
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function levelOfCode(code: string): DivisionLevel {
  return code.endsWith("0000") ? "province" : code.endsWith("00") ? "city" : "county";
}

/** Whether `ancestor` is on `d`'s parent chain. */
export function chainIncludes(byCode: ReadonlyMap<string, Division>, d: Division, ancestor: string): boolean {
  // Three levels, so the chain is short; the bound guards against a cycle in hand-written data.
  let parent = d.parent;
  for (let step = 0; parent !== undefined && step < 4; step++) {
    if (parent === ancestor) return true;
    parent = byCode.get(parent)?.parent;
  }
  return false;
}

function build(): Dictionary {
  const byCode = new Map<string, Division>();
  const children = new Map<string, Division[]>();
  const formerChildren = new Map<string, Division[]>();
  const byName = new Map<string, Division[]>();
  const problems: string[] = [];

  const add = (d: Division) => {
    byCode.set(d.code, d);
    push(byName, d.name, d);
    if (d.parent !== undefined) push(d.former ? formerChildren : children, d.parent, d);
  };

  for (const packed of PACKED_PROVINCES) {
    const [head, ...entries] = packed.split("|");
    const province = head.slice(0, 6);
    const prefix = province.slice(0, 2);
    add({ code: province, name: head.slice(6), level: "province" });
    // Entries are in code order, so a city is added before its counties.
    for (const entry of entries) {
      const code = prefix + entry.slice(0, 4);
      const name = entry.slice(4);
      if (code.endsWith("00")) {
        add({ code, name, level: "city", parent: province });
      } else {
        const city = code.slice(0, 4) + "00";
        add({ code, name, level: "county", parent: byCode.has(city) ? city : province });
      }
    }
  }

  const formers: { division: Division; names: readonly string[]; replacedBy: string[] }[] = [];
  for (const [code, name, year, parent, names] of FORMER_UNITS) {
    const replacedBy: string[] = [];
    const division: Division = {
      code: `${code}@${year}`,
      name,
      level: levelOfCode(code),
      parent,
      former: { year, replacedBy },
    };
    formers.push({ division, names, replacedBy });
    add(division);
  }
  // Replacements are resolved after every former unit exists, because a former parent's
  // replacements are the scope its former children's replacements are looked for in.
  const pending = [...formers];
  for (let round = 0; pending.length > 0 && round < 3; round++) {
    for (let i = pending.length - 1; i >= 0; i--) {
      const f = pending[i];
      const parent = byCode.get(f.division.parent ?? "");
      if (parent?.former && parent.former.replacedBy.length === 0) continue;
      const scopes = parent?.former ? parent.former.replacedBy : [f.division.parent ?? ""];
      for (const name of f.names) {
        const found = resolveReplacement(byCode, byName, name, scopes, f.division.code.slice(0, 2));
        if (found) f.replacedBy.push(found);
        else problems.push(`${f.division.name} (${f.division.code}): replacement ${name} does not resolve`);
      }
      pending.splice(i, 1);
    }
  }
  for (const f of pending) problems.push(`${f.division.name} (${f.division.code}): parent never resolved`);
  for (const d of byCode.values()) {
    if (d.parent !== undefined && !byCode.has(d.parent))
      problems.push(`${d.name} (${d.code}): no parent ${d.parent}`);
  }

  const byAlias = new Map<string, Division[]>();
  const byStem = new Map<string, Division[]>();
  for (const d of byCode.values()) {
    for (const alias of aliasesOf(d.name)) push(byAlias, alias, d);
    const stem = stemOf(d.name);
    if (stem !== undefined) push(byStem, stem, d);
  }
  return { byCode, children, formerChildren, byName, byAlias, byStem, problems };
}

/** The one current unit called `name` under one of `scopes` (or else in the province). */
function resolveReplacement(
  byCode: ReadonlyMap<string, Division>,
  byName: ReadonlyMap<string, readonly Division[]>,
  name: string,
  scopes: readonly string[],
  provincePrefix: string,
): string | undefined {
  const current = (byName.get(name) ?? []).filter((d) => !d.former);
  if (current.length === 1) return current[0].code;
  const inScope = current.filter((d) => scopes.some((s) => s === d.code || chainIncludes(byCode, d, s)));
  if (inScope.length === 1) return inScope[0].code;
  const inProvince = current.filter((d) => d.code.startsWith(provincePrefix));
  return inProvince.length === 1 ? inProvince[0].code : undefined;
}

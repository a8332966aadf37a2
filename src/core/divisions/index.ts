/**
 * China's administrative divisions (provinces, prefecture-level cities, county-level units) and
 * the recently former ones, for placing a table's units by their names alone (docs/table-understanding.md §6)
 * and for the unit-misplaced and unit-missing rules (docs/rules.md §2). See README.md for the API and its
 * choices.
 */
import { chainIncludes, dictionary, LEVEL_OF_RANK, LEVEL_RANK } from "./dictionary";
import type { Division, DivisionLevel } from "./dictionary";
import { divisionKey, looksFunctional, ownLevelHint } from "./names";

export type { Division, DivisionLevel } from "./dictionary";
export { DIVISION_SOURCE } from "./data";
export { divisionKey, stemOf } from "./names";

/** How a name met its division: its full name, an autonomous unit's alias, or its stem. */
export type NameMatch = "name" | "alias" | "short";

interface Candidate {
  division: Division;
  match: NameMatch;
}

export function divisionByCode(code: string): Division | undefined {
  return dictionary().byCode.get(code);
}

export function parentOf(code: string): Division | undefined {
  const { byCode } = dictionary();
  const parent = byCode.get(code)?.parent;
  return parent === undefined ? undefined : byCode.get(parent);
}

/** Current children in code order; former children after them when asked for. */
export function childrenOf(code: string, options: { includeFormer?: boolean } = {}): Division[] {
  const { children, formerChildren } = dictionary();
  const current = children.get(code) ?? [];
  return options.includeFormer ? [...current, ...(formerChildren.get(code) ?? [])] : [...current];
}

/** Whether the unit `code` lies (at any depth) inside `ancestorCode`. */
export function isWithin(code: string, ancestorCode: string): boolean {
  const { byCode } = dictionary();
  const d = byCode.get(code);
  return d !== undefined && chainIncludes(byCode, d, ancestorCode);
}

function inScope(d: Division, within: string | undefined): boolean {
  return within === undefined || chainIncludes(dictionary().byCode, d, within);
}

/** Every reading of a name, best first; stems of any level are tried only inside `within`. */
function candidatesOf(key: string, within?: string): Candidate[] {
  if (key === "") return [];
  const { byName, byAlias, byStem } = dictionary();
  const full: Candidate[] = [
    ...(byName.get(key) ?? []).map((division) => ({ division, match: "name" as const })),
    ...(byAlias.get(key) ?? []).map((division) => ({ division, match: "alias" as const })),
  ].filter((c) => inScope(c.division, within));
  if (full.length > 0) return full;
  const stems = (byStem.get(key) ?? []).map((division) => ({ division, match: "short" as const }));
  if (within !== undefined) return stems.filter((c) => inScope(c.division, within));
  // Without a context a stem is taken only for a province or a city (杭州 → 杭州市), and only
  // when nothing outside it shares the stem: 长沙 is 长沙市 (its 长沙县 is always written in
  // full), but 西湖 may be a district of 杭州 or of 南昌, or the lake's scenic area, and 河北 is
  // also a district of 天津.
  // A former prefecture does not compete with the city that replaced it (毕节地区, 毕节市).
  const upper = stems.filter((c) => c.division.level !== "county");
  const current = upper.filter((c) => !c.division.former);
  const chosen = current.length > 0 ? current : upper;
  if (chosen.length !== 1) return [];
  const { byCode } = dictionary();
  const city = chosen[0].division;
  const inside = (code: string) => {
    const d = byCode.get(code);
    return code === city.code || (d !== undefined && chainIncludes(byCode, d, city.code));
  };
  const belongs = (d: Division) => inside(d.code) || (d.former?.replacedBy.some(inside) ?? false);
  return stems.every((c) => belongs(c.division)) ? chosen : [];
}

/**
 * The divisions a name may denote: all units bearing that full name or alias (鼓楼区 gives four),
 * current ones first, then former ones; failing that, the one province or city whose short form
 * it is (杭州, 浙江, 内蒙古). With `within` (a code), only units inside that one are returned and
 * short forms of any level count (西湖 within 杭州市 is 西湖区).
 */
export function findDivisions(name: string, options: { within?: string } = {}): Division[] {
  return candidatesOf(divisionKey(name), options.within).map((c) => c.division);
}

/** A body that receives targets but is not a division (开发区, 高新区, 风景区, 管委会, 市本级, 市直). */
export function isFunctionalUnit(name: string): boolean {
  const key = divisionKey(name);
  const { byName, byAlias } = dictionary();
  if (byName.has(key) || byAlias.has(key)) return false;
  return looksFunctional(key);
}

type Relation = "yes" | "no" | "unknown";

/**
 * Whether `child` belongs in `parent`. A former parent stands for its successor when it was
 * renamed or absorbed whole (襄樊市 → 襄阳市, 莱芜市 → 济南市); when it was split (巢湖市) a unit
 * now under one of its successors may or may not have been in it: unknown. Likewise a former
 * child whose successors are inside the parent may have been there.
 */
function relation(parent: Division, child: Division): Relation {
  const { byCode } = dictionary();
  if (parent.code === child.code) return "no";
  if (chainIncludes(byCode, child, parent.code)) return "yes";
  if (parent.former) {
    const successors = parent.former.replacedBy;
    const renamed = successors.length === 1 && byCode.get(successors[0])?.level === parent.level;
    if (successors.some((s) => chainIncludes(byCode, child, s))) return renamed ? "yes" : "unknown";
  }
  if (child.former) {
    for (const s of child.former.replacedBy) {
      const successor = byCode.get(s);
      if (successor && chainIncludes(byCode, successor, parent.code)) return "unknown";
    }
  }
  return "no";
}

function combine(relations: Iterable<Relation>): Relation {
  let result: Relation = "no";
  for (const r of relations) {
    if (r === "yes") return "yes";
    if (r === "unknown") result = "unknown";
  }
  return result;
}

/**
 * Whether a unit belongs under a parent, both given by name. Ambiguous names are settled by each
 * other (朝阳区 under 北京市 and under 长春市 are both "yes", under 沈阳市 "no"); a child short form
 * is read inside the parent (上城 under 杭州市). "unknown" when either side is not in the
 * dictionary (functional units, typos, 合计) or when a split former unit leaves it open.
 * Belonging is at any depth: 上城区 is under 浙江省 too.
 */
export function placeUnder(childName: string, parentName: string): "yes" | "no" | "unknown" {
  if (isFunctionalUnit(childName)) return "unknown";
  const parents = findDivisions(parentName);
  if (parents.length === 0) return "unknown";
  const key = divisionKey(childName);
  let children = candidatesOf(key).map((c) => c.division);
  if (children.length === 0) {
    children = parents.flatMap((p) => candidatesOf(key, p.code).map((c) => c.division));
    // A stem found nowhere inside the parent says nothing either way (西湖 under 宁波市).
    if (children.length === 0) return "unknown";
  }
  return combine(parents.flatMap((p) => children.map((c) => relation(p, c))));
}

/**
 * The current units directly under `parentCode` that none of `presentNames` stands for. A name
 * may be a short form (淳安 for 淳安县); a former unit present stands for its successors (a table
 * still listing 江干区 does not miss 钱塘区: it names it the old way). Empty for unknown or
 * former parents.
 */
export function missingChildren(parentCode: string, presentNames: readonly string[]): Division[] {
  const { byCode } = dictionary();
  const parent = byCode.get(parentCode);
  if (!parent || parent.former) return [];
  const covered = new Set<string>();
  for (const name of presentNames) {
    for (const { division } of candidatesOf(divisionKey(name), parentCode)) {
      const codes = division.former ? division.former.replacedBy : [division.code];
      for (const code of codes) {
        // A grandchild present (a district listed in a province's table) covers its city.
        const d = byCode.get(code);
        covered.add(code);
        if (d?.parent !== undefined && d.parent !== parentCode) covered.add(d.parent);
      }
    }
  }
  return childrenOf(parentCode).filter((d) => !covered.has(d.code));
}

export type ResolvedKind = "division" | "former" | "functional" | "ambiguous" | "unknown";

export interface ResolvedUnit {
  /** The name as given. */
  readonly name: string;
  /** division: a current unit; former: an abolished or renamed one; functional: 开发区, 市本级 …;
   * ambiguous: several units fit equally (`candidates`); unknown: not in the dictionary. */
  readonly kind: ResolvedKind;
  readonly division?: Division;
  readonly candidates?: readonly Division[];
  readonly match?: NameMatch;
  /** The level the row stands at: its division's, or for other rows the slot it occupies. */
  readonly level?: DivisionLevel;
  /** Index of the row it belongs under. */
  readonly parentIndex?: number;
  /** Set when the row sits in the block of a unit that it does not belong to (上城区 listed after
   * 宁波市): `underIndex` is that unit's row; `parentIndex` is then its true parent's row when the
   * list has one above it. */
  readonly misplaced?: { readonly underIndex: number };
}

interface Row {
  name: string;
  key: string;
  kind: ResolvedKind;
  division?: Division;
  candidates?: Division[];
  match?: NameMatch;
  rank?: 0 | 1 | 2;
  parentIndex?: number;
  underIndex?: number;
}

interface Placement {
  candidate: Candidate;
  /** 2: fits the block it sits in; 1: fits a unit further up; 0: no unit above fits. */
  fit: 0 | 1 | 2;
  /** The next row is one of its units. */
  opensBlock?: boolean;
  parentIndex?: number;
  underIndex?: number;
}

const MATCH_RANK: Record<NameMatch, number> = { name: 2, alias: 1, short: 0 };

/**
 * Places a table's unit names, given in sheet order (parents above their children, e.g. 浙江省,
 * 杭州市, 上城区, …, 建德市, 宁波市, 海曙区, …), each under the nearest unit above it that the
 * hierarchy allows, so that names alone put 建德市 (a county-level city) under 杭州市.
 *
 * - A row's block is the nearest row above at its parent's level or higher (a district's block is
 *   the nearest city or province row). A unit that does not belong to its block is `misplaced`,
 *   and is placed under its true parent if that is further up.
 * - An ambiguous name (朝阳区, 鼓楼区) takes the reading that fits its block, else one that fits
 *   a unit further up, preferring the nearer. A tie is left `ambiguous`, then settled by the rows
 *   under it (its children) or by its siblings' parents (鼓楼区 among 玄武区 and 秦淮区).
 * - Short forms (上城, 西湖) are read only inside their block: 西湖 under 杭州市 is 西湖区.
 * - Former units (江干区) are placed like current ones and reported as `former`.
 * - Rows outside the dictionary (开发区, 市本级, typos) take a slot: 市本级 under the nearest
 *   city, 省本级 under the province; others become the first child of the row above when the next
 *   unit is that row's child, else a sibling of the row above.
 *
 * `parentsBelow` reads a list whose parents follow their children (合计-below layouts).
 */
export function resolveLevels(
  names: readonly string[],
  options: { parentsBelow?: boolean } = {},
): ResolvedUnit[] {
  if (!options.parentsBelow) return resolveRows(names).map(toResolved);
  const last = names.length - 1;
  const flip = (i: number | undefined) => (i === undefined ? undefined : last - i);
  const rows = resolveRows([...names].reverse());
  for (const r of rows) {
    r.parentIndex = flip(r.parentIndex);
    r.underIndex = flip(r.underIndex);
  }
  return rows.reverse().map(toResolved);
}

function toResolved(r: Row): ResolvedUnit {
  const out: { -readonly [K in keyof ResolvedUnit]: ResolvedUnit[K] } = { name: r.name, kind: r.kind };
  if (r.division) out.division = r.division;
  if (r.candidates && !r.division) out.candidates = r.candidates;
  if (r.match && r.division) out.match = r.match;
  if (r.rank !== undefined) out.level = LEVEL_OF_RANK[r.rank];
  if (r.parentIndex !== undefined) out.parentIndex = r.parentIndex;
  if (r.underIndex !== undefined) out.misplaced = { underIndex: r.underIndex };
  return out;
}

function resolveRows(names: readonly string[]): Row[] {
  const { byCode } = dictionary();
  const rows: Row[] = names.map((name) => ({ name, key: divisionKey(name), kind: "unknown" }));
  // The last row seen at each rank, and the last row standing for each code: O(1) lookups keep a
  // list of all 3,000 county-level units linear.
  const lastAtRank = [-1, -1, -1];
  const lastRowOf = new Map<string, number>();

  const readingsOf = (i: number): Division[] => {
    const r = rows[i];
    return r.division ? [r.division] : (r.candidates ?? []);
  };
  const relationToRow = (i: number, child: Division): Relation =>
    combine(readingsOf(i).map((p) => relation(p, child)));
  const nearestAncestorRow = (d: Division): number => {
    let best = -1;
    let parent = d.parent;
    for (let step = 0; parent !== undefined && step < 4; step++) {
      best = Math.max(best, lastRowOf.get(parent) ?? -1);
      parent = byCode.get(parent)?.parent;
    }
    return best;
  };

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const named = candidatesOf(row.key);
    const context = named.length > 0 ? named : blockStems(row.key);
    if (context.length === 0) {
      if (isFunctionalUnit(row.name)) row.kind = "functional";
      continue;
    }
    const placements = context
      .map((candidate) => place(candidate))
      // A short form found only by looking inside the rows above must fit its own block.
      .filter((p) => named.length > 0 || p.fit === 2);
    if (placements.length === 0) continue;
    if (placements.length > 1) {
      // A unit followed by one of its own units is their parent: this tells 巢湖市 the former
      // prefecture (followed by 居巢区) from 巢湖市 the county-level city of today.
      const next = i + 1 < rows.length ? candidatesOf(rows[i + 1].key) : [];
      for (const p of placements) {
        p.opensBlock = next.some((c) => relation(p.candidate.division, c.division) === "yes");
      }
    }
    placements.sort(comparePlacements);
    const best = placements[0];
    // With no unit above to go by, current and former readings are equally likely (桥东区 is a
    // district of 张家口 and was one of 石家庄 and of 邢台).
    const tied = placements.filter((p) =>
      best.fit === 0 ? p.fit === 0 && sameMatch(p, best) : comparePlacements(p, best) === 0,
    );
    if (tied.length > 1) {
      row.kind = "ambiguous";
      row.candidates = tied.map((p) => p.candidate.division);
      row.match = best.candidate.match;
      if (new Set(row.candidates.map((d) => d.level)).size === 1) {
        row.rank = LEVEL_RANK[row.candidates[0].level];
        row.parentIndex = best.parentIndex;
      }
    } else {
      accept(row, best);
    }
    if (row.rank !== undefined) lastAtRank[row.rank] = i;
    for (const d of readingsOf(i)) {
      lastRowOf.set(d.code, i);
      // Children of 襄阳市 find their parent in a row that still says 襄樊市.
      const successors = d.former?.replacedBy ?? [];
      if (successors.length === 1 && byCode.get(successors[0])?.level === d.level)
        lastRowOf.set(successors[0], i);
    }
  }

  function blockStems(key: string): Candidate[] {
    // A short form is looked for inside the nearest row above at each rank.
    const seen = new Set<string>();
    const out: Candidate[] = [];
    for (const at of lastAtRank) {
      if (at < 0) continue;
      for (const scope of readingsOf(at)) {
        for (const c of candidatesOf(key, scope.code)) {
          if (!seen.has(c.division.code)) {
            seen.add(c.division.code);
            out.push(c);
          }
        }
      }
    }
    return out;
  }

  function place(candidate: Candidate): Placement {
    const d = candidate.division;
    const parent = d.parent === undefined ? undefined : byCode.get(d.parent);
    if (!parent) return { candidate, fit: 0 };
    const parentRank = LEVEL_RANK[parent.level];
    const block = Math.max(...lastAtRank.slice(0, parentRank + 1));
    if (block < 0) return { candidate, fit: 0 };
    // Only a block whose every reading refuses the unit makes it misplaced: an "unknown" (a split
    // former parent, an ambiguous row that may be the right one) does not.
    if (relationToRow(block, d) !== "no") return { candidate, fit: 2, parentIndex: block };
    const ancestor = nearestAncestorRow(d);
    if (ancestor >= 0) return { candidate, fit: 1, parentIndex: ancestor, underIndex: block };
    return { candidate, fit: 0, underIndex: block };
  }

  function accept(row: Row, p: Placement): void {
    row.division = p.candidate.division;
    row.match = p.candidate.match;
    row.kind = row.division.former ? "former" : "division";
    row.rank = LEVEL_RANK[row.division.level];
    row.parentIndex = p.parentIndex;
    row.underIndex = p.underIndex;
  }

  settleAmbiguous(rows, relation);
  placeOthers(rows);
  // A block row settled after its children were placed may refuse some of them.
  for (const [i, row] of rows.entries()) {
    const d = row.division;
    const p = row.parentIndex;
    const parent = p === undefined ? undefined : rows[p].division;
    if (d && parent && row.underIndex === undefined && relation(parent, d) === "no") {
      row.underIndex = p;
      row.parentIndex = findAbove(
        rows,
        i,
        (r) => r.division !== undefined && relation(r.division, d) !== "no",
      );
    }
  }
  return rows;
}

function sameMatch(a: Placement, b: Placement): boolean {
  return MATCH_RANK[a.candidate.match] === MATCH_RANK[b.candidate.match];
}

/** Better fit, then full name over alias over stem, then the reading the next row belongs to,
 * then current over former, then the nearer parent. */
function comparePlacements(a: Placement, b: Placement): number {
  if (a.fit !== b.fit) return b.fit - a.fit;
  const match = MATCH_RANK[b.candidate.match] - MATCH_RANK[a.candidate.match];
  if (match !== 0) return match;
  const opens = Number(!!b.opensBlock) - Number(!!a.opensBlock);
  if (opens !== 0) return opens;
  const former = Number(!!a.candidate.division.former) - Number(!!b.candidate.division.former);
  if (former !== 0) return former;
  return (b.parentIndex ?? -1) - (a.parentIndex ?? -1);
}

function settleAmbiguous(rows: Row[], rel: (p: Division, c: Division) => Relation): void {
  for (const [i, row] of rows.entries()) {
    if (row.kind !== "ambiguous" || !row.candidates) continue;
    // Its children: the reading that holds most of the rows placed under it.
    const kids = rows.filter((r) => r.parentIndex === i && r.division);
    let choice = strictBest(row.candidates, (c) => kids.filter((k) => rel(c, k.division!) === "yes").length);
    // Its siblings: the reading whose parent the other rows of its block share.
    if (!choice) {
      const siblings = rows.filter((r, j) => j !== i && r.parentIndex === row.parentIndex && r.division);
      choice = strictBest(
        row.candidates,
        (c) => siblings.filter((s) => s.division!.parent === c.parent).length,
      );
    }
    if (choice) {
      row.division = choice;
      row.kind = choice.former ? "former" : "division";
      row.rank = LEVEL_RANK[choice.level];
    }
  }
}

function strictBest(options: readonly Division[], score: (d: Division) => number): Division | undefined {
  let best: Division | undefined;
  let bestScore = 0;
  let tied = false;
  for (const d of options) {
    const s = score(d);
    if (s > bestScore) {
      best = d;
      bestScore = s;
      tied = false;
    } else if (s === bestScore && s > 0) {
      tied = true;
    }
  }
  return tied ? undefined : best;
}

/** Slots for rows the dictionary cannot place (functional units, unknown names, open ambiguities). */
function placeOthers(rows: Row[]): void {
  for (const [i, row] of rows.entries()) {
    if (row.rank !== undefined) continue;
    const hint = ownLevelHint(row.key);
    if (hint !== undefined) {
      // 市本级 under a municipality (a province-level row) when no city row is above it.
      const owner = findAbove(rows, i, (r) => r.rank !== undefined && r.rank <= hint && !!r.division);
      if (owner !== undefined) {
        row.parentIndex = owner;
        // Below a county is a town's level, which the dictionary does not have.
        if (rows[owner].rank! < 2) row.rank = (rows[owner].rank! + 1) as 1 | 2;
      }
      continue;
    }
    const prev = findAbove(rows, i, (r) => r.rank !== undefined);
    if (prev === undefined) continue;
    let next = -1;
    for (let j = i + 1; j < rows.length; j++)
      if (rows[j].division !== undefined) {
        next = j;
        break;
      }
    const opensBlock = rows[prev].division !== undefined && next >= 0 && rows[next].parentIndex === prev;
    if (opensBlock && rows[prev].rank! < 2) {
      row.parentIndex = prev;
      row.rank = (rows[prev].rank! + 1) as 1 | 2;
    } else {
      row.parentIndex = rows[prev].parentIndex;
      row.rank = rows[prev].rank;
    }
  }
}

function findAbove(rows: readonly Row[], i: number, test: (r: Row) => boolean): number | undefined {
  for (let j = i - 1; j >= 0; j--) if (test(rows[j])) return j;
  return undefined;
}

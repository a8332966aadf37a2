/**
 * Which unit line is the parent of which (docs/table-understanding.md §2 and §6): a flat table has one total
 * over all units; a three-level table nests cities under the province and districts under each city. Levels
 * are read, in order of trust, from the row outline, the indentation of the unit names, leading spaces, 小计
 * lines, and finally the total keyword alone.
 */
import type { Reason, Split, UnitLine } from "../model";
import { normalizeLabel } from "../text";
import { findDivisions, resolveLevels } from "../divisions";

export interface UnitCandidate {
  line: UnitLine;
  /** Total or X目标 keyword: the top of the table. */
  total: boolean;
  /** A 小计 line: the parent of the lines just before it. */
  subtotal: boolean;
  /** From a 上级单位 line: the name of this unit's parent. */
  declaredParent?: string;
  /** From a 级别 line: 1 province, 2 city, 3 county, … */
  declaredLevel?: number;
  outline?: number;
  indent?: number;
  leadingSpaces?: number;
  /** From how the unit is numbered in a 序号 column: 一、 above （一） above 1 above (1). */
  numbering?: number;
}

type LevelKey = "declaredLevel" | "outline" | "indent" | "leadingSpaces" | "numbering";

/** The level signals of the candidates, in the order they are trusted (buildSplits). */
const LEVEL_SIGNALS: readonly { key: LevelKey; by: Reason["by"]; evidence: string }[] = [
  { key: "declaredLevel", by: "keyword", evidence: "level line" },
  { key: "outline", by: "keyword", evidence: "outline level" },
  { key: "indent", by: "keyword", evidence: "indentation" },
  { key: "leadingSpaces", by: "keyword", evidence: "leading spaces" },
  { key: "numbering", by: "keyword", evidence: "numbering" },
];

/**
 * Which signals differ between candidates (a missing one counts as 0), all told in one pass: a
 * table of 50,000 units with none of them is read once, not once per signal. Each signal is read by
 * name rather than through LEVEL_SIGNALS' keys (a lookup by key per candidate and signal costs a
 * cold check about 3 ms more on 50,000 units); the record returned names every LevelKey, so a new
 * signal does not compile until it is told here too.
 */
function varyingSignals(cands: readonly UnitCandidate[]): Record<LevelKey, boolean> {
  const c0 = cands[0];
  const declaredLevel = c0?.declaredLevel ?? 0;
  const outline = c0?.outline ?? 0;
  const indent = c0?.indent ?? 0;
  const spaces = c0?.leadingSpaces ?? 0;
  const numbering = c0?.numbering ?? 0;
  const out = { declaredLevel: false, outline: false, indent: false, leadingSpaces: false, numbering: false };
  for (let i = 1; i < cands.length; i++) {
    const c = cands[i];
    if ((c.declaredLevel ?? 0) !== declaredLevel) out.declaredLevel = true;
    if ((c.outline ?? 0) !== outline) out.outline = true;
    if ((c.indent ?? 0) !== indent) out.indent = true;
    if ((c.leadingSpaces ?? 0) !== spaces) out.leadingSpaces = true;
    if ((c.numbering ?? 0) !== numbering) out.numbering = true;
  }
  return out;
}

function treeFromLevels(cands: UnitCandidate[], level: number[], why: Reason): Split[] {
  const n = cands.length;
  // Each unit's parent is the nearest unit before it on a lower level; failing that (a total
  // written below its units, 合计 at the bottom), the nearest one after it. A list that opens on a
  // deeper level than its groups (上城区, 西湖区, 杭州市, 海曙区, …) closes each group with its
  // head, so there the nearest one after comes first. Both "nearest lower" searches run over a
  // stack of candidates, so 50,000 units cost 50,000 steps, not 50,000².
  const parentOf = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  const nearest = (i: number) => {
    while (stack.length && level[stack[stack.length - 1]] >= level[i]) stack.pop();
    if (parentOf[i] < 0 && stack.length) parentOf[i] = stack[stack.length - 1];
    stack.push(i);
  };
  const forward = () => {
    stack.length = 0;
    for (let i = 0; i < n; i++) nearest(i);
  };
  const backward = () => {
    stack.length = 0;
    for (let i = n - 1; i >= 0; i--) nearest(i);
  };
  if (headsBelow(cands, level)) {
    backward();
    forward();
  } else {
    forward();
    backward();
  }
  const children: UnitLine[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < n; k++) if (parentOf[k] >= 0) children[parentOf[k]].push(cands[k].line);
  const depths = new Int32Array(n).fill(-1);
  const depth = (i: number): number => {
    // Iteratively up the chain (a chain is as long as there are levels, but never trust input).
    const chain: number[] = [];
    let j = i;
    while (j >= 0 && depths[j] < 0 && !chain.includes(j)) {
      chain.push(j);
      j = parentOf[j];
    }
    let d = j >= 0 && depths[j] >= 0 ? depths[j] + 1 : 0;
    for (let k = chain.length - 1; k >= 0; k--) {
      depths[chain[k]] = d;
      d++;
    }
    return depths[i];
  };
  const splits: Split[] = [];
  cands.forEach((c, i) => {
    if (children[i].length) splits.push({ parent: c.line, children: children[i], level: depth(i), why });
  });
  return splits;
}

/** Whether the units (the total aside) open on a deeper level than the shallowest among them. */
function headsBelow(cands: UnitCandidate[], level: number[]): boolean {
  let first = -1;
  let min = Infinity;
  cands.forEach((c, i) => {
    if (c.total) return;
    if (first < 0) first = i;
    if (level[i] < min) min = level[i];
  });
  return first >= 0 && level[first] > min;
}

/** Flat tables, optionally with 小计 lines grouping the units before them. */
function flat(cands: UnitCandidate[]): Split[] {
  const top = cands.find((c) => c.total);
  if (!top) return [];
  if (!cands.some((c) => c !== top && c.subtotal)) {
    // One level under the total: its children straight from the candidates, in one list.
    const children: UnitLine[] = [];
    for (let k = 0; k < cands.length; k++) if (cands[k] !== top) children.push(cands[k].line);
    return [
      {
        parent: top.line,
        children,
        level: 0,
        why: { by: "keyword", evidence: top.line.label },
      },
    ];
  }
  const rest = cands.filter((c) => c !== top);
  const splits: Split[] = [];
  const topChildren: UnitLine[] = [];
  // Subtotals close their groups (units, then 小计), or, when one opens the units, head them
  // (市区合计, then its districts).
  if (rest[0]?.subtotal) {
    let head: UnitCandidate | undefined;
    let members: UnitLine[] = [];
    const close = () => {
      if (head && members.length)
        splits.push({
          parent: head.line,
          children: members,
          level: 1,
          why: { by: "keyword", evidence: head.line.label },
        });
    };
    for (const c of rest) {
      if (c.subtotal) {
        close();
        head = c;
        members = [];
        topChildren.push(c.line);
      } else members.push(c.line);
    }
    close();
    return [
      { parent: top.line, children: topChildren, level: 0, why: { by: "keyword", evidence: top.line.label } },
      ...splits,
    ];
  }
  let group: UnitLine[] = [];
  for (const c of rest) {
    if (c.subtotal) {
      if (group.length)
        splits.push({ parent: c.line, children: group, level: 1, why: { by: "keyword", evidence: "小计" } });
      topChildren.push(c.line);
      group = [];
    } else group.push(c.line);
  }
  // Units after the last 小计 belong to the total directly.
  topChildren.push(...group);
  return [
    { parent: top.line, children: topChildren, level: 0, why: { by: "keyword", evidence: top.line.label } },
    ...splits,
  ];
}

/** A 上级单位 line names each unit's parent outright. */
function fromDeclaredParents(cands: UnitCandidate[]): Split[] {
  const top = cands.find((c) => c.total);
  const why: Reason = { by: "keyword", evidence: "上级单位" };
  // Units by name, in order: a unit's parent is the first other unit of the declared name.
  const byKey = new Map<string, UnitCandidate[]>();
  for (const c of cands) {
    const key = normalizeLabel(c.line.unit);
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const parentOf = (c: UnitCandidate): UnitCandidate | undefined =>
    c.declaredParent ? byKey.get(c.declaredParent)?.find((p) => p !== c) : undefined;
  const childrenOf = new Map<UnitCandidate, UnitLine[]>();
  for (const c of cands) {
    if (c === top) continue;
    const owner = (c.declaredParent ? parentOf(c) : top) ?? top;
    if (!owner) continue;
    const list = childrenOf.get(owner);
    if (list) list.push(c.line);
    else childrenOf.set(owner, [c.line]);
  }
  // Up the declared chain, a loop rather than recursion: a file can declare a chain of any length.
  const depth = (c: UnitCandidate): number => {
    const seen = new Set<UnitCandidate>();
    let d = 0;
    for (let x: UnitCandidate | undefined = c; x && x !== top && x.declaredParent && !seen.has(x);) {
      seen.add(x);
      d++;
      x = parentOf(x);
    }
    return d;
  };
  return cands
    .filter((c) => childrenOf.has(c))
    .map((c) => ({ parent: c.line, children: childrenOf.get(c)!, level: depth(c), why }));
}

export function buildSplits(cands: UnitCandidate[]): Split[] {
  if (cands.some((c) => c.declaredParent)) return fromDeclaredParents(cands);
  if (!cands.some((c) => c.total)) return byNames(cands) ?? [];
  const subtotals = cands.some((c) => c.subtotal);
  const varying = varyingSignals(cands);
  for (const { key, by, evidence } of LEVEL_SIGNALS) {
    // Numbering says levels only where 小计 lines do not already close the groups.
    if (key === "numbering" && subtotals) continue;
    if (!varying[key]) continue;
    const levelOf = (c: UnitCandidate) => c[key] ?? 0;
    const level = cands.map(levelOf);
    // Totals sit above everything they total, whatever their own indentation says. (A loop, not
    // Math.min(...level): spreading 200,000 units overflows the stack.)
    let min = Infinity;
    for (let k = 0; k < level.length; k++) if (level[k] < min) min = level[k];
    cands.forEach((c, i) => {
      if (c.total) level[i] = min - 1;
    });
    return treeFromLevels(cands, level, { by, evidence });
  }
  return byNames(cands) ?? flat(cands);
}

/**
 * Levels from the unit names alone, through the division dictionary: 浙江省, 杭州市, 上城区, …,
 * 建德市, 宁波市, 海曙区 nests each city's districts under it. Used only when some listed unit
 * has listed units of its own; a flat list of districts stays flat (a misplaced one is a finding,
 * not a level).
 */
/** Beyond this many units, name-based nesting is not attempted (a list that long is one level). */
const NAME_LEVELS_LIMIT = 5000;

function byNames(cands: UnitCandidate[]): Split[] | null {
  const top = cands.find((c) => c.total);
  const isUnit = (c: UnitCandidate) => c !== top && !c.subtotal;
  // Counted before any list is made: a table of 50,000 units is past the limit at once.
  let count = 0;
  for (let k = 0; k < cands.length; k++) if (isUnit(cands[k])) count++;
  if (count < 3 || count > NAME_LEVELS_LIMIT) return null;
  const units = cands.filter(isUnit);
  // Only a list that names a province or a city can nest by names; most lists are one level.
  const sample = units.slice(0, 300);
  if (!sample.some((c) => findDivisions(c.line.unit).some((d) => d.level !== "county"))) return null;
  const below =
    units.length > 0 && top !== undefined && cands.indexOf(top) > cands.indexOf(units[units.length - 1]);
  const resolved = resolveLevels(
    units.map((c) => c.line.unit),
    { parentsBelow: below },
  );
  const parentOf = resolved.map((r) => (r.misplaced ? undefined : r.parentIndex));
  if (!parentOf.some((p) => p !== undefined)) return null;
  const why: Reason = { by: "keyword", evidence: "division names" };
  const splits: Split[] = [];
  const roots = units.filter((_, i) => parentOf[i] === undefined).map((c) => c.line);
  // Without a total keyword the names must give one top unit (浙江省) that holds all the others.
  if (!top && roots.length !== 1) return null;
  if (top && roots.length) splits.push({ parent: top.line, children: roots, level: 0, why });
  const depth = (i: number): number => (parentOf[i] === undefined ? (top ? 1 : 0) : 1 + depth(parentOf[i]!));
  const childrenOf: UnitLine[][] = units.map(() => []);
  units.forEach((c, k) => parentOf[k] !== undefined && childrenOf[parentOf[k]!].push(c.line));
  units.forEach((c, i) => {
    if (childrenOf[i].length) splits.push({ parent: c.line, children: childrenOf[i], level: depth(i), why });
  });
  return splits.length ? splits : null;
}

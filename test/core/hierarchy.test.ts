/**
 * Levels from outline, indentation or a 级别 line make the tree of splits: each unit's parent is
 * the nearest unit before it on a lower level, else the nearest after it (合计 at the bottom); in a
 * list that opens deeper than its groups (heads below their members), the other way round.
 * Built in linear time; the quadratic definition below is the oracle.
 */
import fc from "fast-check";
import { buildSplits, type UnitCandidate } from "../../src/core/detect/hierarchy";
import type { Split, UnitLine } from "../../src/core/model";

const unit = (i: number): UnitLine => ({
  line: i,
  label: `单位${i}`,
  unit: `单位${i}`,
  why: { by: "position", evidence: "" },
});

/** The definition, straight: scan back, then forward (or the reverse); depth by recursion. */
function oracle(
  cands: UnitCandidate[],
  level: number[],
): { parent: number; children: number[]; level: number }[] {
  const parentOf = cands.map(() => -1);
  // A list that opens deeper than its shallowest unit (the total aside) has its heads below.
  const units = cands.map((c, i) => i).filter((i) => !cands[i].total);
  const below = units.length > 0 && level[units[0]] > Math.min(...units.map((i) => level[i]));
  const back = (i: number) => {
    for (let j = i - 1; j >= 0; j--) if (level[j] < level[i]) return j;
    return -1;
  };
  const ahead = (i: number) => {
    for (let j = i + 1; j < cands.length; j++) if (level[j] < level[i]) return j;
    return -1;
  };
  for (let i = 0; i < cands.length; i++) {
    const [first, second] = below ? [ahead, back] : [back, ahead];
    parentOf[i] = first(i);
    if (parentOf[i] < 0) parentOf[i] = second(i);
  }
  const depth = (i: number): number => (parentOf[i] < 0 ? 0 : 1 + depth(parentOf[i]));
  return cands.flatMap((c, i) => {
    const children = cands.filter((_, k) => parentOf[k] === i).map((k) => k.line.line);
    return children.length ? [{ parent: c.line.line, children, level: depth(i) }] : [];
  });
}

const shape = (splits: Split[]) =>
  splits.map((s) => ({ parent: s.parent.line, children: s.children.map((c) => c.line), level: s.level }));

describe("splits from outline levels", () => {
  test("any levels, a total anywhere: the same tree as the definition", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 40 }),
        fc.nat(),
        (outlines, at) => {
          const totalAt = at % outlines.length;
          const cands: UnitCandidate[] = outlines.map((o, i) => ({
            line: unit(i),
            total: i === totalAt,
            subtotal: false,
            outline: o,
          }));
          if (new Set(outlines).size < 2) return; // no varying signal: not built from levels
          // Totals sit above everything (level min − 1), as buildSplits does.
          const min = Math.min(...outlines);
          const level = outlines.map((o, i) => (i === totalAt ? min - 1 : o));
          expect(shape(buildSplits(cands))).toEqual(oracle(cands, level));
        },
      ),
      { numRuns: 500 },
    );
  });

  test("50,000 units under 合计 with outline levels: built without a quadratic pass", () => {
    const n = 50_000;
    const cands: UnitCandidate[] = Array.from({ length: n }, (_, i) => ({
      line: unit(i),
      total: i === 0,
      subtotal: false,
      // Every 100th a city (level 1), the rest its districts (level 2).
      outline: i === 0 ? 0 : i % 100 === 1 ? 1 : 2,
    }));
    const splits = buildSplits(cands);
    expect(splits[0].children).toHaveLength(500);
    expect(splits).toHaveLength(501);
    expect(splits.slice(1).every((s) => s.level === 1 && s.children.length >= 98)).toBe(true);
    expect(splits.slice(1).reduce((sum, s) => sum + s.children.length, 0)).toBe(n - 1 - 500);
  });
});

describe("splits from a 上级单位 line", () => {
  /** The definition, straight: each unit's parent is the first other unit of the declared name. */
  function declaredOracle(cands: UnitCandidate[]) {
    const top = cands.find((c) => c.total);
    const parentOf = (c: UnitCandidate) => cands.find((p) => p !== c && p.line.unit === c.declaredParent);
    const childrenOf = new Map<UnitCandidate, number[]>();
    for (const c of cands) {
      if (c === top) continue;
      const owner = (c.declaredParent ? parentOf(c) : top) ?? top;
      if (owner) childrenOf.set(owner, [...(childrenOf.get(owner) ?? []), c.line.line]);
    }
    const depth = (c: UnitCandidate, seen = new Set<UnitCandidate>()): number => {
      if (c === top || !c.declaredParent || seen.has(c)) return 0;
      seen.add(c);
      const p = parentOf(c);
      return p ? 1 + depth(p, seen) : 1;
    };
    return cands
      .filter((c) => childrenOf.has(c))
      .map((c) => ({ parent: c.line.line, children: childrenOf.get(c)!, level: depth(c) }));
  }

  test("any declared parents (cycles, self, unknown names, repeats): the same tree as the definition", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.option(fc.integer({ min: 0, max: 7 }))), {
          minLength: 2,
          maxLength: 20,
        }),
        (rows) => {
          const cands: UnitCandidate[] = rows.map(([name, parent], i) => ({
            line: { ...unit(i), unit: `单位${name}` },
            total: i === 0,
            subtotal: false,
            declaredParent: parent === null ? undefined : `单位${parent}`,
          }));
          if (!cands.some((c) => c.declaredParent)) return;
          expect(shape(buildSplits(cands))).toEqual(declaredOracle(cands));
        },
      ),
      { numRuns: 500 },
    );
  });

  test("50,000 units each naming its city: one pass, not one search per unit", () => {
    const n = 50_000;
    const cands: UnitCandidate[] = Array.from({ length: n }, (_, i) => {
      const city = i % 100 === 1;
      return {
        line: { ...unit(i), unit: i === 0 ? "合计" : city ? `城市${i}` : `区${i}` },
        total: i === 0,
        subtotal: false,
        declaredParent: i === 0 || city ? undefined : `城市${Math.floor((i - 1) / 100) * 100 + 1}`,
      };
    });
    const splits = buildSplits(cands);
    expect(splits).toHaveLength(501);
    expect(splits[0].children).toHaveLength(500);
    expect(splits.slice(1).reduce((sum, s) => sum + s.children.length, 0)).toBe(n - 1 - 500);
  });
});

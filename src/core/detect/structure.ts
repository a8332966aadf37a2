/**
 * Relations between indicator rows: 其中 parts under their total, and component rows that add
 * up to a total row in every unit (粮食 = 水稻 + 小麦 + 旱杂粮).
 */
import { Decimal } from "../decimal";
import type { ComponentGroup, GrowthLink, IndicatorLine, PartGroup, WeightLink } from "../model";
import { normalizeLabel } from "../text";
import { PART_WORDS } from "../vocabulary/lines";
import { GDP_WORDS } from "../vocabulary/indicators";
import { perDistinctText } from "../textMemo";
import { parseAt } from "../table";
import type { SheetView } from "./view";

/** 其中, 含, of which: the part words of the vocabulary, at the start of a row's name. */
const PART = new RegExp(`^(${PART_WORDS.filter((w) => !/[a-z]/i.test(w)).join("|")})[:：]?`);

function leading(raw: unknown): number {
  if (typeof raw !== "string") return 0;
  const m = /^[\s\u3000]*/.exec(raw);
  return m ? m[0].length : 0;
}

/** A 其中 row and the indented rows after it belong to the nearest non-part row above. */
export function findParts(view: SheetView, nameLine: number, indicators: IndicatorLine[]): PartGroup[] {
  const groups: PartGroup[] = [];
  const inParts = new Set<number>();
  let current: PartGroup | null = null;
  let partIndent = -1;
  indicators.forEach((ind, i) => {
    const raw = view.raw(ind.line, nameLine);
    const label = normalizeLabel(typeof raw === "string" ? raw : "");
    const indent = leading(raw);
    if (PART.test(label) && i > 0) {
      if (!current) {
        // The nearest row above that is not itself a part.
        let total: IndicatorLine | undefined;
        for (let k = i - 1; k >= 0 && !total; k--)
          if (!inParts.has(indicators[k].line)) total = indicators[k];
        if (!total) return;
        current = { total: total.line, parts: [], why: { by: "keyword", evidence: PART.exec(label)![1] } };
        groups.push(current);
      }
      current.parts.push(ind.line);
      inParts.add(ind.line);
      partIndent = indent;
      return;
    }
    // Further parts are written indented like the first, without repeating 其中.
    if (current && indent > 0 && indent >= partIndent) {
      current.parts.push(ind.line);
      inParts.add(ind.line);
      return;
    }
    current = null;
    partIndent = -1;
  });
  return groups;
}

/**
 * Discovers component rows: the k rows after an additive row that add up to it exactly in most
 * units (at least 3, and more than half of those where all are numbers). Coincidence across
 * several units is implausible; where it then fails in a unit, that unit is a real finding.
 */
/** Units a candidate component group is first tried on. */
const SAMPLE_UNITS = 16;

export function findComponents(
  view: SheetView,
  unitLines: () => number[],
  indicators: IndicatorLine[],
  parts: PartGroup[],
): ComponentGroup[] {
  // The lines are listed only when some group of rows is worth testing (most tables have none).
  let listed: number[] | undefined;
  const linesOf = () => (listed ??= unitLines());
  const inParts = new Set(parts.flatMap((g) => [g.total, ...g.parts]));
  const groups: ComponentGroup[] = [];
  const used = new Set<number>();
  // Each cell is parsed once, however many candidate groups read it.
  const cache = new Map<number, (Decimal | null)[]>();
  const value = (ind: IndicatorLine, li: number): Decimal | null => {
    let row = cache.get(ind.line);
    if (!row) cache.set(ind.line, (row = new Array(linesOf().length)));
    let v = row[li];
    if (v === undefined) {
      const c = parseAt(view, ind.line, linesOf()[li], ind.measure);
      v =
        c.kind === "number" && !c.bound
          ? c.value
          : c.kind === "dash" || c.kind === "empty"
            ? Decimal.ZERO
            : null;
      row[li] = v;
    }
    return v;
  };
  /** Units tested and units where the components add up to the total, over lines[from, to). */
  const count = (total: IndicatorLine, comps: IndicatorLine[], from: number, to: number) => {
    let tested = 0;
    let holds = 0;
    for (let li = from; li < to; li++) {
      const t = value(total, li);
      if (!t || t.isZero()) continue;
      let sum = Decimal.ZERO;
      let usable = true;
      for (const c of comps) {
        const v = value(c, li);
        if (v === null) {
          usable = false;
          break;
        }
        sum = sum.add(v);
      }
      if (!usable) continue;
      tested++;
      if (sum.eq(t)) holds++;
    }
    return { tested, holds };
  };
  for (let i = 0; i < indicators.length; i++) {
    const total = indicators[i];
    if (total.kind !== "additive" || inParts.has(total.line) || used.has(total.line)) continue;
    for (let k = 2; k <= 8 && i + k < indicators.length; k++) {
      const comps = indicators.slice(i + 1, i + 1 + k);
      if (
        comps.some(
          (c) =>
            c.kind !== "additive" || c.measure !== total.measure || inParts.has(c.line) || used.has(c.line),
        )
      )
        break;
      // A relation that holds in most units shows in the first few: test those before all of them.
      const sample = count(total, comps, 0, Math.min(linesOf().length, SAMPLE_UNITS));
      if (sample.holds < Math.min(3, sample.tested) || sample.holds * 2 <= sample.tested) continue;
      const { tested, holds } = count(total, comps, 0, linesOf().length);
      if (holds >= 3 && holds * 2 > tested) {
        groups.push({
          total: total.line,
          components: comps.map((c) => c.line),
          why: { by: "arithmetic", evidence: `sum holds in ${holds} of ${tested} units` },
        });
        comps.forEach((c) => used.add(c.line));
        used.add(total.line);
        break;
      }
    }
  }
  return groups;
}

const GDP = new RegExp(`(${GDP_WORDS.join("|")})`, "i");
const SHARE_OF_GDP = new RegExp(`占(${GDP_WORDS.join("|")})`, "i");
/** Per distinct name (textMemo.ts): a GDP row's name, and a ratio-to-GDP row's. */
const namesGdp = perDistinctText(
  (name: string) => GDP.test(normalizeLabel(name)) && !/增长|增速|比重/.test(name),
);
const namesShareOfGdp = perDistinctText((name: string) => SHARE_OF_GDP.test(normalizeLabel(name)));

/** Ratio rows measured against GDP take the table's GDP row as their weights. */
export function findWeights(indicators: IndicatorLine[]): WeightLink[] {
  const gdp = indicators.find((i) => i.kind === "additive" && namesGdp(i.name));
  if (!gdp) return [];
  return indicators
    .filter((i) => i.kind === "ratio" && namesShareOfGdp(i.name))
    .map((i) => ({
      ratio: i.line,
      weight: gdp.line,
      why: { by: "keyword" as const, evidence: `${gdp.name}` },
    }));
}

/** The stem that base, rate and target rows of one growth chain share: years, 目标, 增长… removed. */
const growthStem = perDistinctText(growthStemText);

function growthStemText(name: string): string {
  return normalizeLabel(name)
    .replace(/[(（][^()（）]*[)）]/g, "")
    .replace(/(19|20)\d{2}年?度?/g, "")
    .replace(/(实际完成|实际|完成|预计|基数|基期|上年|目标值|目标|计划|增长率|增长|增速|增幅)/g, "");
}

/**
 * A growth chain is a base row, a 增长/增速 (%) row and a target row with the same stem, in
 * that order (2023年GDP, GDP增长, 2024年GDP目标): only then is target = base × (1 + rate).
 */
export function findGrowth(
  indicators: IndicatorLine[],
  view?: SheetView,
  unitLines?: () => number[],
): GrowthLink[] {
  const links = namedGrowth(indicators);
  if (view && unitLines) links.push(...growthByArithmetic(indicators, view, unitLines, links));
  return links;
}

const GROWTH_WORDS = /增长|增速|增幅|growth/i;
const HALF = Decimal.parse("0.5")!;
const HUNDRED = Decimal.fromInt(100);

/**
 * A 增长 (%) column beside two amounts in any order and whatever their names (2024年完成,
 * 2025年目标, 增长): the link is made where the arithmetic says so — on most units the later amount
 * is the earlier × (1 + rate) within rounding — so a unit where it fails is a slip, not a misreading.
 */
function growthByArithmetic(
  indicators: IndicatorLine[],
  view: SheetView,
  unitLines: () => number[],
  named: GrowthLink[],
): GrowthLink[] {
  const rates = indicators.filter(
    (i) => i.kind === "ratio" && GROWTH_WORDS.test(i.name) && !named.some((l) => l.rate === i.line),
  );
  if (!rates.length) return [];
  const amounts = indicators.filter((i) => i.kind === "additive");
  if (amounts.length < 2) return [];
  const lines = unitLines();
  const cells = new Map<number, ({ value: Decimal; decimals: number } | null)[]>();
  const at = (ind: IndicatorLine, li: number) => {
    let row = cells.get(ind.line);
    if (!row) cells.set(ind.line, (row = new Array(lines.length)));
    if (row[li] === undefined) {
      const c = parseAt(view, ind.line, lines[li], ind.measure);
      row[li] = c.kind === "number" && !c.bound ? { value: c.value, decimals: c.shownDecimals } : null;
    }
    return row[li];
  };
  const links: GrowthLink[] = [];
  // As for component rows: every pair of amounts is tried on the first units, and only a pair the
  // sample does not rule out on all of them (20 amounts × 50,000 units would be 380 full passes).
  for (const rate of rates) {
    let best: { base: IndicatorLine; target: IndicatorLine; holds: number } | undefined;
    for (const base of amounts)
      for (const target of amounts) {
        if (base === target || base.measure !== target.measure) continue;
        if (named.some((l) => l.target === target.line)) continue;
        if (lines.length > SAMPLE_UNITS && !fits(base, rate, target, SAMPLE_UNITS)) continue;
        const { tested, holds } = fit(base, rate, target, lines.length);
        if (tested >= 3 && holds >= 2 && holds * 3 >= tested * 2 && (!best || holds > best.holds))
          best = { base, target, holds };
      }
    if (best)
      links.push({
        base: best.base.line,
        rate: rate.line,
        target: best.target.line,
        why: { by: "arithmetic", evidence: `${best.holds} units` },
      });
  }
  return links;

  /** Units tested and units where target = base × (1 + rate) within rounding, over the first `upTo`. */
  function fit(base: IndicatorLine, rate: IndicatorLine, target: IndicatorLine, upTo: number) {
    let tested = 0;
    let holds = 0;
    for (let li = 0; li < upTo; li++) {
      const b = at(base, li);
      const r = at(rate, li);
      const t = at(target, li);
      if (!b || !r || !t || b.value.isZero()) continue;
      tested++;
      // The rule's own bound: each of the three is rounded to its last shown digit.
      const factor = HUNDRED.add(r.value);
      const gap = t.value.mul(HUNDRED).sub(b.value.mul(factor)).abs();
      const unit = (d: number) => Decimal.of(1n, d);
      const allowed = unit(t.decimals)
        .mul(HUNDRED)
        .add(factor.mul(unit(b.decimals)))
        .add(b.value.abs().mul(unit(r.decimals)))
        .mul(HALF);
      if (gap.le(allowed)) holds++;
    }
    return { tested, holds };
  }

  /** Whether the first units leave the pair a chance: no more than half of them fail. */
  function fits(base: IndicatorLine, rate: IndicatorLine, target: IndicatorLine, upTo: number): boolean {
    const { tested, holds } = fit(base, rate, target, upTo);
    return tested < 3 || holds * 2 >= tested;
  }
}

function namedGrowth(indicators: IndicatorLine[]): GrowthLink[] {
  const links: GrowthLink[] = [];
  indicators.forEach((rate, i) => {
    if (rate.kind !== "ratio" || !/增长|增速|增幅/.test(rate.name) || i === 0 || i + 1 >= indicators.length)
      return;
    const base = indicators[i - 1];
    const target = indicators[i + 1];
    const stem = growthStem(rate.name);
    if (!stem || base.kind !== "additive" || target.kind !== "additive" || base.measure !== target.measure)
      return;
    if (growthStem(base.name) !== stem || growthStem(target.name) !== stem) return;
    links.push({
      base: base.line,
      rate: rate.line,
      target: target.line,
      why: { by: "keyword", evidence: stem },
    });
  });
  return links;
}

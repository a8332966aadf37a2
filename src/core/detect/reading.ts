/**
 * A reading of one frame in one orientation: which line is the parent, which are children, which
 * is an assignment, what each indicator is — each decision with its evidence, and a score that
 * says how strongly the evidence supports the reading as a whole. detectTables.ts reads every
 * frame both ways and keeps the stronger reading (docs/table-understanding.md).
 */
import { a1 } from "../address";
import type { RawValue } from "../grid";
import type {
  ComponentGroup,
  Evidence,
  IndicatorLine,
  Orientation,
  PeriodLine,
  Reason,
  Split,
  SplitTable,
  TableMap,
  UnitLine,
} from "../model";
import { displayLabel, normalizeLabel } from "../text";
import { labelOf, labelWith } from "../vocabulary/words";
import { LEVEL_WORDS } from "../vocabulary/headers";
import { addsToHundred, fitIsEvidence, sumFit, type Fit } from "./arithmetic";
import { CODE, isValueCode } from "./cells";
import type { Frame, SheetCells } from "./frame";
import { buildSplits, type UnitCandidate } from "./hierarchy";
import { classifyIndicator } from "./indicator";
import { parseCell } from "../parse/cellText";
import { classify, isNoteLine, isSentence, measureFromName, UNIT_SUFFIX, type LabelRole } from "./labels";
import { findComponents, findGrowth, findParts, findWeights } from "./structure";
import { sheetView, type SheetView } from "./view";

/** What a line across the units does in a table. */
export type LineRole =
  | "child"
  | "total"
  | "subtotal"
  | "target"
  | "level-target"
  | "assignment"
  | "part"
  | "derived"
  | "measure"
  | "note"
  | "attribute"
  | "period"
  | "structure"
  | "caption";

/** Why a frame was not read as a table that can be checked. */
export type MissReason = "no-parent" | "no-units" | "no-indicators" | "single-period";

export interface Reading {
  orientation: Orientation;
  tables: TableMap[];
  score: number;
  /** What the reading rests on, for `tdcheck detect`: "合计: total word + sums 4 of 5 rows". */
  evidence: Evidence[];
  miss?: MissReason;
}

export interface ReadOptions {
  /** The user said this is a table: no confidence gate. */
  declared?: boolean;
  /**
   * The score of a reading already found in the other orientation: arithmetic (a search over
   * many rows) is not tried when even its best outcome could not beat it.
   */
  mustBeat?: number;
}

interface UnitInfo {
  line: number;
  label: string;
  display: string;
  role: LineRole;
  word?: LabelRole;
}

const SCORE = {
  wordParent: 12,
  namesParent: 8,
  arithmeticParent: 6,
  assignment: 2,
  corner: 3,
  measures: 3,
  measureLine: 2,
  indicatorWords: 2,
  unitNames: 2,
  progression: 6,
};

/** Wording a target can be given in (快于全省平均), as the cell parser judges it. */
function isQualitativeText(v: RawValue): boolean {
  const c = parseCell(v);
  return c.kind === "text" && c.qualitative;
}

function textOf(v: RawValue): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return "";
}

/** Roles a label in an upper header row may lend to an empty header cell below it. */
const LENDABLE = new Set([
  "name",
  "index",
  "measure",
  "note",
  "assignment",
  "total",
  "target",
  "unit-header",
]);

export function readFrame(
  cells: SheetCells,
  frame: Frame,
  orientation: Orientation,
  options: ReadOptions = {},
): Reading {
  const grid = cells.grid;
  const view = sheetView(grid, orientation);
  const across = orientation === "indicators-in-rows";
  const headerLine = across ? frame.header : frame.labelCol;
  const nameLine = across ? frame.labelCol : frame.header;
  const upper = frame.headerRows.length > 1 ? frame.headerRows[0] : undefined;
  const unitLines = across ? frame.cols : frame.body;
  const indicatorLines = across ? frame.body : frame.cols;
  const evidence: Evidence[] = [];
  const miss = (reason: MissReason, score = 0): Reading => ({
    orientation,
    tables: [],
    score,
    evidence,
    miss: reason,
  });

  /** A view cell's shape code, from the sheet's codes (made once per row). */
  const codeAt = across
    ? (row: number, line: number) => cells.code(row, line)
    : (row: number, line: number) => cells.code(line, row);

  /** A cell of the sheet as the view sees it, or the top-left cell of the merged area it lies in. */
  const rawOrMerged = (row: number, line: number): RawValue => {
    const v = view.raw(row, line);
    if (v !== undefined && v !== null && v !== "") return v;
    const at = view.toSheet(row, line);
    const origin = cells.mergeOrigin(at.row, at.col);
    return origin ? cells.raw(origin.row, origin.col) : v;
  };
  const unitText = (line: number): string => {
    const own = textOf(rawOrMerged(headerLine, line));
    if (upper === undefined || !across || normalizeLabel(own)) return own;
    const above = textOf(cells.raw(upper, line));
    return LENDABLE.has(classify(labelOf(above)).role) ? above : own;
  };
  const indicatorName = (line: number): string => {
    const own = textOf(rawOrMerged(line, nameLine));
    if (upper === undefined || across || normalizeLabel(own)) return own;
    return textOf(cells.raw(upper, line));
  };

  // ---- A bound first: without a parent word or periods among the units, could this reading
  // still beat the one already found? (Saves reading 50,000 indicator lines the wrong way round.)
  if (options.mustBeat !== undefined) {
    const bound = upperBound(cells, frame, orientation, unitLines, unitText);
    if (bound !== undefined && bound <= options.mustBeat) return miss("no-parent", bound);
  }

  // ---- Indicators: the lines along the units, each named in the name line.
  const structure = new Map<"parent" | "level", number>();
  const noteLines: number[] = [];
  const indicatorRows: { line: number; name: string; measure?: string }[] = [];
  /** A line of measure words beside the indicators (单位: 个) gives the measure of those after it. */
  let lineMeasure: string | undefined;
  for (const line of indicatorLines) {
    const text = indicatorName(line);
    const name = displayLabel(text);
    if (!name) continue;
    const key = normalizeLabel(text);
    if (isNoteLine(key)) {
      noteLines.push(line);
      continue;
    }
    const role = classify(labelOf(text)).role;
    if (role === "parent-line" && !structure.has("parent")) {
      structure.set("parent", line);
      continue;
    }
    if (role === "level-line" && !structure.has("level")) {
      structure.set("level", line);
      continue;
    }
    if (role === "note" || role === "index") {
      noteLines.push(line);
      continue;
    }
    let values = 0;
    let measureWords = 0;
    let texts = 0;
    let qualitative = 0;
    for (const u of unitLines) {
      const code = codeAt(line, u);
      if (code === CODE.blank) continue;
      if (isValueCode(code)) {
        // One number makes it an indicator: what follows cannot change that.
        values++;
        break;
      } else if (code === CODE.measure) measureWords++;
      else {
        texts++;
        if (isQualitativeText(view.raw(line, u))) qualitative++;
      }
    }
    // A line of text only (names, departments, remarks) describes the units; it is an indicator
    // only where its words are targets (快于全省平均, 持续提升).
    if (values === 0 && texts >= 2 && qualitative * 2 <= texts) {
      noteLines.push(line);
      continue;
    }
    // A line of measure words is the measures' line of the other orientation, not an indicator.
    if (values === 0 && measureWords > 0) {
      lineMeasure = sameMeasure(view, line, unitLines);
      continue;
    }
    indicatorRows.push({ line, name, measure: lineMeasure });
  }
  if (indicatorRows.length === 0) return miss("no-indicators");

  // ---- Units: what each line across the indicators is.
  let cut = false;
  const units: UnitInfo[] = [];
  for (const line of unitLines) {
    const text = unitText(line);
    const display = displayLabel(text);
    const label = normalizeLabel(text);
    const labelled = labelWith(label, text);
    let values = 0,
      texts = 0,
      measures = 0;
    for (const ind of indicatorRows) {
      const code = codeAt(ind.line, line);
      if (code === CODE.blank) continue;
      if (isValueCode(code)) {
        // One number makes it a line of values: its role then comes from its name alone.
        values++;
        break;
      } else if (code === CODE.measure) measures++;
      else texts++;
    }
    const word = label ? classify(labelled) : undefined;
    const worded = word ? WORDED_ROLES[word.role] : undefined;
    let role: LineRole;
    if (cut) role = "note";
    // A line with no name is nobody's: its numbers belong to no unit.
    else if (!label) role = "caption";
    else if (NOTE_HINT.test(text) && (isNoteLine(text) || isSentence(text))) {
      role = "note";
      // Everything after a note (注：…) below a table is notes too.
      cut = !across;
    } else if (word?.role === "period") role = "period";
    else if (measures > 0 && values === 0 && measures >= texts) role = "measure";
    else if (word?.role === "note" || word?.role === "index") role = "note";
    else if (values === 0 && texts >= 2) role = "attribute";
    else if (worded && !(values === 0 && texts > 0)) role = worded;
    else if (word?.role === "name" || word?.role === "unit-header") role = "caption";
    else if (values === 0 && texts === 0 && (!label || CAPTION.test(label))) role = "caption";
    else role = "child";
    units.push({ line, label, display, role, word });
  }
  const measureUnit = units.find((u) => u.role === "measure");

  // ---- Indicator facts.
  const suffixOf = (line: number): string | undefined => {
    let found: string | undefined;
    for (const u of units) {
      if (u.role === "note" || u.role === "measure") continue;
      const sh = cells.shapes.of(view.raw(line, u.line));
      if (sh.suffix) {
        if (found !== undefined && found !== sh.suffix) return undefined;
        found = sh.suffix;
      }
    }
    return found;
  };
  const indicators: IndicatorLine[] = indicatorRows.map(({ line, name, measure: beside }) => {
    const fromLine = measureUnit ? normalizeLabel(textOf(view.raw(line, measureUnit.line))) : (beside ?? "");
    const measure =
      measureFromName(normalizeLabel(name)) || fromLine || frame.measure || suffixOf(line) || "";
    const facts = classifyIndicator(name, measure);
    const { shareCandidate: _s, ...rest } = facts;
    void _s;
    return { line, name, measure, ...rest, ...(facts.shareCandidate ? { shareCandidate: true } : {}) };
  });

  // ---- Orientation evidence that does not depend on the parent.
  let score = 0;
  const corner = normalizeLabel(textOf(cells.raw(frame.header, frame.labelCol)));
  if (corner) {
    const role = classify(labelOf(textOf(cells.raw(frame.header, frame.labelCol)))).role;
    const says =
      role === "name" ? "indicators-in-rows" : role === "unit-header" ? "units-in-rows" : undefined;
    if (says) {
      score += says === orientation ? SCORE.corner : -SCORE.corner;
      if (says === orientation) evidence.push({ code: "corner-header", label: corner });
    }
  }
  // Shares of names with a measure or an indicator's wording, judged on an even sample of at most
  // EVIDENCE_SAMPLE names (a table of 50,000 units need not have each name parsed for it).
  const withMeasure = (names: string[]) =>
    sampled(names).filter((n) => measureFromName(normalizeLabel(n)) !== undefined).length *
    (names.length / Math.max(1, sampled(names).length));
  const indicatorNames = indicators.map((i) => i.name);
  const unitNames = units.filter((u) => u.label).map((u) => u.display);
  if (withMeasure(indicatorNames) * 2 >= indicatorNames.length && indicatorNames.length) {
    score += SCORE.measures;
    evidence.push({ code: "measures-in-names" });
  }
  if (unitNames.length && withMeasure(unitNames) * 2 >= unitNames.length) score -= SCORE.measures;
  if (measureUnit) {
    score += SCORE.measureLine;
    evidence.push({ code: "measure-line", label: measureUnit.display });
  }
  const worded = (names: string[]) =>
    (names.length / Math.max(1, sampled(names).length)) *
    sampled(names).filter((n) => {
      const f = classifyIndicator(n, "");
      return f.kind !== "additive" || f.flow !== "unknown" || f.direction === "cap";
    }).length;
  if (indicatorNames.length && worded(indicatorNames) * 3 >= indicatorNames.length)
    score += SCORE.indicatorWords;
  if (unitNames.length && worded(unitNames) * 3 >= unitNames.length) score -= SCORE.indicatorWords;
  const suffixed = units.filter((u) => u.role === "child" && UNIT_SUFFIX.test(u.label)).length;
  if (suffixed >= 2 && suffixed * 2 >= units.filter((u) => u.role === "child").length) {
    score += SCORE.unitNames;
    evidence.push({ code: "division-suffixes" });
  }

  const base = {
    parts: findParts(view, nameLine, indicators),
    components: [] as ComponentGroup[],
    weights: findWeights(indicators),
    growth: findGrowth(indicators),
    sheet: grid.name,
    orientation,
    range: rangeOf(view, frame, orientation),
    headerLine,
    nameLine,
    measureLine: measureUnit?.line,
    indexLine: across ? frame.indexCol : undefined,
    noteLines: [
      ...noteLines,
      ...units.filter((u) => u.role === "note" || u.role === "attribute").map((u) => u.line),
    ],
    indicators: indicators.map(stripCandidate),
    defaultMeasure: frame.measure,
  };

  // ---- A progression: periods across (2023, 2024, 2025), never summed, except under a period total.
  const periods = units.filter((u) => u.role === "period");
  if (periods.length >= 2) return progression(periods, units, base, score, evidence, orientation);

  // ---- The parent: a word, the dictionary, or arithmetic.
  const lines = units.filter((u) => ["child", "total", "target", "subtotal"].includes(u.role));
  const childLines = units.filter((u) => u.role === "child");
  if (childLines.length === 0 && lines.length <= 1) return miss("no-units", score);
  // 省目标 heads the units on the province's own sheet; beside a unit's own target it is what was assigned.
  const levelTarget = units.find((u) => u.role === "level-target");
  if (levelTarget)
    levelTarget.role = lines.some((u) => u.role === "total" || u.role === "target") ? "assignment" : "target";
  if (levelTarget?.role === "target")
    lines.splice(
      0,
      lines.length,
      ...units.filter((u) => ["child", "total", "target", "subtotal"].includes(u.role)),
    );
  let parent: UnitInfo | undefined = lines.find((u) => u.role === "total" || u.role === "target");
  let why: Reason | undefined;
  const headed = (p: UnitInfo) => childLines.filter((u) => u !== p).map((u) => u.line);
  const fitOf = (p: UnitInfo): Fit => sumFit(view, indicators, p.line, headed(p));
  if (parent) {
    // Support for a word is evidence only: on a table too large to sum cheaply it is left out.
    const fit = childLines.length <= SUPPORT_LIMIT ? fitOf(parent) : { tested: 0, holds: 0 };
    why = {
      by: "keyword",
      evidence: parent.word && "keyword" in parent.word ? parent.word.keyword : parent.label,
      ...(fit.tested
        ? { support: [{ by: "arithmetic" as const, evidence: `${fit.holds}/${fit.tested}` }] }
        : {}),
    };
    // The arithmetic that supports a word weighs when orientations compete, never against the word.
    score += SCORE.wordParent + Math.min(fit.holds, 4);
    evidence.push({
      code: parent.role === "target" ? "own-target" : "total-word",
      label: parent.display,
      ...(fit.tested ? { holds: fit.holds, tested: fit.tested } : {}),
    });
  }

  // Lines beyond the first total are group totals (市区合计 under 全市).
  for (const u of lines) if (u !== parent && (u.role === "total" || u.role === "target")) u.role = "subtotal";

  const assignment = units.find((u) => u.role === "assignment");
  if (assignment) {
    score += SCORE.assignment;
    evidence.push({ code: "assignment-word", label: assignment.display });
  }

  const candidatesFor = (top: UnitInfo | undefined): UnitCandidate[] =>
    units
      .filter((u) => u === top || u.role === "child" || u.role === "subtotal")
      .map((u) => candidate(u, u === top, u === top ? topWhy(u) : undefined));
  const topWhy = (u: UnitInfo): Reason => why ?? { by: "keyword", evidence: u.label };
  const indents = grid.indents?.size ? grid.indents : undefined;
  const outlines = across ? undefined : grid.outlineLevels;
  const candidate = (u: UnitInfo, total: boolean, reason?: Reason): UnitCandidate => {
    const at = indents || outlines ? view.toSheet(headerLine, u.line) : undefined;
    const raw = view.raw(headerLine, u.line);
    const declaredParent = structure.has("parent") ? view.raw(structure.get("parent")!, u.line) : undefined;
    const declaredLevel = structure.has("level") ? view.raw(structure.get("level")!, u.line) : undefined;
    const unitName =
      u.word?.role === "total" ? u.word.unit : u.word?.role === "target" ? u.word.unit : u.display;
    const line: UnitLine = {
      line: u.line,
      label: u.display,
      unit: total ? unitName : u.display,
      why: reason ?? { by: u.word?.role === "unit" ? "keyword" : "position", evidence: u.label },
    };
    return {
      line,
      total,
      subtotal: u.role === "subtotal",
      declaredParent:
        typeof declaredParent === "string" && declaredParent.trim()
          ? normalizeLabel(declaredParent)
          : undefined,
      declaredLevel: levelOf(declaredLevel),
      outline: at && outlines ? outlines.get(at.row) : undefined,
      indent: at && indents ? indents.get(`${at.row},${at.col}`) : undefined,
      leadingSpaces: typeof raw === "string" ? leadingSpaces(raw) : undefined,
    };
  };

  let splits: Split[] = [];
  if (parent) splits = buildSplits(candidatesFor(parent));
  else {
    // No word: the division dictionary may name one listed unit as the parent of the others.
    const byNames = buildSplits(candidatesFor(undefined));
    if (byNames.length) {
      splits = byNames;
      score += SCORE.namesParent;
      evidence.push({ code: "division-names", label: byNames[0].parent.label });
    } else if (options.mustBeat !== undefined && score + SCORE.arithmeticParent + 4 <= options.mustBeat) {
      return miss("no-parent", score);
    } else {
      // Arithmetic alone: the first or last unit equals the sum of the others on most rows.
      const ends = childLines.length >= 3 ? [childLines[childLines.length - 1], childLines[0]] : [];
      for (const p of ends) {
        const fit = fitOf(p);
        if (fitIsEvidence(fit) || (options.declared && fit.holds >= 1)) {
          parent = p;
          why = { by: "arithmetic", evidence: `sum holds on ${fit.holds} of ${fit.tested} rows` };
          score += SCORE.arithmeticParent + Math.min(fit.holds, 4);
          evidence.push({ code: "arithmetic", label: p.display, holds: fit.holds, tested: fit.tested });
          break;
        }
      }
      if (parent) splits = buildSplits(candidatesFor(parent));
    }
  }
  // A hierarchy read from names alone stands only where the arithmetic supports it.
  if (splits.length > 1 && splits.every((s) => s.why.evidence === "division names")) {
    const flat = flatAgainstNames(view, indicators, splits);
    if (flat) {
      splits = [flat];
      evidence.push({ code: "flat-sum", label: flat.parent.label });
    }
  }

  if (splits.length === 0 || splits.every((s) => s.children.length === 0)) {
    // No parent: component rows and 其中 parts are still checked within each unit.
    const allLines = childLines.map((u) => u.line);
    const components = findComponents(view, () => allLines, indicators, base.parts);
    if ((components.length || base.parts.length) && childLines.length >= 1) {
      evidence.push(components.length ? { code: "components", holds: components.length } : { code: "parts" });
      const table: SplitTable = {
        ...base,
        indicators: resolveShares(view, indicators, undefined, allLines),
        components,
        type: "split",
        policy: "exact",
        splits: [],
        units: childLines.map((u) => candidate(u, false).line),
      };
      return { orientation, tables: [table], score: score + PARENTLESS, evidence };
    }
    return miss("no-parent", score);
  }

  const top = splits.find((sp) => sp.level === 0);
  if (top && assignment)
    top.assignment = {
      line: assignment.line,
      label: assignment.display,
      unit: assignment.display,
      why: {
        by: "keyword",
        evidence:
          assignment.word && "keyword" in assignment.word ? assignment.word.keyword : assignment.label,
      },
    };
  const allLines = (): number[] => {
    const seen = new Set<number>();
    const out: number[] = [];
    for (const sp of splits)
      for (const l of [sp.parent.line, ...sp.children.map((c) => c.line)])
        if (!seen.has(l)) {
          seen.add(l);
          out.push(l);
        }
    return out;
  };
  const resolved = resolveShares(
    view,
    indicators,
    top?.parent.line,
    top ? top.children.map((c) => c.line) : [],
  );
  const table: SplitTable = {
    ...base,
    indicators: resolved,
    components: findComponents(view, allLines, resolved, base.parts),
    type: "split",
    policy: "exact",
    splits,
  };
  return { orientation, tables: [table], score, evidence };
}

/** The one measure word a line holds in every non-blank cell, if it is one. */
function sameMeasure(view: SheetView, line: number, units: readonly number[]): string | undefined {
  let found: string | undefined;
  for (const u of units) {
    const t = normalizeLabel(textOf(view.raw(line, u)));
    if (!t) continue;
    if (found !== undefined && found !== t) return undefined;
    found = t;
  }
  return found;
}

/** Names an evidence share is judged on, at most. */
const EVIDENCE_SAMPLE = 200;
/** Children beyond which a word parent's arithmetic support is not summed (it is only evidence). */
const SUPPORT_LIMIT = 5000;

function sampled<T>(items: T[]): T[] {
  if (items.length <= EVIDENCE_SAMPLE) return items;
  const step = items.length / EVIDENCE_SAMPLE;
  return Array.from({ length: EVIDENCE_SAMPLE }, (_, k) => items[Math.floor(k * step)]);
}

/**
 * The most a reading can score when its unit line holds no parent word and no periods: every
 * piece of orientation evidence in its favour and the strongest parent short of a word. Undefined
 * when a word or periods are there (the reading must be made). The corner header and measures in
 * the unit names are known cheaply, and count against it as they will.
 */
function upperBound(
  cells: SheetCells,
  frame: Frame,
  orientation: Orientation,
  unitLines: readonly number[],
  unitText: (line: number) => string,
): number | undefined {
  let periods = 0;
  let named = 0;
  let measured = 0;
  for (const line of unitLines) {
    const text = unitText(line);
    if (!normalizeLabel(text)) continue;
    const role = classify(labelOf(text)).role;
    if (role === "total" || role === "target" || role === "level-target") return undefined;
    if (role === "period" && ++periods >= 2) return undefined;
    if (named++ < EVIDENCE_SAMPLE && measureFromName(normalizeLabel(text)) !== undefined) measured++;
  }
  let bound =
    SCORE.corner +
    SCORE.measures +
    SCORE.measureLine +
    SCORE.indicatorWords +
    SCORE.unitNames +
    SCORE.assignment +
    Math.max(SCORE.namesParent, SCORE.arithmeticParent + 4, PARENTLESS);
  const corner = textOf(cells.raw(frame.header, frame.labelCol));
  const role = corner ? classify(labelOf(corner)).role : "other";
  const says = role === "name" ? "indicators-in-rows" : role === "unit-header" ? "units-in-rows" : undefined;
  if (says && says !== orientation) bound -= 2 * SCORE.corner;
  if (named && measured * 2 >= Math.min(named, EVIDENCE_SAMPLE)) bound -= SCORE.measures;
  return bound;
}

/** What a table with no parent but groups of rows that add up scores beyond its evidence. */
const PARENTLESS = 4;

/** What a note or a sentence holds somewhere (a colon, a full stop, a footnote mark, 注): most names hold none. */
const NOTE_HINT = /[:：.、。；;!?*†‡§¶)\]¹²³⁴⁵⁶⁷⁸⁹]|注/;

/** Unit-line roles a word gives outright. */
const WORDED_ROLES: Partial<Record<LabelRole["role"], LineRole>> = {
  total: "total",
  subtotal: "subtotal",
  target: "target",
  "level-target": "level-target",
  assignment: "assignment",
  part: "part",
  derived: "derived",
  "parent-line": "structure",
  "level-line": "structure",
};

/** A caption over a group of units (一、城区, （二）县市), not a unit: it holds no values. */
const CAPTION = /^([(（]?[一二三四五六七八九十]+[)）、.．]|各|其中)/;

type Candidate = IndicatorLine & { shareCandidate?: boolean };

function stripCandidate(i: Candidate): IndicatorLine {
  if (!i.shareCandidate) return i;
  const { shareCandidate: _s, ...rest } = i;
  void _s;
  return rest;
}

/** 占比, 比重: a share when the row adds up to 100 (or its parent says 100), else a ratio. */
function resolveShares(
  view: SheetView,
  indicators: Candidate[],
  parent: number | undefined,
  children: number[],
): IndicatorLine[] {
  return indicators.map((i) => {
    if (!i.shareCandidate) return ratioThatAddsUp(view, stripCandidate(i), parent, children);
    const plain = stripCandidate(i);
    if (!addsToHundred(view, i.line, i.measure, parent, children)) return plain;
    return {
      ...plain,
      kind: "share" as const,
      count: false,
      why: [
        ...plain.why.filter((w) => w.by !== "keyword"),
        { by: "arithmetic" as const, evidence: "adds up to 100" },
      ],
    };
  });
}

/**
 * A row named like a ratio (平均分, 人均…) whose parent is the sum of its children is a total of
 * such figures in this table (the class average's total score), not a mean: arithmetic beats words.
 */
function ratioThatAddsUp(
  view: SheetView,
  ind: IndicatorLine,
  parent: number | undefined,
  children: number[],
): IndicatorLine {
  if (ind.kind !== "ratio" || parent === undefined || children.length < 2) return ind;
  const additive: IndicatorLine = { ...ind, kind: "additive", count: false };
  const fit = sumFit(view, [additive], parent, children);
  if (fit.tested !== 1 || fit.holds !== 1) return ind;
  let nonZero = 0;
  for (const c of children) {
    const v = view.raw(ind.line, c);
    if (typeof v === "number" ? v !== 0 : typeof v === "string" && /[1-9]/.test(v)) nonZero++;
  }
  if (nonZero < 2) return ind;
  return { ...additive, why: [...ind.why, { by: "arithmetic", evidence: "adds up to its total" }] };
}

/**
 * Where the dictionary nests the units (青岛市 under 山东省) but the total is the flat sum of every
 * listed unit (计划单列市 listed beside the provinces), the table is flat.
 */
function flatAgainstNames(view: SheetView, indicators: IndicatorLine[], splits: Split[]): Split | undefined {
  const top = splits.find((s) => s.level === 0);
  if (!top) return undefined;
  const everyone = new Map<number, UnitLine>();
  for (const s of splits) for (const c of s.children) everyone.set(c.line, c);
  everyone.delete(top.parent.line);
  const flatFit = sumFit(view, indicators, top.parent.line, [...everyone.keys()]);
  let tested = 0;
  let holds = 0;
  for (const s of splits) {
    const f = sumFit(
      view,
      indicators,
      s.parent.line,
      s.children.map((c) => c.line),
    );
    tested += f.tested;
    holds += f.holds;
  }
  const hierarchyHolds = tested > 0 && holds * 2 > tested;
  const flatHolds = fitIsEvidence(flatFit) || (flatFit.tested > 0 && flatFit.holds === flatFit.tested);
  if (!flatHolds || (hierarchyHolds && holds / tested >= flatFit.holds / flatFit.tested)) return undefined;
  return {
    parent: top.parent,
    children: [...everyone.values()].sort((a, b) => a.line - b.line),
    level: 0,
    why: { by: "arithmetic", evidence: `flat sum holds on ${flatFit.holds} of ${flatFit.tested} rows` },
  };
}

function progression(
  periodUnits: UnitInfo[],
  units: UnitInfo[],
  base: Omit<SplitTable, "type" | "policy" | "splits">,
  score: number,
  evidence: Evidence[],
  orientation: Orientation,
): Reading {
  const periods: PeriodLine[] = periodUnits.map((u) => {
    const role = u.word as Extract<LabelRole, { role: "period" }>;
    return { line: u.line, label: u.display, year: role.year, span: role.span, total: role.total };
  });
  // A total word beside the years (合计) is the period total.
  const totalWord = units.find((u) => u.role === "total" || u.role === "target");
  if (totalWord && !periods.some((p) => p.total))
    periods.push({ line: totalWord.line, label: totalWord.display, year: 0, total: true });
  const single = periods.filter((p) => !p.total);
  evidence.push({ code: "periods", label: single.map((p) => p.label).join("、") });
  score += SCORE.progression + Math.min(single.length, 4);
  if (single.length === 0) return { orientation, tables: [], score: 0, evidence, miss: "single-period" };
  const prog: TableMap = { ...base, type: "progression", periods: single };
  const total = periods.find((p) => p.total);
  const years = total
    ? single.filter((p) => !total.span || (p.year >= total.span[0] && p.year <= total.span[1]))
    : [];
  if (!total || years.length < 2) {
    if (single.length < 2) return { orientation, tables: [], score: 0, evidence, miss: "single-period" };
    return { orientation, tables: [prog], score, evidence };
  }
  const why: Reason = { by: "keyword", evidence: total.label };
  const line = (p: PeriodLine): UnitLine => ({ line: p.line, label: p.label, unit: p.label, why });
  const split: TableMap = {
    ...base,
    type: "split",
    policy: "exact",
    acrossPeriods: true,
    splits: [{ parent: line(total), children: years.map(line), level: 0, why }],
  };
  evidence.push({ code: "period-total", label: total.label });
  return { orientation, tables: single.length >= 2 ? [split, prog] : [split], score, evidence };
}

function rangeOf(view: SheetView, frame: Frame, orientation: Orientation) {
  void view;
  void orientation;
  return { top: frame.top, left: frame.left, bottom: frame.bottom, right: frame.right };
}

const LEVELS = new Map<string, number>(
  LEVEL_WORDS.flatMap(([n, words]) => words.map((w) => [w, n] as const)),
);

/** A level written as a number (1, 2, 3) or a word (省, 市, 县/区, 乡/镇). */
function levelOf(v: RawValue): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v !== "string") return undefined;
  const t = normalizeLabel(v);
  if (/^\d+$/.test(t)) return Number(t);
  return LEVELS.get(t);
}

/** Leading spaces of a unit name, a full-width space counting as two (how planners indent by hand). */
function leadingSpaces(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0xa0) n += 1;
    else if (c === 0x3000) n += 2;
    else break;
  }
  return n;
}

export function cellName(view: SheetView, row: number, line: number): string {
  const p = view.toSheet(row, line);
  return a1(p.row, p.col);
}

/**
 * A reading of one frame in one orientation: which line is the parent, which are children, which
 * is an assignment, what each indicator is — each decision with its evidence, and a score that
 * says how strongly the evidence supports the reading as a whole. detectTables.ts reads every
 * frame both ways and keeps the stronger reading (docs/table-understanding.md).
 */
import type { RawValue } from "../grid";
import type {
  ComponentGroup,
  Evidence,
  IndicatorLine,
  Orientation,
  Reason,
  Split,
  SplitTable,
  TableMap,
  UnitLine,
} from "../model";
import { displayLabel, normalizeLabel } from "../text";
import { labelOf } from "../vocabulary/words";
import { fitIsEvidence, sumFit, type Fit } from "./arithmetic";
import { CODE, isValueCode } from "./cells";
import type { Frame, SheetCells } from "./frame";
import { buildSplits, type UnitCandidate } from "./hierarchy";
import { classifyIndicator } from "./indicator";
import { unitPartGroups } from "./unitParts";
import { classify, isNoteLine, measureFromName, measureLine, UNIT_SUFFIX } from "./labels";
import { findComponents, findGrowth, findParts, findWeights } from "./structure";
import { sheetView, type SheetView } from "./view";
import { isPercentFormat } from "../parse/cellText";
import {
  chooseWordParent,
  isQualitativeText,
  leadingSpaces,
  LENDABLE,
  numberingLevel,
  levelOf,
  sameMeasure,
  textOf,
  type LineRole,
  type UnitInfo,
} from "./lineRoles";
import { namedUnitsSample, PARENTLESS, sampled, SCORE, SUPPORT_LIMIT, upperBound } from "./score";
import { resolveShares, stripCandidate } from "./kinds";
import { flatAgainstNames, nestBySums } from "./flatOrNested";
import { progression } from "./progression";
import { readUnits } from "./unitLines";

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
    for (let k = 0; k < unitLines.length; k++) {
      const u = unitLines[k];
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

  /** Whether every text on a line is a 单位：人 field (a line of measures written with the word). */
  const unitsOfMeasure = (line: number): boolean => {
    let n = 0;
    for (const ind of indicatorRows) {
      const t = textOf(view.raw(ind.line, line));
      if (!t.trim()) continue;
      if (!measureLine(t)) return false;
      n++;
    }
    return n > 0;
  };
  // ---- Units: what each line across the indicators is.
  const units = readUnits({
    cells,
    frame,
    across,
    unitLines,
    indicatorRows,
    unitText,
    codeAt,
    unitsOfMeasure,
  });
  // Lines after a total that closes the units (a caption 图1…, a date, 附件2 under a bottom total)
  // hold no unit's targets; a unit left blank among the units is still a unit.
  let lastWithValues = units.length - 1;
  while (lastWithValues >= 0 && !units[lastWithValues].hasValues) lastWithValues--;
  if (lastWithValues >= 0 && units[lastWithValues].role === "total" && anyChildBefore(units, lastWithValues))
    for (let k = lastWithValues + 1; k < units.length; k++)
      if (units[k].role === "child") units[k].role = "note";
  // The roles other than child the units hold now: the passes below that look for a rare one (a
  // line of measures, notes, periods, 其中 parts, 省目标) are skipped where there is none. No step
  // between here and those passes gives a unit one of these roles.
  const held = new Set<LineRole>();
  for (let k = 0; k < units.length; k++) if (units[k].role !== "child") held.add(units[k].role);
  const measureUnit = held.has("measure") ? units.find((u) => u.role === "measure") : undefined;

  // ---- Indicator facts.
  // The measure the line's own figures carry (23项, 46%): on most of them, so one derived column
  // (% of total, 占比) beside Q1…Q4 does not make every row a percentage.
  const suffixOf = (line: number): string | undefined => {
    let found: string | undefined;
    let suffixed = 0;
    let figures = 0;
    let stated = false;
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (u.role === "note" || u.role === "measure") continue;
      const raw = view.raw(line, u.line);
      if (raw === undefined || raw === null || raw === "") continue;
      figures++;
      const sh = cells.shapes.of(raw);
      if (sh.suffix) {
        if (found !== undefined && found !== sh.suffix) return undefined;
        found = sh.suffix;
        suffixed++;
        // The assigned or stated target says its measure for the whole line (考核目标 23项).
        if (u.role === "assignment" || u.role === "total" || u.role === "target") stated = true;
      }
    }
    return stated || suffixed * 2 > figures ? found : undefined;
  };
  /** The measure in a two-row header's upper cell over this indicator (新增就业(人) over its years). */
  const groupMeasure = (line: number): string | undefined => {
    if (across || upper === undefined) return undefined;
    // Units down the rows: an indicator is a sheet column, its upper header cell in that column.
    const origin = cells.mergeOrigin(upper, line) ?? { row: upper, col: line };
    const above = textOf(cells.raw(origin.row, origin.col));
    return above ? measureFromName(normalizeLabel(above)) : undefined;
  };
  /** "%" when the line's numbers are shown with a percent format (0.5 as 50%). */
  const percentOf = (line: number): string | undefined => {
    let shown = 0;
    let percent = 0;
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (u.role === "note" || u.role === "measure" || shown >= 50) continue;
      const raw = view.raw(line, u.line);
      if (raw === undefined || raw === null || raw === "") continue;
      shown++;
      const f = view.format(line, u.line);
      if (f !== undefined && isPercentFormat(f)) percent++;
    }
    return shown > 0 && percent * 2 > shown ? "%" : undefined;
  };
  const indicators: IndicatorLine[] = indicatorRows.map(({ line, name, measure: beside }) => {
    const besideText = measureUnit ? textOf(view.raw(line, measureUnit.line)) : "";
    const fromLine = measureUnit ? (measureLine(besideText) ?? normalizeLabel(besideText)) : (beside ?? "");
    // Closest first: the name, a line of measures, what the cells themselves carry (23项, a percent
    // format), and only then the table's 单位： line.
    const measure =
      measureFromName(normalizeLabel(name)) ||
      fromLine ||
      groupMeasure(line) ||
      suffixOf(line) ||
      percentOf(line) ||
      frame.measure ||
      "";
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
  // Each share is judged on `sample` (sampled from `count` names) and scaled to all of them.
  const withMeasure = (sample: string[], count: number) =>
    sample.filter((n) => measureFromName(normalizeLabel(n)) !== undefined).length *
    (count / Math.max(1, sample.length));
  const indicatorNames = indicators.map((i) => i.name);
  const indicatorSample = sampled(indicatorNames);
  const { sample: unitSample, count: unitCount } = namedUnitsSample(units);
  if (
    withMeasure(indicatorSample, indicatorNames.length) * 2 >= indicatorNames.length &&
    indicatorNames.length
  ) {
    score += SCORE.measures;
    evidence.push({ code: "measures-in-names" });
  }
  if (unitCount && withMeasure(unitSample, unitCount) * 2 >= unitCount) score -= SCORE.measures;
  if (measureUnit) {
    score += SCORE.measureLine;
    evidence.push({ code: "measure-line", label: measureUnit.display });
  }
  const worded = (sample: string[], count: number) =>
    (count / Math.max(1, sample.length)) *
    sample.filter((n) => {
      const f = classifyIndicator(n, "");
      return f.kind !== "additive" || f.flow !== "unknown" || f.direction === "cap";
    }).length;
  if (indicatorNames.length && worded(indicatorSample, indicatorNames.length) * 3 >= indicatorNames.length)
    score += SCORE.indicatorWords;
  if (unitCount && worded(unitSample, unitCount) * 3 >= unitCount) score -= SCORE.indicatorWords;
  let suffixed = 0;
  let children = 0;
  for (let k = 0; k < units.length; k++)
    if (units[k].role === "child") {
      children++;
      if (UNIT_SUFFIX.test(units[k].label)) suffixed++;
    }
  if (suffixed >= 2 && suffixed * 2 >= children) {
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
      ...(held.has("note") || held.has("attribute")
        ? units.filter((u) => u.role === "note" || u.role === "attribute").map((u) => u.line)
        : []),
    ],
    indicators: indicators.map(stripCandidate),
    defaultMeasure: frame.measure,
  };

  // ---- A progression: periods across (2023, 2024, 2025), never summed, except under a period total.
  const periods = held.has("period") ? units.filter((u) => u.role === "period") : [];
  if (periods.length >= 2) return progression(periods, units, base, score, evidence, orientation);

  // ---- The parent: a word, the dictionary, or arithmetic.
  // 其中 names only the first part (市区 | 其中：甲区 | 乙区): the lines after it are parts too as far as
  // the arithmetic says the parts add up to the line above them.
  if (held.has("part"))
    units.forEach((u, k) => {
      if (u.role !== "part" || k === 0) return;
      const whole = units[k - 1];
      if (whole.role !== "child" && whole.role !== "subtotal" && whole.role !== "total") return;
      const following: UnitInfo[] = [];
      for (let n = k + 1; n < units.length && units[n].role === "child"; n++) following.push(units[n]);
      for (let extra = 1; extra <= following.length; extra++) {
        const parts = [u, ...following.slice(0, extra)].map((p) => p.line);
        if (fitIsEvidence(sumFit(view, indicators, whole.line, parts))) {
          for (const p of following.slice(0, extra)) p.role = "part";
          break;
        }
      }
    });
  const unitParts = held.has("part") ? unitPartGroups(units) : [];
  const lines = units.filter(isSplitLine);
  const childLines = units.filter((u) => u.role === "child");
  if (childLines.length === 0 && lines.length <= 1) return miss("no-units", score);
  // 省目标 heads the units on the province's own sheet; beside a unit's own target it is what was assigned.
  const levelTarget = held.has("level-target") ? units.find((u) => u.role === "level-target") : undefined;
  if (levelTarget)
    levelTarget.role = lines.some((u) => u.role === "total" || u.role === "target") ? "assignment" : "target";
  if (levelTarget?.role === "target") lines.splice(0, lines.length, ...units.filter(isSplitLine));
  let parent: UnitInfo | undefined = chooseWordParent(lines);
  // A unit's own target beside a total of the units (全市目标 | 区县合计): the total heads the units
  // and must meet the target, as an assignment.
  const ownTarget = lines.find((u) => u.role === "target");
  if (parent === ownTarget && ownTarget && !units.some((u) => u.role === "assignment")) {
    const total = chooseWordParent(lines.filter((u) => u.role === "total"));
    if (total) {
      ownTarget.role = "assignment";
      parent = total;
    }
  }
  // A 小计 alone, first or last among the units, is the total of the others.
  if (!parent) {
    const subtotals = lines.filter((u) => u.role === "subtotal");
    if (subtotals.length === 1 && (subtotals[0] === lines[0] || subtotals[0] === lines[lines.length - 1])) {
      parent = subtotals[0];
      parent.role = "total";
    }
  }
  // Lines beyond the first total are group totals (市区合计 under 全市).
  for (let k = 0; k < lines.length; k++) {
    const u = lines[k];
    if (u !== parent && (u.role === "total" || u.role === "target")) u.role = "subtotal";
  }
  // A total amid the lines (Mon … Fri | Total hours | Rate | Gross pay) heads one side of it: the
  // side whose sum it is on more rows, the lines before it when neither says more. The other side
  // is no part of the split.
  if (parent && parent.role !== "subtotal") {
    const before: UnitInfo[] = [];
    const after: UnitInfo[] = [];
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (u.role !== "child" && u.role !== "subtotal") continue;
      if (u.line < parent.line) before.push(u);
      else if (u.line > parent.line) after.push(u);
    }
    if (before.length && after.length) {
      const fit = (side: UnitInfo[]) =>
        sumFit(
          view,
          indicators,
          parent!.line,
          side.filter((u) => u.role === "child").map((u) => u.line),
        ).holds;
      const a = fit(after);
      const b = fit(before);
      // Without a sum to say, the larger side (a total closing or opening its units).
      const outside = a > b || (a === b && after.length > before.length) ? before : after;
      for (const u of outside) u.role = "beyond";
    }
  }

  let why: Reason | undefined;
  // The lines a parent heads: the children as they stand now (a total amid lines heads one side).
  const headed = (p: UnitInfo) => units.filter((u) => u.role === "child" && u !== p).map((u) => u.line);
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

  const assignment = units.find((u) => u.role === "assignment");
  if (assignment) {
    score += SCORE.assignment;
    evidence.push({ code: "assignment-word", label: assignment.display });
  }

  const candidatesFor = (top: UnitInfo | undefined): UnitCandidate[] => {
    const out: UnitCandidate[] = [];
    for (let k = 0; k < units.length; k++) {
      const u = units[k];
      if (u === top) out.push(candidate(u, true, topWhy(u)));
      else if (u.role === "child" || u.role === "subtotal") out.push(candidate(u, false));
    }
    return out;
  };
  const topWhy = (u: UnitInfo): Reason => why ?? { by: "keyword", evidence: u.label };
  // Empty maps count as none: a sheet address per unit is worked out only where one may be found.
  const indents = grid.indents?.size ? grid.indents : undefined;
  const outlines = across || !grid.outlineLevels?.size ? undefined : grid.outlineLevels;
  const parentLine = structure.get("parent");
  const levelLine = structure.get("level");
  const candidate = (u: UnitInfo, total: boolean, reason?: Reason): UnitCandidate => {
    const at = indents || outlines ? view.toSheet(headerLine, u.line) : undefined;
    const raw = view.raw(headerLine, u.line);
    const declaredParent = parentLine === undefined ? undefined : view.raw(parentLine, u.line);
    const declaredLevel = levelLine === undefined ? undefined : view.raw(levelLine, u.line);
    const unitName =
      u.word?.role === "total" ? u.word.unit : u.word?.role === "target" ? u.word.unit : u.display;
    const line: UnitLine = {
      line: u.line,
      label: u.display,
      unit: total ? unitName : u.display,
      why: reason ?? { by: u.word?.role === "unit" ? "keyword" : "position", evidence: u.label },
    };
    // Signals only where there are any (a missing one counts as 0): a table of 50,000 plain
    // names makes 50,000 small candidates, not 50,000 with nine fields each.
    const cand: UnitCandidate = { line, total, subtotal: u.role === "subtotal" };
    if (typeof declaredParent === "string" && declaredParent.trim())
      cand.declaredParent = normalizeLabel(declaredParent);
    const level = levelOf(declaredLevel);
    if (level !== undefined) cand.declaredLevel = level;
    const outline = at && outlines ? outlines.get(at.row) : undefined;
    if (outline !== undefined) cand.outline = outline;
    const indent = at && indents ? indents.get(`${at.row},${at.col}`) : undefined;
    if (indent !== undefined) cand.indent = indent;
    const spaces = typeof raw === "string" ? leadingSpaces(raw) : 0;
    if (spaces) cand.leadingSpaces = spaces;
    // Units down the rows may be numbered in a 序号 column left of their names.
    const numbering =
      !across && frame.indexCol !== undefined ? numberingLevel(cells.raw(u.line, frame.indexCol)) : undefined;
    if (numbering !== undefined) cand.numbering = numbering;
    return cand;
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

  // A flat list whose total is not its flat sum, where some lines are the sums of the lines after
  // them (EMEA = France + Germany): groups by arithmetic.
  if (splits.length === 1) {
    const nested = nestBySums(view, indicators, splits[0]);
    if (nested) {
      splits = nested;
      evidence.push({ code: "group-sums", label: nested[0].parent.label });
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
    growth: findGrowth(resolved, view, allLines),
    ...(unitParts.length ? { unitParts } : {}),
    type: "split",
    policy: "exact",
    splits,
  };
  return { orientation, tables: [table], score, evidence };
}

/** Whether a child comes before units[end]. */
function anyChildBefore(units: readonly UnitInfo[], end: number): boolean {
  for (let k = 0; k < end; k++) if (units[k].role === "child") return true;
  return false;
}

/** A line that can take part in a split: a child, a total, a unit's own target, a subtotal. */
function isSplitLine(u: UnitInfo): boolean {
  return u.role === "child" || u.role === "total" || u.role === "target" || u.role === "subtotal";
}

function rangeOf(view: SheetView, frame: Frame, orientation: Orientation) {
  void view;
  void orientation;
  return { top: frame.top, left: frame.left, bottom: frame.bottom, right: frame.right };
}

#!/usr/bin/env node
"use strict";
/**
 * The generalization corpus (issue 12, item 4): a seeded generator of small workbooks that combine,
 * at random, the things a table written by another office varies in — the children's names, the header
 * of the unit line, the total word and where it stands, an assignment line and its wording, orientation,
 * where the measure is written, noise, decimals, 2–60 children, kinds of indicator, two tables on a sheet
 * or a second sheet — with injected faults and with traps that must stay silent.
 *
 * The answer key of every case comes from the generator's own numbers and PRODUCT.md §4 (which cell a
 * finding sits on, the tolerance formula), never from running the engine:
 *  - a fault that breaks a split → `sum-mismatch` error on the parent's stated cell, with the faulty
 *    child among the hints for transposed digits and a dropped digit;
 *  - an assignment above the parent's own target → `below-assignment` error on the parent's target cell;
 *  - a stock falling from one year to the next → `progression-decrease` warning on the later year's cell.
 * Nothing else may be an error or a warning; infos are free.
 *
 * Usage: node test/generalization/build.js [OUT_DIR]   (default: a new temp folder)
 * API:   planCorpus() → case plans (no files);  buildCorpus(outDir) → [{ id, file, dims, expected, tables }]
 */
const fs = require("fs");
const path = require("path");
const ExcelJS = require("exceljs");
const { Rng, caseSeed } = require("./rng.js");
const W = require("./words.js");

const SEED = 12012;
const CASE_COUNT = 330;
/** Every fifth case is written in words that are in no vocabulary (PRODUCT §3.1: structure and arithmetic decide). */
const UNSEEN_EVERY = 5;

// ---------------------------------------------------------------------------------------------
// Addresses
// ---------------------------------------------------------------------------------------------
function colName(c) {
  let s = "";
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
const a1 = (row, col) => `${colName(col)}${row + 1}`;

// ---------------------------------------------------------------------------------------------
// Tolerance (PRODUCT §4), in units of the last shown digit u = 10^-d, n = children holding a number:
// |diff| ≤ min(u·√(n+1), (n+1)·u/2) is rounding (info); beyond (n+1)·u/2 rounding cannot explain it.
// ---------------------------------------------------------------------------------------------
/** The largest k (in units of u) that is still rounding: k² ≤ n+1 and 2k ≤ n+1. */
function roundingMax(n) {
  let k = 0;
  while ((k + 1) * (k + 1) <= n + 1 && 2 * (k + 1) <= n + 1) k++;
  return k;
}
/** The smallest k (in units of u) that rounding can never explain: 2k > n+1. */
const beyondRounding = (n) => Math.floor((n + 1) / 2) + 1;

// ---------------------------------------------------------------------------------------------
// Children's names
// ---------------------------------------------------------------------------------------------
const CAPACITY = {
  city: 20,
  town: 60,
  village: 60,
  department: W.DEPARTMENTS.length,
  company: W.COMPANIES.length,
  school: 60,
  hospital: W.HOSPITALS.length,
  stems: W.STEMS.length,
  code: 60,
  english: 60,
  invented: 60,
};

function uniqueNames(r, k, make) {
  const set = new Set();
  for (let guard = 0; set.size < k && guard < 10000; guard++) set.add(make());
  return [...set];
}

/** k names of the domain (k+1 when a child is to be left out), and the city they lie in if real. */
function childNames(r, domain, k, excludeCity) {
  const syl = () => r.pick(W.PLACE_SYLLABLES) + r.pick(W.PLACE_SYLLABLES);
  switch (domain) {
    case "city": {
      const others = Object.keys(W.CITIES).filter((c) => c !== excludeCity);
      const large = others.filter((c) => W.CITIES[c].length >= k);
      const city = r.pick(large.length ? large : others);
      return { names: r.sample(W.CITIES[city], Math.min(k, W.CITIES[city].length)), city };
    }
    case "town":
      return { names: uniqueNames(r, k, () => syl() + r.pick(["镇", "镇", "街道", "乡"])) };
    case "village":
      return { names: uniqueNames(r, k, () => syl() + r.pick(["村", "村", "社区"])) };
    case "department":
      return { names: r.sample(W.DEPARTMENTS, k) };
    case "company":
      return { names: r.sample(W.COMPANIES, k) };
    case "school":
      return { names: uniqueNames(r, k, () => syl() + r.pick(["小学", "中学", "实验学校", "幼儿园"])) };
    case "hospital":
      return { names: r.sample(W.HOSPITALS, k) };
    case "stems":
      return { names: W.STEMS.slice(0, k) };
    case "code": {
      const letter = r.pick(["A", "B", "K"]);
      return { names: [...Array(k).keys()].map((i) => `${letter}${String(i + 1).padStart(2, "0")}`) };
    }
    case "english": {
      const compass = k <= W.COMPASS.length && r.chance(0.6);
      return {
        names: compass ? r.sample(W.COMPASS, k) : [...Array(k).keys()].map((i) => `Branch ${i + 1}`),
      };
    }
    case "invented":
      return { names: uniqueNames(r, k, () => r.pick(W.RARE) + r.pick(W.RARE)) };
    default:
      throw new Error(`unknown domain ${domain}`);
  }
}

function childCount(r, domain) {
  const k = r.weighted([
    [r.int(2, 5), 40],
    [r.int(6, 13), 35],
    [r.int(14, 30), 15],
    [r.int(31, 60), 10],
  ]);
  return Math.max(2, Math.min(k, CAPACITY[domain]));
}
const childBucket = (k) => (k <= 5 ? "2–5" : k <= 13 ? "6–13" : k <= 30 ? "14–30" : "31–60");

// ---------------------------------------------------------------------------------------------
// Cell text
// ---------------------------------------------------------------------------------------------
const FULL_WIDTH_DIGITS = "０１２３４５６７８９";
function fullWidth(text, r) {
  const dot = r.chance(0.5) ? "．" : ".";
  return [...text]
    .map((ch) => (ch >= "0" && ch <= "9" ? FULL_WIDTH_DIGITS[+ch] : ch === "." ? dot : ch))
    .join("");
}
const shown = (scaled, d) => (scaled / 10 ** d).toFixed(d);
const PLACE_DOMAINS = new Set(["city", "town", "village"]);

// ---------------------------------------------------------------------------------------------
// One split table: plan (words, numbers, faults), then cells
// ---------------------------------------------------------------------------------------------
function planSplit(r, opts) {
  const { lang, unseen } = opts;
  const domain = opts.domain;
  const orientation = r.pick(["units-in-rows", "indicators-in-rows"]);
  const k = childCount(r, domain);
  const t = {
    type: "split",
    lang,
    unseen,
    domain,
    orientation,
    faults: [],
    traps: new Set(),
    noise: new Set(),
  };

  // Faults first: a child left out needs one more name than the table shows.
  const faulty = r.chance(0.5);
  t.childLeftOut = faulty && !unseen && k >= 3 && r.chance(0.18);
  // A second table of the same workbook never splits the same city again (one split per parent).
  const { names, city } = childNames(r, domain, k, opts.excludeCity);
  t.city = city;
  if (t.childLeftOut) {
    const j = r.int(0, names.length - 1);
    t.omittedName = names[j];
    t.children = names.filter((_, i) => i !== j);
  } else t.children = names;
  const n = t.children.length;

  // The parent line.
  t.parentPos = r.pick(["first", "last"]);
  if (unseen) t.parentLabel = r.pick(lang === "en" ? W.TOTALS.unseenEn : W.TOTALS.unseenZh);
  else if (lang === "en")
    t.parentLabel = r.pick([...W.TOTALS.en.any, ...(domain === "english" ? W.TOTALS.en.english : [])]);
  else {
    const own =
      orientation === "indicators-in-rows" && (domain === "city" || domain === "company") && r.chance(0.6);
    t.parentLabel = own
      ? domain === "city"
        ? `${city}目标`
        : "集团公司目标"
      : r.pick([...W.TOTALS.zh.any, ...(W.TOTALS.zh[domain] ?? [])]);
  }
  t.totalDim = /目标$/.test(t.parentLabel) ? "X目标" : t.parentLabel;

  // Header of the unit line (units in rows) or the corner over the indicator names (indicators in rows).
  if (orientation === "units-in-rows") {
    if (unseen)
      t.unitHeader = r.pick(
        lang === "en"
          ? W.UNIT_HEADERS.unseenEn
          : [...W.UNIT_HEADERS.unseenZh, ...(PLACE_DOMAINS.has(domain) ? W.UNIT_HEADERS.unseenZhPlace : [])],
      );
    else if (lang === "en") t.unitHeader = r.pick(W.UNIT_HEADERS.en.any);
    else {
      // A header that fits the domain (地区 over places, 村（社区） over villages) is the likelier one.
      const h = W.UNIT_HEADERS.zh;
      const fitting = [
        ...(PLACE_DOMAINS.has(domain) ? h.place : []),
        ...(domain === "village" ? h.village : []),
        ...(domain === "department" ? h.department : []),
      ];
      t.unitHeader = fitting.length && r.chance(0.5) ? r.pick(fitting) : r.pick(h.any);
    }
  } else t.corner = r.pick(W.CORNERS[lang]);

  // Assignment line: known words only (an unseen assignment word could not be told from a child).
  t.assignment = null;
  if (lang === "zh" && r.chance(unseen ? 0.25 : 0.45)) {
    t.assignment = { label: r.pick(W.ASSIGNMENTS), glued: r.chance(0.4), where: r.pick(["before", "after"]) };
  }

  t.measurePlace =
    lang === "en" ? r.pick(["name", "name", "column"]) : r.pick(["name", "name", "column", "line"]);
  planIndicators(r, t, n);

  // Faults, at most one per indicator.
  const additive = t.indicators.filter((i) => i.kind === "additive");
  if (t.childLeftOut) {
    for (const ind of additive) t.faults.push({ kind: "child left out", ind });
  } else if (faulty) {
    const howMany = unseen ? 1 : r.int(1, Math.min(2, additive.length));
    for (const ind of r.sample(additive, howMany)) injectFault(r, t, ind);
  }
  // Rounding within the band on decimal rows that carry no fault.
  for (const ind of additive) {
    if (ind.fault || ind.tol !== "band" || ind.d === 0 || t.childLeftOut || !r.chance(0.5)) continue;
    const kmax = roundingMax(numericChildren(ind));
    const k = r.int(1, kmax) * (r.chance(0.5) ? 1 : -1);
    if (ind.parentScaled + k <= 0) continue;
    ind.parentScaled += k;
    ind.rounding = k;
    t.traps.add("rounding within band");
  }
  // The assignment: a floor the parent meets, or (a fault) one it misses.
  if (t.assignment) planAssignment(r, t);
  // Noise.
  const noise = (name, p) => r.chance(p) && t.noise.add(name);
  noise("title", 0.5);
  noise("序号", 0.4);
  noise("备注", 0.3);
  noise("notes", 0.4);
  noise("blank row", 0.3);
  noise("numbers as text", 0.2);
  if (lang === "zh") noise("full-width digits", 0.12);
  if (orientation === "indicators-in-rows" && lang === "zh") noise("attribute column", 0.3);
  if (t.indicators.some((i) => i.dashes)) t.noise.add("- children");
  if (t.indicators.some((i) => i.fmt)) t.noise.add("number formats");
  if (t.indicators.some((i) => i.kind === "share")) t.traps.add("share adds to 100");
  if (t.indicators.some((i) => i.kind === "share" && i.rounding)) t.traps.add("rounding within band");
  if (t.indicators.some((i) => i.kind === "ratio")) t.traps.add("ratio row");
  if (t.indicators.some((i) => i.kind === "qualitative")) t.traps.add("qualitative row");
  if (t.indicators.some((i) => i.yearLike)) t.traps.add("values 1900–2100");
  return t;
}

const numericChildren = (ind) => ind.children.filter((c) => c !== null).length;

function planIndicators(r, t, n) {
  const { lang, unseen } = t;
  const nAdd = unseen
    ? r.int(3, 5)
    : r.weighted([
        [1, 3],
        [2, 4],
        [3, 3],
        [4, 2],
      ]);
  let specs;
  if (t.measurePlace === "line") {
    const line = unseen && r.chance(0.5) ? r.pick(W.LINE_MEASURES_UNSEEN) : r.pick(W.LINE_MEASURES);
    t.lineMeasure = line.measure;
    specs = r.sample(line.names, nAdd).map((name) => ({ ...line, name }));
  } else {
    const pool = lang === "en" ? W.ADDITIVE.en : W.ADDITIVE.zh;
    const extra = unseen && lang === "zh" ? r.sample(W.ADDITIVE.unseen, r.int(1, 2)) : [];
    specs = [...extra, ...r.sample(pool, Math.max(0, nAdd - extra.length))];
    // At most one table of year-like values per table is enough of a trap.
    const year = specs.filter((s) => s.yearLike);
    if (year.length > 1) specs = specs.filter((s) => !s.yearLike || s === year[0]);
  }
  const additive = specs.map((s) => {
    const d = r.pick(s.decimals);
    return {
      kind: "additive",
      name: s.name,
      measure: s.measure,
      d,
      tol: s.tol,
      yearLike: !!s.yearLike,
      range: s.range,
      fmt: d > 0 && r.chance(0.6),
    };
  });
  const others = [];
  if (r.chance(0.35)) {
    const s = r.pick(W.RATIOS[lang]);
    others.push({
      kind: "ratio",
      name: s.name,
      measure: s.measure,
      d: s.d,
      range: s.range,
      fmt: s.d > 0 && r.chance(0.5),
    });
  }
  if (r.chance(0.25)) {
    const names =
      lang === "en"
        ? W.SHARES.en
        : [...W.SHARES.zh, ...(PLACE_DOMAINS.has(t.domain) ? W.SHARES.zhPlace : [])];
    const d = r.pick([0, 1]);
    others.push({ kind: "share", name: r.pick(names), measure: "%", d, fmt: d > 0 && r.chance(0.5) });
  }
  if (lang === "zh" && r.chance(0.2)) {
    const name = r.pick(W.QUALITATIVE.names);
    others.push({ kind: "qualitative", name, measure: name.endsWith("增速") ? "%" : "" });
  }
  t.indicators = r.shuffle([...additive, ...others]);

  // Numbers; regenerate if three additive rows happen to form components (A = B + C in the units).
  for (let attempt = 0; ; attempt++) {
    for (const ind of t.indicators) fillValues(r, t, ind, n);
    if (!accidentalComponents(t) || attempt > 30) break;
  }
}

function fillValues(r, t, ind, n) {
  const s = 10 ** (ind.d ?? 0);
  if (ind.kind === "additive") {
    const lo = Math.round(ind.range[0] * s);
    const hi = Math.round(ind.range[1] * s);
    ind.children = t.children.map(() => r.int(lo, hi));
    // A '-' child (no allocation, counted as 0, not a number for n).
    ind.dashes = 0;
    if (n >= 3 && !ind.yearLike && r.chance(0.12)) {
      ind.children[r.int(0, n - 1)] = null;
      ind.dashes = 1;
    }
    // The shown precision must be visible: some child ends in a non-zero digit.
    if (ind.d > 0 && ind.children.every((v) => v === null || v % 10 === 0)) {
      const j = ind.children.findIndex((v) => v !== null);
      ind.children[j] += 1;
    }
    if (t.childLeftOut) {
      // The left-out child weighs more than rounding could ever explain.
      const min = Math.max(lo, ind.tol === "exact" ? 1 : beyondRounding(numericChildren(ind)));
      ind.omitted = r.int(min, Math.max(min, hi));
    } else ind.omitted = 0;
    ind.sum = ind.children.reduce((a, v) => a + (v ?? 0), 0) + ind.omitted;
    ind.parentScaled = ind.sum;
  } else if (ind.kind === "ratio") {
    const lo = Math.round(ind.range[0] * s);
    const hi = Math.round(ind.range[1] * s);
    ind.children = t.children.map(() => r.int(lo, hi));
    const min = Math.min(...ind.children);
    const max = Math.max(...ind.children);
    ind.parentScaled = Math.floor((min + max) / 2);
  } else if (ind.kind === "share") {
    const whole = 100 * s;
    const weights = t.children.map(() => r.int(1, 100));
    const wsum = weights.reduce((a, b) => a + b, 0);
    const raw = weights.map((w) => (w * whole) / wsum);
    const shares = raw.map(Math.floor);
    let rest = whole - shares.reduce((a, b) => a + b, 0);
    const order = raw.map((x, i) => [x - Math.floor(x), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    for (const [, i] of order) if (rest-- > 0) shares[i]++;
    ind.children = shares;
    ind.rounding = 0;
    // Shares shown to one decimal may miss 100 by rounding (33.3 + 33.3 + 33.3). The band is taken
    // for n values, not n + 1: the parent's 100 may be blank, and then it is not a rounded value.
    if (ind.d > 0 && r.chance(0.4)) {
      const k = r.int(1, Math.max(1, roundingMax(shares.length - 1))) * (r.chance(0.5) ? 1 : -1);
      const j = shares.indexOf(Math.max(...shares));
      shares[j] += k;
      ind.rounding = k;
    }
    ind.parentScaled = r.chance(0.7) ? whole : null;
  } else {
    ind.children = t.children.map(() => r.pick(W.QUALITATIVE.child));
    ind.parentText = r.pick(W.QUALITATIVE.parent);
  }
}

/** True when some additive row equals the sum of two or three others in two or more units. */
function accidentalComponents(t) {
  const add = t.indicators.filter((i) => i.kind === "additive");
  if (add.length < 3) return false;
  const D = Math.max(...add.map((i) => i.d));
  const lines = (i) => [
    ...i.children.map((v) => (v ?? 0) * 10 ** (D - i.d)),
    i.parentScaled * 10 ** (D - i.d),
  ];
  const vals = add.map(lines);
  const near = (a, b) => Math.abs(a - b) <= 2 * 10 ** D;
  const subsets = [];
  for (let x = 0; x < add.length; x++)
    for (let y = x + 1; y < add.length; y++) {
      subsets.push([x, y]);
      for (let z = y + 1; z < add.length; z++) subsets.push([x, y, z]);
    }
  for (let a = 0; a < add.length; a++)
    for (const sub of subsets) {
      if (sub.includes(a)) continue;
      let hits = 0;
      for (let u = 0; u < vals[a].length; u++) {
        if (
          near(
            vals[a][u],
            sub.reduce((s, b) => s + vals[b][u], 0),
          )
        )
          hits++;
      }
      if (hits >= 2) return true;
    }
  return false;
}

/** Injects one fault into an additive indicator; records what the key expects. */
function injectFault(r, t, ind) {
  const n = numericChildren(ind);
  const need = ind.tol === "exact" ? 1 : beyondRounding(n); // in units of u
  const live = ind.children.map((v, j) => (v === null ? -1 : j)).filter((j) => j >= 0);
  const kinds = [];
  if (ind.tol === "exact") kinds.push("off-by-one");
  if (ind.d === 0) kinds.push("transposed digits", "dropped digit");
  if (ind.d > 0) kinds.push("decimal total off");
  const kind = r.pick(kinds);
  if (kind === "off-by-one") {
    const sign = r.chance(0.5) ? 1 : -1;
    if (r.chance(0.5) && ind.parentScaled + sign > 0) ind.parentScaled += sign;
    else {
      const j = r.pick(live);
      if (ind.children[j] === 0) ind.children[j] = 1;
      else ind.children[j] += sign;
      ind.child = j;
    }
  } else if (kind === "decimal total off") {
    const k = r.int(need, need + 3 * 10 ** ind.d) * (r.chance(0.5) ? 1 : -1);
    ind.parentScaled += ind.parentScaled + k > 0 ? k : -k;
  } else {
    // A digit slip in one child; the parent keeps the true sum. The child must weigh enough
    // for the slip to exceed rounding; pick a value that allows it.
    for (let guard = 0; ; guard++) {
      const j = r.pick(live);
      const lo = Math.max(kind === "dropped digit" ? 100 : 12, Math.round(ind.range[0]));
      const hi = Math.max(lo + 50, Math.round(ind.range[1]));
      const v = r.int(lo, ind.yearLike ? 2099 : hi);
      const slipped = kind === "transposed digits" ? transpose(r, v) : dropDigit(r, v);
      if (slipped !== null && Math.abs(slipped - v) >= need && slipped > 0) {
        ind.sum += v - (ind.children[j] ?? 0);
        ind.parentScaled = ind.sum;
        ind.children[j] = slipped;
        ind.child = j;
        break;
      }
      if (guard > 200) throw new Error(`cannot inject ${kind} into ${ind.name}`);
    }
  }
  ind.fault = kind;
  t.faults.push({ kind, ind });
}

function transpose(r, v) {
  const s = String(v);
  const pairs = [...Array(s.length - 1).keys()].filter(
    (i) => s[i] !== s[i + 1] && !(i === 0 && s[1] === "0"),
  );
  if (pairs.length === 0) return null;
  const i = r.pick(pairs);
  return Number(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
}

function dropDigit(r, v) {
  const s = String(v);
  if (s.length < 3) return null;
  const i = r.int(1, s.length - 1);
  const out = Number(s.slice(0, i) + s.slice(i + 1));
  return out === v ? null : out;
}

function planAssignment(r, t) {
  const candidates = t.indicators.filter((i) => i.kind === "additive" && !i.fault && !t.childLeftOut);
  const below = candidates.length > 0 && r.chance(0.3) ? r.pick(candidates) : null;
  for (const ind of t.indicators) {
    if (ind.kind === "additive") {
      const floor = Math.min(ind.parentScaled, ind.sum);
      if (ind === below) {
        const need = ind.tol === "exact" ? 1 : beyondRounding(numericChildren(ind));
        ind.assignmentScaled = ind.parentScaled + r.int(need, need + 20);
        ind.fault = "below assignment";
        t.faults.push({ kind: "below assignment", ind });
      } else ind.assignmentScaled = floor - r.int(0, Math.floor(floor * 0.05));
    } else if (ind.kind === "ratio")
      ind.assignmentScaled = ind.parentScaled; // floor and cap alike
    else if (ind.kind === "qualitative") ind.assignmentText = ind.parentText;
  }
}

// ---------------------------------------------------------------------------------------------
// Rendering: a block of cells (rows of { v, fmt } or null) and the local addresses the key needs
// ---------------------------------------------------------------------------------------------
function indicatorLabel(t, ind) {
  const inName = t.measurePlace === "name" || (t.measurePlace === "line" && ind.kind !== "additive");
  if (!inName || !ind.measure) return ind.name;
  if (t.lang === "en") return `${ind.name} (${ind.measure})`;
  return `${ind.name}${ind.measure === "%" || ind.measure === "元" ? "(" : "（"}${ind.measure}${ind.measure === "%" || ind.measure === "元" ? ")" : "）"}`;
}

function valueCell(r, t, ind, scaled) {
  if (scaled === null || scaled === undefined) return null;
  const text = shown(scaled, ind.d);
  if (t.noise.has("full-width digits") && r.chance(0.25)) return { v: fullWidth(text, r) };
  if (t.noise.has("numbers as text") && r.chance(0.25)) return { v: text };
  return { v: Number(text), fmt: ind.fmt ? `0.${"0".repeat(ind.d)}` : undefined };
}

function childCell(r, t, ind, j) {
  if (ind.kind === "qualitative") return { v: ind.children[j] };
  if (ind.children[j] === null) return { v: r.pick(["-", "—"]) };
  return valueCell(r, t, ind, ind.children[j]);
}

function parentCell(r, t, ind) {
  if (ind.kind === "qualitative") return { v: ind.parentText };
  return valueCell(r, t, ind, ind.parentScaled);
}

function assignmentCell(r, t, ind) {
  if (ind.kind === "qualitative") return { v: ind.assignmentText };
  if (ind.assignmentScaled === undefined) return null;
  const measure = t.measurePlace === "line" && ind.kind === "additive" ? t.lineMeasure : ind.measure;
  if (t.assignment.glued && ind.kind === "additive" && /^[\u4e00-\u9fff]+$/.test(measure)) {
    return { v: `${shown(ind.assignmentScaled, ind.d)}${measure}` };
  }
  return valueCell(r, t, ind, ind.assignmentScaled);
}

function measureOf(t, ind) {
  if (ind.kind === "qualitative") return ind.measure;
  return t.measurePlace === "line" && ind.kind === "additive" ? t.lineMeasure : ind.measure;
}

function titleLines(r, t, block) {
  if (t.noise.has("title")) block.push([{ v: t.title ?? r.pick(W.TITLES[t.lang]) }]);
  if (t.measurePlace === "line")
    block.push([{ v: `${r.pick(["单位：", "单位:", "计量单位："])}${t.lineMeasure}` }]);
}

function noteLines(r, t, block) {
  if (!t.noise.has("notes")) return;
  for (const line of r.pick(W.NOTES[t.lang])) block.push([{ v: line }]);
}

/** Adds the keyed findings of a split, with local [row, col] addresses. */
function keyOf(t, ind, at) {
  const out = [];
  const f = ind.fault;
  if (!f && !t.childLeftOut) return out;
  if (f === "below assignment") {
    out.push({ rule: "below-assignment", severity: "error", at: at.parent, fault: f, indicator: ind.name });
  } else if (f || (t.childLeftOut && ind.kind === "additive")) {
    const hints = f === "transposed digits" || f === "dropped digit" ? [at.children[ind.child]] : [];
    out.push({
      rule: "sum-mismatch",
      severity: "error",
      at: at.parent,
      hintsAt: hints,
      fault: f ?? "child left out",
      indicator: ind.name,
    });
  }
  return out;
}

/** What the generator claims about a split's arithmetic, for the key's self-check (corpus.test.ts). */
function arithmeticOf(t, ind, at) {
  if (ind.kind !== "additive" && ind.kind !== "share") return null;
  if (!at.parent || (ind.kind === "share" && ind.parentScaled === null)) return null;
  const children = at.children.filter(Boolean);
  const sumFault = ind.fault && ind.fault !== "below assignment";
  return {
    indicator: ind.name,
    kind: ind.kind,
    parent: at.parent,
    children,
    decimals: ind.d,
    exact: ind.tol === "exact",
    claim:
      sumFault || (t.childLeftOut && ind.kind === "additive") ? "error" : ind.rounding ? "rounding" : "equal",
  };
}

function renderSplit(r, t) {
  const block = [];
  const sums = [];
  titleLines(r, t, block);
  const idx = t.noise.has("序号");
  const remark = t.noise.has("备注");
  const zh = t.lang === "zh";
  const keys = [];
  if (t.orientation === "units-in-rows") {
    // [序号] unit | indicators … | [备注]
    const c0 = idx ? 1 : 0;
    const header = [];
    if (idx) header.push({ v: zh ? "序号" : "No." });
    header.push(t.unitHeader ? { v: t.unitHeader } : null);
    t.indicators.forEach((ind) => header.push({ v: indicatorLabel(t, ind) }));
    if (remark) header.push({ v: zh ? "备注" : "Remarks" });
    block.push(header);
    if (t.measurePlace === "column") {
      const row = idx ? [null] : [];
      row.push({ v: zh ? (t.unitHeader === "单位" ? "计量单位" : r.pick(["单位", "计量单位"])) : "Unit" });
      t.indicators.forEach((ind) => row.push(ind.measure ? { v: measureOf(t, ind) } : null));
      block.push(row);
    }
    const lines = t.children.map((_, j) => ({ type: "child", j }));
    if (t.noise.has("blank row") && lines.length >= 2)
      lines.splice(r.int(1, lines.length - 1), 0, { type: "blank" });
    if (t.parentPos === "first") lines.unshift({ type: "parent" });
    else lines.push({ type: "parent" });
    if (t.assignment) {
      if (t.assignment.where === "after" && t.parentPos === "last") lines.push({ type: "assignment" });
      else lines.unshift({ type: "assignment" });
    }
    const at = t.indicators.map(() => ({ children: [], parent: null }));
    let number = 0;
    for (const line of lines) {
      const row = [];
      const rowIndex = block.length;
      if (line.type === "blank") {
        block.push([]);
        continue;
      }
      if (idx) row.push(line.type === "child" ? { v: ++number } : null);
      row.push({
        v:
          line.type === "child"
            ? t.children[line.j]
            : line.type === "parent"
              ? t.parentLabel
              : t.assignment.label,
      });
      t.indicators.forEach((ind, i) => {
        const col = c0 + 1 + i;
        if (line.type === "child") {
          row.push(childCell(r, t, ind, line.j));
          at[i].children[line.j] = [rowIndex, col];
        } else if (line.type === "parent") {
          row.push(parentCell(r, t, ind));
          at[i].parent = [rowIndex, col];
        } else row.push(assignmentCell(r, t, ind));
      });
      if (remark) row.push(line.type === "child" && r.chance(0.3) ? { v: r.pick(W.REMARKS[t.lang]) } : null);
      block.push(row);
    }
    t.indicators.forEach((ind, i) => {
      keys.push(...keyOf(t, ind, at[i]));
      sums.push(arithmeticOf(t, ind, at[i]));
    });
  } else {
    // [序号] corner | [attribute] | [measure] | [assignment] | parent? children … parent? | [assignment] | [备注]
    const cols = [];
    if (idx) cols.push({ type: "index" });
    cols.push({ type: "name" });
    const attribute = t.noise.has("attribute column") ? r.pick(W.ATTRIBUTES) : null;
    if (attribute) cols.push({ type: "attribute" });
    if (t.measurePlace === "column") cols.push({ type: "measure" });
    const units = t.children.map((_, j) => ({ type: "child", j }));
    if (t.parentPos === "first") units.unshift({ type: "parent" });
    else units.push({ type: "parent" });
    if (t.assignment && (t.assignment.where === "before" || t.parentPos === "first"))
      cols.push({ type: "assignment" });
    cols.push(...units);
    if (t.assignment && t.assignment.where === "after" && t.parentPos === "last")
      cols.push({ type: "assignment" });
    if (remark) cols.push({ type: "remark" });
    const headerOf = (c) => {
      switch (c.type) {
        case "index":
          return { v: zh ? "序号" : "No." };
        case "name":
          return t.corner ? { v: t.corner } : null;
        case "attribute":
          return { v: attribute.header };
        case "measure":
          return { v: zh ? r.pick(["单位", "计量单位"]) : "Unit" };
        case "assignment":
          return { v: t.assignment.label };
        case "parent":
          return { v: t.parentLabel };
        case "child":
          return { v: t.children[c.j] };
        case "remark":
          return { v: zh ? "备注" : "Remarks" };
      }
      return null;
    };
    block.push(cols.map(headerOf));
    const order = t.indicators.map((_, i) => i);
    const rows = order.map((i) => ({ i }));
    if (t.noise.has("blank row") && rows.length >= 2) rows.splice(r.int(1, rows.length - 1), 0, null);
    let number = 0;
    for (const line of rows) {
      if (line === null) {
        block.push([]);
        continue;
      }
      const ind = t.indicators[line.i];
      const rowIndex = block.length;
      const at = { children: [], parent: null };
      const row = cols.map((c, col) => {
        switch (c.type) {
          case "index":
            return { v: ++number };
          case "name":
            return { v: indicatorLabel(t, ind) };
          case "attribute":
            return { v: r.pick(attribute.values) };
          case "measure":
            return ind.measure ? { v: measureOf(t, ind) } : null;
          case "assignment":
            return assignmentCell(r, t, ind);
          case "parent":
            at.parent = [rowIndex, col];
            return parentCell(r, t, ind);
          case "child":
            at.children[c.j] = [rowIndex, col];
            return childCell(r, t, ind, c.j);
          case "remark":
            return r.chance(0.4) ? { v: r.pick(W.REMARKS[t.lang]) } : null;
        }
        return null;
      });
      block.push(row);
      keys.push(...keyOf(t, ind, at));
      sums.push(arithmeticOf(t, ind, at));
    }
  }
  noteLines(r, t, block);
  return { block, keys, sums: sums.filter(Boolean) };
}

// ---------------------------------------------------------------------------------------------
// A year table (progression): stocks never fall unless a fault says so
// ---------------------------------------------------------------------------------------------
function planYears(r, lang) {
  const t = { type: "years", lang, faults: [], traps: new Set(["year table"]), noise: new Set() };
  const count = r.int(3, 5);
  const first = r.int(2021, 2024);
  t.years = [...Array(count).keys()].map((i) => first + i);
  t.descending = r.chance(0.3);
  t.headerStyle = lang === "en" ? "FY2024" : r.pick(["2024年", "2024"]);
  t.measureColumn = lang === "zh" && r.chance(0.4);
  const rows = [];
  if (lang === "en") {
    // English has no stock words in PRODUCT; its rows only rise, so no reading can see a decrease.
    for (const s of W.PERIOD_ROWS.en) rows.push({ ...s, kind: "rising" });
  } else {
    for (const s of r.sample(W.PERIOD_ROWS.stock, r.int(1, 3))) rows.push({ ...s, kind: "stock" });
    for (const s of r.sample(W.PERIOD_ROWS.flow, r.int(0, 2))) rows.push({ ...s, kind: "flow" });
    if (r.chance(0.5)) rows.push({ ...W.PERIOD_ROWS.ratio[0], kind: "ratio" });
  }
  for (const row of rows) {
    const s = 10 ** row.d;
    if (row.kind === "stock") {
      let v = r.int(row.start[0] * s, row.start[1] * s);
      row.values = t.years.map(() => (v += r.int(row.step[0] * s, row.step[1] * s)));
    } else if (row.kind === "rising") {
      let v = r.int(row.range[0] * s, row.range[1] * s);
      row.values = t.years.map(() => (v += r.int(1, 50) * s));
    } else {
      // Flows and ratios go up and down: only stocks must not decrease.
      row.values = t.years.map(() => r.int(row.range[0] * s, row.range[1] * s));
    }
  }
  const stocks = rows.filter((x) => x.kind === "stock");
  if (stocks.length && r.chance(0.35)) {
    // One year falls below the year before it, yet stays above every earlier year and below every later one.
    const row = r.pick(stocks);
    const y = r.int(1, t.years.length - 1);
    const prev = row.values[y - 1];
    const floor = y >= 2 ? row.values[y - 2] : prev - row.step[0] * 10 ** row.d;
    row.values[y] = r.int(floor + 1, prev - 1);
    row.fault = y;
    t.faults.push({ kind: "progression decrease", ind: row });
  }
  t.rows = r.shuffle(rows);
  t.noise = new Set(r.chance(0.4) ? ["title"] : []);
  return t;
}

function renderYears(r, t) {
  const block = [];
  const zh = t.lang === "zh";
  if (t.noise.has("title")) block.push([{ v: zh ? "主要指标年度目标" : "Plan by year" }]);
  const years = t.descending ? [...t.years].reverse() : t.years;
  const yearHeader = (y) =>
    t.headerStyle === "FY2024" ? `FY${y}` : t.headerStyle === "2024年" ? `${y}年` : y;
  const first = t.measureColumn ? 2 : 1;
  block.push([
    { v: zh ? "指标名称" : "Indicator" },
    ...(t.measureColumn ? [{ v: "单位" }] : []),
    ...years.map((y) => ({ v: yearHeader(y) })),
  ]);
  const keys = [];
  for (const row of t.rows) {
    const rowIndex = block.length;
    const label = t.measureColumn
      ? row.name
      : zh
        ? `${row.name}(${row.measure})`
        : `${row.name} (${row.measure})`;
    const cells = [{ v: label }, ...(t.measureColumn ? [{ v: row.measure }] : [])];
    for (const y of years) {
      const v = row.values[t.years.indexOf(y)];
      cells.push({ v: Number(shown(v, row.d)), fmt: row.d > 0 ? `0.${"0".repeat(row.d)}` : undefined });
    }
    if (row.fault !== undefined) {
      const col = first + years.indexOf(t.years[row.fault]);
      keys.push({
        rule: "progression-decrease",
        severity: "warning",
        at: [rowIndex, col],
        fault: "progression decrease",
        indicator: row.name,
      });
    }
    block.push(cells);
  }
  return { block, keys };
}

// ---------------------------------------------------------------------------------------------
// A case: one or two sheets, one or two tables on the first
// ---------------------------------------------------------------------------------------------
function planCase(index) {
  const r = new Rng(caseSeed(SEED, index));
  const id = `g${String(index + 1).padStart(3, "0")}`;
  const unseen = index % UNSEEN_EVERY === UNSEEN_EVERY - 1;
  const domain = r.weighted(W.DOMAINS.map((d) => [d, d === "english" ? 1.6 : d === "city" ? 1.5 : 1]));
  const lang = domain === "english" ? "en" : "zh";
  const main = planSplit(r, { lang, unseen, domain });
  const layout = r.weighted([
    ["single table", 55],
    ["two tables stacked", 20],
    ["year table below", 10],
    ["second sheet", 15],
  ]);
  const sheetName =
    lang === "en"
      ? r.pick(["Targets", "Sheet1", "Plan"])
      : r.pick(["分解表", "Sheet1", "2024年目标", "指标分解"]);
  const sheets = [{ name: sheetName, tables: [main] }];
  const secondDomain = () => (lang === "en" ? "english" : r.pick(W.DOMAINS.filter((d) => d !== "english")));
  if (layout === "two tables stacked") {
    const second = planSplit(r, { lang, unseen, domain: secondDomain(), excludeCity: main.city });
    second.noise.add("title");
    second.title = lang === "en" ? "Second table" : r.pick(["附表：专项指标分解", "表二  重点任务分解"]);
    sheets[0].tables.push(second);
  } else if (layout === "year table below") {
    sheets[0].tables.push(planYears(r, lang));
  } else if (layout === "second sheet") {
    const other = r.chance(0.5)
      ? planYears(r, lang)
      : planSplit(r, { lang, unseen, domain: secondDomain(), excludeCity: main.city });
    sheets.push({ name: lang === "en" ? "Sheet2" : r.pick(["附表", "Sheet2", "进度表"]), tables: [other] });
  }
  return { id, index, r, unseen, layout, sheets };
}

function tableDims(t, c) {
  const dims = { layout: [c.layout] };
  if (t.type === "years") {
    dims.table = ["year table"];
    dims.faults = t.faults.length ? t.faults.map((f) => f.kind) : ["none"];
    dims.traps = [...t.traps];
    return dims;
  }
  const d = (k, v) => (dims[k] = Array.isArray(v) ? v : [v]);
  d("table", "split");
  d("vocabulary", t.unseen ? "unseen words" : "known words");
  d("domain", t.domain);
  d("orientation", t.orientation);
  d("unit header", t.orientation === "units-in-rows" ? t.unitHeader || "(blank)" : "(indicators in rows)");
  d("total word", t.totalDim);
  d("total position", t.parentPos);
  d("assignment", t.assignment ? t.assignment.label : "none");
  if (t.assignment) d("assignment glued", t.assignment.glued ? "glued measure" : "plain number");
  d(
    "measure",
    t.measurePlace === "line"
      ? "单位： line"
      : t.measurePlace === "column"
        ? "measure column/row"
        : "in the name",
  );
  d("children", childBucket(t.children.length));
  const decimals = Math.max(...t.indicators.filter((i) => i.kind === "additive").map((i) => i.d));
  d("decimals", `${decimals}`);
  d("kinds", ["additive", ...new Set(t.indicators.filter((i) => i.kind !== "additive").map((i) => i.kind))]);
  d("noise", t.noise.size ? [...t.noise] : ["none"]);
  d("faults", t.faults.length ? [...new Set(t.faults.map((f) => f.kind))] : ["none"]);
  d("traps", t.traps.size ? [...t.traps] : ["none"]);
  return dims;
}

/** Lays the case's tables on sheets: each table's cells, its range, its dims and its keyed findings. */
function renderCase(c) {
  const r = c.r;
  const sheets = [];
  const tables = [];
  const expected = [];
  for (const s of c.sheets) {
    const rows = [];
    for (const t of s.tables) {
      if (rows.length) rows.push([]); // one blank row, then the next table's title or header
      const top = rows.length;
      const { block, keys, sums = [] } = t.type === "years" ? renderYears(r, t) : renderSplit(r, t);
      rows.push(...block);
      const width = Math.max(...block.map((row) => row.length));
      const table = {
        sheet: s.name,
        top,
        bottom: rows.length - 1,
        left: 0,
        right: width - 1,
        range: `${a1(top, 0)}:${a1(rows.length - 1, width - 1)}`,
        dims: tableDims(t, c),
        // How PRODUCT §3.1 reads the split: its parent line and its children, nothing else.
        split: t.type === "split" ? { parent: t.parentLabel, children: t.children } : null,
        arithmetic: sums.map((x) => ({
          ...x,
          parent: a1(top + x.parent[0], x.parent[1]),
          children: x.children.map(([row, col]) => a1(top + row, col)),
        })),
      };
      const tableIndex = tables.length;
      tables.push(table);
      for (const k of keys) {
        const e = {
          rule: k.rule,
          severity: k.severity,
          sheet: s.name,
          cell: a1(top + k.at[0], k.at[1]),
          fault: k.fault,
          indicator: k.indicator,
          table: tableIndex,
        };
        if (k.hintsAt && k.hintsAt.length) e.hints = k.hintsAt.map(([row, col]) => a1(top + row, col));
        expected.push(e);
      }
    }
    sheets.push({ name: s.name, rows });
  }
  const dims = {};
  for (const t of tables)
    for (const [k, vs] of Object.entries(t.dims)) dims[k] = [...new Set([...(dims[k] ?? []), ...vs])].sort();
  return { id: c.id, sheets, tables, expected, dims };
}

/** Every case rendered in memory (cells, tables, keys); no files. Deterministic. */
function planCorpus(count = CASE_COUNT) {
  return [...Array(count).keys()].map((i) => renderCase(planCase(i)));
}

async function writeWorkbook(rendered, file) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "tdcheck generalization corpus";
  wb.created = new Date("2024-03-12T00:00:00Z");
  wb.modified = new Date("2024-03-12T00:00:00Z");
  for (const s of rendered.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((row, i) => {
      if (!row || row.length === 0) return;
      const xr = ws.getRow(i + 1);
      row.forEach((cell, j) => {
        if (!cell || cell.v === null || cell.v === undefined || cell.v === "") return;
        const x = xr.getCell(j + 1);
        x.value = cell.v;
        if (cell.fmt) x.numFmt = cell.fmt;
      });
    });
  }
  await wb.xlsx.writeFile(file);
}

/** Builds every workbook into outDir with its <id>.key.json; returns [{ id, file, dims, expected, tables }]. */
async function buildCorpus(outDir, count = CASE_COUNT) {
  return writeCorpus(planCorpus(count), outDir);
}

/** Writes planned cases (planCorpus) into outDir. */
async function writeCorpus(planned, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const out = [];
  for (const c of planned) {
    const file = path.join(outDir, `${c.id}.xlsx`);
    await writeWorkbook(c, file);
    const entry = { id: c.id, file, dims: c.dims, expected: c.expected, tables: c.tables };
    fs.writeFileSync(
      path.join(outDir, `${c.id}.key.json`),
      JSON.stringify({ ...entry, file: path.basename(file) }, null, 1),
    );
    out.push(entry);
  }
  return out;
}

module.exports = {
  buildCorpus,
  planCorpus,
  writeCorpus,
  writeWorkbook,
  CASE_COUNT,
  UNSEEN_EVERY,
  roundingMax,
  beyondRounding,
  a1,
};

if (require.main === module) {
  const out = process.argv[2] || fs.mkdtempSync(path.join(require("os").tmpdir(), "tdcheck-generalization-"));
  buildCorpus(out)
    .then((cases) => console.log(`built ${cases.length} workbooks and their keys in ${out}`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

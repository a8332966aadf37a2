"use strict";
/**
 * Compares what `tdcheck check FILE --format json` said about a corpus case with the case's answer
 * key, and tallies the results per dimension (issue 12, "Must show": the per-dimension table).
 * Used by corpus.test.ts (in-process CLI) and report.js (the lead's command), so both print the
 * same table.
 *
 * A keyed finding is found when a finding has its rule, sheet, cell and severity and, where the key
 * names hint cells, every one of them among the finding's hints. A finding is unexpected when it is an
 * error or a warning that matches no keyed (rule, sheet, cell, severity). Infos are free.
 * Every split must also be read: the output's tables must hold one whose range contains the split's
 * parent cells, with the split's parent line and exactly its children (PRODUCT §3.1). A split that is
 * skipped while the rest of the workbook is checked is as bad as a refusal, and easier to miss.
 */

function parseA1(cell) {
  const m = /^([A-Z]+)(\d+)$/.exec(cell);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function parseRange(range) {
  const [a, b] = range.split(":");
  const tl = parseA1(a);
  const br = parseA1(b ?? a);
  return tl && br ? { top: tl.row, left: tl.col, bottom: br.row, right: br.col } : null;
}

/** The table of the case a finding's cell lies in (its range includes title and note lines). */
function tableOf(c, f) {
  const at = parseA1(f.cell ?? "");
  if (at) {
    const i = c.tables.findIndex(
      (t) =>
        t.sheet === f.sheet && at.row >= t.top && at.row <= t.bottom && at.col >= t.left && at.col <= t.right,
    );
    if (i >= 0) return i;
  }
  const onSheet = c.tables.findIndex((t) => t.sheet === f.sheet);
  return onSheet >= 0 ? onSheet : 0;
}

/** How the output read each split of the case: "read", "misread …" or "not read" (null: a year table). */
function readings(c, doc) {
  return c.tables.map((t) => {
    if (!t.split) return null;
    const cells = t.arithmetic.map((a) => parseA1(a.parent));
    const holding = (doc?.tables ?? []).filter((x) => {
      const r = x.sheet === t.sheet ? parseRange(x.range) : null;
      return (
        r && cells.some((p) => p.row >= r.top && p.row <= r.bottom && p.col >= r.left && p.col <= r.right)
      );
    });
    if (holding.length === 0) return "not read";
    const want = [...t.split.children].sort().join("、");
    const same = (x) => x.parent === t.split.parent && [...x.children].sort().join("、") === want;
    if (holding.some(same)) return "read";
    const x = holding[0];
    const extra = x.children.filter((n) => !t.split.children.includes(n));
    const lost = t.split.children.filter((n) => !x.children.includes(n));
    const parts = [];
    if (x.parent !== t.split.parent) parts.push(`parent ${x.parent} (not ${t.split.parent})`);
    if (extra.length) parts.push(`extra children ${extra.join("、")}`);
    if (lost.length) parts.push(`children lost ${lost.join("、")}`);
    return `misread ${x.range}: ${parts.join("; ")}`;
  });
}

/**
 * run: { code, stdout, stderr } of the command line. Returns, for one case:
 * { id, refused, broken, faults: [{ ...key, found, why }], unexpected: [{ …finding, table }], readings }.
 */
function evaluateCase(c, run) {
  const out = { id: c.id, refused: run.code === 2, broken: null, faults: [], unexpected: [], code: run.code };
  let doc = null;
  if (!out.refused) {
    try {
      doc = JSON.parse(run.stdout);
    } catch {
      out.broken = `exit ${run.code}, no JSON: ${(run.stderr || run.stdout).trim().slice(0, 200)}`;
    }
  }
  const findings = doc?.findings ?? [];
  out.summary = doc?.summary;
  out.readings = readings(c, doc);
  const same = (f, k) => f.rule === k.rule && f.sheet === k.sheet && f.cell === k.cell;
  for (const k of c.expected) {
    const onCell = findings.filter((f) => same(f, k));
    const hit = onCell.find((f) => f.severity === k.severity);
    let found = false;
    let why;
    if (out.refused) why = `refused: ${run.stderr.trim()}`;
    else if (!hit)
      why = onCell.length
        ? `found as ${onCell.map((f) => f.severity).join("/")}, not ${k.severity}`
        : "no such finding";
    else {
      const hinted = new Set((hit.hints ?? []).map((h) => h.cell));
      const missing = (k.hints ?? []).filter((h) => !hinted.has(h));
      if (missing.length)
        why = `hint ${missing.join(", ")} missing (hints: ${[...hinted].join(", ") || "none"})`;
      else found = true;
    }
    out.faults.push({ ...k, found, why });
  }
  for (const f of findings) {
    if (f.severity === "info") continue;
    if (c.expected.some((k) => same(f, k) && f.severity === k.severity)) continue;
    out.unexpected.push({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      message: f.message,
      table: tableOf(c, f),
    });
  }
  return out;
}

/** True when the case passed: output readable, every split read, every fault found, nothing unexpected. */
const passed = (e) =>
  !e.refused &&
  !e.broken &&
  e.unexpected.length === 0 &&
  e.faults.every((f) => f.found) &&
  e.readings.every((r) => r === null || r === "read");

/**
 * Per dimension value: cases holding it, faults found / keyed, unexpected findings, refused cases,
 * splits read / splits. Faults, unexpected findings and readings count under the dims of the table
 * they belong to; a refusal counts under every table of the case.
 */
function tally(cases, results) {
  const dims = new Map();
  const entry = (dim, value) => {
    if (!dims.has(dim)) dims.set(dim, new Map());
    const m = dims.get(dim);
    if (!m.has(value)) {
      m.set(value, {
        cases: new Set(),
        failed: new Set(),
        refused: new Set(),
        found: 0,
        faults: 0,
        unexpected: 0,
        splits: 0,
        read: 0,
      });
    }
    return m.get(value);
  };
  cases.forEach((c, i) => {
    const e = results[i];
    if (!e) return;
    c.tables.forEach((t, ti) => {
      for (const [dim, values] of Object.entries(t.dims)) {
        for (const v of values) {
          const x = entry(dim, v);
          x.cases.add(c.id);
          if (!passed(e)) x.failed.add(c.id);
          if (e.refused || e.broken) x.refused.add(c.id);
          const faults = e.faults.filter((f) => f.table === ti);
          x.faults += faults.length;
          x.found += faults.filter((f) => f.found).length;
          x.unexpected += e.unexpected.filter((u) => u.table === ti).length;
          if (e.readings[ti] !== null) {
            x.splits++;
            if (e.readings[ti] === "read") x.read++;
          }
        }
      }
    });
  });
  return dims;
}

function totals(cases, results) {
  const r = results.filter(Boolean);
  const count = (f) => r.reduce((n, e) => n + f(e), 0);
  return {
    cases: r.length,
    passed: r.filter(passed).length,
    faults: count((e) => e.faults.length),
    found: count((e) => e.faults.filter((f) => f.found).length),
    unexpected: count((e) => e.unexpected.length),
    casesWithUnexpected: r.filter((e) => e.unexpected.length > 0).length,
    refused: r.filter((e) => e.refused || e.broken).length,
    splits: count((e) => e.readings.filter((x) => x !== null).length),
    read: count((e) => e.readings.filter((x) => x === "read").length),
  };
}

/** The per-dimension table as Markdown (for a closing note). */
function formatTable(cases, results) {
  const t = totals(cases, results);
  const lines = [
    `Corpus: ${t.cases} cases, ${t.passed} pass; faults found ${t.found}/${t.faults}; ` +
      `${t.unexpected} unexpected errors/warnings in ${t.casesWithUnexpected} cases; ${t.refused} refused; ` +
      `splits read as written ${t.read}/${t.splits}.`,
    "",
    "| dimension | value | cases | failing cases | faults found/total | unexpected findings | refused cases | splits read/total |",
    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const [dim, values] of tally(cases, results)) {
    const sorted = [...values.entries()].sort(
      (a, b) => b[1].cases.size - a[1].cases.size || (a[0] < b[0] ? -1 : 1),
    );
    for (const [value, x] of sorted) {
      const cells = [
        dim,
        value,
        x.cases.size,
        x.failed.size,
        `${x.found}/${x.faults}`,
        x.unexpected,
        x.refused.size,
      ];
      lines.push(`| ${cells.join(" | ")} | ${x.read}/${x.splits} |`);
    }
  }
  return lines.join("\n");
}

/** One line per failing case: what was missed, what was unexpected, which split was not read as written. */
function formatFailures(cases, results, limit = Infinity) {
  const out = [];
  results.forEach((e, i) => {
    if (!e || passed(e) || out.length >= limit) return;
    const parts = [];
    if (e.refused) parts.push("REFUSED");
    if (e.broken) parts.push(e.broken);
    for (const f of e.faults.filter((x) => !x.found && !e.refused))
      parts.push(`missed ${f.rule} ${f.sheet}!${f.cell} (${f.fault}): ${f.why}`);
    for (const u of e.unexpected)
      parts.push(`unexpected ${u.rule} ${u.severity} ${u.sheet}!${u.cell}: ${u.message ?? ""}`);
    if (!e.refused)
      e.readings.forEach((r, ti) => {
        if (r !== null && r !== "read") parts.push(`split on ${cases[i].tables[ti].sheet} ${r}`);
      });
    out.push(`${cases[i].id}: ${parts.join("; ")}`);
  });
  return out.join("\n");
}

module.exports = { evaluateCase, passed, tally, totals, formatTable, formatFailures, parseA1, parseRange };

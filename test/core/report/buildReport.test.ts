import { parseRange } from "../../../src/core/address";
import { foldRepeatedInfos } from "../../../src/core/report/folding";
import { checkWorkbook } from "../../../src/core/check";
import {
  auditReport,
  buildReport,
  createAcceptance,
  encodeAcceptances,
  encodeTrail,
  textWidth,
  type ReportSheet,
  type TrailEntry,
} from "../../../src/core/report";
import { seedWorkbook, sheet } from "../../helpers/grid";

const TIME = "2024-05-06T09:30:00.000Z";

function cellText(s: ReportSheet, row: number, col: number): string {
  const c = s.rows[row]?.[col];
  return c ? String(c.value) : "";
}

describe("the audit report model", () => {
  test("the sample: the 1999/2000 error first, then every passed check, each with its evidence", async () => {
    const wb = seedWorkbook();
    const result = checkWorkbook(wb);
    const { model } = await auditReport(wb, result, {
      file: "hangzhou-2024.xlsx",
      time: TIME,
      lang: "zh",
      preparer: "张三",
      reviewer: "李四",
    });
    const first = model.checks[0];
    expect(first).toMatchObject({
      no: 1,
      status: "failed",
      severity: "error",
      statusText: "✗ 错误",
      rule: "sum-mismatch",
      ruleTitle: "加总校核",
      cell: { text: "分解表!D7", sheet: "分解表", range: "D7", location: "'分解表'!D7" },
      related: [{ text: "分解表!E7:Q7", location: "'分解表'!E7:Q7" }],
      indicator: "新增高新技术企业数(家)",
      unit: "杭州市",
      stated: "2000",
      computed: "1999",
      difference: "-1",
      tolerance: "0",
      footing: "",
    });
    expect(first.message).toContain("合计 1999，与杭州市目标 2000 相差 -1");

    // Every check that ran and passed is listed, with the passed status and a sentence of its own.
    const passed = model.checks.filter((c) => c.status === "passed");
    expect(passed).toHaveLength(result.passed.length);
    for (const p of result.passed)
      expect(
        passed.some(
          (c) =>
            c.rule === p.rule &&
            c.sheet === p.sheet &&
            c.cell.range === p.cell &&
            c.indicator === (p.indicator ?? ""),
        ),
      ).toBe(true);
    for (const c of passed) {
      expect(c.statusText).toBe("✓ 通过");
      expect(c.message).not.toMatch(/：通过$/); // every rule that passes here has its own sentence
    }
    // The footing mark on each passed sum, and only there.
    const sums = passed.filter((c) => c.rule === "sum-mismatch" || c.rule === "components-mismatch");
    expect(sums.length).toBeGreaterThan(0);
    expect(sums.every((c) => c.footing === "✓")).toBe(true);
    expect(passed.filter((c) => c.footing === "✓")).toHaveLength(sums.length);
    const d8 = passed.find((c) => c.rule === "sum-mismatch" && c.cell.range === "D8")!;
    expect(d8.message).toContain("合计 56.7，与杭州市目标 56.7 相符");

    // Every finding is listed too (errors, warnings, infos), numbered in order.
    // Repeated infos (14 qualitative cells of one row) are one row each, as the command line prints them.
    expect(model.checks).toHaveLength(result.passed.length + foldRepeatedInfos(result.findings).length);
    expect(foldRepeatedInfos(result.findings).length).toBeLessThan(result.findings.length);
    expect(model.checks.map((c) => c.no)).toEqual(model.checks.map((_, i) => i + 1));
    const order = model.checks.map((c) =>
      c.status === "failed"
        ? c.severity === "error"
          ? 0
          : 1
        : c.status === "accepted"
          ? 2
          : c.status === "passed"
            ? 3
            : 4,
    );
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    expect(model.summary).toMatchObject({
      tables: 1,
      progressions: 1,
      errors: 1,
      warnings: 1,
      accepted: 0,
      lapsed: 0,
      passed: result.summary.passed,
      checks: result.summary.checks,
    });
    expect(model.header).toMatchObject({
      file: "hangzhou-2024.xlsx",
      scope: "整个工作簿（分解表、进度表）",
      preparer: "张三",
      reviewer: "李四",
      timeIso: TIME,
    });
    expect(model.header.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(model.header.fingerprintCells).toEqual(["分解表!C4:Q8", "进度表!C4:E13"]);
  });

  test("an accepted finding is shown as accepted, with its reason, in the list and in its own section", async () => {
    const wb = seedWorkbook();
    const finding = checkWorkbook(wb).findings.find((f) => f.cell === "D7")!;
    const a = await createAcceptance(finding, wb, {
      reason: "省里已同意按 2000 家下达",
      by: "张三",
      at: TIME,
    });
    const stored = {
      ...wb,
      sheets: [
        ...wb.sheets,
        sheet(
          "_tdcheck",
          encodeAcceptances([a]).map((v) => [null, null, v]),
        ),
      ],
    };
    const report = await auditReport(stored, checkWorkbook(stored), {
      file: "x.xlsx",
      time: TIME,
      lang: "zh",
    });
    const row = report.model.checks.find((c) => c.cell.range === "D7" && c.rule === "sum-mismatch")!;
    expect(row).toMatchObject({
      status: "accepted",
      statusText: "已接受（错误）",
      accepted: { reason: "省里已同意按 2000 家下达", by: "张三" },
    });
    expect(report.model.accepted).toEqual([row]);
    expect(report.model.summary).toMatchObject({ errors: 0, accepted: 1 });
    expect(report.result.summary.errors).toBe(0);
    const sheetRows = report.sheet.rows.map((r) => r.map((c) => (c ? String(c.value) : "")));
    expect(sheetRows.some((r) => r[12] === "省里已同意按 2000 家下达" && r[1] === "已接受（错误）")).toBe(
      true,
    );
  });

  test("a lapsed acceptance is listed with why; the change trail with before, after and change", async () => {
    const wb = seedWorkbook();
    const finding = checkWorkbook(wb).findings.find((f) => f.cell === "D7")!;
    const a = await createAcceptance(finding, wb, { reason: "旧说明", by: "张三", at: TIME });
    const trail: TrailEntry[] = [
      {
        time: TIME,
        kind: "rebalance",
        indicator: "新增高新技术企业数(家)",
        sheet: "分解表",
        method: "proportional",
        locks: ["上城区"],
        bounds: [{ unit: "余杭区", min: 300 }],
        children: [{ unit: "西湖区", cell: "G7", before: 178, after: 179.5 }],
        target: 2000,
      },
      {
        time: TIME,
        kind: "undo",
        indicator: "新增高新技术企业数(家)",
        sheet: "分解表",
        method: "proportional",
        locks: [],
        bounds: [],
        children: [{ unit: "西湖区", cell: "G7", before: 179.5, after: 178 }],
        undoes: TIME,
      },
    ];
    const values = wb.sheets[0].values.map((r) => (r ? [...r] : r));
    values[6][3] = 2005;
    const changed = { ...wb, sheets: [{ ...wb.sheets[0], values }, wb.sheets[1]] };
    const report = await auditReport(changed, checkWorkbook(changed), {
      file: "x.xlsx",
      time: TIME,
      lang: "zh",
      acceptances: [a],
      trail,
    });
    expect(report.model.lapsed).toEqual([
      expect.objectContaining({
        reason: "旧说明",
        why: "changed",
        cell: expect.objectContaining({ text: "分解表!D7" }),
      }),
    ]);
    expect(report.model.summary).toMatchObject({ errors: 1, accepted: 0, lapsed: 1 });
    expect(report.model.trail).toHaveLength(2);
    expect(report.model.trail[0]).toMatchObject({
      kindText: "调整",
      methodText: "按现值比例",
      changes: [
        { unit: "西湖区", before: "178", after: "179.5", change: "+1.5", cell: { location: "'分解表'!G7" } },
      ],
    });
    expect(report.model.trail[0].details).toContain("锁定：上城区");
    expect(report.model.trail[0].details).toContain("余杭区 ≥ 300");
    expect(report.model.trail[1]).toMatchObject({ kindText: "撤销", changes: [{ change: "-1.5" }] });
  });

  test("the trail stored in the _tdcheck sheet's column E is read when none is given", async () => {
    const wb = seedWorkbook();
    const entry: TrailEntry = {
      time: TIME,
      kind: "rebalance",
      indicator: "x",
      sheet: "分解表",
      method: "equal-increment",
      locks: [],
      bounds: [],
      children: [{ unit: "上城区", cell: "E7", before: 1, after: 2 }],
    };
    const stored = {
      ...wb,
      sheets: [
        ...wb.sheets,
        sheet(
          "_tdcheck",
          encodeTrail([entry]).map((v) => [null, null, null, null, v]),
        ),
      ],
    };
    const report = await auditReport(stored, checkWorkbook(stored), {
      file: "x.xlsx",
      time: TIME,
      lang: "en",
    });
    expect(report.model.trail[0]).toMatchObject({ kindText: "rebalance", methodText: "equal increment" });
    expect(report.storageProblems).toEqual([]);
  });

  test("English: the same report in the reader's language", () => {
    const wb = seedWorkbook();
    const model = buildReport(checkWorkbook(wb), {
      file: "x.xlsx",
      time: TIME,
      fingerprint: "0".repeat(64),
      lang: "en",
    });
    expect(model.sheetName).toBe("Audit report");
    expect(model.checks[0]).toMatchObject({ statusText: "✗ error", ruleTitle: "Sum check" });
    expect(model.checks.find((c) => c.status === "passed")!.statusText).toBe("✓ passed");
    expect(model.labels.columns.stated).toBe("Stated");
  });
});

describe("the report sheet layout", () => {
  test("header block, summary, the column header on row 7 (frozen, repeated when printed), a row per check with links", async () => {
    const wb = seedWorkbook();
    const { sheet: s, model } = await auditReport(wb, checkWorkbook(wb), {
      file: "hangzhou-2024.xlsx",
      time: TIME,
      lang: "zh",
      preparer: "张三",
    });
    expect(s.name).toBe("审核报告");
    expect(s.columns).toHaveLength(14);
    expect(s.freezeRows).toBe(7);
    expect(s.printTitleRow).toBe(7);
    expect(cellText(s, 0, 0)).toBe("审核报告 · 指标分解校核");
    expect(cellText(s, 1, 1)).toBe("hangzhou-2024.xlsx");
    expect(cellText(s, 2, 8)).toBe(model.header.fingerprint);
    expect(cellText(s, 3, 0)).toBe("填表人");
    expect(cellText(s, 3, 1)).toBe("张三");
    expect(cellText(s, 3, 6)).toBe("审核人");
    expect(s.rows[5][6]).toEqual({ value: 1, style: "summaryNumber" }); // 错误
    expect(s.rows[6].map((c) => c?.value)).toEqual([
      "序号",
      "结果",
      "校核规则",
      "单元格",
      "相关单元格",
      "指标",
      "单位",
      "填报值",
      "计算/对照值",
      "核",
      "差额",
      "容差",
      "说明",
      "可能原因",
    ]);
    const first = s.rows[7];
    expect(first[3]).toEqual({ value: "分解表!D7", style: "link", link: "'分解表'!D7" });
    expect(first[4]).toEqual({ value: "分解表!E7:Q7", style: "link", link: "'分解表'!E7:Q7" });
    expect(first[7]).toEqual({ value: 2000, style: "number" });
    expect(first[8]).toEqual({ value: 1999, style: "number" });
    expect(first[10]).toEqual({ value: -1, style: "number" });
    expect(first[1]).toMatchObject({ style: "error" });
    const checkRows = s.rows.slice(7, 7 + model.checks.length);
    expect(checkRows.every((r) => r.length === 14 && typeof r[0]?.value === "number")).toBe(true);
    expect(checkRows.filter((r) => r[9]?.value === "✓").length).toBe(
      model.checks.filter((c) => c.footing === "✓").length,
    );
    // Sections after the checks, and the note saying how to recompute the fingerprint.
    const texts = s.rows.map((r) => r[0]?.value);
    expect(texts).toContain("已接受的问题（上报说明）");
    expect(texts).toContain("变更记录");
    expect(String(texts[texts.length - 1])).toContain("SHA-256");
    // Merged areas never overlap, and only their top-left cell holds a value.
    const taken = new Map<string, string>();
    for (const m of s.merges) {
      expect(m).toMatch(/^[A-N]\d+:[A-N]\d+$/);
      const box = parseRange(m)!;
      for (let r = box.top; r <= box.bottom; r++)
        for (let c = box.left; c <= box.right; c++) {
          expect(taken.get(`${r},${c}`)).toBeUndefined();
          taken.set(`${r},${c}`, m);
          if (r !== box.top || c !== box.left) expect(s.rows[r]?.[c] ?? null).toBeNull();
        }
    }
  });
});

describe("a report an auditor can read without us", () => {
  const trail: TrailEntry = {
    time: TIME,
    kind: "rebalance",
    indicator: "新增高新技术企业数(家)",
    sheet: "分解表",
    method: "proportional",
    locks: ["滨江区"],
    bounds: [],
    children: [
      { unit: "上城区", cell: "E7", before: 104, after: 104 },
      { unit: "萧山区", cell: "I7", before: 315, after: 316 },
      { unit: "建德市", cell: "Q7", before: 30, after: 30 },
    ],
    target: 2000,
    by: "王五",
    source: "add-in",
  };

  test.each(["zh", "en"] as const)(
    "%s: every label fits its column; the legend; the trail lists only what moved and who; scope stated",
    async (lang) => {
      const wb = seedWorkbook();
      const result = checkWorkbook(wb);
      const { sheet: s, model } = await auditReport(wb, result, {
        file: "plan.xlsx",
        time: TIME,
        lang,
        acceptances: [],
        trail: [trail],
      });
      // Every bold label is whole in its column or in the columns it is merged across.
      const merged = new Map<string, number>();
      for (const m of s.merges) {
        const [a, b] = m.split(":").map((x) => parseRange(x)!);
        if (a.top === (b ?? a).top)
          merged.set(
            `${a.top}:${a.left}`,
            s.columns.slice(a.left, (b ?? a).left + 1).reduce((x, y) => x + y, 0),
          );
      }
      s.rows.forEach((row, r) =>
        row.forEach((c, col) => {
          if (c?.style !== "label") return;
          const width = merged.get(`${r}:${col}`) ?? s.columns[col];
          expect([String(c.value), textWidth(String(c.value)) <= width]).toEqual([String(c.value), true]);
        }),
      );
      const texts = s.rows.flat().map((c) => (c ? String(c.value) : ""));
      expect(texts).toContain(model.labels.legendSection);
      for (const [term] of model.labels.legend) expect(texts).toContain(term);
      expect(texts.join("\n")).not.toMatch(/docs\/|\.md\b|src\//);
      // The trail: 萧山区 only (the others did not move), and who applied it.
      expect(model.trail[0].changes.map((c) => c.unit)).toEqual(["萧山区"]);
      expect(model.trail[0].details).toContain(lang === "zh" ? "应用人：王五" : "applied by 王五");
      expect(model.header.scope).toBe(
        lang === "zh" ? "整个工作簿（分解表、进度表）" : "the whole workbook (分解表, 进度表)",
      );
    },
  );
});

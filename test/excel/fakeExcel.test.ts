/**
 * The fake host rejects what a real Excel rejects (and a little more, so mistakes cannot pass):
 * unloaded properties, unknown members, requirement sets above the host's, long addresses and
 * large payloads; and it evaluates the conditional formats it holds as Excel would.
 */
import {
  FakeWorkbook,
  installFakeExcel,
  evaluate,
  lights,
  excelRound,
  type FakeHost,
} from "../../src/fake-excel";

let host: FakeHost;

function book(): FakeWorkbook {
  return FakeWorkbook.fromGrid({
    name: "t.xlsx",
    sheets: [
      {
        name: "表1",
        values: [
          ["合计", 6, 1, 2, 3],
          ["合计", 7, 1, "-", 3],
          ["合计", 5, 1, "#REF!", 3],
        ],
      },
      { name: "Other sheet", values: [[1]] },
    ],
  });
}

beforeEach(() => {
  host = installFakeExcel(book(), { apiVersion: "1.14" });
});
afterEach(() => host.uninstall());

describe("strict like a real host", () => {
  test("reading a property that was not loaded and synced throws PropertyNotLoaded", async () => {
    await expect(
      Excel.run(async (context) => {
        const r = context.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
        r.load("values");
        return r.values; // before sync
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
    await expect(
      Excel.run(async (context) => {
        const r = context.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
        r.load("values");
        await context.sync();
        return r.formulas; // loaded values, not formulas
      }),
    ).rejects.toMatchObject({ code: "PropertyNotLoaded" });
  });

  test("a misspelled member fails at once: on objects, enums, the context, and when setting", async () => {
    await expect(
      Excel.run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        (sheet as unknown as { getRnage(a: string): unknown }).getRnage("A1");
      }),
    ).rejects.toMatchObject({ code: "UnknownMember" });
    expect(() => (Excel.ConditionalFormatType as unknown as Record<string, string>).custm).toThrow(/custm/);
    await expect(
      Excel.run(async (context) => {
        void (context as unknown as { workbok: unknown }).workbok;
      }),
    ).rejects.toThrow(/workbok/);
    await expect(
      Excel.run(async (context) => {
        const r = context.workbook.worksheets.getActiveWorksheet().getRange("A1");
        (r as unknown as { valus: unknown }).valus = [[1]];
      }),
    ).rejects.toThrow(/valus/);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().load("nmae");
      }),
    ).rejects.toThrow(/nmae/);
  });

  test("a member newer than the host's ExcelApi version fails the sync (notes are 1.18)", async () => {
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().notes.load("items/content");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
    host.setApiVersion("1.18");
    await Excel.run(async (context) => {
      const notes = context.workbook.worksheets.getActiveWorksheet().notes;
      notes.load("items/content");
      await context.sync();
      expect(notes.items).toEqual([]);
    });
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.19")).toBe(false);
  });

  test("an address over 8,192 characters fails the sync", async () => {
    const areas: string[] = [];
    for (let r = 1; areas.join(",").length <= 8192; r += 2) areas.push(`A${r}`);
    const address = areas.join(",");
    expect(address.length).toBeGreaterThan(8192);
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRanges(address).load("address");
        await context.sync();
      }),
    ).rejects.toThrow(/8,192/);
    const ok = areas.slice(0, 1000).join(",");
    await Excel.run(async (context) => {
      const r = context.workbook.worksheets.getActiveWorksheet().getRanges(ok);
      r.load("areaCount");
      await context.sync();
      expect(r.areaCount).toBe(1000);
    });
  });

  test("a request or a response over 5 MB fails; bytes are counted per sync", async () => {
    const big = Array.from({ length: 200 }, () => Array.from({ length: 100 }, () => "测试数据".repeat(30)));
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange("A1:CV200").values = big;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(host.stats[host.stats.length - 1].failed).toBe("RequestPayloadSizeLimitExceeded");
    // Written in two halves, then read back whole: the response is too large.
    for (const [from, to] of [
      [0, 100],
      [100, 200],
    ])
      await Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange(`A${from + 1}:CV${to}`).values = big.slice(
          from,
          to,
        );
        await context.sync();
      });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange("A1:CV200").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    expect(host.summary().maxRequestBytes).toBeGreaterThan(2_000_000);
  });

  test("values are typed as Excel types them, unless the cell is text-formatted", async () => {
    await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("G1:G4").values = [["123"], ["=1+1"], ["#N/A"], ["TRUE"]];
      const text = sheet.getRange("H1:H2");
      text.numberFormat = [["@"], ["@"]];
      text.values = [["123"], ["=1+1"]];
      await context.sync();
    });
    expect(host.value("表1", "G1")).toBe(123);
    expect(host.value("表1", "G2")).toBe(2);
    expect(host.value("表1", "G3")).toEqual({ error: "#N/A" });
    expect(host.value("表1", "G4")).toBe(true);
    expect(host.value("表1", "H1")).toBe("123");
    expect(host.value("表1", "H2")).toBe("=1+1");
  });

  test("a cell holds at most 32,767 characters", async () => {
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getActiveWorksheet().getRange("A9").values = [["x".repeat(32768)]];
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  test("selecting needs the active sheet; a very hidden sheet cannot be activated; one sheet stays visible", async () => {
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("Other sheet").getRange("A1").select();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidSelection" });
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.add("_hidden");
      s.visibility = Excel.SheetVisibility.veryHidden;
      await context.sync();
    });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("_hidden").activate();
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItem("表1").visibility = Excel.SheetVisibility.hidden;
        context.workbook.worksheets.getItem("Other sheet").visibility = Excel.SheetVisibility.hidden;
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
  });

  test("isNullObject is known only after a sync; chained calls on a null object fail", async () => {
    await Excel.run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("nope");
      expect(() => missing.isNullObject).toThrow(/isNullObject/);
      await context.sync();
      expect(missing.isNullObject).toBe(true);
    });
    await expect(
      Excel.run(async (context) => {
        context.workbook.worksheets.getItemOrNullObject("nope").getRange("A1").load("values");
        await context.sync();
      }),
    ).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("counts syncs: one per context.sync, and Excel.run sends what is left queued", async () => {
    const from = host.syncs;
    await Excel.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [["x"]];
    });
    expect(host.syncs - from).toBe(1);
  });
});

describe("conditional formats are evaluated as Excel would", () => {
  const cell = (grid: Record<string, unknown>) => (_s: string | undefined, r: number, c: number) =>
    grid[`${r},${c}`] as string | number | boolean | { error: string } | undefined;

  test("SUM skips text in a range; an arithmetic operand '-' is #VALUE! and never lights", () => {
    const g = cell({ "0,1": 6, "0,2": 1, "0,3": "-", "0,4": 3 });
    expect(evaluate("SUM(C1:E1)", { cell: g })).toBe(4);
    expect(lights(evaluate("=ROUND(SUM(C1:E1)-B1,0)<>0", { cell: g }))).toBe(true);
    expect(lights(evaluate("=ROUND(SUM(C1:E1)-D1,0)<>0", { cell: g }))).toBe(false);
    expect(evaluate("ISERROR(D1+1)", { cell: g })).toBe(true);
  });

  test("relative references move with the cell; absolute ones stay", () => {
    const g = cell({ "1,0": 10, "1,1": 20, "2,1": 5, "0,1": 5 });
    expect(evaluate("A1+$B$1", { cell: g, dRow: 1 })).toBe(15);
    expect(evaluate("OR(A1>MAX(B1:B2),A1<MIN(B1:B2))", { cell: g, dRow: 1 })).toBe(false);
  });

  test("ROUND rounds half away from zero after trimming binary noise", () => {
    expect(excelRound(2.675, 2)).toBe(2.68);
    expect(excelRound(-0.5, 0)).toBe(-1);
    expect(excelRound(0.1 + 0.2 - 0.3, 1)).toBe(0);
  });

  test("a function outside the modelled set throws instead of evaluating to nothing", () => {
    expect(() => evaluate("VLOOKUP(A1,B1:C2,2,FALSE)", { cell: () => undefined })).toThrow(/VLOOKUP/);
  });

  test("a user's rule and an add-in rule on a sheet: flagAt tells them apart by colour", async () => {
    host.user.addRule("表1", ["B1:B3"], "B1>6", "#00FF00");
    expect(host.flagAt("表1", "B2")).toMatchObject({ lit: true, kind: "other" });
    expect(host.flagAt("表1", "B1").lit).toBe(false);
  });
});

describe("rows inserted by the user move cells, rules, notes and names", () => {
  test("a rule on B2 follows its cells down, its formula rewritten", async () => {
    host.user.addRule("表1", ["B2"], "ROUND(SUM(C2:E2)-B2,0)<>0", "#FFC7CE", "#9C0006");
    host.user.addNote("表1", "B2", "note");
    await Excel.run(async (context) => {
      context.workbook.names.add("anchor", context.workbook.worksheets.getItem("表1").getRange("A1:E3"));
      await context.sync();
    });
    host.user.insertRows("表1", 1, 2);
    const snap = host.snapshot();
    expect(snap.sheets[0].rules[0]).toMatchObject({ ranges: ["B4"], formula: "=ROUND(SUM(C4:E4)-B4,0)<>0" });
    expect(Object.keys(snap.sheets[0].notes)).toEqual(["B4"]);
    expect(snap.names).toEqual([{ name: "anchor", refersTo: "表1!A3:E5" }]);
    expect(host.value("表1", "B3")).toBe(6);
  });
});

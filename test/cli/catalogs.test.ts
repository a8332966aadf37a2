/**
 * The command line's catalogs of words, walked entry by entry: both languages have the same entries,
 * no entry is empty, and every function entry, given the arguments below, says something in either
 * language. A function added to a catalog without arguments here fails the walk, so it gets tried too.
 */
import type { CheckSummary, ProgressionSummary, SplitSummary } from "../../src/core/check";
import { Decimal } from "../../src/core/decimal";
import type { Lang } from "../../src/core/messages";
import type { BatchSummary } from "../../src/cli/batch";
import { CHECK_TEXT } from "../../src/cli/checkText";
import { DETECT_TEXT } from "../../src/cli/detectText";
import { INPUT_TEXT } from "../../src/cli/inputText";
import { REBALANCE_TEXT } from "../../src/cli/rebalanceText";
import { TABLE_TEXT } from "../../src/cli/tableText";
import { USAGE_TEXT } from "../../src/cli/usageText";

const split: SplitSummary = {
  sheet: "分解表",
  range: "A3:Q8",
  orientation: "indicators-in-rows",
  policy: "exact",
  level: 0,
  parent: "杭州市目标",
  parentUnit: "杭州市",
  assignment: "省下达目标",
  children: ["上城区", "拱墅区"],
  indicators: [],
};
const progression: ProgressionSummary = {
  sheet: "进度表",
  range: "A3:F13",
  orientation: "indicators-in-rows",
  periods: ["2024年", "2025年"],
  indicators: [],
};
const summary: CheckSummary = {
  tables: 1,
  progressions: 1,
  indicators: 15,
  checks: 15,
  passed: 13,
  errors: 1,
  warnings: 1,
  infos: 20,
};
const batch: BatchSummary = {
  files: 3,
  checked: 2,
  unusable: 1,
  tables: 2,
  progressions: 1,
  errors: 1,
  warnings: 0,
  infos: 4,
  accepted: 1,
};
const cells = ["E7", "F7"];

/** Arguments to try each function entry with, by catalog and entry path; several sets try its branches. */
const ARGS: Record<string, Record<string, unknown[][]>> = {
  TABLE_TEXT: {
    noSuchSheet: [["a.xlsx", "不存在", "分解表, 进度表"]],
    emptyWorkbook: [["a.xlsx"]],
    nothingToCheck: [["a.xlsx"]],
    noTable: [["a.xlsx"]],
    noTableLookedAt: [["a.xlsx", "…"]],
    noTableToCheck: [
      ["a.xlsx", undefined, "…"],
      ["a.xlsx", "说明", "…"],
    ],
  },
  CHECK_TEXT: {
    split: [
      [split, "3 比率, 2 可加"],
      [{ ...split, assignment: undefined }, "1 可加"],
    ],
    progression: [[progression]],
    summary: [[summary]],
    acceptedCounts: [[1, 0]],
    lookedAtNotChecked: [[["分解表!A1:B2（…）", "进度表!A1:C3（…）"]]],
    acceptedReason: [["省里口径", "张三", "2024-05-06"]],
    lapsed: [
      ["分解表!D7", "合计不符", "changed"],
      ["分解表!D7", "合计不符", "gone"],
    ],
    acceptancesUnreadable: [["a.xlsx", "BAD_JSON"]],
    trailUnreadable: [["a.xlsx", "BAD_JSON"]],
    overwritesInput: [["a.xlsx"]],
    cannotWriteCopy: [
      ["标注副本", "unknown part", ""],
      ["report", "unknown part", "xl/x.xml, xl/y.xml"],
    ],
    annotatedWritten: [["a.xlsx"]],
    reportWritten: [["a.xlsx"]],
    annotatedFolder: [["out"]],
    reportFolder: [["out"]],
    folderNeeded: [["out.txt"]],
    batchTotal: [[batch], [{ ...batch, accepted: 0 }]],
  },
  DETECT_TEXT: {
    rowsHold: [["5", "6"]],
    evidenceOf: [
      [{ by: "keyword", evidence: "合计" }],
      [{ by: "arithmetic", evidence: "sum holds on 5 of 6 rows" }],
      [{ by: "default", evidence: "measure 家" }],
      [{ by: "default", evidence: "kind: ratio" }],
    ],
  },
  REBALANCE_TEXT: {
    badUnitValue: [["--edit", "abc"]],
    overwritesInput: [["a.xlsx"]],
    formulasInTheWay: [[["G2 = 50*2", "H2 = 1+1"]]],
    formulaCells: [[cells]],
    protectedSheet: [["分解表"]],
    cannotWriteCopy: [["unknown part"]],
    preview: [[cells], [["E7"]]],
    previewFormulas: [[cells]],
    referenceRow: [["上年新增企业数(家)"]],
    weightsRow: [["调整难度(个)"]],
    parentTarget: [
      ["杭州市", "D7", "2000", "", "按现值比例", "1", []],
      ["杭州市", "D7", "2000", "（表中所列）", "按现值比例", "1", ["权重行“调整难度”"]],
    ],
    parentFixed: [
      ["杭州市", "D7", "1999", "2000", "按下级合计修正上级"],
      ["杭州市", "D7", "", "2000", "按下级合计修正上级"],
    ],
    atMax: [[Decimal.fromInt(320)], [undefined]],
    atMin: [[Decimal.fromInt(20)], [undefined]],
    formula: [["SUM(C2:G2)"]],
    ratioCheck: [
      ["3.950133", "0.000133", "0.003133", true],
      ["3.960000", "0.010000", "0.003133", false],
    ],
    ratioTail: [["全市", "3.95"]],
    sumTail: [
      ["2000", " =", "杭州市", "2000"],
      ["1999", " ≠", "杭州市", "2000"],
    ],
    writtenNothing: [["out.xlsx", "下级合计 100 = 全市 100"]],
    written: [
      ["out.xlsx", 1, "J7", "", "…"],
      ["out.xlsx", 5, "C2、D2", "，替换公式 1 个", "…"],
    ],
    formulasReplaced: [[1], [2]],
  },
  USAGE_TEXT: {
    requiredOption: [["--indicator <text>"]],
    needsValue: [["--format <format>"]],
    badChoice: [["--format <format>", "xml", "text, json, csv"]],
    unknownOption: [
      ["--formt", "--format"],
      ["--bogus", undefined],
    ],
    missingArgument: [["file"]],
    unknownCommand: [
      ["chek", "check"],
      ["frob", undefined],
    ],
    withFacts: [["output format", ["choices: text, json", "default: text"]]],
  },
  INPUT_TEXT: {
    source: [[{ encoding: "gb18030", bom: false, delimiter: ",", rows: 12 }]],
    delimitedProblem: [
      ["a.csv", { code: "BINARY", tried: [] }],
      ["a.csv", { code: "UNKNOWN_ENCODING", tried: ["utf-8", "gb18030"] }],
      ["a.csv", { code: "UNTERMINATED_QUOTE", line: 3 }],
      ["a.csv", { code: "TOO_MANY_CELLS", maxCells: 1000 }],
      ["a.csv", { code: "EMPTY" }],
    ],
    notFound: [["a.xlsx"]],
    isFolder: [["a"]],
    emptyFolder: [["a"]],
    cannotRead: [
      ["a.xlsx", "EACCES"],
      ["a.xlsx", "EIO"],
    ],
    lockedByExcel: [["a.xlsx"]],
    openInExcel: [["a.xlsx", "~$a.xlsx"]],
    outputLocked: [["out.xlsx"]],
    copyNeedsXlsx: [["out.csv"]],
    readingRows: [["a.xlsx", 1000]],
    checkingRows: [["a.xlsx", 1000]],
    filesDone: [[1, 3]],
    badJobs: [["0"]],
    workerFailed: [["a.xlsx", "exit 1"]],
    checkFailed: [["a.xlsx", "boom"]],
    installLibreOffice: [
      ["a.xls: …", undefined],
      ["a.xls: …", "/opt/soffice"],
    ],
    convertedSource: [["xls"]],
    convertedName: [["a.xls"]],
    convertedCopyNote: [["et"]],
    convertedCopyNeedsXlsx: [["out.xls", "xls", "out.xlsx"]],
    convertedFiles: [[["a.xls", "b.et"]]],
    noTemporaryCopy: [
      ["a.xls", "/tmp", "ENOSPC"],
      ["a.xls", "/tmp", "EROFS"],
      ["a.xls", "/tmp", "EIO"],
    ],
    converting: [[1], [3]],
    conversionTimedOut: [["a.xls", 120]],
    conversionFailed: [["a.xls", "soffice"]],
    damagedLegacy: [["a.xls", "xls"]],
    notConverted: [["a.et", "et"]],
    mapNotFound: [["map.json"]],
    mapNotJson: [["map.json", "Unexpected token"]],
    mapWrong: [["map.json", "tables[0].sheet", "must be a non-empty string"]],
    uncalculated: [
      ["a.xlsx", ["分解表!B2"]],
      ["a.xlsx", ["A1", "A2", "A3", "A4", "A5", "A6"]],
    ],
  },
};

const CATALOGS: Record<string, Record<Lang, object>> = {
  TABLE_TEXT,
  CHECK_TEXT,
  DETECT_TEXT,
  REBALANCE_TEXT,
  USAGE_TEXT,
  INPUT_TEXT,
};

/** Every entry of a catalog by its path (nested records and lists walked into): a.b, a.0. */
function entries(value: object, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === "object") for (const [p, w] of entries(v as object, path)) out.set(p, w);
    else out.set(path, v);
  }
  return out;
}

describe.each(Object.keys(CATALOGS))("%s", (name) => {
  const byLang = { zh: entries(CATALOGS[name].zh), en: entries(CATALOGS[name].en) };

  test("both languages have the same entries", () => {
    expect([...byLang.zh.keys()].sort()).toEqual([...byLang.en.keys()].sort());
    expect(byLang.zh.size).toBeGreaterThan(0);
  });

  test("no entry is empty; every function entry says something in both languages", () => {
    for (const lang of ["zh", "en"] as const)
      for (const [path, value] of byLang[lang]) {
        if (typeof value === "function") {
          const tries = ARGS[name][path];
          expect([path, (tries ?? []).length > 0]).toEqual([path, true]);
          for (const args of tries ?? []) {
            const said: unknown = (value as (...a: unknown[]) => unknown)(...args);
            expect([lang, path, typeof said]).toEqual([lang, path, "string"]);
            expect([lang, path, (said as string).trim().length > 0]).toEqual([lang, path, true]);
          }
        } else {
          expect([lang, path, typeof value]).toEqual([lang, path, "string"]);
          expect([lang, path, (value as string).trim().length > 0]).toEqual([lang, path, true]);
        }
      }
  });

  test("every argument set here belongs to a function entry (none left behind)", () => {
    for (const path of Object.keys(ARGS[name] ?? {}))
      expect([path, typeof byLang.zh.get(path)]).toEqual([path, "function"]);
  });
});

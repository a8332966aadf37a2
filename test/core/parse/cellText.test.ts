import type { CellValue, ParseContext } from "../../../src/core/cell";
import { Decimal } from "../../../src/core/decimal";
import type { RawValue } from "../../../src/core/grid";
import { decimalsFromFormat, isPercentFormat, parseCell } from "../../../src/core/parse/cellText";

/** A parsed cell with Decimals as text, so expectations read like the sheet. */
function view(c: CellValue): Record<string, unknown> {
  switch (c.kind) {
    case "number":
      return {
        kind: "number",
        value: c.value.toString(),
        shownDecimals: c.shownDecimals,
        multiplier: c.multiplier?.toString(),
        bound: c.bound,
        qualifier: c.qualifier,
        suffix: c.suffix,
        percentFormat: c.percentFormat,
      };
    case "text":
      return { kind: "text", text: c.text, qualitative: c.qualitative };
    case "dash":
      return { kind: "dash", text: c.text };
    case "error":
      return { kind: "error", code: c.code };
    case "empty":
      return { kind: "empty" };
  }
}

const num = (value: string, shownDecimals: number, more: Record<string, unknown> = {}) => ({
  kind: "number",
  value,
  shownDecimals,
  ...more,
});
const text = (t: string, qualitative: boolean) => ({ kind: "text", text: t, qualitative });
const dash = (t: string) => ({ kind: "dash", text: t });
const error = (code: string) => ({ kind: "error", code });
const EMPTY = { kind: "empty" };

type Case = [title: string, raw: RawValue, ctx: ParseContext | undefined, expected: Record<string, unknown>];

function run(cases: Case[]) {
  test.each(cases)("%s", (_title, raw, ctx, expected) => {
    expect(view(parseCell(raw, ctx))).toEqual(expected);
  });
}

describe("raw numbers", () => {
  run([
    ["a stored 56.7 is exactly 56.7, shown with its own 1 decimal", 56.7, undefined, num("56.7", 1)],
    ["a stored integer shows 0 decimals", 2000, undefined, num("2000", 0)],
    [
      "float noise (0.1+0.2, stored 0.30000000000000004) is read at Excel's 15 digits: 0.3",
      0.1 + 0.2,
      undefined,
      num("0.3", 1),
    ],
    [
      "a 0.00 format fixes the shown decimals; the value stays exact",
      3.14159,
      { numberFormat: "0.00" },
      num("3.14159", 2),
    ],
    ["a 0.00 format shows 2 decimals even for an integer", 5, { numberFormat: "0.00" }, num("5", 2)],
    ["a #,##0.0 format shows 1 decimal", 1234.56, { numberFormat: "#,##0.0" }, num("1234.56", 1)],
    ["General leaves the value's own decimals", 3.95, { numberFormat: "General" }, num("3.95", 2)],
    [
      "0.0# shows at least 1 and at most 2 decimals (1.234 → 2)",
      1.234,
      { numberFormat: "0.0#" },
      num("1.234", 2),
    ],
    ["0.0# shows at least 1 decimal (1 → 1.0)", 1, { numberFormat: "0.0#" }, num("1", 1)],
    [
      "a percent format shows the stored fraction ×100, exactly",
      0.0395,
      { numberFormat: "0.00%" },
      num("3.95", 2, { suffix: "%", percentFormat: true }),
    ],
    [
      "0% shows 1 as 100 with 0 decimals",
      1,
      { numberFormat: "0%" },
      num("100", 0, { suffix: "%", percentFormat: true }),
    ],
    ["a quoted % in a format is a literal: no ×100", 3.95, { numberFormat: '0.00"%"' }, num("3.95", 2)],
    ["a negative stored number", -12.5, undefined, num("-12.5", 1)],
    ["a huge stored number is exact in decimal", 1.5e21, undefined, num("1500000000000000000000", 0)],
    ["a tiny stored number keeps all its decimals", 1e-7, undefined, num("0.0000001", 7)],
    ["NaN (impossible in Excel) is reported as #NUM!", NaN, undefined, error("#NUM!")],
    ["Infinity is reported as #NUM!", Infinity, undefined, error("#NUM!")],
  ]);
});

describe("booleans, errors and empties", () => {
  run([
    ["TRUE is text, not a number and not wording", true, undefined, text("TRUE", false)],
    ["FALSE is text, not a number and not wording", false, undefined, text("FALSE", false)],
    ["an Excel error value becomes an error cell", { error: "#REF!" }, undefined, error("#REF!")],
    ["#DIV/0! error value", { error: "#DIV/0!" }, undefined, error("#DIV/0!")],
    ["null is empty", null, undefined, EMPTY],
    ["undefined is empty", undefined, undefined, EMPTY],
    ["the empty string is empty", "", undefined, EMPTY],
    ["whitespace only (incl. ideographic space and NBSP) is empty", " \u3000\u00a0\t ", undefined, EMPTY],
    ["control characters and zero-width spaces only are empty", "\u0000\u0007\u200b\ufeff", undefined, EMPTY],
  ]);
  const codes = [
    "#REF!",
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#VALUE!",
    "#SPILL!",
    "#CALC!",
    "#GETTING_DATA",
    "#FIELD!",
    "#BLOCKED!",
    "#CONNECT!",
    "#BUSY!",
    "#UNKNOWN!",
  ];
  run(codes.map((c): Case => [`error code ${c} stored as text is an error cell`, c, undefined, error(c)]));
  run([
    ["a lower-case error code from a CSV is the canonical code", "#n/a", undefined, error("#N/A")],
    ["a full-width error code is the error code", "＃ＲＥＦ！", undefined, error("#REF!")],
    ["text that merely starts with # is not an error", "#见备注", undefined, text("#见备注", true)],
  ]);
});

describe("dashes: no allocation", () => {
  const dashes = [
    "-",
    "—",
    "–",
    "－",
    "——",
    "--",
    "/",
    "—/—",
    "无",
    "N/A",
    "n/a",
    "NA",
    "---",
    "暂无",
    "不适用",
  ];
  run(dashes.map((d): Case => [`${d} is a dash`, d, undefined, dash(d === "－" ? "-" : d)]));
  run([
    ["a padded dash is a dash", "  —  ", undefined, dash("—")],
    ["N / A with padding is a dash", "N / A", undefined, dash("N/A")],
  ]);
});

describe("numbers stored as text", () => {
  run([
    ["plain integer text", "1870", undefined, num("1870", 0)],
    ["decimal text keeps its written decimals (42.0 → 1)", "42.0", undefined, num("42", 1)],
    ["negative text", "-3.5", undefined, num("-3.5", 1)],
    ["a leading + is allowed", "+5", undefined, num("5", 0)],
    ["thousands separators", "1,234.5", undefined, num("1234.5", 1)],
    ["several thousands groups", "1,234,567.89", undefined, num("1234567.89", 2)],
    ["full-width digits, comma and point (NFKC)", "１，２３４．５", undefined, num("1234.5", 1)],
    ["padding around a number", "  56.7 ", undefined, num("56.7", 1)],
    ["a minus sign U+2212", "−5", undefined, num("-5", 0)],
    ["a leading point", ".5", undefined, num("0.5", 1)],
    ["exponent text as String(1e21) writes it", "1e+21", undefined, num("1000000000000000000000", 0)],
    ["exponent text with negative exponent", "-1.5e-7", undefined, num("-0.00000015", 8)],
    [
      "a long digit string stays exact",
      "12345678901234567890.5",
      undefined,
      num("12345678901234567890.5", 1),
    ],
  ]);
});

describe("multipliers 千 万 亿 万亿", () => {
  run([
    [
      "1.7万 is 17000, known to its last shown digit",
      "1.7万",
      undefined,
      num("17000", 1, { multiplier: "10000" }),
    ],
    ["0.3万 is 3000", "0.3万", undefined, num("3000", 1, { multiplier: "10000" })],
    ["15.5万", "15.5万", undefined, num("155000", 1, { multiplier: "10000" })],
    ["3千 is 3000", "3千", undefined, num("3000", 0, { multiplier: "1000" })],
    ["2.5亿 is 250000000", "2.5亿", undefined, num("250000000", 1, { multiplier: "100000000" })],
    ["1.2万亿 is 1.2e12", "1.2万亿", undefined, num("1200000000000", 1, { multiplier: "1000000000000" })],
    ["千万 is 1e7", "3千万", undefined, num("30000000", 0, { multiplier: "10000000" })],
    ["full-width 1.7万", "１．７万", undefined, num("17000", 1, { multiplier: "10000" })],
    ["traditional 萬 is 万", "1.7萬", undefined, num("17000", 1, { multiplier: "10000" })],
    [
      "56.7亿元 without a measure: 亿 multiplies, 元 is the unit",
      "56.7亿元",
      undefined,
      num("5670000000", 1, { multiplier: "100000000", suffix: "元" }),
    ],
    [
      "300万元 without a measure",
      "300万元",
      undefined,
      num("3000000", 0, { multiplier: "10000", suffix: "元" }),
    ],
    [
      "42.0万亩 without a measure: 万 multiplies",
      "42.0万亩",
      undefined,
      num("420000", 1, { multiplier: "10000", suffix: "亩" }),
    ],
  ]);
});

describe("a multiplier that belongs to the row's measure is not a multiplier", () => {
  run([
    [
      "42.0万亩 in a 万亩 row is 42.0 (scale kept)",
      "42.0万亩",
      { measure: "万亩" },
      num("42", 1, { suffix: "万亩" }),
    ],
    ["42.0 in a 万亩 row is 42.0", "42.0", { measure: "万亩" }, num("42", 1)],
    ["padded 42.0 in a 万亩 row is 42.0 too", " 42.0 ", { measure: "万亩" }, num("42", 1)],
    ["超500 in a 亿元 row is 500 亿元", "超500", { measure: "亿元" }, num("500", 0, { bound: "gt" })],
    ["3.5万 in a 万元 row is 3.5", "3.5万", { measure: "万元" }, num("3.5", 1, { suffix: "万" })],
    ["3.5万元 in a 万元 row is 3.5", "3.5万元", { measure: "万元" }, num("3.5", 1, { suffix: "万元" })],
    ["56.7亿元 in a 亿元 row is 56.7", "56.7亿元", { measure: "亿元" }, num("56.7", 1, { suffix: "亿元" })],
    [
      "a measure written with brackets, (万亩), is the same measure",
      "42.0万亩",
      { measure: "(万亩)" },
      num("42", 1, { suffix: "万亩" }),
    ],
    [
      "3500万元 in a 亿元 row converts exactly to 0.35 亿元 (multiplier 0.0001 to the written digits)",
      "3500万元",
      { measure: "亿元" },
      num("0.35", 0, { multiplier: "0.0001", suffix: "亿元" }),
    ],
    [
      "3.5亿 in a 万元 row is 35000 万元",
      "3.5亿",
      { measure: "万元" },
      num("35000", 1, { multiplier: "10000" }),
    ],
    [
      "300元 in a 万元 row is 0.03 万元",
      "300元",
      { measure: "万元" },
      num("0.03", 0, { multiplier: "0.0001", suffix: "万元" }),
    ],
    [
      "1.7万 in a 家 row is still 17000",
      "1.7万",
      { measure: "家" },
      num("17000", 1, { multiplier: "10000" }),
    ],
    [
      "1.7万家 in a 家 row is 17000 家",
      "1.7万家",
      { measure: "家" },
      num("17000", 1, { multiplier: "10000", suffix: "家" }),
    ],
    [
      "a unit foreign to the measure keeps the plain meaning (3.5亿美元 in a 万元 row)",
      "3.5亿美元",
      { measure: "万元" },
      num("350000000", 1, { multiplier: "100000000", suffix: "美元" }),
    ],
    ["3.95% in a % row", "3.95%", { measure: "%" }, num("3.95", 2, { suffix: "%" })],
  ]);
});

describe("units glued to numbers", () => {
  const units: [string, string, string][] = [
    ["23项", "23", "项"],
    ["4894户", "4894", "户"],
    ["200家", "200", "家"],
    ["3.95%", "3.95", "%"],
    ["12个", "12", "个"],
    ["5件", "5", "件"],
    ["100人", "100", "人"],
    ["12公里", "12", "公里"],
    ["8吨", "8", "吨"],
    ["3个百分点", "3", "个百分点"],
    ["3百分点", "3", "百分点"],
    ["12km", "12", "km"],
    ["5m²", "5", "m2"],
    ["2.5‰", "2.5", "‰"],
    ["3元/人", "3", "元/人"],
    ["4894戶", "4894", "户"],
    ["２３项", "23", "项"],
  ];
  run(
    units.map(([t, v, u]): Case => [
      `${t} is ${v} with suffix ${u}`,
      t,
      undefined,
      num(v, v.includes(".") ? v.split(".")[1].length : 0, { suffix: u }),
    ]),
  );
  run([
    [
      "padding inside a number with a unit is layout (4 8 9 4 户)",
      "4 8 9 4 户",
      undefined,
      num("4894", 0, { suffix: "户" }),
    ],
    ["digits after the unit make it not a number (5件3)", "5件3", undefined, text("5件3", false)],
  ]);
});

describe("bounds", () => {
  run([
    ["超500 is more than 500", "超500", undefined, num("500", 0, { bound: "gt" })],
    ["超过500", "超过500", undefined, num("500", 0, { bound: "gt" })],
    ["大于500", "大于500", undefined, num("500", 0, { bound: "gt" })],
    ["高于500", "高于500", undefined, num("500", 0, { bound: "gt" })],
    ["> 500", "> 500", undefined, num("500", 0, { bound: "gt" })],
    ["全角＞500", "＞500", undefined, num("500", 0, { bound: "gt" })],
    ["超70 (seed)", "超70", undefined, num("70", 0, { bound: "gt" })],
    ["超17万 (seed)", "超17万", undefined, num("170000", 0, { bound: "gt", multiplier: "10000" })],
    ["超15.5万 (seed)", "超15.5万", undefined, num("155000", 1, { bound: "gt", multiplier: "10000" })],
    ["不低于500 is at least 500", "不低于500", undefined, num("500", 0, { bound: "ge" })],
    ["不少于500", "不少于500", undefined, num("500", 0, { bound: "ge" })],
    ["至少500", "至少500", undefined, num("500", 0, { bound: "ge" })],
    ["≥500", "≥500", undefined, num("500", 0, { bound: "ge" })],
    [">=500", ">=500", undefined, num("500", 0, { bound: "ge" })],
    ["500以上", "500以上", undefined, num("500", 0, { bound: "ge" })],
    ["500家以上", "500家以上", undefined, num("500", 0, { bound: "ge", suffix: "家" })],
    ["500+", "500+", undefined, num("500", 0, { bound: "ge" })],
    ["不超过10 is at most 10", "不超过10", undefined, num("10", 0, { bound: "le" })],
    ["不高于10", "不高于10", undefined, num("10", 0, { bound: "le" })],
    ["不大于10", "不大于10", undefined, num("10", 0, { bound: "le" })],
    ["上限10", "上限10", undefined, num("10", 0, { bound: "le" })],
    ["≤10", "≤10", undefined, num("10", 0, { bound: "le" })],
    ["<=10", "<=10", undefined, num("10", 0, { bound: "le" })],
    ["10以内", "10以内", undefined, num("10", 0, { bound: "le" })],
    ["10以下", "10以下", undefined, num("10", 0, { bound: "le" })],
    ["控制在3.5%以内", "控制在3.5%以内", undefined, num("3.5", 1, { bound: "le", suffix: "%" })],
    [
      "控制在3.5% without 以内 is still a cap",
      "控制在3.5%",
      undefined,
      num("3.5", 1, { bound: "le", suffix: "%" }),
    ],
    ["低于3 is less than 3", "低于3", undefined, num("3", 0, { bound: "lt" })],
    ["少于3", "少于3", undefined, num("3", 0, { bound: "lt" })],
    ["小于3", "小于3", undefined, num("3", 0, { bound: "lt" })],
    ["<3", "<3", undefined, num("3", 0, { bound: "lt" })],
    ["500余家 is more than 500", "500余家", undefined, num("500", 0, { bound: "gt", suffix: "家" })],
    ["1万多 is more than 10000", "1万多", undefined, num("10000", 0, { bound: "gt", multiplier: "10000" })],
    ["超500以上 keeps the strict bound", "超500以上", undefined, num("500", 0, { bound: "gt" })],
    ["超500以内 contradicts itself: not a number", "超500以内", undefined, text("超500以内", false)],
    ["超过 traditional 超過500", "超過500", undefined, num("500", 0, { bound: "gt" })],
  ]);
});

describe("qualifiers and target words", () => {
  run([
    [
      "累计超2.2万 (seed): cumulative, more than 22000",
      "累计超2.2万",
      undefined,
      num("22000", 1, { qualifier: "cumulative", bound: "gt", multiplier: "10000" }),
    ],
    [
      "累计1.9万 (seed)",
      "累计1.9万",
      undefined,
      num("19000", 1, { qualifier: "cumulative", multiplier: "10000" }),
    ],
    [
      "累计1.7万 (seed)",
      "累计1.7万",
      undefined,
      num("17000", 1, { qualifier: "cumulative", multiplier: "10000" }),
    ],
    [
      "累计超3.2万 (seed)",
      "累计超3.2万",
      undefined,
      num("32000", 1, { qualifier: "cumulative", bound: "gt", multiplier: "10000" }),
    ],
    [
      "累计超3.0万 (seed) keeps its shown decimal",
      "累计超3.0万",
      undefined,
      num("30000", 1, { qualifier: "cumulative", bound: "gt", multiplier: "10000" }),
    ],
    [
      "新增0.3万 (seed): new this period",
      "新增0.3万",
      undefined,
      num("3000", 1, { qualifier: "new", multiplier: "10000" }),
    ],
    [
      "累計超過2.2萬 (traditional) reads as 累计超过2.2万",
      "累計超過2.2萬",
      undefined,
      num("22000", 1, { qualifier: "cumulative", bound: "gt", multiplier: "10000" }),
    ],
    ["累计新增 is cumulative", "累计新增500", undefined, num("500", 0, { qualifier: "cumulative" })],
    ["新增超500", "新增超500家", undefined, num("500", 0, { qualifier: "new", bound: "gt", suffix: "家" })],
    ["约500 is a point value", "约500", undefined, num("500", 0)],
    ["力争500", "力争500", undefined, num("500", 0)],
    ["达到500", "达到500", undefined, num("500", 0)],
    ["达500", "达500", undefined, num("500", 0)],
    ["完成500", "完成500", undefined, num("500", 0)],
    ["力争超过500 is a bound", "力争超过500", undefined, num("500", 0, { bound: "gt" })],
    ["500左右 is a point value", "500左右", undefined, num("500", 0)],
    ["two bound words are not a number (超不低于500)", "超不低于500", undefined, text("超不低于500", false)],
  ]);
});

describe("wording and junk", () => {
  run([
    [
      "快于面上投资增速 (seed) is qualitative wording",
      "快于面上投资增速",
      undefined,
      text("快于面上投资增速", true),
    ],
    ["持续提升", "持续提升", undefined, text("持续提升", true)],
    ["稳步增长", "稳步增长", undefined, text("稳步增长", true)],
    ["完成省下达任务", "完成省下达任务", undefined, text("完成省下达任务", true)],
    ["待定", "待定", undefined, text("待定", true)],
    [
      "较上年增长5%以上 (a growth over an unstated base)",
      "较上年增长5%以上",
      undefined,
      text("较上年增长5%以上", true),
    ],
    ["a range 5-8 is a legitimate target, not junk", "5-8", undefined, text("5-8", true)],
    ["a range 5%~8%", "5%~8%", undefined, text("5%~8%", true)],
    ["a range 1-2万", "1-2万", undefined, text("1-2万", true)],
    ["a period 2021-2025年", "2021-2025年", undefined, text("2021-2025年", true)],
    ["a backwards range 8-5 is junk", "8-5", undefined, text("8-5", false)],
    ["12a3 is a broken number", "12a3", undefined, text("12a3", false)],
    ["1.2.3 is a broken number", "1.2.3", undefined, text("1.2.3", false)],
    ["3..5 is a broken number", "3..5", undefined, text("3..5", false)],
    ["1,23,4 has bad thousands groups", "1,23,4", undefined, text("1,23,4", false)],
    ["1,2345 has bad thousands groups", "1,2345", undefined, text("1,2345", false)],
    ["TBD is a placeholder, not wording", "TBD", undefined, text("TBD", false)],
    ["x is junk", "x", undefined, text("x", false)],
    ["? is junk", "?", undefined, text("?", false)],
    ["a broken number with a unit (12a3件) is not wording", "12a3件", undefined, text("12a3件", false)],
    [
      "a broken number with a qualifier (累计1.2.3万) is not wording",
      "累计1.2.3万",
      undefined,
      text("累计1.2.3万", false),
    ],
    [
      "a broken number with a multiplier and unit (1.2.3万亩)",
      "1.2.3万亩",
      undefined,
      text("1.2.3万亩", false),
    ],
    [
      "a dated task (2024.12.31前完成) is wording",
      "2024.12.31前完成",
      undefined,
      text("2024.12.31前完成", true),
    ],
    [
      "a year and a count in words (2024年完成3项) is wording",
      "2024年完成3项",
      undefined,
      text("2024年完成3项", true),
    ],
    [
      "a broken number with a unit and a bound (1.2.3万亩以上)",
      "1.2.3万亩以上",
      undefined,
      text("1.2.3万亩以上", false),
    ],
    ["an unfinished exponent (5e) is not a number with unit e", "5e", undefined, text("5e", false)],
    ["—5 (em dash is not a minus) is not a number", "—5", undefined, text("—5", false)],
    ["padding between CJK characters is layout (合  计)", "合  计", undefined, text("合计", true)],
    ["traditional 合計 reads as 合计", "合計", undefined, text("合计", true)],
    ["traditional 鄉 and 鎮", "城關鎮", undefined, text("城关镇", true)],
    ["宝 应 县", "宝 应 县", undefined, text("宝应县", true)],
    ["spaces between latin words are kept once", "to  be\tset", undefined, text("to be set", false)],
    [
      "control characters inside text are dropped",
      "快于\u0000面上\u200b投资增速",
      undefined,
      text("快于面上投资增速", true),
    ],
  ]);
});

describe("the seed's cell texts (data/*.csv)", () => {
  // Every data cell of both tables, as printed.
  const seedNumbers = [
    "3.89",
    "3.95",
    "0.77",
    "1.2",
    "4.5",
    "9.75",
    "4",
    "4.8",
    "4.03",
    "5.3",
    "3.38",
    "3.87",
    "2.7",
    "0.7",
    "2.35",
    "70.2",
    "13.5",
    "84",
    "86",
    "88",
    "69.1",
    "81",
    "76",
    "67.5",
    "83",
    "75",
    "44",
    "44.5",
    "20",
    "1870",
    "2000",
    "104",
    "90",
    "166",
    "329",
    "315",
    "388",
    "200",
    "152",
    "100",
    "72",
    "46",
    "7",
    "30",
    "56.7",
    "3.1",
    "6.5",
    "4.1",
    "14.7",
    "7.1",
    "7.5",
    "5.2",
    "2",
    "4.2",
    "4.0",
    "1200",
    "1000",
    "800",
    "55",
    "50",
    "72.5",
    "71.5",
    "3300",
    "3230",
    "3200",
  ];
  test.each(seedNumbers)("%s is the exact decimal as printed", (t) => {
    const c = parseCell(t);
    expect(c.kind).toBe("number");
    if (c.kind !== "number") return;
    expect(c.value.eq(Decimal.parse(t)!)).toBe(true);
    expect(c.shownDecimals).toBe(t.includes(".") ? t.split(".")[1].length : 0);
    expect(c.fromText).toBe(true);
    expect(c.text).toBe(t);
  });
  run([
    ["15.5万 (seed)", "15.5万", undefined, num("155000", 1, { multiplier: "10000" })],
    ["超500 (seed)", "超500", { measure: "亿元" }, num("500", 0, { bound: "gt" })],
    ["- (seed) is no allocation", "-", undefined, dash("-")],
    ["杭州市目标 is a label", "杭州市目标", undefined, text("杭州市目标", true)],
    [
      "R&D经费支出占GDP比重(%) is a label",
      "R&D经费支出占GDP比重(%)",
      undefined,
      text("R&D经费支出占GDP比重(%)", true),
    ],
    [
      "2027年 (header) reads as the number 2027 with unit 年",
      "2027年",
      undefined,
      num("2027", 0, { suffix: "年" }),
    ],
  ]);
  test("科技创新强基领域重大项目投资额: the districts add up to 56.7 exactly, - counting as 0", () => {
    const row = ["3.1", "-", "6.5", "4.1", "14.7", "7.1", "7.5", "5.2", "2", "6.5", "-", "-", "-"];
    let sum = Decimal.ZERO;
    for (const t of row) {
      const c = parseCell(t, { measure: "亿元" });
      if (c.kind === "number") sum = sum.add(c.value);
      else expect(c.kind).toBe("dash");
    }
    expect(sum.eq(parseCell("56.7").kind === "number" ? Decimal.parse("56.7")! : Decimal.ZERO)).toBe(true);
  });
});

describe("the cell keeps its original text", () => {
  test("a number parsed from text keeps the text as typed", () => {
    const c = parseCell(" １．７万 ");
    expect(c.kind === "number" && c.text).toBe(" １．７万 ");
    expect(c.kind === "number" && c.fromText).toBe(true);
  });
  test("a raw number has no text and is not fromText", () => {
    const c = parseCell(5);
    expect(c.kind === "number" && c.fromText).toBe(false);
    expect(c.kind === "number" && c.text).toBeUndefined();
  });
});

describe("decimalsFromFormat and isPercentFormat", () => {
  const formats: [string | undefined, number | undefined, boolean][] = [
    ["0.00", 2, false],
    ["#,##0.0", 1, false],
    ["0", 0, false],
    ["#,##0", 0, false],
    ["0.0%", 1, true],
    ["0%", 0, true],
    ["General", undefined, false],
    ["@", undefined, false],
    [undefined, undefined, false],
    ["", undefined, false],
    ["[Red]0.00", 2, false],
    ["[红色]#,##0.00;[绿色]-#,##0.00", 2, false],
    ["#,##0.00;-#,##0", 2, false],
    ["0.00_);(0.00)", 2, false],
    ['0.0"%"', 1, false],
    ["0\\%", 0, false],
    ['0.0"万元"', 1, false],
    ["[$¥-804]#,##0.00", 2, false],
    ['_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ', 2, false],
    ["[>=100]0;0.00", 0, false],
    ["0.0#", undefined, false],
    ["yyyy-mm-dd", undefined, false],
    ['yyyy"年"m"月"d"日"', undefined, false],
    ["0.00E+00", undefined, false],
    ["# ?/?", undefined, false],
    ["#,##0,", undefined, false],
    [";;;", undefined, false],
  ];
  test.each(formats)("%p fixes %p decimals (percent: %p)", (f, d, p) => {
    expect(decimalsFromFormat(f)).toBe(d);
    expect(isPercentFormat(f)).toBe(p);
  });
});

describe("figures with a remark, and accountants' negatives", () => {
  test.each([
    ["1,200（预计）", "1200"],
    ["1100(含外来)", "1100"],
    ["800（暂定）", "800"],
    ["(50)", "-50"],
    ["(1,234.5)", "-1234.5"],
    ["( 30 )", "-30"],
  ])("%s is the figure %s", (text, value) => {
    const c = parseCell(text);
    expect(c.kind).toBe("number");
    expect(c.kind === "number" && c.value.toString()).toBe(value);
  });
  test.each(["500(万元)", "3(个)", "(1)", "（12）", "（1,234.5）", "(见附表)", "500（2024年）"])(
    "%s is not read as a figure with a remark nor as a negative",
    (text) => {
      const c = parseCell(text);
      expect([text, c.kind === "number" && c.value.sign() < 0]).toEqual([text, false]);
      if (c.kind === "number") expect(text).toMatch(/^500|^3/);
    },
  );
});

/**
 * progression-decrease: a stock (拥有量, 保有量, 总数) or cumulative (累计) value must not fall
 * from one period to a later one (docs/rules.md §2). A cell's own words decide over the row's name:
 * 累计 cells are compared even in a row named 每年新增…, 新增 cells never are. Years are never
 * summed into each other. A 万-written value is known only to its last digit, so a fall must
 * exceed that uncertainty to be certain.
 */
import { Decimal } from "../decimal";
import type { NumberCell } from "../cell";
import { certainlyBelow, intervalOf, type Interval } from "../interval";
import { address, type ParsedProgression } from "../table";
import { pow10neg } from "./rounding";
import { detail, evidenceWords } from "./evidenceText";
import type { Rule, RuleOutput } from "./rule";

const HALF = Decimal.parse("0.5")!;

function uncertain(cell: NumberCell): Interval {
  const i = intervalOf(cell);
  if (!cell.multiplier) return i;
  const half = cell.multiplier.mul(pow10neg(cell.shownDecimals)).mul(HALF);
  return { ...i, lo: i.lo && i.lo.sub(half), hi: i.hi && i.hi.add(half) };
}

/**
 * A level the plan means to bring down: 存量违建 500 → 100, 债务余额 320 → 280, a capped stock. A
 * slip of the pen is one dip in a rising series; a path that never rises over three or more periods
 * (or any path of a capped level) is the plan itself, and nothing is said of it. Cells written as
 * cumulative (累计) may never fall, whatever the path.
 */
function plannedDecline(series: readonly { cell: NumberCell }[], direction: "cap" | "floor"): boolean {
  if (series.some((e) => e.cell.qualifier === "cumulative")) return false;
  if (direction === "cap") return true;
  if (series.length < 3) return false;
  for (let k = 1; k < series.length; k++) if (series[k].cell.value.gt(series[k - 1].cell.value)) return false;
  return true;
}

function run(t: ParsedProgression, out: RuleOutput): void {
  const { map, view } = t;
  const order = map.periods.map((p, j) => ({ p, j })).filter(({ p }) => !p.span && p.year > 0);
  order.sort((x, y) => x.p.year - y.p.year);
  map.indicators.forEach((ind, i) => {
    const series = order
      .map(({ p, j }) => ({ p, cell: t.cells[i][j] }))
      .filter((e): e is { p: (typeof order)[number]["p"]; cell: NumberCell } => {
        if (e.cell.kind !== "number" || e.cell.qualifier === "new") return false;
        return e.cell.qualifier === "cumulative" || ind.flow === "stock";
      });
    if (series.length < 2) return;
    if (plannedDecline(series, ind.direction)) return;
    let failed = false;
    for (let k = 1; k < series.length; k++) {
      const earlier = series[k - 1];
      const later = series[k];
      if (!certainlyBelow(uncertain(later.cell), uncertain(earlier.cell))) continue;
      failed = true;
      out.finding({
        rule: "progression-decrease",
        severity: "warning",
        sheet: map.sheet,
        cell: address(view, ind, later.p),
        related: [address(view, ind, earlier.p)],
        indicator: ind.name,
        stated: later.cell.value,
        statedBound: later.cell.bound,
        computed: earlier.cell.value,
        computedBound: earlier.cell.bound,
        difference: later.cell.value.sub(earlier.cell.value),
        hints: [],
        details: { period: later.p.label, earlierPeriod: earlier.p.label, flow: ind.flow },
      });
    }
    const first = series[0];
    const last = series[series.length - 1];
    if (failed) out.failed();
    else
      out.passed({
        rule: "progression-decrease",
        sheet: map.sheet,
        cell: address(view, ind, last.p),
        related: [address(view, ind, first.p)],
        indicator: ind.name,
        stated: last.cell.value,
        computed: first.cell.value,
      });
  });
}

export const progressionDecreaseRule: Rule<"progression-decrease"> = {
  id: "progression-decrease",
  scope: "progression",
  reads: ["periods"],
  run,
  findings: {
    "progression-decrease": {
      severities: ["warning"],
      zh: {
        title: "逐年递减",
        check: "逐年不减校核",
        message(f) {
          const w = evidenceWords(f, "zh");
          return `${detail(f, "period")}的值 ${w.stated} 低于 ${detail(f, "earlierPeriod")}的值 ${w.computed}；存量或累计指标不应随时间减少`;
        },
        passed(c) {
          const w = evidenceWords(c, "zh");
          return `存量或累计值逐期未减少（${w.computed} → ${w.stated}）`;
        },
      },
      en: {
        title: "Decrease over time",
        check: "Progression check",
        message(f) {
          const w = evidenceWords(f, "en");
          return `The ${detail(f, "period")} value ${w.stated} is lower than the ${detail(f, "earlierPeriod")} value ${w.computed}; a stock or cumulative value should not fall over time`;
        },
        passed(c) {
          const w = evidenceWords(c, "en");
          return `The stock or cumulative value never falls over time (${w.computed} → ${w.stated})`;
        },
      },
    },
  },
};

/**
 * Issue 15, "the rebalance panel, for real work", in the built pane: problems said at the field
 * that is wrong in the pane's own words (never a command-line flag) with the current values kept;
 * the form kept across tabs; only what can be rebalanced offered (the rest disabled with the reason,
 * no percentage as a reference row); the pane at 350 px without a sideways scroll; a split of 1,000
 * units shown by what changes, with Apply in reach; the name asked once and the report's trail
 * listing only what moved and who moved it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Frame, Page } from "playwright-core";
import { paneFindings, waitFor, STRINGS, paneIdle, checkInPane } from "./flow";
import { inspect, pane, paneReady, type Session, playgroundPerFile } from "./browser";

let session: Session | undefined;

const playground = playgroundPerFile();

async function checkAndRebalance(page: Page, lang: "zh-CN" | "en-US"): Promise<Frame> {
  const t = STRINGS[lang];
  const frame = await checkInPane(page, lang);
  await frame.getByRole("tab", { name: t["tab.rebalance"] }).click();
  await frame.getByRole("heading", { name: t["rebalance.heading"] }).waitFor();
  return frame;
}

test.each(["zh-CN", "en-US"] as const)(
  "%s: a wrong number is said at its field in the pane's words, never a flag; the current values stay; Apply waits",
  async (lang) => {
    const t = STRINGS[lang];
    session = await playground.open({ lang });
    const { page } = session;
    const frame = await checkAndRebalance(page, lang);
    const children = frame.getByTestId("rebalance-children");
    const current = () =>
      children
        .locator("tr[data-unit]")
        .evaluateAll((rows) =>
          rows.map(
            (r) => `${r.getAttribute("data-unit")} ${r.querySelector("[data-testid=current]")?.textContent}`,
          ),
        );
    const before = await current();
    expect(before).toContain("建德市 30");

    const max = frame.getByRole("textbox", { name: t["rebalance.maxUnit"].replace("{unit}", "建德市") });
    await max.fill("abc");
    const error = frame.getByTestId("bound-error");
    await error.waitFor();
    expect(await error.innerText()).toContain(
      lang === "zh-CN" ? "“abc”不是有效数字" : '"abc" is not a valid number',
    );
    expect(await error.innerText()).toContain(t["rebalance.maxUnit"].replace("{unit}", "建德市"));
    expect(await max.getAttribute("aria-invalid")).toBe("true");
    // One bad field: the current values are all still there, the preview waits, so does Apply.
    expect(await current()).toEqual(before);
    expect(await frame.getByTestId("fix-fields").innerText()).toBe(t["rebalance.fixFields"]);
    expect(await frame.getByTestId("rebalance-preview").count()).toBe(0);
    expect(await frame.getByRole("button", { name: t["rebalance.apply"], exact: true }).isDisabled()).toBe(
      true,
    );

    const target = frame.getByRole("textbox", { name: t["rebalance.target"], exact: true });
    await target.fill("2千");
    await frame.getByText(lang === "zh-CN" ? "“2千”不是有效数字" : '"2千" is not a valid number').waitFor();
    // Nowhere a command-line flag.
    expect(await frame.locator("main").innerText()).not.toMatch(/--[a-z]/);

    await max.fill("");
    await target.fill("2000");
    await frame.getByTestId("rebalance-preview").waitFor();
    expect(await frame.getByTestId("bound-error").count()).toBe(0);
    expect(await frame.getByRole("button", { name: t["rebalance.apply"], exact: true }).isEnabled()).toBe(
      true,
    );
    expect(session.blocked).toEqual([]);
  },
  60_000,
);

test("locks, bounds and the method survive switching tabs; only what can be rebalanced is offered", async () => {
  const t = STRINGS["zh-CN"];
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  let frame = await checkAndRebalance(page, "zh-CN");
  await frame.getByRole("checkbox", { name: "锁定滨江区" }).check();
  await frame.getByRole("textbox", { name: "萧山区上限" }).fill("320");
  await frame.getByRole("combobox", { name: t["rebalance.method"] }).selectOption("equal");
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  frame = pane(page);
  await frame.getByRole("tab", { name: t["tab.rebalance"] }).click();
  expect(await frame.getByRole("checkbox", { name: "锁定滨江区" }).isChecked()).toBe(true);
  expect(await frame.getByRole("textbox", { name: "萧山区上限" }).inputValue()).toBe("320");
  expect(await frame.getByRole("combobox", { name: t["rebalance.method"] }).inputValue()).toBe("equal");

  // A ratio without a denominator row and the qualitative-worded row are listed, disabled, with why.
  const picker = frame.getByTestId("indicator-picker");
  const rd = picker.getByRole("radio", { name: /^R&D经费支出占GDP比重/ });
  expect(await rd.isDisabled()).toBe(true);
  expect(await picker.innerText()).toContain(t["rebalance.unavailable.ratio-no-weights"]);
  expect(await picker.getByRole("radio", { name: /^新增高新技术企业数/ }).isChecked()).toBe(true);
  // A percentage is never a reference row.
  await frame.getByRole("combobox", { name: t["rebalance.method"] }).selectOption("reference");
  const options = await frame
    .getByRole("combobox", { name: t["rebalance.reference"] })
    .locator("option")
    .allInnerTexts();
  expect(options).toEqual([
    t["rebalance.choose"],
    "科技创新强基领域重大项目投资额(亿元)(不含网络基础设施项目)",
  ]);
}, 60_000);

/** The pane's document at this width: does anything stick out sideways? */
async function overflow(frame: Frame): Promise<{ scroll: number; client: number; outside: string[] }> {
  return frame.evaluate(() => {
    const doc = document.documentElement;
    // The screen readers' live region is clipped to one pixel on purpose: not on show.
    const outside = [...document.querySelectorAll("main *")]
      .filter((e) => !e.closest("[role=status]"))
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.right > doc.clientWidth + 0.5;
      })
      .slice(0, 5)
      .map((e) => `${e.tagName}.${String(e.className).slice(0, 30)} ${e.textContent?.slice(0, 20)}`);
    return { scroll: doc.scrollWidth, client: doc.clientWidth, outside };
  });
}

test.each(["zh-CN", "en-US"] as const)(
  "%s: at 350 px every section fits without a sideways scroll; the tabs fit; long indicator names wrap",
  async (lang) => {
    const t = STRINGS[lang];
    session = await playground.open({ lang });
    const { page } = session;
    await page.getByTestId("pane").evaluate((iframe: HTMLIFrameElement) => (iframe.style.width = "350px"));
    const frame = await checkAndRebalance(page, lang);
    for (const tab of [
      "tab.findings",
      "tab.rebalance",
      "tab.report",
      "tab.tables",
      "tab.settings",
    ] as const) {
      await frame.getByRole("tab", { name: t[tab] }).click();
      await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
      expect([tab, await overflow(frame)]).toEqual([
        tab,
        { scroll: expect.any(Number), client: expect.any(Number), outside: [] },
      ]);
      const { scroll, client } = await overflow(frame);
      expect(scroll).toBeLessThanOrEqual(client);
    }
    // Every tab inside the pane, on one line.
    const tabs = await frame
      .getByRole("tab")
      .evaluateAll((els) =>
        els.map((e) => ({ top: e.getBoundingClientRect().top, right: e.getBoundingClientRect().right })),
      );
    const width = await frame.evaluate(() => document.documentElement.clientWidth);
    expect(tabs.every((b) => b.right <= width)).toBe(true);
    expect(new Set(tabs.map((b) => Math.round(b.top))).size).toBe(1);
    // The longest indicator name wraps inside the picker.
    await frame.getByRole("tab", { name: t["tab.rebalance"] }).click();
    const label = frame.getByTestId("indicator-picker").locator("label", { hasText: "科技创新强基领域" });
    const box = await label.evaluate((l) => l.getBoundingClientRect().toJSON() as DOMRect);
    expect(box.right).toBeLessThanOrEqual(width);
    expect(box.height).toBeGreaterThan(30);
    expect(session.blocked).toEqual([]);
  },
  90_000,
);

/** 1,000 towns under 合计, which says 5 more than they add up to. */
async function largeSplit(): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "tdcheck-large-split-")), "千镇.xlsx");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("各镇");
  const values = Array.from({ length: 1000 }, (_, i) => 20 + ((i * 37) % 60));
  ws.addRow(["乡镇", "新增企业数(家)"]);
  ws.addRow(["合计", values.reduce((a, b) => a + b, 0) + 5]);
  values.forEach((v, i) => ws.addRow([`第${i + 1}镇`, v]));
  await wb.xlsx.writeFile(file);
  return file;
}

test("1,000 units: only the units that change by default, the chart of the largest changes, Apply in reach; the name asked once", async () => {
  const t = STRINGS["zh-CN"];
  session = await playground.open({ lang: "zh-CN", viewport: { width: 1400, height: 800 } });
  const { page } = session;
  await page.getByTestId("open-xlsx").setInputFiles(await largeSplit());
  await waitFor(
    "the file to load",
    () => page.getByTestId("status").innerText(),
    (s) => s.includes("千镇.xlsx"),
  );
  await paneReady(page);
  const frame = await checkAndRebalance(page, "zh-CN");
  expect(await paneFindings(page, "error")).toEqual([]); // the findings tab is not on show
  // The units table: a search box, not a thousand rows.
  await frame.getByTestId("unit-search").waitFor();
  expect(await frame.locator("[data-testid=rebalance-children] tr[data-unit]").count()).toBeLessThanOrEqual(
    50,
  );
  await frame.getByTestId("unit-search").fill("第999镇");
  await frame.getByRole("checkbox", { name: "锁定第999镇" }).check();
  await frame.getByTestId("unit-search").fill("");
  // Still listed when the search is cleared: it is locked.
  await frame.getByRole("checkbox", { name: "锁定第999镇" }).waitFor();

  // The preview: only the 5 units that change, the switch on; the chart of the largest changes.
  const onlyChanged = frame.getByRole("switch", { name: t["rebalance.onlyChanged"] });
  await onlyChanged.waitFor();
  expect(await onlyChanged.isChecked()).toBe(true);
  const rows = frame.locator("[data-testid=preview-row]");
  expect(await rows.count()).toBe(5);
  expect(Number(await frame.getByTestId("rebalance-chart").getAttribute("data-bars"))).toBe(5);
  expect(await frame.getByTestId("preview-summary").innerText()).toBe("5 个单位的值改变（共 1000 个）。");

  // Apply is in view at the foot of the pane, wherever the pane is scrolled.
  const apply = frame.getByRole("button", { name: t["rebalance.apply"], exact: true });
  const inView = () =>
    apply.evaluate((b) => {
      const r = b.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
  expect(await frame.evaluate(() => document.documentElement.scrollHeight > window.innerHeight)).toBe(true);
  for (const y of [0, 400, 100_000]) {
    await frame.evaluate((to) => window.scrollTo(0, to), y);
    expect([y, await inView()]).toEqual([y, true]);
  }

  // All units on request: the first 200 rows drawn, the rest counted.
  await onlyChanged.uncheck();
  expect(await rows.count()).toBe(200);
  await frame.getByText("显示前 200 行，共 1000 行。").waitFor();
  await onlyChanged.check();

  // Apply: the name is asked once, then the five cells are written.
  await apply.click();
  const dialog = frame.getByRole("dialog", { name: t["name.title"] });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: t["name.confirm"] }).click();
  await dialog.getByText(t["name.needed"]).waitFor();
  await dialog.getByRole("textbox", { name: t["name.label"] }).fill("赵六");
  await dialog.getByRole("button", { name: t["name.confirm"] }).click();
  await waitFor(
    "the applied message",
    () => frame.getByTestId("rebalance-message").innerText(),
    (text) => text.includes("写入 5 个单元格"),
  );
  await paneIdle(frame);
  // The name is kept in the workbook's settings: the settings show it.
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  expect(await frame.getByRole("textbox", { name: t["settings.by"] }).inputValue()).toBe("赵六");
  expect(session.blocked).toEqual([]);
}, 120_000);

test("the report after a rebalance: passed checks named as checks, the columns explained, the trail lists only what moved and who", async () => {
  const t = STRINGS["zh-CN"];
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const frame = await checkAndRebalance(page, "zh-CN");
  await frame.getByRole("textbox", { name: t["rebalance.target"], exact: true }).fill("2000");
  await frame.getByRole("checkbox", { name: "锁定滨江区" }).check();
  await frame.getByRole("checkbox", { name: "锁定余杭区" }).check();
  await frame.getByRole("button", { name: t["rebalance.apply"], exact: true }).click();
  const dialog = frame.getByRole("dialog", { name: t["name.title"] });
  await dialog.getByRole("textbox", { name: t["name.label"] }).fill("王五");
  await dialog.getByRole("button", { name: t["name.confirm"] }).click();
  await waitFor(
    "I7 written",
    () => inspect(page).value("分解表", "I7"),
    (v) => v === 316,
  );
  await paneIdle(frame);
  await frame.getByRole("tab", { name: t["tab.report"] }).click();
  // The preparer is the name the workbook keeps.
  expect(await frame.getByRole("textbox", { name: t["report.preparer"] }).inputValue()).toBe("王五");
  await frame.getByRole("button", { name: t["report.create"] }).click();
  await waitFor(
    "the report",
    () => frame.getByTestId("report-message").innerText(),
    (text) => text.includes("审核报告"),
  );
  await page.locator('.tabs button[data-sheet="审核报告"]').click();
  const rows = await page
    .locator('table.grid[data-sheet="审核报告"] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  const text = rows.map((r) => r.filter(Boolean).join(" | "));
  expect(text.some((r) => r.includes("✓ 通过 | 加总校核"))).toBe(true);
  expect(text.some((r) => r.includes("合计不符"))).toBe(false);
  expect(text.join("\n")).toContain("栏目说明");
  expect(text.join("\n")).toContain("数据指纹的算法");
  expect(text.join("\n")).not.toMatch(/docs\/|\.md\b/);
  const trail = text.slice(text.findIndex((r) => r.startsWith("变更记录")));
  const moved = trail.filter((r) => /分解表![A-Z]+7/.test(r));
  expect(moved).toHaveLength(1);
  expect(moved[0]).toContain("萧山区");
  expect(moved[0]).toContain("应用人：王五");
  expect(session.blocked).toEqual([]);
}, 90_000);

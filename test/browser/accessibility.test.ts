/**
 * The pane for keyboard and screen-reader users: axe-core finds no serious or critical violation in
 * any section (light and dark, Chinese and English), Check and a finding's cells are reachable and
 * usable with the keyboard alone, and the result is announced through a live region.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Frame, Page } from "playwright-core";
import { inspect, pane, paneReady, type Session, playgroundPerFile } from "./browser";
import { paneFindings, waitFor, STRINGS } from "./flow";

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeResult {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe in the pane's document; returns the serious and critical violations, worded. */
async function axeViolations(frame: Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the pane's Content-Security-Policy does not apply.
  await frame.evaluate(AXE_SOURCE);
  // Fluent's focus manager (tabster) places aria-hidden focus catchers (data-tabster-dummy) that
  // only pass focus on; axe reports them once focus has left the pane for the sheet — a known false
  // positive (microsoft/tabster#288; Accessibility Insights suppresses it). They are not the pane's
  // content, so they are left out of the scan; everything else is scanned.
  const result = await frame.evaluate(() =>
    (window as unknown as { axe: { run(ctx: object, o: object): Promise<AxeResult> } }).axe.run(
      { include: [document], exclude: [["[data-tabster-dummy]"]] },
      {
        resultTypes: ["violations"],
      },
    ),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`,
    );
}

async function checkSample(page: Page, lang: "zh-CN" | "en-US"): Promise<Frame> {
  const frame = pane(page);
  await frame.getByRole("button", { name: STRINGS[lang].check, exact: true }).click();
  await waitFor(
    "the findings",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  return frame;
}

/** Opens every collapsed section (info-only groups and the column tables start closed). */
async function openAll(frame: Frame): Promise<void> {
  const closed = frame.locator("button[aria-expanded=false]");
  for (let i = 0; i < 50 && (await closed.count()) > 0; i++) await closed.first().click();
  // A panel still fading in would be measured half-transparent: let the motions finish.
  await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
}

/** Every section of the pane, each scanned: findings (all groups open), detected tables, settings. */
async function scanAllSections(page: Page, lang: "zh-CN" | "en-US"): Promise<string[]> {
  const t = STRINGS[lang];
  const frame = await checkSample(page, lang);
  const found: string[] = [];
  await openAll(frame);
  found.push(...(await axeViolations(frame)));
  await frame.getByRole("tab", { name: t["tab.tables"] }).click();
  await openAll(frame);
  found.push(...(await axeViolations(frame)));
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  found.push(...(await axeViolations(frame)));
  return found;
}

let session: Session | undefined;

const playground = playgroundPerFile();

test("axe-core: no serious or critical violation in any section (zh-CN, light theme)", async () => {
  session = await playground.open({ lang: "zh-CN", theme: "light" });
  expect(await axeViolations(pane(session.page))).toEqual([]);
  expect(await scanAllSections(session.page, "zh-CN")).toEqual([]);
}, 60_000);

test("axe-core: no serious or critical violation in any section (en-US, dark theme)", async () => {
  session = await playground.open({ lang: "en-US", theme: "dark" });
  const background = await pane(session.page)
    .locator("main")
    .evaluate((main) => getComputedStyle(main).backgroundColor);
  // The Office theme is dark: so is the pane.
  expect(background).not.toBe("rgb(255, 255, 255)");
  expect(await scanAllSections(session.page, "en-US")).toEqual([]);
}, 60_000);

test("keyboard only: Tab to Check, Enter, the result is announced, Tab to the finding, Enter selects D7", async () => {
  session = await playground.open({ lang: "en-US" });
  const { page } = session;
  const t = STRINGS["en-US"];
  const frame = pane(page);
  const focused = () =>
    frame.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el ? `${el.tagName.toLowerCase()}:${el.textContent?.trim() ?? ""}` : "";
    });
  // Focus lands in the pane's document, then the first Tab reaches the Check button.
  await frame.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Tab");
  expect(await focused()).toBe(`button:${t.check}`);
  await page.keyboard.press("Enter");
  await waitFor(
    "the findings",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  const status = frame.getByRole("status");
  await waitFor(
    "the announcement",
    () => status.innerText(),
    (s) => s.includes("Errors: 1,"),
  );
  const target = `button:${t["finding.select"].replace("{cells}", "D7, E7:Q7")}`;
  for (let i = 0; i < 40 && (await focused()) !== target; i++) await page.keyboard.press("Tab");
  expect(await focused()).toBe(target);
  await page.keyboard.press("Enter");
  await waitFor(
    "the selection on D7",
    () => inspect(page).selection(),
    (s) => s?.ranges[0] === "D7",
  );
}, 60_000);

test("axe-core: the states issue 15 added — an accepted card, results out of date, the name asked (dark theme)", async () => {
  session = await playground.open({ lang: "zh-CN", theme: "dark" });
  const { page } = session;
  const t = STRINGS["zh-CN"];
  const frame = await checkSample(page, "zh-CN");
  const found: string[] = [];
  // An accepted finding.
  const card = frame.locator('[data-testid=finding][data-cell="分解表!D7"]');
  await card.getByRole("button", { name: t["accept.button"] }).click();
  const dialog = frame.getByRole("dialog", { name: t["accept.title"] });
  await dialog.getByRole("textbox", { name: t["accept.reason"] }).fill("已报备");
  await dialog.getByRole("button", { name: t["accept.confirm"], exact: true }).click();
  await frame.locator("[data-testid=finding][data-accepted=true]").waitFor();
  await openAll(frame);
  found.push(...(await axeViolations(frame)).map((v) => `accepted: ${v}`));
  // Live mode off, a cell edited: the out-of-date warning.
  await frame.getByRole("tab", { name: t["tab.settings"] }).click();
  await frame.getByRole("switch", { name: t["settings.live"] }).uncheck();
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  await page.locator('.tabs button[data-sheet="分解表"]').click();
  await page.locator('td[data-address="Q8"]').click();
  await page.getByTestId("formula-bar").fill("1");
  await page.getByTestId("formula-bar").press("Enter");
  await frame.getByTestId("stale").waitFor();
  found.push(...(await axeViolations(frame)).map((v) => `stale: ${v}`));
  // The name asked before the first Apply.
  await frame.getByRole("tab", { name: t["tab.rebalance"] }).click();
  await frame.getByRole("checkbox", { name: "锁定滨江区" }).check();
  await frame.getByRole("button", { name: t["rebalance.apply"], exact: true }).click();
  await frame.getByRole("dialog", { name: t["name.title"] }).waitFor();
  await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  found.push(...(await axeViolations(frame)).map((v) => `name: ${v}`));
  await page.keyboard.press("Escape");
  expect(found).toEqual([]);
}, 90_000);

test("axe-core: nothing checked, and the selection as a table (light theme, English)", async () => {
  session = await playground.open({ lang: "en-US", theme: "light" });
  const { page } = session;
  const t = STRINGS["en-US"];
  const dir = mkdtempSync(join(tmpdir(), "tdcheck-a11y-"));
  const file = join(dir, "notes.xlsx");
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Notes").addRows([
    ["Team", "Hours", "Cost"],
    ["North", 12, 300],
    ["South", 9, 210],
  ]);
  await wb.xlsx.writeFile(file);
  await page.getByTestId("open-xlsx").setInputFiles(file);
  await waitFor(
    "the file to load",
    () => page.getByTestId("status").innerText(),
    (s) => s.includes("notes.xlsx"),
  );
  const frame = await paneReady(page);
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await frame.getByTestId("nothing-checked").waitFor();
  const found = await axeViolations(frame);
  await page.locator('td[data-address="A1"]').click();
  await page.locator('td[data-address="C3"]').click({ modifiers: ["Shift"] });
  await frame.getByRole("button", { name: t["tables.useSelection"] }).click();
  await frame.getByTestId("declare").waitFor();
  found.push(...(await axeViolations(frame)));
  expect(found).toEqual([]);
}, 60_000);

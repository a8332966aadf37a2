/**
 * The pane for keyboard and screen-reader users: axe-core finds no serious or critical violation in
 * any section (light and dark, Chinese and English), Check and a finding's cells are reachable and
 * usable with the keyboard alone, and the result is announced through a live region.
 */
import { readFileSync } from "node:fs";
import type { Frame, Page } from "playwright-core";
import { inspect, openPlayground, pane, startPlayground, stopPlayground, type Session } from "./browser";
import { paneFindings, waitFor, STRINGS } from "./flow";

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

interface AxeResult {
  violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** Runs axe in the pane's document; returns the serious and critical violations, worded. */
async function axeViolations(frame: Frame): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the pane's Content-Security-Policy does not apply.
  await frame.evaluate(AXE_SOURCE);
  const result = await frame.evaluate(() =>
    (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResult> } }).axe.run(document, {
      resultTypes: ["violations"],
    }),
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

let baseUrl: string;
let session: Session | undefined;

beforeAll(async () => {
  baseUrl = await startPlayground();
}, 240_000);

afterEach(async () => {
  await session?.close();
  session = undefined;
});

afterAll(stopPlayground);

test("axe-core: no serious or critical violation in any section (zh-CN, light theme)", async () => {
  session = await openPlayground(baseUrl, { lang: "zh-CN", theme: "light" });
  expect(await axeViolations(pane(session.page))).toEqual([]);
  expect(await scanAllSections(session.page, "zh-CN")).toEqual([]);
}, 60_000);

test("axe-core: no serious or critical violation in any section (en-US, dark theme)", async () => {
  session = await openPlayground(baseUrl, { lang: "en-US", theme: "dark" });
  const background = await pane(session.page)
    .locator("main")
    .evaluate((main) => getComputedStyle(main).backgroundColor);
  // The Office theme is dark: so is the pane.
  expect(background).not.toBe("rgb(255, 255, 255)");
  expect(await scanAllSections(session.page, "en-US")).toEqual([]);
}, 60_000);

test("keyboard only: Tab to Check, Enter, the result is announced, Tab to the finding, Enter selects D7", async () => {
  session = await openPlayground(baseUrl, { lang: "en-US" });
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

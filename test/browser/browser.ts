/**
 * Shared by the browser tests: build the playground once per run (when a source is newer than the
 * build), serve it on a free port, drive Debian's Chromium through playwright-core, and reach the
 * pane (an iframe) and the fake host behind the rendered workbook.
 *
 * Nothing leaves the machine: Microsoft's Office.js address is answered with the playground's bridge
 * to the fake host, and any other outside request is refused and recorded, so a test can assert none
 * was made. A missing Chromium fails the test with what to install; nothing is skipped.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Frame, type Page } from "playwright-core";

const ROOT = join(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const playground = require(join(ROOT, "scripts", "playground.js")) as {
  ensureBuilt(options?: { quiet?: boolean; runId?: string }): Promise<boolean>;
  serve(port?: number): Promise<{ server: Server; port: number; url: string }>;
  OUT: string;
  OFFICE_CDN_SCRIPT: string;
};

export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const OFFICE_CDN = "https://appsforoffice.microsoft.com/";

export interface Session {
  context: BrowserContext;
  page: Page;
  baseUrl: string;
  /** Requests to anywhere but the playground and the intercepted Office.js address. */
  blocked: string[];
  /** How often Microsoft's Office.js address was asked for (and answered with the bridge). */
  officeJsRequests: string[];
  close(): Promise<void>;
}

let server: { server: Server; url: string } | undefined;
/**
 * One build per test run: the build is checked once per Jest process, and a build made by another
 * worker of the same run (same Jest parent) counts as fresh, so sources edited mid-run never rebuild.
 */
let ensured: Promise<boolean> | undefined;

/** Builds the playground if stale (once per process) and serves it (once per test file). */
export async function startPlayground(): Promise<string> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: the browser tests need Debian's chromium package ` +
        `(apt-get install chromium fonts-noto-cjk; .ci/run installs both).`,
    );
  }
  ensured ??= playground.ensureBuilt({ quiet: true, runId: `jest-${process.ppid}` });
  await ensured;
  server = await playground.serve(0);
  return new URL(server.url).origin;
}

export async function stopPlayground(): Promise<void> {
  const s = server;
  server = undefined;
  if (s) await new Promise<void>((resolve) => s.server.close(() => resolve()));
}

export interface OpenOptions {
  lang?: "zh-CN" | "en-US";
  theme?: "light" | "dark";
  /** Serve the pane's page byte for byte, Office.js from the CDN address (intercepted here). */
  builtPage?: boolean;
  viewport?: { width: number; height: number };
  /** The ExcelApi minor version the fake host claims (18 by default; 13 is below the add-in's floor). */
  api?: 13 | 14 | 18;
  /** Wait for the pane to be ready to check (false: the pane is expected to refuse). */
  ready?: boolean;
}

/** A fresh Chromium profile with the playground open and the pane ready. */
export async function openPlayground(baseUrl: string, options: OpenOptions = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "tdcheck-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1400, height: 900 },
    locale: options.lang ?? "zh-CN",
  });
  const blocked: string[] = [];
  const officeJsRequests: string[] = [];
  const bridge = readFileSync(join(playground.OUT, "app", "office-bridge.js"), "utf8");
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url.startsWith(baseUrl) || url.startsWith("data:")) return route.continue();
    if (url.startsWith(OFFICE_CDN)) {
      officeJsRequests.push(url);
      return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: bridge });
    }
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const params = new URLSearchParams({ lang: options.lang ?? "zh-CN", theme: options.theme ?? "light" });
  if (options.builtPage) params.set("pane", "built");
  if (options.api) params.set("api", String(options.api));
  await page.goto(`${baseUrl}/app/index.html?${params}`);
  if (options.ready !== false) await paneReady(page);
  else
    await page.waitForFunction(() =>
      document.querySelector("iframe")?.contentDocument?.querySelector("main"),
    );
  return {
    context,
    page,
    baseUrl,
    blocked,
    officeJsRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The hooks every browser test file needs: one playground server, started before its tests and
 * stopped after them, and each test's page closed when the test ends.
 */
export function playgroundPerFile(): {
  readonly baseUrl: string;
  open(options?: OpenOptions): Promise<Session>;
} {
  let baseUrl = "";
  let current: Session | undefined;
  beforeAll(async () => {
    baseUrl = await startPlayground();
  }, 240_000);
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  afterAll(stopPlayground);
  return {
    get baseUrl() {
      return baseUrl;
    },
    async open(options: OpenOptions = {}) {
      current = await openPlayground(baseUrl, options);
      return current;
    },
  };
}

/** The pane's document (the iframe beside the workbook). */
export function pane(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().includes("/pane/taskpane.html"));
  if (!frame) throw new Error("the task pane's frame is not there");
  return frame;
}

/** Waits until the pane has rendered and loaded the workbook's state (the Check button is enabled). */
export async function paneReady(page: Page): Promise<Frame> {
  await page.waitForFunction(() => {
    const frame = document.querySelector<HTMLIFrameElement>("iframe[data-testid=pane]");
    const button = frame?.contentDocument?.querySelector("main button");
    return !!button && !(button as HTMLButtonElement).disabled && !button.hasAttribute("aria-disabled");
  });
  return pane(page);
}

/** Types into the playground's formula bar, as a person edits a cell in Excel. */
export async function editCell(page: Page, sheet: string, address: string, value: string): Promise<void> {
  await page.locator(`.tabs button[data-sheet="${sheet}"]`).click();
  await page.locator(`td[data-address="${address}"]`).click();
  const bar = page.getByTestId("formula-bar");
  await bar.fill(value);
  await bar.press("Enter");
}

/** The fake host's view of the workbook, asked in the page (flags, notes, selection, snapshot). */
export interface Inspect {
  flagAt(sheet: string, cell: string): Promise<{ lit: boolean; kind?: string; rules: number }>;
  litCells(sheet: string): Promise<string[]>;
  selection(): Promise<{ sheet: string; ranges: string[] } | undefined>;
  snapshot(): Promise<unknown>;
  value(sheet: string, cell: string): Promise<unknown>;
  addNote(sheet: string, cell: string, text: string): Promise<void>;
  addRule(sheet: string, ranges: string[], formula: string, fill: string): Promise<void>;
  protect(sheet: string): Promise<void>;
  merge(sheet: string, address: string): Promise<void>;
}

type Inspector = {
  flagAt(s: string, c: string): { lit: boolean; kind?: string; rules: number };
  litCells(s: string): string[];
  selection(): { sheet: string; ranges: string[] } | undefined;
  snapshot(o?: { omitSheets?: string[]; omitNamesStarting?: string }): unknown;
  value(s: string, c: string): unknown;
  user: {
    addNote(s: string, c: string, t: string): void;
    addRule(s: string, r: string[], f: string, fill: string): void;
    protect(s: string): void;
    merge(s: string, a: string): void;
  };
};
type PlaygroundWindow = { tdcheckPlayground: { inspect: Inspector } };

/** Each call runs in the page (page.evaluate serialises the function; no closures cross). */
export function inspect(page: Page): Inspect {
  return {
    flagAt: (sheet, cell) =>
      page.evaluate(
        ([s, c]) => (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.flagAt(s, c),
        [sheet, cell],
      ),
    litCells: (sheet) =>
      page.evaluate(
        (s) => (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.litCells(s),
        sheet,
      ),
    selection: () =>
      page.evaluate(() => (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.selection()),
    // The add-in's own very hidden sheet and its anchors hold the settings and maps it was asked to keep.
    snapshot: () =>
      page.evaluate(() =>
        (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.snapshot({
          omitSheets: ["_tdcheck"],
          omitNamesStarting: "_tdcheck_",
        }),
      ),
    value: (sheet, cell) =>
      page.evaluate(
        ([s, c]) => (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.value(s, c),
        [sheet, cell],
      ),
    addNote: (sheet, cell, text) =>
      page.evaluate(
        ([s, c, t]) =>
          (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.user.addNote(s, c, t),
        [sheet, cell, text],
      ),
    addRule: (sheet, ranges, formula, fill) =>
      page.evaluate(
        ([s, r, f, fill]) =>
          (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.user.addRule(
            s as string,
            r as string[],
            f as string,
            fill as string,
          ),
        [sheet, ranges, formula, fill] as const,
      ),
    protect: (sheet) =>
      page.evaluate(
        (s) => (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.user.protect(s),
        sheet,
      ),
    merge: (sheet, address) =>
      page.evaluate(
        ([s, a]) => (window as unknown as PlaygroundWindow).tdcheckPlayground.inspect.user.merge(s, a),
        [sheet, address],
      ),
  };
}

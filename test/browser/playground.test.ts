/**
 * The add-in in Chinese Office, in real Chromium against the fake Excel host: the whole sample story
 * (flow.ts), with the pane's page served exactly as built and Microsoft's Office.js address
 * intercepted; and the screenshots for the README.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { openPlayground, pane, startPlayground, stopPlayground, type Session } from "./browser";
import { paneFindings, runSampleFlow, waitFor, STRINGS } from "./flow";

const DOCS = join(__dirname, "..", "..", "docs");
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

test("zh-CN: check the sample, one error on 分解表!D7, select it, live flags, clear flags back to exactly as before", async () => {
  session = await openPlayground(baseUrl, { lang: "zh-CN", builtPage: true });
  // The built page asked Microsoft's CDN for Office.js; the test answered with the fake's bridge.
  expect(session.officeJsRequests).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
  expect(await pane(session.page).locator("html").getAttribute("lang")).toBe("zh-CN");
  await runSampleFlow(session, "zh-CN");
}, 90_000);

test("the pane's screenshot for the README (docs/taskpane.png, docs/playground.png)", async () => {
  session = await openPlayground(baseUrl, { lang: "zh-CN", viewport: { width: 1440, height: 900 } });
  const { page } = session;
  const frame = pane(page);
  const t = STRINGS["zh-CN"];
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the findings",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  await frame.locator("[data-testid=finding][data-severity=error]").getByRole("button").click();
  await page.locator("td.active[data-address=D7]").waitFor();
  mkdirSync(DOCS, { recursive: true });
  await page.getByTestId("pane").screenshot({ path: join(DOCS, "taskpane.png") });
  await page.screenshot({ path: join(DOCS, "playground.png") });
}, 60_000);

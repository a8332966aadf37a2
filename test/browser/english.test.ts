/**
 * The same story in English Office (flow.ts), through the playground as a person opens it: the pane's
 * page with its Office.js pointed at the bridge to the fake host.
 */
import { openPlayground, pane, startPlayground, stopPlayground, type Session } from "./browser";
import { runSampleFlow } from "./flow";

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

test("en-US: check the sample, one error on 分解表!D7, select it, live flags, clear flags back to exactly as before", async () => {
  session = await openPlayground(baseUrl, { lang: "en-US" });
  expect(session.officeJsRequests).toEqual([]);
  const frame = pane(session.page);
  expect(await frame.locator("html").getAttribute("lang")).toBe("en-US");
  expect(await frame.getByRole("heading", { level: 1 }).innerText()).toBe("指标分解校核");
  await runSampleFlow(session, "en-US");
}, 90_000);

/**
 * The same story in English Office (flow.ts), through the playground as a person opens it: the pane's
 * page with its Office.js pointed at the bridge to the fake host.
 */
import { pane, type Session, playgroundPerFile } from "./browser";
import { runSampleFlow } from "./flow";

let session: Session | undefined;

const playground = playgroundPerFile();

test("en-US: check the sample, one error on 分解表!D7, select it, live flags, clear flags back to exactly as before", async () => {
  session = await playground.open({ lang: "en-US" });
  expect(session.officeJsRequests).toEqual([]);
  const frame = pane(session.page);
  expect(await frame.locator("html").getAttribute("lang")).toBe("en-US");
  expect(await frame.getByRole("heading", { level: 1 }).innerText()).toBe("指标分解校核");
  await runSampleFlow(session, "en-US");
}, 90_000);

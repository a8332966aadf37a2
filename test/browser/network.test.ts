/**
 * The pane's own network traffic (issue 8), in Chromium with the pane's page served exactly as built:
 * every request of the pane's frame is recorded from its first load through the whole sample story
 * (check, select, live edits, clear flags). The pane asks only for its own files and for Office.js at
 * Microsoft's address (answered here with the fake host's bridge); nothing is sent (no request other
 * than GET, no WebSocket, no beacon); and the Content-Security-Policy is never violated, so nothing
 * the pane does needs more than the policy allows (Fluent UI's run-time styles included).
 * Uses the helpers in browser.ts and flow.ts as they are.
 */
import type { Request, WebSocket } from "playwright-core";
import { pane, paneReady, playgroundPerFile } from "./browser";
import { runSampleFlow } from "./flow";

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

const playground = playgroundPerFile();

test("the built pane asks only for its own files and Office.js, sends nothing, and never trips its CSP", async () => {
  const session = await playground.open({ lang: "zh-CN", builtPage: true });
  const { baseUrl } = playground;
  const { context, page } = session;
  const requests: { url: string; method: string; frame: string; type: string }[] = [];
  const sockets: string[] = [];
  context.on("request", (r: Request) => {
    let frame: string;
    try {
      frame = r.frame().url();
    } catch {
      frame = "(no frame)";
    }
    requests.push({ url: r.url(), method: r.method(), frame, type: r.resourceType() });
  });
  page.on("websocket", (w: WebSocket) => sockets.push(w.url()));
  // Every document of the page, the pane's frame included, records its CSP violations from the start.
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  // Load again so that the recording starts with the pane's first request.
  await page.reload();
  await paneReady(page);
  await runSampleFlow(session, "zh-CN");

  const paneFrame = pane(page);
  const paneUrl = paneFrame.url();
  expect(paneUrl).toContain("/pane/taskpane.html");
  const fromPane = requests.filter((r) => r.frame === paneUrl || r.url === paneUrl);
  // The pane's page, its script, Office.js: at least these, and from nowhere else.
  expect(fromPane.map((r) => r.url)).toEqual(expect.arrayContaining([paneUrl, OFFICE_JS]));
  const outside = fromPane.filter(
    (r) => !r.url.startsWith(baseUrl) && r.url !== OFFICE_JS && !r.url.startsWith("data:"),
  );
  expect(outside).toEqual([]);
  expect(fromPane.filter((r) => r.url === OFFICE_JS)).toHaveLength(1);
  // Nothing sent: every request of the whole page is a GET, no beacon, no socket.
  expect(requests.filter((r) => r.method !== "GET" || r.type === "ping" || r.type === "eventsource")).toEqual(
    [],
  );
  expect(sockets).toEqual([]);
  expect(session.blocked).toEqual([]);
  // The policy held without a single refusal.
  const violations = await paneFrame.evaluate(
    () => (window as unknown as { __cspViolations: string[] }).__cspViolations,
  );
  expect(violations).toEqual([]);
}, 120_000);

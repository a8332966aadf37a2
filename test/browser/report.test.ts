/**
 * Issue 6's browser test, in the built pane beside the playground's workbook: accept the sample's
 * finding (分解表!D7, 1999 against 2000) with a reason, see it marked and no longer counted as an
 * error, create the report, and find it listed as accepted, with the reason, in the 审核报告 sheet the
 * playground draws.
 */
import type { Frame, Page } from "playwright-core";
import { paneFindings, summaryCounts, waitFor, STRINGS } from "./flow";
import { pane, type Session, playgroundPerFile } from "./browser";

const t = STRINGS["zh-CN"];
const SHEET = "分解表";
const REASON = "建德市 1 家系统计口径调整，已报市科技局备案";
let session: Session | undefined;

const playground = playgroundPerFile();

async function idle(frame: Frame): Promise<void> {
  await waitFor(
    "the pane to be idle",
    () => frame.locator("[aria-busy=true]").count(),
    (n) => n === 0,
  );
}

/** The drawn rows of a sheet in the playground, each as its cells' texts joined by " | ". */
async function sheetRows(page: Page, sheet: string): Promise<string[]> {
  return page.locator(`table.grid[data-sheet="${sheet}"] tbody tr`).evaluateAll((trs) =>
    trs.map((tr) =>
      [...tr.querySelectorAll("td")]
        .map((td) => td.textContent ?? "")
        .filter(Boolean)
        .join(" | "),
    ),
  );
}

test("accept the sample's finding with a reason, create the report, see it listed as accepted", async () => {
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const frame = pane(page);

  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the D7 error",
    () => paneFindings(page, "error"),
    (f) => f.join() === `error ${SHEET}!D7`,
  );
  await idle(frame);
  expect((await summaryCounts(page))[0]).toBe(1);

  // Accept… opens a dialog; a reason is required.
  const finding = frame.locator(`[data-testid=finding][data-cell="${SHEET}!D7"]`);
  await finding.getByRole("button", { name: t["accept.button"] }).click();
  const dialog = frame.getByRole("dialog", { name: t["accept.title"] });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: t["accept.confirm"], exact: true }).click();
  await dialog.getByText(t["accept.needReason"]).waitFor();
  await dialog.getByRole("textbox", { name: t["accept.reason"] }).fill(REASON);
  await dialog.getByRole("textbox", { name: t["accept.by"] }).fill("张三");
  await dialog.getByRole("button", { name: t["accept.confirm"], exact: true }).click();

  // Marked as accepted, still listed, no longer counted as an error.
  await waitFor(
    "the accepted mark",
    () => frame.locator(`[data-testid=finding][data-cell="${SHEET}!D7"][data-accepted=true]`).count(),
    (n) => n === 1,
  );
  await idle(frame);
  expect((await summaryCounts(page))[0]).toBe(0);
  expect(await frame.getByTestId("accepted-count").innerText()).toContain("1");
  expect(await frame.getByTestId("accepted").innerText()).toContain(REASON);

  // The report, with preparer and reviewer.
  await frame.getByRole("tab", { name: t["tab.report"] }).click();
  await frame.getByRole("textbox", { name: t["report.preparer"] }).fill("张三");
  await frame.getByRole("textbox", { name: t["report.reviewer"] }).fill("李四");
  await frame.getByRole("button", { name: t["report.create"] }).click();
  await waitFor(
    "the report message",
    () => frame.getByTestId("report-message").innerText(),
    (text) => text.includes("审核报告"),
  );
  expect(await frame.getByTestId("report-message").innerText()).toMatch(/已接受 1 项/);

  // The new sheet, drawn by the playground: the accepted finding with its reason.
  await page.locator('.tabs button[data-sheet="审核报告"]').waitFor();
  await page.locator('.tabs button[data-sheet="审核报告"]').click();
  await page.locator('table.grid[data-sheet="审核报告"]').waitFor();
  const rows = await sheetRows(page, "审核报告");
  const text = rows.join("\n");
  expect(rows[0]).toContain("审核报告");
  expect(text).toContain("张三");
  expect(text).toContain("李四");
  const acceptedRows = rows.filter((r) => r.includes("已接受") && r.includes("D7"));
  expect(acceptedRows.length).toBeGreaterThan(0);
  expect(acceptedRows.some((r) => r.includes(REASON))).toBe(true);
  // The cells are links into the checked sheet.
  expect(await page.locator('table.grid[data-sheet="审核报告"] td[data-link*="D7"]').count()).toBeGreaterThan(
    0,
  );
  expect(session.blocked).toEqual([]);
});

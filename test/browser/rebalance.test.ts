/**
 * Issue 5's "Must show", in the built pane beside the playground's workbook: on the sample,
 * rebalance 新增高新技术企业数 to 2000 proportionally with 滨江区 and 余杭区 locked. The free children
 * hold 1282 and must hold 1283, so every free child keeps its value except the largest remainder,
 * 萧山区, 315 → 316; the preview shows exactly that; Apply; the flag on 分解表!D7 is gone; Undo; the
 * original values and the flag are back.
 */
import { readFileSync } from "node:fs";
import type { Frame } from "playwright-core";
import { errorFlags, paneFindings, waitFor, STRINGS } from "./flow";
import { inspect, pane, type Session, playgroundPerFile } from "./browser";

const t = STRINGS["zh-CN"];
const SHEET = "分解表";
let session: Session | undefined;

const playground = playgroundPerFile();

async function previewRows(frame: Frame): Promise<string[]> {
  return frame
    .locator("[data-testid=preview-row]")
    .evaluateAll((rows) =>
      rows.map(
        (r) =>
          `${r.getAttribute("data-unit")} ${r.getAttribute("data-before")}→${r.getAttribute("data-after")}`,
      ),
    );
}

/** Apply; the first time in a workbook the pane asks who applies it (kept in its settings). */
async function applyAs(frame: Frame, name: string): Promise<void> {
  await frame.getByRole("button", { name: t["rebalance.apply"], exact: true }).click();
  const dialog = frame.getByRole("dialog", { name: t["name.title"] });
  await dialog.waitFor();
  await dialog.getByRole("textbox", { name: t["name.label"] }).fill(name);
  await dialog.getByRole("button", { name: t["name.confirm"] }).click();
}

async function idle(frame: Frame): Promise<void> {
  await waitFor(
    "the pane to be idle",
    () => frame.locator("[aria-busy=true]").count(),
    (n) => n === 0,
  );
}

test("rebalance 新增高新技术企业数 to 2000 with 滨江区 and 余杭区 locked: only 萧山区 315 → 316; Apply clears the flag; Undo restores", async () => {
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const frame = pane(page);
  const host = inspect(page);

  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the D7 error",
    () => paneFindings(page, "error"),
    (f) => f.join() === `error ${SHEET}!D7`,
  );
  await idle(frame);
  expect(await errorFlags(page)).toEqual(["D7"]);
  const checked = await host.snapshot();

  // From the finding: "Rebalance…" opens the rebalance section on its indicator.
  const finding = frame.locator(`[data-testid=finding][data-cell="${SHEET}!D7"]`);
  await finding.getByRole("button", { name: t["finding.rebalance"] }).click();
  await frame.getByRole("heading", { name: t["rebalance.heading"] }).waitFor();
  expect(await frame.getByRole("radio", { name: /^新增高新技术企业数/ }).isChecked()).toBe(true);
  expect(await frame.getByRole("combobox", { name: t["rebalance.method"] }).inputValue()).toBe(
    "proportional",
  );
  await frame.getByRole("textbox", { name: t["rebalance.target"], exact: true }).fill("2000");
  await frame.getByRole("checkbox", { name: "锁定滨江区" }).check();
  await frame.getByRole("checkbox", { name: "锁定余杭区" }).check();

  // The independent answer: every free child unchanged except 萧山区 315 → 316; the locked ones stay.
  await waitFor(
    "the preview with 萧山区 316",
    () => previewRows(frame),
    (rows) => rows.includes("萧山区 315→316"),
  );
  const rows = await previewRows(frame);
  expect(rows).toHaveLength(13);
  const changed = rows.filter((r) => {
    const [before, after] = r.split(" ")[1].split("→");
    return before !== after;
  });
  expect(changed).toEqual(["萧山区 315→316"]);
  expect(rows).toContain("滨江区 329→329");
  expect(rows).toContain("余杭区 388→388");
  const parent = frame.locator("[data-testid=preview-parent]");
  expect(await parent.getAttribute("data-after")).toBe("2000");
  expect(await frame.getByTestId("rebalance-chart").getAttribute("aria-label")).toContain("萧山区 315 → 316");

  // Apply (asked once who applies it): one cell written, checked again, the flag on D7 is gone.
  await applyAs(frame, "王五");
  await waitFor(
    "the value written",
    () => host.value(SHEET, "I7"),
    (v) => v === 316,
  );
  await waitFor(
    "the flag on D7 to go",
    () => errorFlags(page),
    (cells) => cells.length === 0,
  );
  await waitFor(
    "the applied message",
    () => frame.getByTestId("rebalance-message").innerText(),
    (text) => text.includes("I7"),
  );
  await idle(frame);
  expect(await host.flagAt(SHEET, "D7")).toMatchObject({ lit: false });
  expect(await host.value(SHEET, "H7")).toBe(329);
  expect(await host.value(SHEET, "J7")).toBe(388);

  // Undo: the original values and the flag are back, exactly as after the first check.
  const undo = frame.getByRole("button", { name: t["rebalance.undo"], exact: true });
  await waitFor(
    "Undo to be offered",
    () => undo.isEnabled(),
    (on) => on,
  );
  await undo.click();
  await waitFor(
    "the value restored",
    () => host.value(SHEET, "I7"),
    (v) => v === 315,
  );
  await waitFor(
    "the flag on D7 again",
    () => errorFlags(page),
    (cells) => cells.join() === "D7",
  );
  await idle(frame);
  expect(await host.snapshot()).toEqual(checked);
  await frame.getByRole("tab", { name: t["tab.findings"] }).click();
  expect(await paneFindings(page, "error")).toEqual([`error ${SHEET}!D7`]);
  expect(session.blocked).toEqual([]);
});

test("refusals in words: locks that make the target unreachable show the achievable range", async () => {
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const frame = pane(page);
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the D7 error",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  await idle(frame);
  await frame.getByRole("tab", { name: t["tab.rebalance"] }).click();
  await frame.getByRole("textbox", { name: t["rebalance.target"], exact: true }).fill("2000");
  await frame.getByRole("textbox", { name: "萧山区上限" }).fill("300");
  for (const unit of [
    "上城区",
    "拱墅区",
    "西湖区",
    "滨江区",
    "余杭区",
    "临平区",
    "钱塘区",
    "富阳区",
    "临安区",
    "桐庐县",
    "淳安县",
    "建德市",
  ])
    await frame.getByRole("checkbox", { name: `锁定${unit}` }).check();
  const refusal = frame.getByTestId("rebalance-refusal");
  await refusal.waitFor();
  expect(await refusal.getAttribute("data-status")).toBe("infeasible");
  expect(await frame.getByTestId("achievable").innerText()).toMatch(/至/);
  expect(await frame.getByRole("button", { name: t["rebalance.apply"], exact: true }).isDisabled()).toBe(
    true,
  );
});

test("a protected sheet: Apply says so and writes nothing", async () => {
  session = await playground.open({ lang: "zh-CN" });
  const { page } = session;
  const frame = pane(page);
  const host = inspect(page);
  await frame.getByRole("button", { name: t.check, exact: true }).click();
  await waitFor(
    "the D7 error",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  await idle(frame);
  await host.protect(SHEET);
  const before = await host.snapshot();
  await frame.getByRole("tab", { name: t["tab.rebalance"] }).click();
  await frame.getByRole("checkbox", { name: "锁定滨江区" }).check();
  await applyAs(frame, "王五");
  await waitFor(
    "the protected-sheet message",
    () => frame.getByTestId("rebalance-message").innerText(),
    (text) => text.includes("受保护"),
  );
  expect(await host.snapshot()).toEqual(before);
});

const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe-core's serious and critical violations in the pane's document, worded. */
async function axeViolations(frame: Frame): Promise<string[]> {
  await frame.evaluate(AXE_SOURCE);
  const result = await frame.evaluate(() =>
    (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            o: object,
          ): Promise<{
            violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[];
          }>;
        };
      }
    ).axe.run(document, { resultTypes: ["violations"] }),
  );
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
}

test("the rebalance and report sections and the accept dialog pass axe-core (dark theme), keyboard reaches Apply", async () => {
  session = await playground.open({ lang: "en-US", theme: "dark" });
  const { page } = session;
  const frame = pane(page);
  const en = STRINGS["en-US"];
  await frame.getByRole("button", { name: en.check, exact: true }).click();
  await waitFor(
    "the D7 error",
    () => paneFindings(page, "error"),
    (f) => f.length === 1,
  );
  await idle(frame);
  await frame
    .locator('[data-testid=finding][data-cell="分解表!D7"]')
    .getByRole("button", { name: en["accept.button"] })
    .click();
  await frame.getByRole("dialog").waitFor();
  await frame.waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"));
  expect(await axeViolations(frame)).toEqual([]);
  await page.keyboard.press("Escape");
  await frame.getByRole("dialog").waitFor({ state: "detached" });

  await frame.getByRole("tab", { name: en["tab.rebalance"] }).click();
  await frame.getByRole("checkbox", { name: "Lock 滨江区" }).check();
  await frame.getByTestId("rebalance-preview").waitFor();
  expect(await axeViolations(frame)).toEqual([]);
  // Keyboard: from the last bound field, Tab passes the explanation and reaches Apply; Enter applies.
  await frame.getByRole("textbox", { name: "Maximum for 建德市" }).focus();
  const seen: string[] = [];
  for (let i = 0; i < 3 && seen[seen.length - 1] !== en["rebalance.apply"]; i++) {
    await page.keyboard.press("Tab");
    seen.push(await frame.evaluate(() => document.activeElement?.textContent ?? ""));
  }
  expect(seen).toEqual([en["rebalance.explanation"], en["rebalance.apply"]]);

  await frame.getByRole("tab", { name: en["tab.report"] }).click();
  await frame.getByRole("button", { name: en["report.create"] }).waitFor();
  expect(await axeViolations(frame)).toEqual([]);
});

/**
 * The ribbon's commands (manifest ExecuteFunction runCheck / clearFlags) against the fake host: they
 * register with Office.actions, do their work through the adapter, and always call completed().
 */
import { installSample } from "../excel/helpers";

type Command = (event: { completed(): void }) => Promise<void> | void;

test("runCheck flags the sample's D7 in Office's language; clearFlags puts the workbook back exactly", async () => {
  const host = installSample({ displayLanguage: "en-US" });
  try {
    const before = host.snapshot({ omitSheets: ["_tdcheck"], omitNamesStarting: "_tdcheck_" });
    await jest.isolateModulesAsync(async () => {
      await import("../../src/commands/commands");
    });
    expect([...host.actions.keys()].sort()).toEqual(["clearFlags", "runCheck"]);
    let completed = 0;
    const event = { completed: () => void completed++ };

    await (host.actions.get("runCheck") as Command)(event);
    expect(completed).toBe(1);
    expect(host.flagAt("分解表", "D7")).toMatchObject({ lit: true, kind: "error" });
    expect(host.litCells("分解表")).toEqual(["D7"]);
    const note = host.snapshot().sheets.find((s) => s.name === "分解表")!.notes.D7;
    expect(note.content).toContain("Sum mismatch");

    await (host.actions.get("clearFlags") as Command)(event);
    expect(completed).toBe(2);
    expect(host.snapshot({ omitSheets: ["_tdcheck"], omitNamesStarting: "_tdcheck_" })).toEqual(before);
  } finally {
    host.uninstall();
  }
});

test("a command whose work fails still calls completed() (a protected sheet)", async () => {
  const host = installSample();
  try {
    host.user.protect("分解表");
    await jest.isolateModulesAsync(async () => {
      await import("../../src/commands/commands");
    });
    let completed = 0;
    await (host.actions.get("runCheck") as Command)({ completed: () => void completed++ });
    await (host.actions.get("clearFlags") as Command)({ completed: () => void completed++ });
    expect(completed).toBe(2);
    expect(host.litCells("分解表")).toEqual([]);
  } finally {
    host.uninstall();
  }
});

/**
 * The one helper that starts LibreOffice (src/cli/libreoffice.ts): found where it is installed, a
 * private profile per run (removed afterwards), many files in one start, a timeout after which the
 * whole process group is gone, and a typed answer for every failure instead of an exception.
 * Stand-in `soffice` scripts prove the failure paths without waiting for LibreOffice.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { convertWithLibreOffice, findSoffice } from "../../src/cli/libreoffice";
import { SAMPLE, tempDir } from "../helpers/cli";

function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`);
  fs.chmodSync(file, 0o755);
  return file;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test("findSoffice: an explicit path only if it runs, $TDCHECK_SOFFICE, then PATH and the usual places", () => {
  const found = findSoffice();
  expect(found).not.toBeNull(); // .ci/run installs libreoffice-calc-nogui
  fs.accessSync(found!, fs.constants.X_OK);
  expect(findSoffice("/nonexistent/soffice")).toBeNull();
  expect(findSoffice(SAMPLE)).toBeNull(); // a file, but not executable
  const dir = tempDir();
  const fake = script(dir, "soffice", "exit 0");
  expect(findSoffice(fake)).toBe(fake);
  const saved = process.env.TDCHECK_SOFFICE;
  try {
    process.env.TDCHECK_SOFFICE = fake;
    expect(findSoffice()).toBe(fake);
  } finally {
    if (saved === undefined) delete process.env.TDCHECK_SOFFICE;
    else process.env.TDCHECK_SOFFICE = saved;
  }
});

test("requests it cannot serve are said, not attempted", async () => {
  const dir = tempDir();
  const a = path.join(dir, "a", "plan.xlsx");
  const b = path.join(dir, "b", "plan.xlsx");
  for (const f of [a, b]) {
    fs.mkdirSync(path.dirname(f));
    fs.copyFileSync(SAMPLE, f);
  }
  const same = await convertWithLibreOffice({ input: [a, b], outDir: path.join(dir, "out"), format: "xlsx" });
  expect(same.ok ? "ok" : [same.code, same.detail]).toEqual([
    "BAD_REQUEST",
    `${a} and ${b} would both convert to plan`,
  ]);
  const own = await convertWithLibreOffice({ input: a, outDir: path.dirname(a), format: "xlsx" });
  expect(own.ok ? "ok" : own.code).toBe("BAD_REQUEST");
  const none = await convertWithLibreOffice({ input: [], outDir: dir, format: "xlsx" });
  expect(none.ok ? "ok" : none.code).toBe("BAD_REQUEST");
  const missing = await convertWithLibreOffice({
    input: path.join(dir, "nope.xlsx"),
    outDir: path.join(dir, "o"),
    format: "xlsx",
  });
  expect(missing.ok ? "ok" : missing.code).toBe("BAD_REQUEST");
  const noOffice = await convertWithLibreOffice({
    input: a,
    outDir: path.join(dir, "o"),
    format: "xlsx",
    soffice: "/nonexistent/soffice",
  });
  expect(noOffice.ok ? "ok" : [noOffice.code, noOffice.detail]).toEqual([
    "NOT_FOUND",
    "/nonexistent/soffice is not an executable file",
  ]);
});

test("a run that hangs is killed at its timeout, with every process it started, and its profile is removed", async () => {
  const dir = tempDir();
  const pids = path.join(dir, "pids");
  const args = path.join(dir, "args");
  // Like soffice → oosplash → soffice.bin: a child that outlives its parent unless the group dies.
  const fake = script(
    dir,
    "soffice",
    `printf '%s\\n' "$@" > "${args}"\nsleep 600 &\necho $! > "${pids}"\necho $$ >> "${pids}"\nwait`,
  );
  const r = await convertWithLibreOffice({
    input: SAMPLE,
    outDir: path.join(dir, "out"),
    format: "xlsx",
    soffice: fake,
    timeoutMs: 500,
  });
  expect(r.ok ? "ok" : [r.code, r.detail]).toEqual([
    "TIMEOUT",
    "LibreOffice did not finish within 500 ms; its processes were killed",
  ]);
  const started = fs.readFileSync(pids, "utf8").trim().split("\n").map(Number);
  expect(started).toHaveLength(2);
  expect(started.filter(alive)).toEqual([]);
  // The private profile it was given, and that it is gone.
  const given = fs.readFileSync(args, "utf8").split("\n");
  const profile = given.find((a) => a.startsWith("-env:UserInstallation=file://"))!;
  const folder = decodeURIComponent(profile.replace("-env:UserInstallation=file://", ""));
  expect(folder.startsWith(path.join(os.tmpdir(), "tdcheck-soffice-"))).toBe(true);
  expect(fs.existsSync(folder)).toBe(false);
  expect(given).toEqual(expect.arrayContaining(["--headless", "--norestore", "--convert-to", SAMPLE]));
});

test("a failing program and one that writes nothing are typed answers", async () => {
  const dir = tempDir();
  const failing = script(dir, "failing", "echo 'something broke' >&2\nexit 3");
  const r = await convertWithLibreOffice({
    input: SAMPLE,
    outDir: path.join(dir, "o1"),
    format: "xlsx",
    soffice: failing,
  });
  expect(r.ok ? "ok" : [r.code, r.detail, r.log]).toEqual([
    "FAILED",
    `${failing} ended with exit code 3`,
    "something broke\n",
  ]);
  const silent = script(dir, "silent", "exit 0");
  const s = await convertWithLibreOffice({
    input: SAMPLE,
    outDir: path.join(dir, "o2"),
    format: "xlsx",
    soffice: silent,
  });
  expect(s.ok ? "ok" : [s.code, s.files]).toEqual(["NO_OUTPUT", [{ input: SAMPLE }]]);
});

test("the real LibreOffice: many files in one start; one it cannot load is named, the others converted; a stale output is not taken for a new one", async () => {
  const dir = tempDir();
  const inputs = ["a", "b", "garbage"].map((n) => path.join(dir, `${n}.xlsx`));
  fs.copyFileSync(SAMPLE, inputs[0]);
  fs.copyFileSync(SAMPLE, inputs[1]);
  fs.writeFileSync(inputs[2], "PK\u0003\u0004 not really a zip");
  const out = path.join(dir, "out");
  fs.mkdirSync(out);
  fs.writeFileSync(path.join(out, "garbage.ods"), "stale");
  const r = await convertWithLibreOffice({ input: inputs, outDir: out, format: "ods" });
  expect(r.ok ? "ok" : [r.code, r.detail]).toEqual([
    "NO_OUTPUT",
    "LibreOffice could not convert 1 of 3 file(s): garbage.xlsx",
  ]);
  expect(r.files.map((f) => (f.output ? path.basename(f.output) : null))).toEqual(["a.ods", "b.ods", null]);
  expect(fs.readFileSync(path.join(out, "a.ods")).subarray(0, 2).toString("latin1")).toBe("PK");
}, 120_000);

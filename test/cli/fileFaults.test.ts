/**
 * Files under faults (issue 13, items 1, 2 and the file-name parts of 10): only regular files are
 * read, never /dev/zero or a FIFO, and nothing over 2 GiB; every output is written atomically, so a
 * full disk, a failing flush or rename leaves an existing output exactly as it was and no temporary
 * file behind; a read-only output is refused; a folder named like a workbook is said, not skipped in
 * silence; a file name that is not UTF-8 is found.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { nodeIo } from "../../src/cli/io";
import { runCli } from "../../src/cli/run";
import type { FsOps } from "../../src/cli/files";
import { cli, cliBundle, SAMPLE, spawnCli, tempDir, type CliRun } from "../helpers/cli";

/** The command line in-process, on the real file system with some fs calls replaced. */
async function cliWith(fsOverrides: Partial<FsOps>, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io = {
    ...nodeIo({ fs: fsOverrides }),
    stdout: (t: string) => (stdout += t),
    stderr: (t: string) => (stderr += t),
  };
  return { code: await runCli(argv, io), stdout, stderr };
}

function expectOneLine(r: CliRun, pattern: RegExp): void {
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

/** Files in a folder other than those named: a temporary file left behind shows up here. */
function others(dir: string, known: string[]): string[] {
  return fs.readdirSync(dir).filter((n) => !known.includes(n));
}

const sample = (dir: string, name = "plan.xlsx"): string => {
  const file = path.join(dir, name);
  fs.copyFileSync(SAMPLE, file);
  return file;
};

describe("item 1: only regular files are read, and none over 2 GiB", () => {
  test("check /dev/zero: exit 2 at once with one line, not gigabytes of memory", () => {
    const r = spawnCli(["check", "/dev/zero", "--lang", "en"], undefined, 20_000);
    expect(r.code).toBe(2);
    expectOneLine(r, /\/dev\/zero is not a regular file \(a character device\); it was not read/);
  });

  test("a FIFO with no writer: exit 2 with one line, no wait (named on the command line, or through a link)", () => {
    const dir = tempDir();
    const fifo = path.join(dir, "pipe.xlsx");
    execFileSync("mkfifo", [fifo]);
    fs.symlinkSync(fifo, path.join(dir, "link.xlsx"));
    for (const f of [fifo, path.join(dir, "link.xlsx")]) {
      const r = spawnCli(["check", f], undefined, 20_000);
      expect([f, r.code]).toEqual([f, 2]);
      expectOneLine(r, /不是普通文件（命名管道 FIFO），未读取/);
    }
    const rb = spawnCli(
      ["rebalance", fifo, "--indicator", "x", "--out", path.join(dir, "o.xlsx")],
      undefined,
      20_000,
    );
    expect(rb.code).toBe(2);
    expectOneLine(rb, /命名管道/);
  });

  test("a folder walk skips a link to /dev/zero, a FIFO and a folder named x.xlsx, each with a line, and the exit code stays the one of the real files", () => {
    const dir = tempDir();
    sample(dir, "a.xlsx");
    fs.symlinkSync("/dev/zero", path.join(dir, "zero.xlsx"));
    execFileSync("mkfifo", [path.join(dir, "fifo.xlsx")]);
    fs.mkdirSync(path.join(dir, "x.xlsx"));
    fs.symlinkSync(SAMPLE, path.join(dir, "linked.xlsx")); // a link to a regular file is followed
    const r = spawnCli(["check", dir, "--lang", "en"], undefined, 30_000);
    expect(r.code).toBe(1); // the sample has errors; the skipped names change nothing
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines.sort()).toEqual(
      [
        `tdcheck: skipped ${path.join(dir, "fifo.xlsx")}: not a regular file (a FIFO (named pipe))`,
        `tdcheck: skipped ${path.join(dir, "x.xlsx")}: named like a workbook, but a folder (folders inside a folder are not checked)`,
        `tdcheck: skipped ${path.join(dir, "zero.xlsx")}: not a regular file (a character device)`,
      ].sort(),
    );
    expect(r.stdout).toMatch(/a\.xlsx\s+2\s+1\s+1\s+errors/);
    expect(r.stdout).toMatch(/linked\.xlsx\s+2\s+1\s+1\s+errors/);
    expect(r.stdout).toMatch(/2 files: 2 checked, 0 unusable/);
  });

  test("a clean folder with a skipped FIFO still exits 0", async () => {
    const dir = tempDir();
    // 新增高新技术企业数 made to add up, so the sample is clean but for the warning.
    const fixed = path.join(dir, "fixed.xlsx");
    expect(
      (await cli("rebalance", SAMPLE, "--indicator", "新增高新技术企业数", "--fix", "parent", "--out", fixed))
        .code,
    ).toBe(0);
    execFileSync("mkfifo", [path.join(dir, "fifo.xlsx")]);
    const r = spawnCli(["check", dir], undefined, 30_000);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/已跳过 .*fifo\.xlsx：不是普通文件/);
  });

  test("a file over 2 GiB on disk is refused before a byte is read", async () => {
    const dir = tempDir();
    const big = path.join(dir, "big.xlsx");
    const fd = fs.openSync(big, "w");
    fs.ftruncateSync(fd, 2 * 1024 ** 3 + 1); // sparse: no disk is used
    fs.closeSync(fd);
    let reads = 0;
    const r = await cliWith(
      {
        readSync: ((...args: Parameters<typeof fs.readSync>) => {
          reads++;
          return fs.readSync(...args);
        }) as typeof fs.readSync,
      },
      "check",
      big,
      "--lang",
      "en",
    );
    expect(r.code).toBe(2);
    expectOneLine(r, /big\.xlsx is 2\.0 GiB, above the 2\.0 GiB limit; it was not read/);
    expect(reads).toBe(0);
    fs.rmSync(big);
  });

  test("a table map named as /dev/zero or a FIFO is refused the same way", async () => {
    const dir = tempDir();
    const fifo = path.join(dir, "map.json");
    execFileSync("mkfifo", [fifo]);
    for (const map of ["/dev/zero", fifo]) {
      const r = await cli("check", SAMPLE, "--map", map, "--lang", "en");
      expect([map, r.code]).toEqual([map, 2]);
      expectOneLine(
        r,
        /is not a regular file \((a character device|a FIFO \(named pipe\))\); it was not read/,
      );
    }
  });

  test("a non-regular file named among several on the command line makes the batch exit 2, the others still checked", () => {
    const dir = tempDir();
    const a = sample(dir, "a.xlsx");
    const r = spawnCli(["check", a, "/dev/zero", "--lang", "en"], undefined, 30_000);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/a\.xlsx\s+2\s+1\s+1\s+errors/);
    expect(r.stdout).toMatch(/\/dev\/zero is not a regular file/);
  });
});

describe("item 2: outputs are written atomically", () => {
  /** writeSync that writes part of the first call's bytes, then fails as a full disk does. */
  function fullDisk(): Partial<FsOps> {
    return {
      writeSync: ((fd: number, buffer: Uint8Array, offset: number, length: number, position: number) => {
        const half = Math.max(1, Math.floor(length / 2));
        fs.writeSync(fd, buffer, offset, half, position);
        const e = new Error("ENOSPC: no space left on device, write") as NodeJS.ErrnoException;
        e.code = "ENOSPC";
        throw e;
      }) as unknown as typeof fs.writeSync,
    };
  }
  const failing = (name: keyof FsOps, code: string): Partial<FsOps> => ({
    [name]: () => {
      const e = new Error(`${code}: injected`) as NodeJS.ErrnoException;
      e.code = code;
      throw e;
    },
  });

  const commands: [string, (input: string, out: string) => string[]][] = [
    ["check --annotate", (input, out) => ["check", input, "--annotate", out]],
    ["check --report", (input, out) => ["check", input, "--report", out]],
    [
      "check --annotate --report (one file)",
      (input, out) => ["check", input, "--annotate", out, "--report", out],
    ],
    [
      "rebalance --out",
      (input, out) => [
        "rebalance",
        input,
        "--indicator",
        "新增高新技术企业数",
        "--fix",
        "parent",
        "--out",
        out,
      ],
    ],
  ];

  const faults: [string, () => Partial<FsOps>, RegExp][] = [
    [
      "a full disk (ENOSPC half-way through the write)",
      fullDisk,
      /磁盘空间不足（ENOSPC）；已有的同名文件未改动，未留下临时文件/,
    ],
    [
      "a failing flush (EIO from fsync)",
      () => failing("fsyncSync", "EIO"),
      /无法写出 .*（EIO）；已有的同名文件未改动/,
    ],
    ["a failing rename (EXDEV)", () => failing("renameSync", "EXDEV"), /无法写出 .*（EXDEV）/],
  ];

  for (const [what, argv] of commands)
    test.each(faults)(
      `${what} under %s: exit 2, one line, the existing output untouched, no temporary file`,
      async (_, fault, message) => {
        const dir = tempDir();
        const input = sample(dir, "in.xlsx");
        const out = path.join(dir, "out.xlsx");
        fs.writeFileSync(out, "an earlier output, to be kept");
        const before = fs.statSync(out).mtimeMs;
        const r = await cliWith(fault(), ...argv(input, out));
        expect(r.code).toBe(2);
        expectOneLine(r, message);
        expect(fs.readFileSync(out, "utf8")).toBe("an earlier output, to be kept");
        expect(fs.statSync(out).mtimeMs).toBe(before);
        expect(others(dir, ["in.xlsx", "out.xlsx"])).toEqual([]);
        // No existing output: none is created.
        fs.rmSync(out);
        const again = await cliWith(fault(), ...argv(input, out));
        expect(again.code).toBe(2);
        expect(others(dir, ["in.xlsx"])).toEqual([]);
        // Without the fault the same command writes the copy.
        expect((await cli(...argv(input, out))).code).toBeLessThan(2);
        expect(fs.readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
      },
    );

  test("a batch whose disk fills: that file's row says the copy was not written, exit 2, no temporary file", async () => {
    const dir = tempDir();
    const inputs = [sample(dir, "a.xlsx"), sample(dir, "b.xlsx")];
    const outDir = path.join(dir, "flagged");
    fs.mkdirSync(outDir);
    const r = await cliWith(fullDisk(), "check", ...inputs, "--annotate", outDir, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/a\.xlsx.*copy not written/);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(2); // one line per file
    expect(fs.readdirSync(outDir)).toEqual([]);
  });

  test("an existing output that is read-only is refused and left as it was", async () => {
    const dir = tempDir();
    const input = sample(dir, "in.xlsx");
    const out = path.join(dir, "out.xlsx");
    fs.writeFileSync(out, "read-only");
    fs.chmodSync(out, 0o444);
    for (const argv of commands.map(([, a]) => a(input, out))) {
      const r = await cli(...argv, "--lang", "en");
      expect([argv.join(" "), r.code]).toEqual([argv.join(" "), 2]);
      expectOneLine(r, /the output .*out\.xlsx exists and is read-only; nothing written/);
      expect(fs.readFileSync(out, "utf8")).toBe("read-only");
    }
    expect(others(dir, ["in.xlsx", "out.xlsx"])).toEqual([]);
  });

  test("replacing an output keeps its permissions; through a link, the file linked to is replaced and the link kept", async () => {
    const dir = tempDir();
    const input = sample(dir, "in.xlsx");
    const out = path.join(dir, "out.xlsx");
    fs.writeFileSync(out, "old");
    fs.chmodSync(out, 0o640);
    expect((await cli("check", input, "--annotate", out)).code).toBe(1);
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
    expect(fs.readFileSync(out).subarray(0, 2).toString("latin1")).toBe("PK");
    const real = path.join(dir, "real.xlsx");
    fs.writeFileSync(real, "old");
    const link = path.join(dir, "link.xlsx");
    fs.symlinkSync(real, link);
    expect((await cli("check", input, "--report", link)).code).toBe(1);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real).subarray(0, 2).toString("latin1")).toBe("PK");
  });

  test("an output that is a device, a FIFO or a folder is refused (renaming over /dev/null would replace the device)", async () => {
    const dir = tempDir();
    const input = sample(dir, "in.xlsx");
    const fifo = path.join(dir, "fifo.xlsx");
    execFileSync("mkfifo", [fifo]);
    const cases: [string, RegExp][] = [
      ["/dev/null", /refusing to write to \/dev\/null: it is not a regular file \(a character device\)/],
      [fifo, /not a regular file \(a FIFO/],
      [path.join(dir, "missing", "out.xlsx"), /the folder of the output .* does not exist/],
    ];
    for (const [out, why] of cases) {
      const r = await cli("check", input, "--annotate", out, "--lang", "en");
      expect([out, r.code]).toEqual([out, 2]);
      expectOneLine(r, why);
    }
    expect(fs.statSync("/dev/null").isCharacterDevice()).toBe(true);
    const folder = await cli(
      "rebalance",
      input,
      "--indicator",
      "新增高新技术企业数",
      "--fix",
      "parent",
      "--out",
      dir,
    );
    expect(folder.code).toBe(2);
    expectOneLine(folder, /输出路径是一个文件夹/);
  });

  /** A real full disk: a small tmpfs, when this process may mount one (root in a container usually may). */
  function mountSmallDisk(): string | null {
    const where = tempDir();
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=256k", "tdcheck-full", where], { stdio: "ignore" });
      return where;
    } catch {
      return null;
    }
  }

  test("on a real full disk (a 256 KiB tmpfs, when mount is allowed): the existing output is kept whole", async () => {
    const disk = mountSmallDisk();
    if (!disk) {
      // Without mount the injected failures above are the proof; say so rather than pass silently.
      console.warn("mount not permitted here: the real full-disk case was not run");
      return;
    }
    try {
      const input = sample(disk, "in.xlsx");
      const out = path.join(disk, "out.xlsx");
      fs.writeFileSync(out, "an earlier output, to be kept");
      // Fill what is left, but for a few KiB: less than a copy of the sample needs.
      const free = fs.statfsSync(disk).bavail * fs.statfsSync(disk).bsize;
      fs.writeFileSync(path.join(disk, "filler"), Buffer.alloc(Math.max(0, free - 4096)));
      for (const argv of [
        ["check", input, "--annotate", out],
        ["check", input, "--report", out],
        ["rebalance", input, "--indicator", "新增高新技术企业数", "--fix", "parent", "--out", out],
      ]) {
        const r = await cli(...argv);
        expect([argv[2], r.code]).toEqual([argv[2], 2]);
        expectOneLine(r, /磁盘空间不足（ENOSPC）/);
        expect(fs.readFileSync(out, "utf8")).toBe("an earlier output, to be kept");
        expect(others(disk, ["in.xlsx", "out.xlsx", "filler"])).toEqual([]);
      }
    } finally {
      execFileSync("umount", [disk]);
    }
  });
});

describe("item 10: file names", () => {
  test("a file name that is not UTF-8: found when named on the command line (as raw bytes) and in a folder walk", async () => {
    const dir = tempDir();
    // "计划\xff.xlsx": the byte 0xFF can never occur in UTF-8.
    const rawName = Buffer.concat([Buffer.from("计划"), Buffer.from([0xff]), Buffer.from(".xlsx")]);
    fs.writeFileSync(Buffer.concat([Buffer.from(dir + "/"), rawName]), fs.readFileSync(SAMPLE));
    // The real process, given the raw bytes by the shell.
    const shell = spawnSync(
      "/bin/sh",
      [
        "-c",
        `"${process.execPath}" "${cliBundle()}" check "$(printf '%s/\\350\\256\\241\\345\\210\\222\\377.xlsx' "${dir}")" --lang en`,
      ],
      { encoding: "utf8" },
    );
    expect([shell.status, shell.stderr]).toEqual([1, ""]);
    expect(shell.stdout).toMatch(/; 1 error, /);
    // In-process, with the name as Node decodes it.
    const lossy = path.join(dir, "计划\uFFFD.xlsx");
    const r = await cli("check", lossy);
    expect([r.code, r.stderr]).toEqual([1, ""]);
    const walk = await cli("check", dir, "--lang", "en");
    expect(walk.code).toBe(1);
    expect(walk.stdout).toMatch(/1 file: 1 checked, 0 unusable/);
  });

  test("two names that decode alike: refused with one line saying to rename", async () => {
    const dir = tempDir();
    for (const b of [0xfe, 0xff])
      fs.writeFileSync(
        Buffer.concat([Buffer.from(dir + "/x"), Buffer.from([b]), Buffer.from(".xlsx")]),
        fs.readFileSync(SAMPLE),
      );
    const r = await cli("check", path.join(dir, "x\uFFFD.xlsx"), "--lang", "en");
    expect(r.code).toBe(2);
    expectOneLine(r, /is not valid UTF-8 and matches several files in its folder: rename the file/);
  });
});

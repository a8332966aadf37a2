/**
 * .xls and WPS .et input through LibreOffice (issue 16), the command line's side of it, without
 * waiting for LibreOffice: a stand-in `soffice` "converts" every file it is given into the sample
 * (and writes down how it was called), so what is proved here is what tdcheck does around the
 * conversion: which files go to it and how (our copy in a private folder, the import filter named),
 * the original name in every finding, the notes in text and JSON, copies that are .xlsx and say so,
 * names refused with the one to use, the input checks before LibreOffice, each failure as one line,
 * and the private folder gone afterwards. Real LibreOffice: test/libreoffice/xlsInput.test.ts.
 */
import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { nodeIo } from "../../src/cli/io";
import { runCli } from "../../src/cli/run";
import { readXlsx } from "../../src/cli/xlsx";
import { cli, cliBundle, cliWith, SAMPLE, tempDir } from "../helpers/cli";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BAD } = require("../fixtures/bad/build.js") as {
  BAD: Record<string, () => Promise<Uint8Array> | Uint8Array>;
};

interface Finding {
  rule: string;
  severity: string;
  sheet: string;
  cell: string;
  stated?: unknown;
  computed?: unknown;
}
interface Doc {
  file: string;
  findings: Finding[];
  input?: { format: string; convertedBy: string };
}

const key = (f: Finding) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell}`;

function script(dir: string, name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`);
  fs.chmodSync(file, 0o755);
  return file;
}

/**
 * A stand-in soffice: writes its arguments to `args` (one a line, appended per start), then copies
 * `source` to `<outdir>/<stem>.xlsx` for each .xls it is given, as LibreOffice names its outputs.
 */
function fakeSoffice(dir: string, source = SAMPLE): { program: string; args: string } {
  const args = path.join(dir, "args");
  const program = script(
    dir,
    "soffice",
    [
      `printf '%s\\n' "$@" >> "${args}"`,
      'out=""; prev=""',
      'for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done',
      'for a in "$@"; do case "$a" in *.xls) cp "' +
        source +
        '" "$out/$(basename "$a" .xls).xlsx";; esac; done',
    ].join("\n"),
  );
  return { program, args };
}

function starts(args: string): string[][] {
  if (!fs.existsSync(args)) return [];
  // Each start begins with --headless (libreoffice.ts).
  const lines = fs.readFileSync(args, "utf8").split("\n").filter(Boolean);
  const runs: string[][] = [];
  for (const l of lines) {
    if (l === "--headless") runs.push([]);
    runs[runs.length - 1].push(l);
  }
  return runs;
}

/** The private folders a start was given (its profile, its input copies): gone once the command ended. */
function privateFolders(run: string[]): string[] {
  const profile = run.find((a) => a.startsWith("-env:UserInstallation=file://"))!;
  const copies = run.filter((a) => a.endsWith(".xls")).map((a) => path.dirname(path.dirname(a)));
  return [decodeURIComponent(profile.replace("-env:UserInstallation=file://", "")), ...copies];
}

async function oleXls(file: string): Promise<string> {
  fs.writeFileSync(file, await BAD["legacy.xls"]());
  return file;
}

const expectOneLine = (r: { code: number; stderr: string }, pattern: RegExp): void => {
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
};

describe("check, detect and rebalance of an .xls or .et go through LibreOffice", () => {
  test("one start: our copy in a private folder, the Excel 97 import filter named; findings against the original name; the folder gone", async () => {
    const dir = tempDir();
    const { program, args } = fakeSoffice(dir);
    const file = await oleXls(path.join(dir, "-计划 表.xls")); // a name soffice could take for an option
    const original = fs.readFileSync(file);
    const r = await cli("check", file, "--soffice", program, "--format", "json");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const doc = JSON.parse(r.stdout) as Doc;
    expect(doc.file).toBe(file);
    expect(doc.input).toEqual({ format: "xls", convertedBy: "LibreOffice" });
    const d7 = doc.findings.find((f) => f.rule === "sum-mismatch")!;
    expect([d7.sheet, d7.cell, d7.stated, d7.computed]).toEqual(["分解表", "D7", 2000, 1999]);
    const [run, ...more] = starts(args);
    expect(more).toEqual([]);
    expect(run).toEqual(expect.arrayContaining(["--headless", "--infilter=MS Excel 97", "--convert-to"]));
    const given = run.filter((a) => a.endsWith(".xls"));
    expect(given).toHaveLength(1);
    expect(given[0]).toMatch(/tdcheck-xls-[^/]+\/in\/1\.xls$/);
    expect(run.join("\n")).not.toContain(file);
    for (const folder of privateFolders(run)) expect(fs.existsSync(folder)).toBe(false);
    expect(fs.readFileSync(file).equals(original)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(["-计划 表.xls", "args", "soffice"]);
  });

  test("text in both languages says the values came through LibreOffice; copies are .xlsx and say so; an .et is named as one", async () => {
    const dir = tempDir();
    const { program } = fakeSoffice(dir);
    const file = await oleXls(path.join(dir, "区县.et"));
    const zh = await cli("check", file, "--soffice", program, "--annotate", path.join(dir, "标注.xlsx"));
    expect(zh.code).toBe(1);
    const zhLines = zh.stdout.split("\n");
    expect(zhLines[0]).toBe(`${file}  (经 LibreOffice 由 .et 转换为 .xlsx 后读取)`);
    expect(zh.stdout).toMatch(/错误 {2}分解表!D7 +合计不符/);
    expect(zh.stdout).toContain(
      `已写出标注副本：${path.join(dir, "标注.xlsx")}（由 LibreOffice 从 .et 转换而来的 .xlsx 工作簿）`,
    );
    const copy = readXlsx(fs.readFileSync(path.join(dir, "标注.xlsx")));
    expect(copy.ok).toBe(true);
    const report = path.join(dir, "report.xlsx");
    const en = await cli("check", file, "--soffice", program, "--report", report, "--lang", "en");
    expect(en.code).toBe(1);
    expect(en.stdout.split("\n")[0]).toBe(`${file}  (read through LibreOffice, converted from .et to .xlsx)`);
    expect(en.stdout).toContain(
      `Audit report written: ${report} (an .xlsx workbook converted from the .et by LibreOffice)`,
    );
    // The report names the file as converted.
    const read = readXlsx(fs.readFileSync(report));
    if (!read.ok) throw new Error(read.problem.detail);
    const sheet = read.workbook.sheets.find((s) => !["分解表", "进度表", "_tdcheck"].includes(s.name))!;
    expect(JSON.stringify(sheet.values)).toContain("区县.et (converted by LibreOffice)");
    const json = JSON.parse(
      (await cli("check", file, "--soffice", program, "--format", "json")).stdout,
    ) as Doc;
    expect(json.input).toEqual({ format: "et", convertedBy: "LibreOffice" });
  });

  test("a copy named other than .xlsx is refused with the name to use, nothing written; check and rebalance alike", async () => {
    const dir = tempDir();
    const { program } = fakeSoffice(dir);
    const file = await oleXls(path.join(dir, "plan.xls"));
    for (const name of ["out.xls", "out.et", "out", "out.xlsm"]) {
      const out = path.join(dir, name);
      for (const lang of ["zh", "en"]) {
        const r = await cli("check", file, "--soffice", program, "--annotate", out, "--lang", lang);
        expectOneLine(
          r,
          lang === "zh"
            ? /\.xls 文件的副本是经 LibreOffice 转换的 \.xlsx 工作簿.*例如 out\.xlsx/
            : /the copy of an \.xls file is an \.xlsx workbook converted by LibreOffice.*e\.g\. out\.xlsx/,
        );
      }
      const rb = await cli(
        "rebalance",
        file,
        "--soffice",
        program,
        "--indicator",
        "新增高新",
        "--fix",
        "parent",
        "--out",
        out,
      );
      expectOneLine(rb, /例如 out\.xlsx/);
      expect(fs.existsSync(out)).toBe(false);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(["args", "plan.xls", "soffice"]);
  });

  test("rebalance --out writes an .xlsx of the converted workbook and says so; detect says what it read", async () => {
    const dir = tempDir();
    const { program } = fakeSoffice(dir);
    const file = await oleXls(path.join(dir, "plan.xls"));
    const out = path.join(dir, "fixed.xlsx");
    const base = ["rebalance", file, "--soffice", program, "--indicator", "新增高新", "--fix", "parent"];
    const r = await cli(...base, "--out", out, "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe(`${file}  (read through LibreOffice, converted from .xls to .xlsx)`);
    expect(r.stdout).toContain("(an .xlsx workbook converted from the .xls by LibreOffice)");
    const after = await cli("check", out, "--format", "json");
    const doc = JSON.parse(after.stdout) as Doc;
    expect(doc.findings.filter((f) => f.rule === "sum-mismatch")).toEqual([]);
    expect(doc.input).toBeUndefined(); // the copy is an ordinary .xlsx now
    const json = JSON.parse((await cli(...base, "--format", "json")).stdout) as { input?: unknown };
    expect(json.input).toEqual({ format: "xls", convertedBy: "LibreOffice" });
    const detect = await cli("detect", file, "--soffice", program);
    expect(detect.code).toBe(0);
    expect(detect.stdout.split("\n")[0]).toBe(`${file}  (经 LibreOffice 由 .xls 转换为 .xlsx 后读取)`);
    expect(detect.stdout).toContain("分解表!A3:Q8");
  });

  test("on a terminal, a progress line while LibreOffice converts, erased before the findings; none in a pipe", async () => {
    const dir = tempDir();
    const { program } = fakeSoffice(dir);
    const inputs = path.join(dir, "in");
    fs.mkdirSync(inputs);
    for (const n of ["a.xls", "b.et"]) await oleXls(path.join(inputs, n));
    const run = async (isTTY: boolean) => {
      let out = "";
      let err = "";
      const io = nodeIo({
        stdout: { isTTY, write: (t: string) => (out += t) },
        stderr: { isTTY, write: (t: string) => (err += t) },
      });
      const code = await runCli(["check", inputs, "--soffice", program, "--format", "json"], {
        ...io,
        env: {},
        locale: () => undefined,
      });
      return { code, out, err };
    };
    const tty = await run(true);
    const plain = await run(false);
    expect([tty.code, plain.code]).toEqual([1, 1]);
    expect(tty.err).toContain("\r\x1b[K正在用 LibreOffice 把 2 个 .xls/.et 文件转换为 .xlsx…\r\x1b[K");
    expect(plain.err).toBe("");
    expect(tty.out).toBe(plain.out);
  });

  test("an .xls that is really an .xlsx is read as it is, without LibreOffice", async () => {
    const dir = tempDir();
    const { program, args } = fakeSoffice(dir);
    const file = path.join(dir, "renamed.xls");
    fs.copyFileSync(SAMPLE, file);
    const r = await cli("check", file, "--soffice", program, "--format", "json");
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as Doc).input).toBeUndefined();
    expect(starts(args)).toEqual([]);
  });
});

test("--soffice is an option of check, detect and rebalance, described in both languages", async () => {
  for (const command of ["check", "detect", "rebalance"]) {
    const zh = await cli(command, "--help");
    expect([command, zh.stdout]).toEqual([
      command,
      expect.stringMatching(/--soffice <程序>\s+LibreOffice 的 soffice 程序/),
    ]);
    const en = await cli(command, "--help", "--lang", "en");
    expect([command, en.stdout]).toEqual([
      command,
      expect.stringMatching(/--soffice <path>\s+LibreOffice's soffice program/),
    ]);
  }
});

describe("without LibreOffice, and when it fails: one line, exit 2", () => {
  test("not installed: today's line and how to install it, in both languages; --soffice to a missing program says so", async () => {
    const dir = tempDir();
    const file = await oleXls(path.join(dir, "plan.xls"));
    const et = await oleXls(path.join(dir, "plan.et"));
    const none = { findSoffice: () => null };
    expectOneLine(
      await cliWith(none, "check", file),
      /是旧版或非标准的 Excel 文件（Excel 97–2003 \(\.xls\) 工作簿）.*另存为.*也可以安装 LibreOffice.*apt-get install libreoffice-calc-nogui；Windows、macOS：安装 LibreOffice，或用 --soffice/,
    );
    expectOneLine(
      await cliWith(none, "check", et, "--lang", "en"),
      /is a WPS Spreadsheets \(\.et\) file.*Save As.*Or install LibreOffice.*Debian\/Ubuntu: apt-get install libreoffice-calc-nogui; Windows, macOS: install LibreOffice, or pass --soffice/,
    );
    expectOneLine(await cliWith(none, "detect", file), /也可以安装 LibreOffice/);
    expectOneLine(
      await cliWith(none, "rebalance", file, "--indicator", "x", "--lang", "en"),
      /Or install LibreOffice/,
    );
    const missing = path.join(dir, "no", "soffice");
    expectOneLine(
      await cli("check", file, "--soffice", missing),
      new RegExp(`另存为.*--soffice 指定的 ${missing} 不是可运行的程序`),
    );
    expectOneLine(
      await cli("check", file, "--soffice", SAMPLE, "--lang", "en"), // a file, not a program
      new RegExp(`--soffice ${SAMPLE} is not a program that can be run`),
    );
  });

  test("LibreOffice that fails, or writes nothing: the file is named, with what to do", async () => {
    const dir = tempDir();
    const file = await oleXls(path.join(dir, "plan.xls"));
    const failing = script(dir, "failing", "exit 3");
    expectOneLine(
      await cli("check", file, "--soffice", failing),
      new RegExp(`plan\\.xls：LibreOffice（${failing}）未能运行完成，文件未转换`),
    );
    const silent = script(dir, "silent", "exit 0");
    expectOneLine(
      await cli("check", file, "--soffice", silent, "--lang", "en"),
      /plan\.xls: LibreOffice could not read it \(not a valid \.xls workbook, or damaged, or password-protected\)/,
    );
  });

  test("a temporary folder that cannot take the copy: one line naming it, LibreOffice not started", async () => {
    const dir = tempDir();
    const { program, args } = fakeSoffice(dir);
    const file = await oleXls(path.join(dir, "plan.xls"));
    const missing = path.join(dir, "no-such-tmp");
    const run = (lang: string) => {
      const r = spawnSync(
        process.execPath,
        [cliBundle(), "check", file, "--soffice", program, "--lang", lang],
        {
          env: { ...process.env, TMPDIR: missing },
          encoding: "utf8",
        },
      );
      return { code: r.status ?? -1, stderr: r.stderr };
    };
    expectOneLine(
      run("en"),
      new RegExp(
        `plan\\.xls: cannot make the copy LibreOffice converts in the temporary folder ${missing} \\(ENOENT\\)`,
      ),
    );
    expectOneLine(
      run("zh"),
      new RegExp(`无法在临时文件夹 ${missing} 中为 LibreOffice 准备副本（系统拒绝写入）`),
    );
    expect(starts(args)).toEqual([]);
  });

  test("a conversion past its timeout: one line, LibreOffice's processes gone, no private folder left", async () => {
    const dir = tempDir();
    const file = await oleXls(path.join(dir, "plan.xls"));
    const args = path.join(dir, "args");
    const pids = path.join(dir, "pids");
    // Like soffice → soffice.bin: a child that outlives its parent unless the group is killed.
    const slow = script(
      dir,
      "slow",
      `printf '%s\\n' "$@" > "${args}"\nsleep 600 &\necho $! > "${pids}"\necho $$ >> "${pids}"\nwait`,
    );
    const r = await cliWith(
      { env: { TDCHECK_SOFFICE_TIMEOUT: "0.5" } },
      "check",
      file,
      "--soffice",
      slow,
      "--lang",
      "en",
    );
    expectOneLine(
      r,
      /plan\.xls: LibreOffice did not finish converting it within 0\.5 s \(its processes were stopped\).*TDCHECK_SOFFICE_TIMEOUT/,
    );
    const alive = fs
      .readFileSync(pids, "utf8")
      .trim()
      .split("\n")
      .map(Number)
      .filter((pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      });
    expect(alive).toEqual([]);
    const run = fs.readFileSync(args, "utf8").split("\n").filter(Boolean);
    for (const folder of privateFolders(["--headless", ...run])) expect(fs.existsSync(folder)).toBe(false);
  });

  test("Ctrl-C while LibreOffice converts: its processes and the private folder go, and tdcheck ends by the signal", async () => {
    const dir = tempDir();
    const file = await oleXls(path.join(dir, "plan.xls"));
    const started = path.join(dir, "started");
    const tmp = path.join(dir, "tmp");
    fs.mkdirSync(tmp);
    const slow = script(
      dir,
      "slow",
      `echo $$ > "${started}.tmp" && mv "${started}.tmp" "${started}"\nsleep 600`,
    );
    const child = spawn(process.execPath, [cliBundle(), "check", file, "--soffice", slow], {
      env: { ...process.env, TMPDIR: tmp },
      stdio: "ignore",
    });
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    for (let waited = 0; !fs.existsSync(started) && waited < 20_000; waited += 25)
      await new Promise((r) => setTimeout(r, 25));
    const fake = Number(fs.readFileSync(started, "utf8"));
    expect(fs.readdirSync(tmp).some((n) => n.startsWith("tdcheck-xls-"))).toBe(true);
    child.kill("SIGINT");
    expect(await ended).toEqual({ code: null, signal: "SIGINT" });
    expect(() => process.kill(fake, 0)).toThrow();
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe("the input checks apply before LibreOffice sees anything", () => {
  test("a FIFO, a device, a file over 2 GiB, a damaged header: refused without a start", async () => {
    const dir = tempDir();
    const { program, args } = fakeSoffice(dir);
    const fifo = path.join(dir, "pipe.xls");
    execFileSync("mkfifo", [fifo]);
    expectOneLine(await cli("check", fifo, "--soffice", program, "--lang", "en"), /pipe\.xls/);
    const zero = path.join(dir, "zero.xls");
    fs.symlinkSync("/dev/zero", zero);
    expectOneLine(await cli("check", zero, "--soffice", program, "--lang", "en"), /zero\.xls/);
    const big = path.join(dir, "big.xls");
    fs.closeSync(fs.openSync(big, "w"));
    fs.truncateSync(big, 2 * 1024 ** 3 + 1);
    try {
      expectOneLine(await cli("check", big, "--soffice", program, "--lang", "en"), /big\.xls/);
    } finally {
      fs.rmSync(big);
    }
    const cut = path.join(dir, "cut.et");
    fs.writeFileSync(cut, (await BAD["legacy.xls"]()).subarray(0, 300));
    expectOneLine(
      await cli("check", cut, "--soffice", program, "--lang", "en"),
      /cut\.et is not a valid \.et workbook \(its header is damaged/,
    );
    expect(starts(args)).toEqual([]);
  });

  test("a batch: every .xls and .et converted by one start, the others read as they are, in input order", async () => {
    const dir = tempDir();
    const { program, args } = fakeSoffice(dir);
    const inputs = path.join(dir, "in");
    fs.mkdirSync(inputs);
    await oleXls(path.join(inputs, "a.xls"));
    await oleXls(path.join(inputs, "b.et"));
    fs.copyFileSync(SAMPLE, path.join(inputs, "c.xlsx"));
    fs.writeFileSync(
      path.join(inputs, "d.xls"),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    );
    const out = path.join(dir, "flagged");
    const r = await cli("check", inputs, "--soffice", program, "--annotate", out, "--lang", "en");
    expect(r.code).toBe(2); // d.xls is damaged
    const lines = r.stdout.split("\n");
    expect(lines.slice(1, 5).map((l) => path.basename(l.trim().split(/\s+/)[0]))).toEqual([
      "a.xls",
      "b.et",
      "c.xlsx",
      "d.xls",
    ]);
    expect(r.stdout).toContain(
      `Read through LibreOffice, converted to .xlsx: ${path.join(inputs, "a.xls")}, ${path.join(inputs, "b.et")}`,
    );
    expect(fs.readdirSync(out).sort()).toEqual(["a.xlsx", "b.xlsx", "c.xlsx"]);
    const [run, ...more] = starts(args);
    expect(more).toEqual([]);
    expect(run.filter((a) => a.endsWith(".xls")).map((a) => path.basename(a))).toEqual(["1.xls", "2.xls"]);
    for (const folder of privateFolders(run)) expect(fs.existsSync(folder)).toBe(false);
    const json = await cli("check", inputs, "--soffice", program, "--format", "json");
    const docs = (JSON.parse(json.stdout) as { files: (Doc & { error?: string })[] }).files;
    expect(docs.map((d) => d.input ?? (d.error ? "error" : "xlsx"))).toEqual([
      { format: "xls", convertedBy: "LibreOffice" },
      { format: "et", convertedBy: "LibreOffice" },
      "xlsx",
      "error",
    ]);
    expect(docs[0].findings.map(key)).toEqual(docs[2].findings.map(key));
  });
});

/**
 * Windows habits, tested without Windows: paths with drive letters, backslashes and UNC shares (the
 * command line's path arithmetic is injected as path.win32 over an in-memory file system), files held
 * open by Excel (EBUSY / EPERM, an ~$owner file beside the workbook), outputs Excel holds open.
 */
import * as fs from "fs";
import * as path from "path";
import { FileFault } from "../../src/cli/files";
import type { CliIo } from "../../src/cli/io";
import { runCli } from "../../src/cli/run";
import { readXlsx } from "../../src/cli/xlsx";
import { ROOT, SAMPLE } from "../helpers/cli";
import { encodeLegacy } from "../helpers/legacyEncoders";

const DISTRICTS = fs.readFileSync(
  path.join(ROOT, "examples", "data", "hangzhou-2024-district-targets.csv"),
  "utf8",
);

/** A Windows file system in memory: names compared without case, `\` and `/` alike. */
class WindowsDisk {
  readonly files = new Map<string, { name: string; bytes: Uint8Array }>();
  readonly folders = new Set<string>();
  /** Errors to throw on reading or writing a path (code, as Node on Windows gives them). */
  readonly readErrors = new Map<string, string>();
  readonly writeErrors = new Map<string, string>();

  private key(p: string): string {
    return path.win32.normalize(p).replace(/\\+$/, "").toLowerCase();
  }
  folder(p: string): void {
    // The folder and every one above it, up to the drive (C:\) or the share (\\server\share\).
    for (let at = p; ; at = path.win32.dirname(at)) {
      this.folders.add(this.key(at));
      if (path.win32.dirname(at) === at) break;
    }
  }
  put(p: string, bytes: Uint8Array | string): void {
    this.folder(path.win32.dirname(p));
    this.files.set(this.key(p), {
      name: p,
      bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
    });
  }
  get(p: string): Uint8Array | undefined {
    return this.files.get(this.key(p))?.bytes;
  }
  fail(code: string, p: string): Error {
    return Object.assign(new Error(`${code}: resource busy or locked, open '${p}'`), { code });
  }

  io(out: string[], err: string[]): CliIo {
    return {
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      readFile: (p) => {
        const code = this.readErrors.get(this.key(p));
        if (code) throw this.fail(code, p);
        const f = this.files.get(this.key(p));
        if (!f) throw this.fail("ENOENT", p);
        return f.bytes;
      },
      writeFile: (p, b) => {
        const code = this.writeErrors.get(this.key(p));
        if (code) throw this.fail(code, p);
        if (!this.folders.has(this.key(path.win32.dirname(p)))) throw this.fail("ENOENT", p);
        this.put(p, b);
      },
      inspect: (p) => {
        const f = this.files.get(this.key(p));
        if (f) return { kind: "file", size: f.bytes.length };
        return this.folders.has(this.key(p)) ? { kind: "directory" } : { kind: "missing" };
      },
      // As files.ts says it: a folder is no output, nor a name in a folder that does not exist.
      outputProblem: (p) => {
        if (this.folders.has(this.key(p))) return new FileFault("IS_DIRECTORY", p);
        if (!this.folders.has(this.key(path.win32.dirname(p)))) return new FileFault("NO_FOLDER", p);
        return null;
      },
      exists: (p) => this.files.has(this.key(p)) || this.folders.has(this.key(p)),
      isDirectory: (p) => this.folders.has(this.key(p)),
      listDirectory: (p) => {
        const k = this.key(p);
        return [...this.files.values()]
          .filter((f) => this.key(path.win32.dirname(f.name)) === k)
          .map((f) => path.win32.basename(f.name));
      },
      makeDirectory: (p) => this.folder(p),
      sameFile: (a, b) => this.key(a) === this.key(b),
      paths: path.win32,
      fileSize: (p) => this.files.get(this.key(p))?.bytes.length,
    };
  }

  async run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, this.io(out, err));
    return { code, stdout: out.join(""), stderr: err.join("") };
  }
}

const SAMPLE_BYTES = new Uint8Array(fs.readFileSync(SAMPLE));

describe("Windows paths", () => {
  test("a drive-letter path with Chinese folders: checked, and the report names the file, not the path", async () => {
    const disk = new WindowsDisk();
    const file = "C:\\Users\\张三\\Documents\\2024计划\\plan.xlsx";
    disk.put(file, SAMPLE_BYTES);
    disk.folder("C:\\Users\\张三\\Documents\\审核");
    const report = "C:\\Users\\张三\\Documents\\审核\\report.xlsx";
    const r = await disk.run("check", file, "--report", report);
    expect([r.code, r.stderr]).toEqual([1, ""]);
    expect(r.stdout.split("\n")[0]).toBe(file);
    const read = readXlsx(disk.get(report)!);
    const sheet = read.ok ? read.workbook.sheets.find((s) => s.name === "审核报告") : undefined;
    const texts = (sheet?.values ?? []).flat().filter((v): v is string => typeof v === "string");
    expect(texts.some((t) => t.includes("plan.xlsx"))).toBe(true);
    expect(texts.some((t) => t.includes("C:\\"))).toBe(false);
  });

  test("forward slashes on Windows work too, and a CSV's sheet is named after the file, not the path", async () => {
    const disk = new WindowsDisk();
    disk.put("D:\\数据\\杭州.csv", encodeLegacy(DISTRICTS, "gb18030"));
    const r = await disk.run("check", "D:/数据/杭州.csv", "--format", "json");
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { findings: { sheet: string }[] };
    expect(new Set(doc.findings.map((f) => f.sheet))).toEqual(new Set(["杭州"]));
  });

  test("a UNC share as a folder: its files listed with backslashes, copies written beside on the share", async () => {
    const disk = new WindowsDisk();
    const share = "\\\\fileserver\\报表\\2024";
    disk.put(`${share}\\杭州.csv`, encodeLegacy(DISTRICTS, "gb18030"));
    disk.put(`${share}\\plan.xlsx`, SAMPLE_BYTES);
    disk.put(
      `${share}\\旧表.xls`,
      Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]),
    );
    const out = "\\\\fileserver\\报表\\标注";
    const r = await disk.run("check", share, "--annotate", out, "--lang", "en");
    expect(r.code).toBe(2); // the .xls
    const lines = r.stdout.split("\n");
    expect(lines[1]).toMatch(/^ {2}\\\\fileserver\\报表\\2024\\plan\.xlsx\s+2\s+1\s+1\s+errors$/);
    expect(lines[2]).toMatch(/^ {2}\\\\fileserver\\报表\\2024\\旧表\.xls\s+–/);
    expect(lines[3]).toMatch(/^ {2}\\\\fileserver\\报表\\2024\\杭州\.csv\s+1\s+1\s+0\s+errors$/);
    expect(disk.get(`${out}\\plan.xlsx`)).toBeDefined();
    expect(disk.get(`${out}\\杭州.xlsx`)).toBeDefined();
    expect(readXlsx(disk.get(`${out}\\杭州.xlsx`)!).ok).toBe(true);
  });

  test("rebalance on a UNC path: the title names the file; --out the input itself (other case, other slashes) is refused", async () => {
    const disk = new WindowsDisk();
    const file = "\\\\fileserver\\报表\\plan.xlsx";
    disk.put(file, SAMPLE_BYTES);
    const ok = await disk.run(
      "rebalance",
      file,
      "--indicator",
      "新增高新",
      "--out",
      "\\\\fileserver\\报表\\fixed.xlsx",
    );
    expect([ok.code, ok.stderr]).toEqual([0, ""]);
    expect(ok.stdout.split("\n")[0]).toBe("plan.xlsx · 分解表 · 新增高新技术企业数(家)");
    const same = await disk.run(
      "rebalance",
      file,
      "--indicator",
      "新增高新",
      "--out",
      "//FILESERVER/报表/PLAN.xlsx",
      "--lang",
      "en",
    );
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("refusing to overwrite the input");
  });
});

describe("files Excel holds open", () => {
  test.each(["EBUSY", "EPERM"])(
    "%s on opening the input: the file is open in Excel, close it or copy it (zh, en)",
    async (code) => {
      const disk = new WindowsDisk();
      const file = "C:\\计划\\plan.xlsx";
      disk.put(file, SAMPLE_BYTES);
      disk.readErrors.set(file.toLowerCase(), code);
      const zh = await disk.run("check", file);
      expect([zh.code, zh.stdout, zh.stderr]).toEqual([
        2,
        "",
        `tdcheck: ${file}：文件正在 Excel 中打开（已被锁定）：请在 Excel 中关闭它，或先复制一份再检查\n`,
      ]);
      const en = await disk.run("check", file, "--lang", "en");
      expect(en.stderr).toBe(
        `tdcheck: ${file}: the file is open in Excel (locked): close it or copy it, then check again\n`,
      );
      for (const command of [
        ["detect", file],
        ["rebalance", file, "--indicator", "x", "--out", "C:\\计划\\out.xlsx"],
      ]) {
        const r = await disk.run(...command, "--lang", "en");
        expect([command[0], r.code, r.stderr]).toEqual([
          command[0],
          2,
          expect.stringContaining("the file is open in Excel"),
        ]);
      }
    },
  );

  test("in a batch, a locked file is one unusable line and the others are checked", async () => {
    const disk = new WindowsDisk();
    disk.put("C:\\计划\\a.xlsx", SAMPLE_BYTES);
    disk.put("C:\\计划\\b.xlsx", SAMPLE_BYTES);
    disk.readErrors.set("c:\\计划\\a.xlsx", "EBUSY");
    const r = await disk.run("check", "C:\\计划", "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/a\.xlsx\s+–\s+–\s+–\s+unusable/);
    expect(r.stdout).toMatch(/b\.xlsx\s+2\s+1\s+1\s+errors/);
    expect(r.stdout).toContain("C:\\计划\\a.xlsx: the file is open in Excel (locked): close it or copy it");
  });

  test("an ~$owner file beside the input: checked, with a note that unsaved edits are not in it", async () => {
    const disk = new WindowsDisk();
    const file = "C:\\计划\\plan.xlsx";
    disk.put(file, SAMPLE_BYTES);
    disk.put("C:\\计划\\~$plan.xlsx", "owner");
    const r = await disk.run("check", file, "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `tdcheck: note: ${file} is open in Excel (~$plan.xlsx beside it): what is checked is the last saved version, without unsaved edits; save and close it, or copy it\n`,
    );
    const zh = await disk.run("check", file);
    expect(zh.stderr).toContain("正在 Excel 中打开（旁边有 ~$plan.xlsx）");
  });

  test("an output Excel holds open: one line, exit 2, nothing else written", async () => {
    const disk = new WindowsDisk();
    const file = "C:\\计划\\plan.xlsx";
    const out = "C:\\计划\\flagged.xlsx";
    disk.put(file, SAMPLE_BYTES);
    disk.writeErrors.set(out.toLowerCase(), "EBUSY");
    const r = await disk.run("check", file, "--annotate", out, "--lang", "en");
    expect([r.code, r.stderr]).toEqual([
      2,
      `tdcheck: cannot write ${out}: the file is open in Excel: close it or choose another name; that file was not written\n`,
    ]);
    const fixed = "C:\\计划\\fixed.xlsx";
    disk.writeErrors.set(fixed.toLowerCase(), "EPERM");
    const rb = await disk.run("rebalance", file, "--indicator", "新增高新", "--out", fixed);
    expect([rb.code, rb.stdout, rb.stderr]).toEqual([
      2,
      "",
      expect.stringContaining("该文件正在 Excel 中打开"),
    ]);
    // A folder that does not exist is a plain write error, not Excel's.
    const nowhere = await disk.run("check", file, "--annotate", "Z:\\没有\\x.xlsx", "--lang", "en");
    expect(nowhere.stderr).toBe(
      "tdcheck: the folder of the output Z:\\没有\\x.xlsx does not exist; nothing written\n",
    );
  });
});

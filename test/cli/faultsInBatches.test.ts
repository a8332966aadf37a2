/**
 * Issue 13's guarantees on issue 16's inputs and batches: an unreadable sheet, a part changed under
 * its CRC and a copy's kind are handled the same in worker threads as in one job; --max-cells
 * limits a CSV as it limits a workbook; a CSV's copy is written atomically like every output.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import * as fs from "fs";
import * as path from "path";
import type { FsOps } from "../../src/cli/files";
import { cliWith, ROOT, SAMPLE, spawnCli, tempDir } from "../helpers/cli";
import { nodeIo } from "../../src/cli/io";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { BAD } = require("../fixtures/bad/build.js") as {
  BAD: Record<string, () => Uint8Array | Promise<Uint8Array>>;
};

const DISTRICTS = fs.readFileSync(
  path.join(ROOT, "examples", "data", "hangzhou-2024-district-targets.csv"),
  "utf8",
);

/** The sample as a macro-enabled workbook (what its content types say decides, not its name). */
function sampleAsXlsm(): Uint8Array {
  const files = unzipSync(new Uint8Array(fs.readFileSync(SAMPLE)));
  const out: Zippable = { ...files };
  out["[Content_Types].xml"] = strToU8(
    Buffer.from(files["[Content_Types].xml"])
      .toString("utf8")
      .replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
      ),
  );
  return zipSync(out);
}

interface BatchDoc {
  files: { file: string; error?: string; unreadableSheets?: { sheet: string }[] }[];
  summary: { files: number; checked: number; unusable: number };
}

describe("faults in a parallel batch", () => {
  let dir = "";
  beforeAll(async () => {
    dir = tempDir();
    fs.copyFileSync(SAMPLE, path.join(dir, "a.xlsx"));
    fs.writeFileSync(path.join(dir, "a.xlsm"), sampleAsXlsm());
    fs.writeFileSync(path.join(dir, "b.csv"), DISTRICTS);
    fs.writeFileSync(path.join(dir, "m.xlsx"), sampleAsXlsm());
    fs.writeFileSync(path.join(dir, "broken.xlsx"), await BAD["unreadable-sheet-garbage.xlsx"]());
    fs.writeFileSync(path.join(dir, "crc.xlsx"), await BAD["crc-mismatch-sheet.xlsx"]());
  });

  test("one job and two worker threads print the same, write the same copies, and name each for its kind", () => {
    const runs = ["1", "2"].map((jobs) => {
      const out = path.join(tempDir(), "flagged");
      const text = spawnCli(["check", dir, "--annotate", out, "--jobs", jobs, "--lang", "en"]);
      const json = spawnCli(["check", dir, "--format", "json", "--jobs", jobs]);
      return { out, text, json };
    });
    const [one, two] = runs;
    expect(two.text.stdout.replace(two.out, "OUT")).toBe(one.text.stdout.replace(one.out, "OUT"));
    expect([two.json.code, two.json.stdout, two.json.stderr]).toEqual([
      one.json.code,
      one.json.stdout,
      one.json.stderr,
    ]);
    for (const { out, text, json } of runs) {
      expect([text.code, json.code]).toEqual([2, 2]);
      // Same stem, two kinds: each copy keeps its kind under a name of its own; a macro-enabled
      // workbook named .xlsx gets an .xlsm copy (decided in the worker, once the file is read).
      expect(fs.readdirSync(out).sort()).toEqual(["a(2).xlsx", "a.xlsm", "b.xlsx", "m.xlsm"]);
      expect(text.stdout).toMatch(/broken\.xlsx\s+1\s+0\s+0\s+sheet unreadable/);
      expect(text.stdout).toMatch(/crc\.xlsx\s+–\s+–\s+–\s+unusable/);
      expect(text.stdout).toMatch(/6 files: 4 checked, 2 unusable/);
      expect(text.stdout).toMatch(/broken\.xlsx: sheet "错误表" .* cannot be read/);
      expect(text.stdout).toMatch(/crc\.xlsx.*does not match its CRC/);
      const doc = JSON.parse(json.stdout) as BatchDoc;
      const broken = doc.files.find((f) => f.file.endsWith("broken.xlsx"))!;
      expect(broken.unreadableSheets?.map((u) => u.sheet)).toEqual(["错误表"]);
      expect(doc.summary).toEqual(expect.objectContaining({ files: 6, checked: 4, unusable: 2 }));
      // JSON keeps stdout for machines: each unusable file's line is on stderr.
      expect(json.stderr.trimEnd().split("\n")).toHaveLength(2);
    }
  });

  test("--max-cells reaches the worker threads, and a CSV counts against it like a workbook", () => {
    const one = spawnCli(["check", dir, "--max-cells", "30", "--jobs", "1", "--lang", "en"]);
    const two = spawnCli(["check", dir, "--max-cells", "30", "--jobs", "2", "--lang", "en"]);
    expect([two.code, two.stdout]).toEqual([one.code, one.stdout]);
    expect(one.code).toBe(2);
    expect(one.stdout).toMatch(/6 files: 0 checked, 6 unusable/);
    expect(one.stdout).toMatch(/a\.xlsx has too many cells to check: more than 30 cells/);
    expect(one.stdout).toMatch(/b\.csv exceeds a read limit \(30 cells\).*--max-cells/);
  });
});

describe("a CSV's copy is an output like any other", () => {
  test("--max-cells on one CSV: refused below its cells, read at or above", async () => {
    const csv = path.join(tempDir(), "districts.csv");
    fs.writeFileSync(csv, DISTRICTS);
    const cells = DISTRICTS.trimEnd()
      .split(/\r?\n/)
      .reduce((n, line) => n + line.split(",").length, 0);
    const over = await cliWith({}, "check", csv, "--max-cells", String(cells - 1));
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/超出读取上限.*可用 --max-cells 调高上限/);
    expect((await cliWith({}, "check", csv, "--max-cells", String(cells))).code).toBe(1);
  });

  test("on a full disk the existing copy is kept whole and no temporary file is left; a read-only one is refused", async () => {
    const dir = tempDir();
    const csv = path.join(dir, "districts.csv");
    fs.writeFileSync(csv, DISTRICTS);
    const out = path.join(dir, "flagged.xlsx");
    fs.writeFileSync(out, "the copy from yesterday");
    const full: Partial<FsOps> = {
      writeSync: () => {
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
      },
    };
    const writeFile = nodeIo({ fs: full }).writeFile;
    const r = await cliWith({ writeFile }, "check", csv, "--annotate", out, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `tdcheck: cannot write ${out}: the disk is full (ENOSPC); an existing file of that name is untouched and no temporary file is left\n`,
    );
    expect(fs.readFileSync(out, "utf8")).toBe("the copy from yesterday");
    expect(fs.readdirSync(dir).sort()).toEqual(["districts.csv", "flagged.xlsx"]);
    fs.chmodSync(out, 0o444);
    const ro = await cliWith({}, "rebalance", csv, "--indicator", "新增高新", "--out", out, "--lang", "en");
    expect([ro.code, ro.stderr]).toEqual([
      2,
      `tdcheck: the output ${out} exists and is read-only; nothing written: choose another name or make it writable\n`,
    ]);
    expect(fs.readFileSync(out, "utf8")).toBe("the copy from yesterday");
    // And where it can be written, the copy replaces the old one whole.
    fs.chmodSync(out, 0o644);
    const ok = await cliWith({}, "check", csv, "--annotate", out);
    expect(ok.code).toBe(1);
    expect(Buffer.from(fs.readFileSync(out)).subarray(0, 2).toString("latin1")).toBe("PK");
    expect(fs.readdirSync(dir).sort()).toEqual(["districts.csv", "flagged.xlsx"]);
  });
});

/**
 * Old workbooks through the real LibreOffice (issue 16): Excel 97–2003 files made by LibreOffice
 * from the sample and from generated tables (test/generalization), the same made by another writer
 * (xlwt, Debian's python3-xlwt), and a WPS `.et` — a renamed copy of the LibreOffice `.xls`: no WPS
 * here, and WPS writes its `.et` in the same BIFF8 format. Checked as one folder with two worker
 * threads, while a LibreOffice of the user's runs with the same home folder: every file's findings
 * are those of the `.xlsx` it was made from, reported under its own name; the annotated copies are
 * `.xlsx` that LibreOffice opens with the flags in place; LibreOffice's private folders are gone
 * and the user's LibreOffice still runs.
 *
 * LibreOffice starts: one to make the .xls files, one for the batch (the user's runs beside it),
 * one to open the copies. The stand-in tests of the same paths: test/cli/xls.test.ts.
 */
import { spawn, spawnSync, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { FLAG_STYLE } from "../../src/core/flags";
import { readXlsx } from "../../src/cli/xlsx";
import { findSoffice } from "../../src/cli/libreoffice";
import { cli, cliBundle, ROOT, SAMPLE, tempDir } from "../helpers/cli";
import { convertAll, htmlSheets, logErrors } from "../helpers/libreoffice";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const corpus = require("../generalization/build.js") as {
  planCorpus: (count?: number) => Planned[];
  writeWorkbook: (c: Planned, file: string) => Promise<void>;
  CASE_COUNT: number;
};

type Cell = { v: string | number; fmt?: string } | null;
interface Planned {
  id: string;
  sheets: { name: string; rows: Cell[][] }[];
}
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
  error?: string;
}

const XLWT = path.join(ROOT, "test", "fixtures", "xls", "xlwt_write.py");
const key = (f: Finding) => `${f.severity} ${f.rule} ${f.sheet}!${f.cell}`;

/** The sample's cells as xlwt_write.py takes them. */
async function sampleSpec(): Promise<Planned> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(SAMPLE);
  const sheets: Planned["sheets"] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const v = cell.value;
        cells[c - 1] = typeof v === "number" || typeof v === "string" ? { v, fmt: cell.numFmt } : null;
      });
      rows[r - 1] = Array.from(cells, (x) => x ?? null);
    });
    sheets.push({ name: ws.name, rows: Array.from(rows, (x) => x ?? []) });
  });
  return { id: "sample", sheets };
}

function xlwt(spec: Planned, file: string): void {
  const r = spawnSync("/usr/bin/python3", [XLWT, file], { input: JSON.stringify(spec), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`xlwt (apt-get install python3-xlwt): ${r.stderr}`);
}

const work = tempDir();
const sources = path.join(work, "xlsx");
const batch = path.join(work, "batch");
const annotated = path.join(work, "annotated");
const tmp = path.join(work, "tmp");
const home = path.join(work, "home");
/** Batch file name → the .xlsx it was made from. */
const madeFrom = new Map<string, string>();
let docs: Doc[];
let batchRun: { code: number | null; stdout: string; stderr: string };
let usersOffice: ChildProcess;
let usersOfficeAlive = false;

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  for (const d of [sources, batch, tmp, home]) fs.mkdirSync(d);
  const sample = path.join(sources, "sample.xlsx");
  fs.copyFileSync(SAMPLE, sample);
  // Generated tables of other offices: a spread over the corpus's dimensions.
  const planned = corpus.planCorpus(corpus.CASE_COUNT).filter((_, i) => i % 66 === 0);
  for (const c of planned) await corpus.writeWorkbook(c, path.join(sources, `${c.id}.xlsx`));
  const made = await convertAll(
    [sample, ...planned.map((c) => path.join(sources, `${c.id}.xlsx`))],
    path.join(work, "xls"),
    "xls",
  );
  for (const f of made.files) {
    const name = `lo-${path.basename(f.output!)}`;
    fs.copyFileSync(f.output!, path.join(batch, name));
    madeFrom.set(name, f.input);
  }
  fs.copyFileSync(path.join(batch, "lo-sample.xls"), path.join(batch, "wps-sample.et"));
  madeFrom.set("wps-sample.et", sample);
  for (const spec of [await sampleSpec(), ...planned.slice(0, 2)]) {
    const name = `xlwt-${spec.id}.xls`;
    xlwt(spec, path.join(batch, name));
    madeFrom.set(name, path.join(sources, `${spec.id}.xlsx`));
  }
  fs.copyFileSync(SAMPLE, path.join(batch, "plain.xlsx"));
  madeFrom.set("plain.xlsx", sample);

  // A LibreOffice of the user's, open with the same home folder as the batch (its default profile).
  usersOffice = spawn(findSoffice()!, ["--headless", "--invisible", "--norestore", "--nologo"], {
    env: { ...process.env, HOME: home },
    detached: true,
    stdio: "ignore",
  });
  const profile = path.join(home, ".config", "libreoffice", "4", "user");
  for (let waited = 0; !fs.existsSync(profile) && waited < 30_000; waited += 50)
    await new Promise((r) => setTimeout(r, 50));

  batchRun = await new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [cliBundle(), "check", batch, "--jobs", "2", "--format", "json", "--annotate", annotated],
      { env: { ...process.env, TMPDIR: tmp, HOME: home }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  docs = (JSON.parse(batchRun.stdout) as { files: Doc[] }).files;
  usersOfficeAlive = groupAlive(usersOffice.pid!);
}, 240_000);

afterAll(() => {
  if (usersOffice?.pid) {
    try {
      process.kill(-usersOffice.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

test("a folder of .xls and .et files with two worker threads: each checked under its own name, noted as read through LibreOffice", () => {
  expect([batchRun.code, batchRun.stderr]).toEqual([1, ""]);
  const names = [...madeFrom.keys()].sort();
  expect(names.length).toBeGreaterThanOrEqual(11);
  expect(docs.map((d) => path.basename(d.file))).toEqual(names);
  for (const d of docs) {
    const name = path.basename(d.file);
    expect([name, d.error]).toEqual([name, undefined]);
    expect([name, d.input]).toEqual([
      name,
      name.endsWith(".xlsx")
        ? undefined
        : { format: name.endsWith(".et") ? "et" : "xls", convertedBy: "LibreOffice" },
    ]);
  }
});

test("the findings are those of the .xlsx each file was made from: LibreOffice's and xlwt's .xls, the .et, generated tables", async () => {
  let compared = 0;
  for (const d of docs) {
    const name = path.basename(d.file);
    const source = madeFrom.get(name)!;
    const expected = JSON.parse((await cli("check", source, "--format", "json")).stdout) as Doc;
    expect([name, d.findings.map(key).sort()]).toEqual([name, expected.findings.map(key).sort()]);
    compared += expected.findings.length;
  }
  expect(compared).toBeGreaterThan(docs.length);
  // The sample's error, in every writer's copy: 13 districts adding to 1999 under a 2000 city.
  for (const name of ["lo-sample.xls", "wps-sample.et", "xlwt-sample.xls"]) {
    const d7 = docs
      .find((d) => path.basename(d.file) === name)!
      .findings.find((f) => f.rule === "sum-mismatch")!;
    expect([name, d7.sheet, d7.cell, d7.stated, d7.computed]).toEqual([name, "分解表", "D7", 2000, 1999]);
  }
});

test("the annotated copies are .xlsx; LibreOffice opens them with the flags in place; nothing private is left; the user's LibreOffice still runs", async () => {
  const copies = fs.readdirSync(annotated).sort();
  expect(copies).toEqual([...madeFrom.keys()].map((n) => n.replace(/\.(xls|et|xlsx)$/, ".xlsx")).sort());
  for (const c of copies)
    expect([c, readXlsx(fs.readFileSync(path.join(annotated, c))).ok]).toEqual([c, true]);
  const judged = ["lo-sample.xlsx", "wps-sample.xlsx", "xlwt-sample.xlsx"].map((n) =>
    path.join(annotated, n),
  );
  const pages = await convertAll(judged, path.join(work, "html"), "html");
  expect(logErrors(pages.log)).toEqual([]);
  for (const f of pages.files) {
    const page = htmlSheets(fs.readFileSync(f.output!, "utf8"));
    expect([path.basename(f.input), page.get("分解表")?.get("D7")?.background]).toEqual([
      path.basename(f.input),
      FLAG_STYLE.error.fill.toUpperCase(),
    ]);
  }
  expect(fs.readdirSync(tmp)).toEqual([]);
  expect(usersOfficeAlive).toBe(true);
});

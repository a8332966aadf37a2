/**
 * The lint rule that keeps the engine pure reaches every file under src/core, however deep: ESLint,
 * with the project's own config, is asked about a file placed in each folder of src/core (given by
 * name only, never written) that imports the Excel adapter, the pane or a Node API. A folder the
 * rule does not cover (as core/detect/ once was for `../../excel`) fails here.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "..", "..");

/** src/core and every folder below it. */
function coreFolders(dir = join(ROOT, "src", "core")): string[] {
  const subs = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  return [dir, ...subs.flatMap((e) => coreFolders(join(dir, e.name)))];
}

interface Linted {
  file: string;
  code: string;
  messages: { ruleId: string | null; message: string }[];
}

/** Lints each text as if it were `file`, in one ESLint process with the repository's config. */
function lint(cases: { file: string; code: string }[]): Linted[] {
  const script = `
    import { ESLint } from "eslint";
    const cases = JSON.parse(process.argv[1]);
    const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
    const out = [];
    for (const c of cases) {
      const [r] = await eslint.lintText(c.code, { filePath: c.file });
      out.push({ ...c, messages: r.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })) });
    }
    console.log(JSON.stringify(out));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script, JSON.stringify(cases)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Linted[];
}

/** A relative path from `folder` up to src/, then into `to`. */
function upTo(folder: string, to: string): string {
  const up = relative(folder, join(ROOT, "src")).split(/[\\/]/).filter(Boolean).length;
  return `${"../".repeat(up)}${to}`;
}

test("every folder of src/core refuses the adapter, the pane, the command line and Node APIs, and allows core", () => {
  const folders = coreFolders();
  expect(folders.map((f) => relative(ROOT, f))).toEqual(
    expect.arrayContaining(["src/core", "src/core/detect"]),
  );
  const cases = folders.flatMap((folder) => {
    const file = join(folder, "purityProbe.ts");
    const bad = [
      `import { readWorkbook } from "${upTo(folder, "excel")}";\nexport const x = readWorkbook;\n`,
      `import { usePane } from "${upTo(folder, "taskpane/usePane")}";\nexport const x = usePane;\n`,
      `import { run } from "${upTo(folder, "cli/run")}";\nexport const x = run;\n`,
      `import { readFileSync } from "fs";\nexport const x = readFileSync;\n`,
      `import { join } from "node:path";\nexport const x = join;\n`,
      `import { Worker } from "worker_threads";\nexport const x = Worker;\n`,
      `export const x = process.env.HOME;\n`,
    ];
    const good = `import { Decimal } from "${upTo(folder, "core/decimal")}";\nexport const x = Decimal.ONE;\n`;
    return [...bad.map((code) => ({ file, code })), { file, code: good }];
  });
  const results = lint(cases);
  for (const r of results) {
    const purity = r.messages.filter(
      (m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-globals",
    );
    const where = `${relative(ROOT, r.file)}: ${r.code.split("\n")[0]}`;
    if (r.code.includes("core/decimal")) expect({ where, purity }).toEqual({ where, purity: [] });
    else expect({ where, refused: purity.length > 0 }).toEqual({ where, refused: true });
  }
});

/**
 * The README's table of runtime dependencies and their licences cannot drift (issue 8): it lists
 * exactly package.json's "dependencies", each with the range package.json asks for and the licence
 * the installed package declares in its own package.json; and every package those pull in carries
 * a licence from a short list of permissive ones.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
};
const README = readFileSync(join(ROOT, "README.md"), "utf8");

interface Manifest {
  name: string;
  version: string;
  license?: string | { type: string };
  licenses?: { type: string }[];
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

function licenceOf(m: Manifest): string {
  if (typeof m.license === "string") return m.license;
  if (m.license) return m.license.type;
  return (m.licenses ?? []).map((l) => l.type).join(" OR ") || "(none)";
}

/** Node's lookup: node_modules/<name> in `from` and the folders above it. */
function find(name: string, from: string): { dir: string; manifest: Manifest } | undefined {
  for (let dir = from; ;) {
    try {
      const at = join(dir, "node_modules", name);
      return { dir: at, manifest: JSON.parse(readFileSync(join(at, "package.json"), "utf8")) as Manifest };
    } catch {
      const up = join(dir, "..");
      if (up === dir || dir === ROOT) return undefined;
      dir = up;
    }
  }
}

/** The rows of the README table under "### Runtime dependencies and their licences". */
function readmeTable(): { name: string; range: string; licence: string }[] {
  const at = README.indexOf("### Runtime dependencies and their licences");
  expect(at).toBeGreaterThanOrEqual(0);
  const lines = README.slice(at).split("\n").slice(1);
  const start = lines.findIndex((l) => l.startsWith("|"));
  const rows: string[] = [];
  for (const l of lines.slice(start)) {
    if (!l.startsWith("|")) break;
    rows.push(l);
  }
  return rows
    .slice(2) // header and rule
    .map((r) => r.split("|").map((c) => c.trim().replace(/^`|`$/g, "")))
    .map((c) => ({ name: c[1], range: c[2], licence: c[3] }));
}

test("the README lists exactly the runtime dependencies, with their ranges and declared licences", () => {
  const table = readmeTable();
  expect(table.map((r) => r.name).sort()).toEqual(Object.keys(PKG.dependencies).sort());
  for (const row of table) {
    const found = find(row.name, ROOT);
    expect([row.name, found ? "installed" : "missing"]).toEqual([row.name, "installed"]);
    expect([row.name, row.range, row.licence]).toEqual([
      row.name,
      PKG.dependencies[row.name],
      licenceOf(found!.manifest),
    ]);
  }
});

test("everything the runtime dependencies pull in carries a permissive licence", () => {
  const allowed = new Set(["MIT", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0"]);
  const seen = new Map<string, string>();
  const visit = (name: string, from: string): void => {
    const found = find(name, from);
    if (!found || seen.has(found.dir)) return;
    seen.set(found.dir, `${found.manifest.name}@${found.manifest.version} ${licenceOf(found.manifest)}`);
    const deps = { ...found.manifest.dependencies, ...found.manifest.optionalDependencies };
    for (const d of Object.keys(deps)) visit(d, found.dir);
  };
  for (const d of Object.keys(PKG.dependencies)) visit(d, ROOT);
  expect(seen.size).toBeGreaterThan(Object.keys(PKG.dependencies).length);
  const others = [...seen.values()].filter((v) => !allowed.has(v.split(" ").pop()!));
  expect(others).toEqual([]);
  // The README names the ones that are not MIT.
  for (const v of seen.values()) {
    const [id, licence] = v.split(" ");
    if (licence !== "MIT") expect(README).toContain(`\`${id.replace(/@[^@]+$/, "")}\` (${licence})`);
  }
});

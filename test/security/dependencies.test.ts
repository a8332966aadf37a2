/**
 * The README's table of the packages shipped inside the builds and their licences cannot drift
 * (issues 8, 16): the installed command line declares no runtime dependencies (package.json has no
 * "dependencies"; everything is bundled), and the table lists exactly the packages the command
 * line's and the task pane's bundles contain, each with the range package.json asks for and the
 * licence the installed package declares; every package those pull in carries a permissive licence.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bundledPackages, shippedPackages } from "../helpers/shipped";

const ROOT = join(__dirname, "..", "..");
const PKG = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
};

const SHIPPED = shippedPackages();
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

const HEADING = "### Packages inside the builds and their licences";

/** The rows of the README table under HEADING. */
function readmeTable(): { name: string; range: string; licence: string }[] {
  const at = README.indexOf(HEADING);
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

test("the installed command line declares no runtime dependencies: its bundle carries them", () => {
  expect(PKG.dependencies ?? {}).toEqual({});
  // What it bundles instead (and nothing of the pane's).
  expect([...bundledPackages(["src/cli/main.ts"], "node")].sort()).toEqual(["commander"]);
});

test("the README lists exactly the packages the builds ship, with their ranges and declared licences", () => {
  const table = readmeTable();
  expect(table.map((r) => r.name).sort()).toEqual(SHIPPED);
  for (const row of table) {
    const found = find(row.name, ROOT);
    expect([row.name, found ? "installed" : "missing"]).toEqual([row.name, "installed"]);
    expect([row.name, row.range, row.licence]).toEqual([
      row.name,
      PKG.devDependencies[row.name],
      licenceOf(found!.manifest),
    ]);
  }
});

test("everything the shipped packages pull in carries a permissive licence", () => {
  const allowed = new Set(["MIT", "ISC", "0BSD", "BSD-2-Clause", "BSD-3-Clause", "Apache-2.0"]);
  const seen = new Map<string, string>();
  const visit = (name: string, from: string): void => {
    const found = find(name, from);
    if (!found || seen.has(found.dir)) return;
    seen.set(found.dir, `${found.manifest.name}@${found.manifest.version} ${licenceOf(found.manifest)}`);
    const deps = { ...found.manifest.dependencies, ...found.manifest.optionalDependencies };
    for (const d of Object.keys(deps)) visit(d, found.dir);
  };
  for (const d of SHIPPED) visit(d, ROOT);
  expect(seen.size).toBeGreaterThan(SHIPPED.length);
  const others = [...seen.values()].filter((v) => !allowed.has(v.split(" ").pop()!));
  expect(others).toEqual([]);
  // The README names the ones that are not MIT.
  for (const v of seen.values()) {
    const [id, licence] = v.split(" ");
    if (licence !== "MIT") expect(README).toContain(`\`${id.replace(/@[^@]+$/, "")}\` (${licence})`);
  }
});

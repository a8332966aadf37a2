/**
 * The add-in manifest: valid against the offline schemas, Excel-only with the ExcelApi 1.14 floor,
 * the ribbon buttons wired to files and functions that exist, icons of the sizes they claim.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";

const ROOT = join(__dirname, "..", "..");
const MANIFEST_PATH = join(ROOT, "manifest.xml");
const manifest = readFileSync(MANIFEST_PATH, "utf8");

function validate(path: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [join(ROOT, "scripts", "validate-manifest.js"), path], {
    encoding: "utf8",
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

function writeVariant(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "tdcheck-manifest-")), name);
  writeFileSync(path, text);
  return path;
}

/** The text of every element `<tag …>…</tag>` (non-nested tags only). */
function elements(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, "g"))].map((m) => m[0]);
}

function attribute(element: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1];
}

/** Resource id → DefaultValue for bt:Image, bt:Url, bt:String. */
function resources(): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of manifest.matchAll(/<bt:(?:Image|Url|String) id="([^"]+)" DefaultValue="([^"]*)"/g)) {
    map.set(m[1], m[2]);
  }
  return map;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(path: string): { width: number; height: number } {
  const png = readFileSync(path);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString("ascii", 12, 16)).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function assetPath(url: string): string {
  const m = /^https:\/\/[^/]+\/(assets\/[^?#]+)$/.exec(url);
  if (!m) throw new Error(`icon URL ${url} does not point into assets/`);
  return join(ROOT, m[1]);
}

describe("manifest.xml", () => {
  test("validates against the offline schemas and office-addin-manifest info", () => {
    const { status, output } = validate(MANIFEST_PATH);
    expect(output).toContain("is valid");
    expect(status).toBe(0);
  });

  test("a copy with <Version> removed is rejected, naming the element out of place", () => {
    const broken = writeVariant("no-version.xml", manifest.replace(/\s*<Version>[^<]*<\/Version>/, ""));
    const { status, output } = validate(broken);
    expect(status).not.toBe(0);
    expect(output).toContain("NOT valid");
    expect(output).toContain("ProviderName");
  });

  test("a copy for another host is rejected by the tooling check", () => {
    const word = writeVariant(
      "word.xml",
      manifest.replace('<Host Name="Workbook"/>', '<Host Name="Document"/>'),
    );
    const { status, output } = validate(word);
    expect(status).not.toBe(0);
    expect(output).toContain("expected Workbook");
  });

  test("is an Excel task pane add-in asking for ReadWriteDocument and nothing broader", () => {
    expect(manifest).toMatch(/xsi:type="TaskPaneApp"/);
    expect(elements(manifest, "Hosts")[0]).toMatch(/<Host Name="Workbook"\/>/);
    expect(manifest).toMatch(/<Host xsi:type="Workbook">/);
    expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
    expect(manifest).toMatch(/<SourceLocation DefaultValue="https:\/\/localhost:3000\/taskpane\.html"\/>/);
    expect(manifest).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
  });

  test("declares the ExcelApi 1.14 floor both at the top level and in VersionOverrides", () => {
    const requirements = elements(manifest, "Requirements");
    expect(requirements).toHaveLength(2);
    expect(requirements[0]).toMatch(/<Set Name="ExcelApi" MinVersion="1\.14"\/>/);
    expect(requirements[1]).toMatch(/<bt:Set Name="ExcelApi" MinVersion="1\.14"\/>/);
  });

  test("lists no AppDomains (every page comes from the add-in's own origin)", () => {
    expect(manifest).not.toMatch(/<AppDomain>/);
    expect(elements(manifest, "AppDomains").every((e) => !/<AppDomain>/.test(e))).toBe(true);
  });

  test("names the add-in in English by default with a Chinese override", () => {
    expect(manifest).toMatch(/<DefaultLocale>en-US<\/DefaultLocale>/);
    const displayName = elements(manifest, "DisplayName")[0];
    expect(attribute(displayName, "DefaultValue")).toBe("指标分解校核 Target Decomposition Check");
    expect(displayName).toMatch(/<Override Locale="zh-CN" Value="指标分解校核"\/>/);
    expect(elements(manifest, "Description")[0]).toMatch(/<Override Locale="zh-CN"/);
  });

  test("every short and long string has a zh-CN override", () => {
    const strings = [
      ...elements(manifest, "bt:ShortStrings"),
      ...elements(manifest, "bt:LongStrings"),
    ].flatMap((block) => elements(block, "bt:String"));
    expect(strings.length).toBeGreaterThanOrEqual(9);
    for (const s of strings) expect(s).toMatch(/<bt:Override Locale="zh-CN" Value="[^"]+"\/>/);
  });

  test("every resid refers to a defined resource", () => {
    const defined = resources();
    const used = [...manifest.matchAll(/resid="([^"]+)"/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) expect(defined.has(id) ? id : `undefined resource ${id}`).toBe(id);
  });

  test("the Home tab has a button that opens the task pane, and Check and Clear-flags commands", () => {
    const home = elements(manifest, "OfficeTab").find((tab) => attribute(tab, "id") === "TabHome");
    expect(home).toBeDefined();
    const controls = elements(home!, "Control");
    const res = resources();

    const paneButton = controls.find((c) => /<Action xsi:type="ShowTaskpane">/.test(c));
    expect(paneButton).toBeDefined();
    const paneUrl = res.get(/<SourceLocation resid="([^"]+)"/.exec(paneButton!)![1]);
    expect(paneUrl).toBe("https://localhost:3000/taskpane.html");

    const functions = controls
      .filter((c) => /<Action xsi:type="ExecuteFunction">/.test(c))
      .map((c) => /<FunctionName>([^<]+)<\/FunctionName>/.exec(c)![1]);
    expect(functions).toEqual(["runCheck", "clearFlags"]);
    const functionFile = res.get(/<FunctionFile resid="([^"]+)"/.exec(manifest)![1]);
    expect(functionFile).toBe("https://localhost:3000/commands.html");
  });

  test("each ExecuteFunction name is registered by src/commands/commands.ts", () => {
    const commands = readFileSync(join(ROOT, "src", "commands", "commands.ts"), "utf8");
    for (const m of manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)) {
      expect(commands).toContain(`Office.actions.associate("${m[1]}"`);
    }
  });

  test("every icon URL names a file in assets/ whose PNG has the size the manifest says", () => {
    const res = resources();
    const expectations: { url: string; size: number }[] = [
      { url: attribute(manifest.match(/<IconUrl[^>]*>/)![0], "DefaultValue")!, size: 32 },
      { url: attribute(manifest.match(/<HighResolutionIconUrl[^>]*>/)![0], "DefaultValue")!, size: 64 },
    ];
    // <bt:Image size="16" resid="Icon.16x16"/> in the ribbon: the resource must be that many pixels.
    for (const m of manifest.matchAll(/<bt:Image size="(\d+)" resid="([^"]+)"\/>/g)) {
      expectations.push({ url: res.get(m[2])!, size: Number(m[1]) });
    }
    // Resource definitions named Icon.NxN promise N×N.
    for (const m of manifest.matchAll(/<bt:Image id="Icon\.(\d+)x(\d+)" DefaultValue="([^"]+)"\/>/g)) {
      expectations.push({ url: m[3], size: Number(m[1]) });
    }
    expect(expectations.length).toBeGreaterThanOrEqual(2 + 3 * 3 + 3);
    for (const { url, size } of expectations) {
      const file = assetPath(url);
      expect(existsSync(file) ? file : `missing ${file}`).toBe(file);
      expect(pngSize(file)).toEqual({ width: size, height: size });
    }
  });
});

/** The decompressed image data (IDAT), which does not depend on the zlib build that compressed it. */
function pngPixels(path: string): Buffer {
  const png = readFileSync(path);
  const parts: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString("ascii", at + 4, at + 8) === "IDAT") parts.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return inflateSync(Buffer.concat(parts));
}

describe("assets/", () => {
  const sizes = [16, 32, 64, 80, 128];

  test.each(sizes)("icon-%i.png is a square PNG of that many pixels", (size) => {
    expect(pngSize(join(ROOT, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
  });

  test("the committed icons are exactly what scripts/make-icons.js draws", () => {
    const out = mkdtempSync(join(tmpdir(), "tdcheck-icons-"));
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "make-icons.js"), out], {
      encoding: "utf8",
    });
    expect(run.status).toBe(0);
    for (const size of sizes) {
      const name = `icon-${size}.png`;
      expect(pngPixels(join(out, name)).equals(pngPixels(join(ROOT, "assets", name)))).toBe(true);
    }
  });
});

/**
 * The production builds (CDN and intranet) into temporary folders: the pages, the manifest and the
 * icons are there, the Content-Security-Policy says what it should, and no eval reaches the bundle.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getHttps, throwawayCertificate } from "../helpers/certificate";

const ROOT = join(__dirname, "..", "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

function build(extraArgs: string[]): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "tdcheck-dist-"));
  const cli = require.resolve("webpack-cli/bin/cli.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "--mode", "production", "--output-path", out, ...extraArgs], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let log = "";
    child.stdout.on("data", (d) => (log += d));
    child.stderr.on("data", (d) => (log += d));
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`webpack failed:\n${log}`))));
  });
}

function csp(html: string): Map<string, string> {
  const content = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1];
  if (!content) throw new Error("no Content-Security-Policy meta tag");
  return new Map(
    content.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(" ")] as [string, string];
    }),
  );
}

function scriptSources(html: string): string[] {
  return [...html.matchAll(/<script[^>]*\bsrc="?([^"\s>]+)"?/g)].map((m) => m[1]);
}

let cdnDist: string;
let intranetDist: string;

beforeAll(async () => {
  [cdnDist, intranetDist] = await Promise.all([build([]), build(["--env", "OFFICE_JS=local"])]);
}, 180_000);

describe("npm run build (Office.js from Microsoft's CDN)", () => {
  test("dist/ holds the pages, the manifest and the icons", () => {
    for (const file of ["taskpane.html", "taskpane.js", "commands.html", "commands.js", "help.html"]) {
      expect(existsSync(join(cdnDist, file)) ? file : `missing ${file}`).toBe(file);
    }
    expect(readFileSync(join(cdnDist, "manifest.xml"), "utf8")).toBe(
      readFileSync(join(ROOT, "manifest.xml"), "utf8"),
    );
    expect(readdirSync(join(cdnDist, "assets")).sort()).toEqual(readdirSync(join(ROOT, "assets")).sort());
  });

  test("both pages load Office.js from the CDN before their own script", () => {
    for (const page of ["taskpane", "commands"]) {
      const html = readFileSync(join(cdnDist, `${page}.html`), "utf8");
      expect(scriptSources(html)).toEqual([OFFICE_CDN, `${page}.js`]);
    }
  });

  test("the Content-Security-Policy allows only our files, the Office CDN and inline styles", () => {
    for (const page of ["taskpane", "commands"]) {
      const policy = csp(readFileSync(join(cdnDist, `${page}.html`), "utf8"));
      expect(policy.get("default-src")).toBe("'self'");
      expect(policy.get("script-src")).toBe("'self' https://appsforoffice.microsoft.com");
      expect(policy.get("style-src")).toBe("'self' 'unsafe-inline'");
      expect(policy.get("img-src")).toBe("'self' data:");
      expect(policy.get("connect-src")).toBe("'self'");
      expect(policy.get("object-src")).toBe("'none'");
      expect([...policy.values()].join(" ")).not.toMatch(/unsafe-eval|\*/);
    }
  });

  test("the bundles contain no eval and no Function constructor", () => {
    for (const file of readdirSync(cdnDist).filter((f) => f.endsWith(".js"))) {
      const code = readFileSync(join(cdnDist, file), "utf8");
      expect([file, /\beval\s*\(|new Function\s*\(/.exec(code)?.[0] ?? null]).toEqual([file, null]);
    }
  });

  test("no source maps are shipped and no local Office.js is copied", () => {
    expect(readdirSync(cdnDist).filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(existsSync(join(cdnDist, "office-js"))).toBe(false);
  });
});

describe("npm run build:intranet (Office.js served with the add-in)", () => {
  test("the pages load office-js/office.js and the policy drops the CDN", () => {
    for (const page of ["taskpane", "commands"]) {
      const html = readFileSync(join(intranetDist, `${page}.html`), "utf8");
      expect(scriptSources(html)).toEqual(["office-js/office.js", `${page}.js`]);
      expect(csp(html).get("script-src")).toBe("'self'");
      expect(html).not.toContain("appsforoffice.microsoft.com");
    }
  });

  test("office.js, the Excel host scripts and the locale strings are copied unchanged, debug builds are not", () => {
    const officeJs = join(intranetDist, "office-js");
    const source = join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
    for (const file of [
      "office.js",
      "excel-web-16.00.js",
      "excel-win32-16.01.js",
      "zh-cn/office_strings.js",
    ]) {
      expect(readFileSync(join(officeJs, file)).equals(readFileSync(join(source, file)))).toBe(true);
    }
    expect(existsSync(join(officeJs, "LICENSE.md"))).toBe(true);
    const top = readdirSync(officeJs);
    expect(top.filter((f) => f.endsWith(".debug.js"))).toEqual([]);
    expect(top.filter((f) => /^(word|outlook|powerpoint|onenote|project|access)/.test(f))).toEqual([]);
  });
});

describe("npm run serve on the built pane", () => {
  test("serves the production build over https at the manifest's path: the pane, its script, the manifest", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const serve = require(join(ROOT, "scripts", "serve.js")) as {
      manifestAddress(xml: string): URL;
      start(o: { dir: string; cert: string; key: string; port: number; address: URL }): Promise<{
        servers: { close(): void }[];
        url: string;
      }>;
    };
    const certificate = throwawayCertificate(mkdtempSync(join(tmpdir(), "tdcheck-cert-")));
    const address = serve.manifestAddress(readFileSync(join(ROOT, "manifest.xml"), "utf8"));
    const { servers, url } = await serve.start({ dir: cdnDist, ...certificate, port: 0, address });
    try {
      const ca = readFileSync(certificate.cert);
      const pane = await getHttps(url, ca);
      expect(pane.status).toBe(200);
      expect(pane.body).toBe(readFileSync(join(cdnDist, "taskpane.html"), "utf8"));
      const origin = new URL(url).origin;
      for (const file of ["taskpane.js", "commands.html", "manifest.xml", "assets/icon-32.png"]) {
        const r = await getHttps(`${origin}/${file}`, ca);
        expect([file, r.status]).toEqual([file, 200]);
      }
    } finally {
      for (const s of servers) s.close();
    }
  });
});

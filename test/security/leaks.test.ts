/**
 * Nothing leaked (issue 8). What is checked, exactly:
 *
 * 1. The pane's own code — every file under src/ that the production entries (src/taskpane/index.tsx,
 *    src/commands/commands.ts) pull in, found from esbuild's module graph, so nothing is missed and
 *    the playground and the fake host, which do not ship, are not counted — names no way to send
 *    data (fetch, XMLHttpRequest, sendBeacon, WebSocket, EventSource, workers, importScripts,
 *    window.open, image/script/iframe/link elements, cookies, browser storage, Office roaming
 *    settings), runs no text as code (eval, new Function, string timers), holds no absolute URL and
 *    no telemetry word. Comments are stripped first, so a sentence about fetch is not a finding.
 * 2. The production bundles (webpack --mode production, built once here): none of those network
 *    names appears in taskpane.js or commands.js at all, React and Fluent UI included; no eval( and
 *    no new Function; the only URLs are XML namespaces and React's error-decoder link (strings in
 *    messages, never requested).
 * 3. The built pages: the Content-Security-Policy allows scripts only from 'self' and Office.js's
 *    CDN, connections only to 'self', no eval, no wildcard; the only scripts are Office.js and ours.
 * 4. manifest.xml: Permissions is ReadWriteDocument (flags and notes are writes, so less would not
 *    work), no AppDomains, and every URL on the add-in's own origin.
 * 5. The command line's own code reaches only the Node built-ins fs, path and zlib: no http, https,
 *    net, tls, dgram, dns, http2, child_process or worker_threads (commander's child_process serves
 *    executable subcommands, which tdcheck does not declare).
 * 6. No telemetry package among the runtime dependencies or theirs.
 */
import { spawn } from "node:child_process";
import { builtinModules } from "node:module";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shippedPackages } from "../helpers/shipped";

const ROOT = join(__dirname, "..", "..");
const OFFICE_CDN = "https://appsforoffice.microsoft.com";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const esbuild = require("esbuild") as typeof import("esbuild");

/** The files of src/ a bundle of these entries contains, and the packages and built-ins it imports. */
function moduleGraph(
  entries: string[],
  platform: "browser" | "node",
): { src: string[]; builtins: Record<string, string[]> } {
  const r = esbuild.buildSync({
    entryPoints: entries.map((e) => join(ROOT, e)),
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    outdir: join(tmpdir(), "tdcheck-graph"),
    platform,
    logLevel: "silent",
  });
  const inputs = Object.entries(r.metafile.inputs);
  const builtins: Record<string, string[]> = {};
  for (const [file, input] of inputs) {
    const names = input.imports
      .filter((m) => m.external)
      .map((m) => m.path.replace(/^node:/, ""))
      .filter((m) => builtinModules.includes(m));
    if (names.length) builtins[file] = [...new Set(names)].sort();
  }
  return { src: inputs.map(([file]) => file).filter((f) => f.startsWith("src/")), builtins };
}

/** Source text without comments (block, line), so prose about an API is not its use. */
function code(file: string): string {
  return readFileSync(join(ROOT, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Ways to send data, or to load something that could. */
const NETWORK: [string, RegExp][] = [
  ["fetch(", /\bfetch\s*\(/],
  ["XMLHttpRequest", /XMLHttpRequest/],
  ["sendBeacon", /sendBeacon/],
  ["WebSocket", /WebSocket/],
  ["EventSource", /EventSource/],
  ["new Worker / SharedWorker", /new\s+(Shared)?Worker\b/],
  ["serviceWorker", /serviceWorker/],
  ["importScripts", /importScripts/],
  ["window.open", /window\.open\s*\(/],
  ["new Image", /new\s+Image\s*\(/],
  ["createElement(img|script|iframe|link)", /createElement\(\s*["'`](img|script|iframe|link)["'`]/],
  ["document.cookie", /document\.cookie/],
  ["localStorage", /localStorage/],
  ["sessionStorage", /sessionStorage/],
  ["indexedDB", /indexedDB/],
  ["roamingSettings", /roamingSettings/],
];
/** Text run as code. */
const DYNAMIC_CODE: [string, RegExp][] = [
  ["eval(", /\beval\s*\(/],
  ["new Function", /new\s+Function\s*\(/],
  ["setTimeout/setInterval with a string", /set(Timeout|Interval)\s*\(\s*["'`]/],
];
const TELEMETRY =
  /\b(telemetry|analytics|appinsights|applicationinsights|sentry|mixpanel|amplitude|hotjar|gtag|google-analytics|datadog|newrelic|bugsnag|posthog)\b|segment\.(io|com)/i;

const PANE = moduleGraph(["src/taskpane/index.tsx", "src/commands/commands.ts"], "browser");

describe("the pane's own code (src/ files in the production module graph)", () => {
  test("the graph is what ships: the pane, the ribbon, the adapter and the engine, not the playground or the fake host", () => {
    const folders = new Set(PANE.src.map((f) => f.split("/")[1]));
    expect([...folders].sort()).toEqual(["commands", "core", "excel", "taskpane"]);
    expect(PANE.src.length).toBeGreaterThan(50);
  });

  test.each([...NETWORK, ...DYNAMIC_CODE])("no %s", (_, pattern) => {
    const hits = PANE.src.filter((f) => pattern.test(code(f)));
    expect(hits).toEqual([]);
  });

  test("no absolute URL and no telemetry word in the code", () => {
    for (const f of PANE.src) {
      const text = code(f);
      expect([f, text.match(/\b(https?|wss?):\/\/[^\s"'`)]*/g)]).toEqual([f, null]);
      expect([f, text.match(TELEMETRY)]).toEqual([f, null]);
    }
  });
});

describe("the production build (webpack --mode production)", () => {
  let dist: string;
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), "tdcheck-leaks-dist-"));
    const cli = require.resolve("webpack-cli/bin/cli.js");
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [cli, "--mode", "production", "--output-path", dist], {
        cwd: ROOT,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let log = "";
      child.stdout.on("data", (d) => (log += d));
      child.stderr.on("data", (d) => (log += d));
      child.on("close", (c) => (c === 0 ? resolve() : reject(new Error(`webpack failed:\n${log}`))));
    });
  }, 240_000);

  const bundles = () => readdirSync(dist).filter((f) => f.endsWith(".js"));

  test("the bundles name no network API, run no text as code, and mention no telemetry", () => {
    expect(bundles().sort()).toEqual(["commands.js", "taskpane.js"]);
    for (const file of bundles()) {
      const js = readFileSync(join(dist, file), "utf8");
      for (const [name, pattern] of [...NETWORK, ...DYNAMIC_CODE])
        expect([file, name, pattern.test(js)]).toEqual([file, name, false]);
      expect([file, js.match(TELEMETRY)]).toEqual([file, null]);
    }
  });

  test("the only URLs in the bundles are XML namespaces and React's error-decoder link", () => {
    const allowed =
      /^(http:\/\/www\.w3\.org\/[\w/.]+|https:\/\/reactjs\.org\/docs\/error-decoder\.html\?invariant=)$/;
    for (const file of bundles()) {
      const urls = [
        ...new Set(readFileSync(join(dist, file), "utf8").match(/\b(https?|wss?):\/\/[^\s"'`)]*/g) ?? []),
      ];
      expect([file, urls.filter((u) => !allowed.test(u))]).toEqual([file, []]);
    }
  });

  test.each(["taskpane", "commands"])(
    "%s.html: CSP allows scripts from self and Office.js's CDN, connections to self only",
    (page) => {
      const html = readFileSync(join(dist, `${page}.html`), "utf8");
      const content = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1];
      expect(content).toBeDefined();
      const policy = new Map(
        content!.split(";").map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values] as const;
        }),
      );
      expect(policy.get("default-src")).toEqual(["'self'"]);
      expect(policy.get("script-src")).toEqual(["'self'", OFFICE_CDN]);
      expect(policy.get("connect-src")).toEqual(["'self'"]);
      expect(policy.get("object-src")).toEqual(["'none'"]);
      expect(policy.get("form-action")).toEqual(["'none'"]);
      expect(content).not.toMatch(/unsafe-eval|\*|http:/);
      const scripts = [...html.matchAll(/<script[^>]*\bsrc="?([^"\s>]+)"?/g)].map((m) => m[1]);
      expect(scripts).toEqual([`${OFFICE_CDN}/lib/1/hosted/office.js`, `${page}.js`]);
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    },
  );
});

describe("manifest.xml", () => {
  const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8").replace(/<!--[\s\S]*?-->/g, "");

  test("asks for ReadWriteDocument: the least that works, since flags and notes are writes", () => {
    expect([...manifest.matchAll(/<Permissions>([^<]*)<\/Permissions>/g)].map((m) => m[1])).toEqual([
      "ReadWriteDocument",
    ]);
  });

  test("lists no AppDomains, and every URL is on the add-in's own origin", () => {
    expect(manifest).not.toMatch(/AppDomain/);
    const source = /<SourceLocation DefaultValue="([^"]+)"/.exec(manifest)![1];
    const origin = new URL(source).origin;
    const urls = [...manifest.matchAll(/DefaultValue="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => new URL(u).origin !== origin)).toEqual([]);
  });
});

describe("the command line", () => {
  test("its own code reaches only the Node built-ins fs, os, path, url, v8, worker_threads, zlib, and child_process in one place (no network; one program: LibreOffice)", () => {
    const { builtins } = moduleGraph(["src/cli/main.ts"], "node");
    const ours = Object.entries(builtins).filter(([f]) => f.startsWith("src/"));
    // os: the cores and free memory a parallel batch may use; worker_threads: its workers, threads of
    // this same process running the bundled command line itself (src/cli/parallel.ts), never a program.
    // child_process and url: LibreOffice's soffice, the one program the command line starts, to read
    // .xls/.et input (issue 16), with its private profile given as a file URL. v8: the main thread's
    // heap limit, which decides the files it may check itself beside its workers (src/cli/jobs.ts).
    expect([...new Set(ours.flatMap(([, b]) => b))].sort()).toEqual([
      "child_process",
      "fs",
      "os",
      "path",
      "url",
      "v8",
      "worker_threads",
      "zlib",
    ]);
    expect(ours.filter(([, b]) => b.includes("v8")).map(([f]) => f)).toEqual(["src/cli/io.ts"]);
    const threads = ours
      .filter(([, b]) => b.includes("worker_threads"))
      .map(([f]) => f)
      .sort();
    expect(threads).toEqual(["src/cli/batchWorker.ts", "src/cli/main.ts", "src/cli/parallel.ts"]);
    const processes = ours.filter(([, b]) => b.includes("child_process")).map(([f]) => f);
    expect(processes).toEqual(["src/cli/libreoffice.ts"]);
    // It starts the program it found (an executable file), never a shell, and only with spawn.
    const office = code("src/cli/libreoffice.ts");
    expect(
      [...office.matchAll(/\b(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)\(/g)].map(
        (m) => m[1],
      ),
    ).toEqual(["spawn"]);
    expect(office).not.toMatch(/shell:/);
    // commander's own: child_process serves only executable subcommands (`.command(name, description)`
    // run as separate programs), which tdcheck does not declare.
    const theirs = Object.entries(builtins).filter(([f]) => !f.startsWith("src/"));
    expect(theirs).toEqual([
      ["node_modules/commander/lib/command.js", ["child_process", "events", "fs", "path", "process"]],
    ]);
    const run = code("src/cli/run.ts");
    expect(run).not.toMatch(/executableDir|executableFile/);
    const commands = [...run.matchAll(/\.command\(([^)]*)\)/g)].map((m) => m[1].trim());
    expect(commands.length).toBe(3);
    for (const args of commands) expect(args).toMatch(/^"[a-z]+"$/);
  });
});

describe("dependencies", () => {
  test("no telemetry package among the packages the builds ship or theirs", () => {
    const all = new Set<string>();
    const visit = (name: string, from: string): void => {
      // Node's lookup: node_modules folders from `from` upwards.
      for (let dir = from; ; dir = join(dir, "..")) {
        const manifestPath = join(dir, "node_modules", name, "package.json");
        let text: string | undefined;
        try {
          text = readFileSync(manifestPath, "utf8");
        } catch {
          text = undefined;
        }
        if (text !== undefined) {
          const key = manifestPath;
          if (all.has(key)) return;
          all.add(key);
          const p = JSON.parse(text) as { dependencies?: Record<string, string> };
          for (const d of Object.keys(p.dependencies ?? {})) visit(d, join(dir, "node_modules", name));
          return;
        }
        if (dir === ROOT || dir === join(dir, "..")) return;
      }
    };
    // The installed command line has no dependencies; what ships is what its bundles and the pane's carry.
    for (const d of shippedPackages()) visit(d, ROOT);
    expect(all.size).toBeGreaterThan(50);
    const names = [...all].map((p) =>
      p
        .split("node_modules/")
        .pop()!
        .replace(/\/package\.json$/, ""),
    );
    expect(names.filter((n) => TELEMETRY.test(n))).toEqual([]);
  });
});

#!/usr/bin/env node
/**
 * npm run playground — the add-in without Excel: builds the task pane (the production build, as
 * `npm run build` makes it) and the playground page (src/playground: a rendered workbook on the fake
 * Excel host), then serves both over plain http on localhost and prints the address.
 *
 *   npm run playground                 build when sources changed, serve on port 8181 (or the next free one)
 *   npm run playground -- --port 9000  another port (0: any free port)
 *   npm run playground -- --build-only
 *
 * Layout of the build (.tmp/playground/, ignored by git):
 *   pane/          the task pane exactly as webpack.config.js builds it (Office.js from the CDN)
 *   app/           the playground page, its script, and office-bridge.js (the fake's Office/Excel)
 *   stamp.json     when it was built, to rebuild only when a source is newer
 *
 * Office.js is never loaded: the pane's page is served with its Office.js <script> pointing at
 * /app/office-bridge.js (same origin, so its Content-Security-Policy allows it), which provides the
 * Office and Excel globals from the fake host. `/pane/taskpane.html?built` serves the page byte for
 * byte instead (the browser tests intercept the CDN address themselves).
 *
 * Also used by test/browser (build once per run when stale, then serve on a free port).
 */
"use strict";

const fs = require("node:fs");
const http = require("node:http");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const OUT = path.join(ROOT, ".tmp", "playground");
const PANE_DIR = path.join(OUT, "pane");
const APP_DIR = path.join(OUT, "app");
const STAMP = path.join(OUT, "stamp.json");
const SAMPLE = path.join(ROOT, "examples", "hangzhou-2024.xlsx");
const OFFICE_CDN_SCRIPT = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const BRIDGE_URL = "/app/office-bridge.js";
const DEFAULT_PORT = 8181;

/** Everything the two builds read: a newer file than the stamp means build again. */
const INPUTS = [
  "src",
  "webpack.config.js",
  "scripts/playground.js",
  "package-lock.json",
  "tsconfig.json",
  "assets",
  "manifest.xml",
];

function newestInput() {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of fs.readdirSync(p)) visit(path.join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const input of INPUTS) visit(path.join(ROOT, input));
  return newest;
}

/**
 * `runId` names one test run (the browser tests pass their Jest parent's pid): a build made earlier
 * in the same run counts as fresh even if sources changed since, so one run builds at most once.
 */
function isStale(runId) {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, "utf8"));
    const sameRun =
      runId !== undefined && stamp.runId === runId && Date.now() - Date.parse(stamp.builtAt) < 15 * 60 * 1000;
    if (sameRun) return false;
    if (
      !fs.existsSync(path.join(PANE_DIR, "taskpane.html")) ||
      !fs.existsSync(path.join(APP_DIR, "index.html"))
    )
      return true;
    return newestInput() > stamp.inputsMtime;
  } catch {
    return true;
  }
}

/** The playground page and the bridge: browser bundles of src/playground, xlsx reader included. */
function playgroundConfig(mode, appDir) {
  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const webpack = require("webpack");
  const { TS_RULE, TS_RESOLVE } = require(path.join(ROOT, "webpack.config.js"));
  const shims = path.join(ROOT, "src", "playground", "shims");
  return {
    name: "playground",
    mode,
    target: ["web", "es2020"],
    devtool: false,
    entry: {
      playground: path.join(ROOT, "src", "playground", "main.ts"),
      "office-bridge": path.join(ROOT, "src", "playground", "bridge.ts"),
    },
    output: { path: appDir, filename: "[name].js", clean: true },
    resolve: TS_RESOLVE,
    module: { rules: [TS_RULE] },
    plugins: [
      // The .xlsx reader is the command line's; in the browser its two Node needs are shimmed.
      new webpack.NormalModuleReplacementPlugin(/^node:zlib$/, path.join(shims, "zlib.ts")),
      new webpack.ProvidePlugin({ Buffer: [path.join(shims, "buffer.ts"), "Buffer"] }),
      new HtmlWebpackPlugin({
        filename: "index.html",
        template: path.join(ROOT, "src", "playground", "playground.html"),
        chunks: ["playground"],
      }),
    ],
    performance: { hints: false },
  };
}

/**
 * Builds the pane (webpack.config.js, production) and the playground in one webpack run, into a
 * fresh folder that then replaces the served one: a server still running (a test, a second
 * terminal) never sees a half-cleaned build.
 */
function build({ quiet = false, runId } = {}) {
  const webpack = require("webpack");
  const next = `${OUT}.next`;
  fs.rmSync(next, { recursive: true, force: true });
  const paneConfig = require(path.join(ROOT, "webpack.config.js"))({}, { mode: "production" });
  paneConfig.name = "pane";
  paneConfig.output = { ...paneConfig.output, path: path.join(next, "pane"), clean: true };
  const inputsMtime = newestInput();
  const started = Date.now();
  return new Promise((resolve, reject) => {
    webpack([paneConfig, playgroundConfig("production", path.join(next, "app"))], (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) {
        return reject(
          new Error(stats.toString({ all: false, errors: true, errorDetails: true, colors: false })),
        );
      }
      fs.copyFileSync(SAMPLE, path.join(next, "app", "hangzhou-2024.xlsx"));
      fs.writeFileSync(
        path.join(next, "stamp.json"),
        JSON.stringify({ inputsMtime, builtAt: new Date().toISOString(), runId }),
      );
      const old = `${OUT}.old`;
      fs.rmSync(old, { recursive: true, force: true });
      if (fs.existsSync(OUT)) fs.renameSync(OUT, old);
      fs.renameSync(next, OUT);
      fs.rmSync(old, { recursive: true, force: true });
      if (!quiet)
        console.log(`built the pane and the playground in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve();
    });
  });
}

/** Builds unless the build is newer than every source. Several processes may ask at once: one builds. */
async function ensureBuilt({ quiet = false, runId } = {}) {
  if (!isStale(runId)) return false;
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  const lock = `${OUT}.lock`;
  const deadline = Date.now() + 5 * 60 * 1000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== "EEXIST") throw e;
      // A lock older than the longest build is left over from a killed run.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 5 * 60 * 1000)
          fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`, { cause: e });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    if (!isStale(runId)) return false;
    await build({ quiet, runId });
    return true;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".txt": "text/plain; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The pane's page with Office.js replaced by the bridge to the fake host. */
function paneHtml(raw) {
  if (!raw.includes(OFFICE_CDN_SCRIPT)) return raw;
  return raw.split(OFFICE_CDN_SCRIPT).join(BRIDGE_URL);
}

function send(res, status, type, body) {
  res.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(body);
}

/** Serves /app/* and /pane/* from the build, read-only, nothing outside them. */
function handler(req, res) {
  const url = new URL(req.url, "http://localhost");
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, TYPES[".txt"], "GET only\n");
  if (url.pathname === "/" || url.pathname === "/index.html") {
    res.writeHead(302, { Location: "/app/index.html" });
    return res.end();
  }
  const m = /^\/(app|pane)\/(.+)$/.exec(url.pathname);
  if (!m) return send(res, 404, TYPES[".txt"], "not found\n");
  const base = m[1] === "app" ? APP_DIR : PANE_DIR;
  let rel;
  try {
    rel = decodeURIComponent(m[2]);
  } catch {
    return send(res, 400, TYPES[".txt"], "bad path\n");
  }
  const file = path.resolve(base, rel);
  if (!file.startsWith(base + path.sep)) return send(res, 403, TYPES[".txt"], "forbidden\n");
  fs.readFile(file, (err, data) => {
    if (err) return send(res, 404, TYPES[".txt"], "not found\n");
    const type = TYPES[path.extname(file)] ?? "application/octet-stream";
    if (m[1] === "pane" && rel === "taskpane.html" && !url.searchParams.has("built")) {
      return send(res, 200, type, paneHtml(data.toString("utf8")));
    }
    send(res, 200, type, data);
  });
}

/** Listens on localhost; with a busy port, tries the next few. Resolves with { server, port, url }. */
function serve(port = DEFAULT_PORT, tries = 20) {
  return new Promise((resolve, reject) => {
    const server = http.createServer(handler);
    server.on("error", (err) => {
      if (err.code === "EADDRINUSE" && port !== 0 && tries > 1) {
        resolve(serve(port + 1, tries - 1));
      } else reject(err);
    });
    server.listen(port, "127.0.0.1", () => {
      const actual = server.address().port;
      resolve({ server, port: actual, url: `http://localhost:${actual}/app/index.html` });
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const at = args.indexOf("--port");
  const port = at >= 0 ? Number(args[at + 1]) : Number(process.env.PORT ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`not a port: ${args[at + 1]}`);
  const built = await ensureBuilt();
  if (!built) console.log("the build is up to date (.tmp/playground)");
  if (args.includes("--build-only")) return;
  const { url } = await serve(port);
  console.log(`playground: ${url}`);
  console.log(
    "the sample examples/hangzhou-2024.xlsx is loaded; open any .xlsx from the page. Ctrl+C stops.",
  );
}

module.exports = {
  build,
  ensureBuilt,
  isStale,
  serve,
  handler,
  paneHtml,
  OUT,
  OFFICE_CDN_SCRIPT,
  BRIDGE_URL,
};

if (require.main === module) {
  main().catch((err) => {
    console.error(err.message ?? err);
    process.exit(1);
  });
}

#!/usr/bin/env node
/**
 * npm run serve — serves the built add-in (dist/) over https at the address manifest.xml gives
 * (https://localhost:3000), so Excel can load it after sideloading manifest.xml.
 *
 *   npm run serve                                   dist/, the manifest's port, the development certificate
 *   npm run serve -- --cert my.crt --key my.key     a certificate of your own (PEM files)
 *   npm run serve -- --port 3443 --dir dist         another port (the manifest must then say so) or folder
 *
 * The certificate: by default the one `npx office-addin-dev-certs install` creates and makes this
 * machine trust, ~/.office-addin-dev-certs/localhost.crt and localhost.key (Microsoft's tool, run on
 * demand; not a dependency of this project). Excel refuses a page whose certificate the machine does
 * not trust, so without one this says how to get it rather than serving something that cannot load.
 *
 * Read-only static files from one folder: nothing outside it, GET and HEAD only, bound to the
 * loopback interface when the manifest's host is localhost.
 */
"use strict";

const fs = require("node:fs");
const https = require("node:https");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.join(__dirname, "..");
const DEV_CERTS = ".office-addin-dev-certs";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
};

const USAGE = `npm run serve [-- --cert FILE.crt --key FILE.key] [--port N] [--dir DIR] [--manifest FILE]
  serves DIR (dist/) over https at manifest.xml's address, with the development certificate from
  npx office-addin-dev-certs install (~/${DEV_CERTS}/localhost.crt, localhost.key) or the one given`;

class ServeError extends Error {}

/** The task pane's address in the manifest (SourceLocation), as a URL. */
function manifestAddress(xml) {
  const m = /<SourceLocation\s+DefaultValue="([^"]+)"/.exec(xml);
  if (!m)
    throw new ServeError("manifest.xml names no <SourceLocation>: cannot tell where the add-in is served");
  const url = new URL(m[1]);
  if (url.protocol !== "https:")
    throw new ServeError(
      `manifest.xml serves the add-in from ${url.origin}: Office loads add-ins over https only`,
    );
  return url;
}

/** The PEM files to serve with: the ones given, else the development certificate in `home`. */
function findCertificate({ cert, key, home = os.homedir() }) {
  if (cert || key) {
    if (!cert || !key) throw new ServeError("give both --cert FILE and --key FILE (PEM)");
    for (const f of [cert, key]) if (!fs.existsSync(f)) throw new ServeError(`no such file: ${f}`);
    return { cert, key, from: "given" };
  }
  const dir = path.join(home, DEV_CERTS);
  const found = {
    cert: path.join(dir, "localhost.crt"),
    key: path.join(dir, "localhost.key"),
    from: "dev-certs",
  };
  if (fs.existsSync(found.cert) && fs.existsSync(found.key)) return found;
  throw new ServeError(
    [
      `no certificate to serve https with: ${found.cert} and localhost.key do not exist.`,
      "Create one this machine trusts (once; Microsoft's tool, not a dependency of this project):",
      "    npx office-addin-dev-certs install",
      "or serve with a certificate of your own:",
      "    npm run serve -- --cert FILE.crt --key FILE.key",
    ].join("\n"),
  );
}

function send(res, status, type, body, head = false) {
  res.writeHead(status, {
    "Content-Type": type,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(head ? undefined : body);
}

/** Serves files under `dir` and nothing else; `/` goes to the task pane. */
function handler(dir, start) {
  const base = path.resolve(dir);
  return (req, res) => {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) return send(res, 405, TYPES[".txt"], "GET only\n");
    const url = new URL(req.url, "https://localhost");
    if (url.pathname === "/") {
      res.writeHead(302, { Location: start });
      return res.end();
    }
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, TYPES[".txt"], "bad path\n", head);
    }
    const file = path.resolve(base, "." + rel);
    if (!file.startsWith(base + path.sep)) return send(res, 403, TYPES[".txt"], "forbidden\n", head);
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) return send(res, 404, TYPES[".txt"], "not found\n", head);
      fs.readFile(file, (e, data) => {
        if (e) return send(res, 404, TYPES[".txt"], "not found\n", head);
        send(res, 200, TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream", data, head);
      });
    });
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address().port);
    });
  });
}

/**
 * Starts the server. Resolves with { servers, url } (url: the task pane's address on the port
 * actually bound, which differs from the manifest's only with --port 0 or another --port).
 */
async function start({ dir, cert, key, port, address }) {
  if (!fs.existsSync(path.join(dir, path.basename(address.pathname) || "taskpane.html")))
    throw new ServeError(
      `${dir} has no ${path.basename(address.pathname)}: build the add-in first (npm run build)`,
    );
  let options;
  try {
    options = { cert: fs.readFileSync(cert), key: fs.readFileSync(key) };
    // Fails here, with the reason, on a key that is not the certificate's or a file that is not PEM.
    require("node:tls").createSecureContext(options);
  } catch (e) {
    throw new ServeError(`cannot use ${cert} with ${key}: ${e.message}`);
  }
  const onRequest = handler(dir, address.pathname);
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(address.hostname);
  const servers = [];
  const first = https.createServer(options, onRequest);
  let bound;
  try {
    bound = await listen(first, port, local ? "127.0.0.1" : undefined);
  } catch (e) {
    if (e.code === "EADDRINUSE")
      throw new ServeError(
        `port ${port} is in use (another server?): stop it, or serve elsewhere with --port N and change the port in manifest.xml to match`,
      );
    if (e.code === "EACCES")
      throw new ServeError(`not allowed to listen on port ${port}: choose one above 1024 with --port N`);
    throw e;
  }
  servers.push(first);
  // localhost may resolve to ::1 first (Windows does): answer there too when IPv6 is available.
  if (local) {
    const second = https.createServer(options, onRequest);
    try {
      await listen(second, bound, "::1");
      servers.push(second);
    } catch {
      // No IPv6 loopback here; 127.0.0.1 is enough.
    }
  }
  const url = new URL(address.href);
  url.port = String(bound);
  return { servers, url: url.href, port: bound };
}

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new ServeError(`${a} needs a value`);
      return v;
    };
    if (a === "--cert") opts.cert = value();
    else if (a === "--key") opts.key = value();
    else if (a === "--dir") opts.dir = value();
    else if (a === "--manifest") opts.manifest = value();
    else if (a === "--port") {
      const v = value();
      const n = Number(v);
      if (!/^\d+$/.test(v) || n > 65535) throw new ServeError(`not a port: ${v}`);
      opts.port = n;
    } else if (a === "--help" || a === "-h") opts.help = true;
    else
      throw new ServeError(
        `unknown option ${a} (options: --cert FILE --key FILE --port N --dir DIR --manifest FILE)`,
      );
  }
  return opts;
}

async function main(argv) {
  const opts = parseArgs(argv);
  if (opts.help) {
    console.log(USAGE);
    return;
  }
  const manifest = opts.manifest ?? path.join(ROOT, "manifest.xml");
  const address = manifestAddress(fs.readFileSync(manifest, "utf8"));
  const dir = opts.dir ?? path.join(ROOT, "dist");
  const certificate = findCertificate({ cert: opts.cert, key: opts.key });
  const port = opts.port ?? Number(address.port || 443);
  const { url } = await start({ dir, cert: certificate.cert, key: certificate.key, port, address });
  const shown = path.relative(process.cwd(), dir);
  console.log(
    [
      `serving ${shown && !shown.startsWith("..") ? shown : dir} at ${url}`,
      `certificate: ${certificate.cert}`,
      "sideload manifest.xml in Excel (npm start lists the steps); Ctrl+C stops.",
    ].join("\n"),
  );
}

module.exports = { manifestAddress, findCertificate, start, handler, ServeError };

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e instanceof ServeError ? `serve: ${e.message}` : `serve: ${e.stack ?? e}`);
    process.exit(2);
  });
}

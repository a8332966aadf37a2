/**
 * `npm run serve`: dist/ over https at the manifest's address, with the development certificate of
 * office-addin-dev-certs or one given by path; started here with a throwaway self-signed certificate
 * made by openssl, and fetched over https trusting only that certificate.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { getHttps as get, throwawayCertificate } from "../helpers/certificate";

const ROOT = join(__dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts", "serve.js");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const serve = require(SCRIPT) as {
  manifestAddress(xml: string): URL;
  findCertificate(o: { cert?: string; key?: string; home?: string }): {
    cert: string;
    key: string;
    from: string;
  };
};

/** Starts `node scripts/serve.js ARGS` and resolves with the address it prints, or its exit. */
function start(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ child: ChildProcess; url?: string; code?: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /serving .* at (https:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], out });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => resolve({ child, code: code ?? -1, out }));
  });
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
});

describe("npm run serve", () => {
  const dir = fs.mkdtempSync(join(tmpdir(), "tdcheck-serve-"));
  const dist = join(dir, "dist");
  fs.mkdirSync(join(dist, "assets"), { recursive: true });
  fs.writeFileSync(join(dist, "taskpane.html"), "<!doctype html><title>指标分解校核</title>");
  fs.writeFileSync(join(dist, "taskpane.js"), "console.log(1)");
  fs.writeFileSync(join(dir, "secret.txt"), "outside dist");
  let certificate: { cert: string; key: string };
  beforeAll(() => {
    certificate = throwawayCertificate(dir);
  });

  test("the address comes from the manifest: https://localhost:3000/taskpane.html", () => {
    const url = serve.manifestAddress(fs.readFileSync(join(ROOT, "manifest.xml"), "utf8"));
    expect(url.href).toBe("https://localhost:3000/taskpane.html");
    expect(() => serve.manifestAddress('<SourceLocation DefaultValue="http://x/taskpane.html"/>')).toThrow(
      /https only/,
    );
  });

  test("serves the task pane over https with a given certificate; nothing outside the folder", async () => {
    const s = await start([
      "--dir",
      dist,
      "--cert",
      certificate.cert,
      "--key",
      certificate.key,
      "--port",
      "0",
    ]);
    children.push(s.child);
    expect(s.url).toMatch(/^https:\/\/localhost:\d+\/taskpane\.html$/);
    const ca = fs.readFileSync(certificate.cert);
    const pane = await get(s.url!, ca);
    expect(pane).toMatchObject({
      status: 200,
      type: "text/html; charset=utf-8",
      body: "<!doctype html><title>指标分解校核</title>",
    });
    const origin = new URL(s.url!).origin;
    expect((await get(`${origin}/taskpane.js`, ca)).type).toBe("text/javascript; charset=utf-8");
    expect(await get(`${origin}/`, ca)).toMatchObject({ status: 302, location: "/taskpane.html" });
    expect((await get(`${origin}/%2e%2e%2fsecret.txt`, ca)).status).toBe(403);
    expect((await get(`${origin}/..%2fsecret.txt`, ca)).status).toBe(403);
    expect((await get(`${origin}/nothing.js`, ca)).status).toBe(404);
    expect((await get(`${origin}/assets`, ca)).status).toBe(404);
    expect((await get(`${origin}/taskpane.html`, ca, "POST")).status).toBe(405);
    expect(await get(`${origin}/taskpane.html`, ca, "HEAD")).toMatchObject({ status: 200, body: "" });
    s.child.kill();
  });

  test("by default, the development certificate office-addin-dev-certs puts in the home folder", async () => {
    const home = join(dir, "home");
    const certs = join(home, ".office-addin-dev-certs");
    fs.mkdirSync(certs, { recursive: true });
    throwawayCertificate(certs, "localhost");
    expect(serve.findCertificate({ home })).toEqual({
      cert: join(certs, "localhost.crt"),
      key: join(certs, "localhost.key"),
      from: "dev-certs",
    });
    const s = await start(["--dir", dist, "--port", "0"], { ...process.env, HOME: home, USERPROFILE: home });
    children.push(s.child);
    expect(s.out).toContain(`certificate: ${join(certs, "localhost.crt")}`);
    expect((await get(s.url!, fs.readFileSync(join(certs, "localhost.crt")))).status).toBe(200);
    s.child.kill();
  });

  test("no certificate: a clear message saying how to get one, exit 2", async () => {
    const home = join(dir, "empty-home");
    fs.mkdirSync(home);
    const s = await start(["--dir", dist], { ...process.env, HOME: home, USERPROFILE: home });
    expect(s.code).toBe(2);
    expect(s.out).toContain("no certificate to serve https with");
    expect(s.out).toContain("npx office-addin-dev-certs install");
    expect(s.out).toContain("--cert FILE.crt --key FILE.key");
    expect(s.out).not.toMatch(/\n\s+at /); // no stack trace
  });

  test("a key that is not the certificate's, a missing build, a busy port: one clear message each", async () => {
    const other = throwawayCertificate(dir, "other");
    const mismatch = await start([
      "--dir",
      dist,
      "--cert",
      certificate.cert,
      "--key",
      other.key,
      "--port",
      "0",
    ]);
    expect([mismatch.code, mismatch.out]).toEqual([
      2,
      expect.stringMatching(/^serve: cannot use .* with .*other\.key/),
    ]);
    const noBuild = await start([
      "--dir",
      join(dir, "nowhere"),
      "--cert",
      certificate.cert,
      "--key",
      certificate.key,
    ]);
    expect([noBuild.code, noBuild.out]).toEqual([
      2,
      expect.stringContaining("build the add-in first (npm run build)"),
    ]);
    const first = await start([
      "--dir",
      dist,
      "--cert",
      certificate.cert,
      "--key",
      certificate.key,
      "--port",
      "0",
    ]);
    children.push(first.child);
    const port = new URL(first.url!).port;
    const busy = await start([
      "--dir",
      dist,
      "--cert",
      certificate.cert,
      "--key",
      certificate.key,
      "--port",
      port,
    ]);
    expect([busy.code, busy.out]).toEqual([2, expect.stringContaining(`port ${port} is in use`)]);
    first.child.kill();
  });
});

/** Certificates for tests of https: a throwaway self-signed one, and a client that trusts only it. */
import { spawnSync } from "node:child_process";
import * as https from "node:https";
import { join } from "node:path";

/** A self-signed certificate for localhost (openssl: Debian's, installed by .ci/run when missing). */
export function throwawayCertificate(dir: string, name = "localhost"): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  const r = spawnSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      key,
      "-out",
      cert,
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0)
    throw new Error(
      `openssl could not make a certificate (apt-get install openssl): ${r.error?.message ?? r.stderr}`,
    );
  return { cert, key };
}

/** One https request trusting only `ca`. */
export function getHttps(
  url: string,
  ca: Buffer,
  method = "GET",
): Promise<{ status: number; type?: string; body: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const req = https.request(url, { ca, method, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (body += d));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          type: res.headers["content-type"],
          body,
          location: res.headers.location,
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * Builds the task pane and the ribbon's function file into dist/.
 *
 *   npm run build            Office.js from Microsoft's CDN (what AppSource requires)
 *   npm run build:intranet   OFFICE_JS=local: Office.js copied from @microsoft/office-js into
 *                            dist/office-js/, for networks that cannot reach Microsoft's CDN
 *
 * Type-checking is `npm run lint` (tsc); ts-loader only transpiles here. No eval-based source maps in
 * any mode: the Content-Security-Policy forbids eval, and the bundle must not contain it.
 */
"use strict";

const path = require("node:path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const OFFICE_CDN_HOST = "https://appsforoffice.microsoft.com";
const OFFICE_CDN_SCRIPT = `${OFFICE_CDN_HOST}/lib/1/hosted/office.js`;
const LOCAL_OFFICE_DIR = "office-js";

/**
 * What the pages may load. Fluent UI injects <style> elements at run time, hence 'unsafe-inline' for
 * styles only; connect-src 'self' keeps the pane from sending anything anywhere (no telemetry).
 * frame-ancestors cannot be set from a <meta> tag (the host decides who frames the pane).
 */
function contentSecurityPolicy(localOfficeJs) {
  const scriptSrc = localOfficeJs ? "'self'" : `'self' ${OFFICE_CDN_HOST}`;
  return [
    "default-src 'self'",
    `script-src ${scriptSrc}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * The parts of @microsoft/office-js an Excel add-in loads: office.js, the Excel host scripts for
 * every platform, the app-to-file map, the promise shim, the telemetry shims office.js requests
 * (they cannot send anything: connect-src 'self') and each locale's office_strings.js. Debug
 * builds, other hosts (Word, Outlook, …), Outlook strings and sign-in helpers are left out.
 */
function isExcelOfficeJsFile(relativePath) {
  const file = relativePath.split(path.sep).join("/");
  if (file.endsWith(".debug.js")) return false;
  if (/^(office|o15apptofilemappingtable|es6-promise)\.js$/.test(file)) return true;
  if (/^excel[a-z0-9.-]*\.js$/.test(file)) return true;
  if (/^(telemetry|ariatelemetry)\/[^/]+\.js$/.test(file)) return true;
  return /^[a-z]{2,3}(-[a-z0-9]+)*\/office_strings\.js$/.test(file);
}

/** TypeScript through ts-loader, transpiled only; the playground's bundle (scripts/playground.js) shares it. */
const TS_RULE = {
  test: /\.tsx?$/,
  exclude: /node_modules/,
  use: {
    loader: "ts-loader",
    options: { transpileOnly: true, compilerOptions: { target: "ES2020" } },
  },
};
const TS_RESOLVE = { extensions: [".ts", ".tsx", ".js", ".json"] };

module.exports = (env = {}, argv = {}) => {
  const production = argv.mode !== "development";
  const localOfficeJs = (env.OFFICE_JS ?? process.env.OFFICE_JS) === "local";
  const officeJs = localOfficeJs ? `${LOCAL_OFFICE_DIR}/office.js` : OFFICE_CDN_SCRIPT;
  const page = (name, template, chunks) =>
    new HtmlWebpackPlugin({
      filename: name,
      template,
      chunks,
      officeJs,
      contentSecurityPolicy: contentSecurityPolicy(localOfficeJs),
    });

  const copies = [
    { from: "manifest.xml", to: "manifest.xml" },
    { from: "assets", to: "assets" },
    { from: "src/taskpane/help.html", to: "help.html" },
  ];
  if (localOfficeJs) {
    const officeJsPackage = path.dirname(require.resolve("@microsoft/office-js/package.json"));
    const officeJsDist = path.join(officeJsPackage, "dist");
    copies.push(
      {
        from: officeJsDist,
        to: LOCAL_OFFICE_DIR,
        filter: (absolute) => isExcelOfficeJsFile(path.relative(officeJsDist, absolute)),
        // Already minified by Microsoft; re-minifying 9 MB with terser would only cost time.
        info: { minimized: true },
      },
      { from: path.join(officeJsPackage, "LICENSE.md"), to: `${LOCAL_OFFICE_DIR}/LICENSE.md` },
    );
  }

  return {
    mode: production ? "production" : "development",
    // ES2020 hosts (WebView2, Safari 14+, current browsers): also lets webpack use globalThis instead
    // of its `new Function("return this")` fallback, which the CSP would block.
    target: ["web", "es2020"],
    devtool: production ? false : "source-map",
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // dist/cli/ is the command line's bundle (npm run build:cli), not ours to delete.
      clean: { keep: /^cli[\\/]/ },
    },
    resolve: TS_RESOLVE,
    module: { rules: [TS_RULE] },
    plugins: [
      page("taskpane.html", "src/taskpane/taskpane.html", ["taskpane"]),
      page("commands.html", "src/commands/commands.html", ["commands"]),
      new CopyWebpackPlugin({ patterns: copies }),
    ],
    performance: {
      // React + Fluent UI are about 0.5 MB minified; the pane loads from localhost or the intranet.
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
      // Office.js's own files (intranet build) are Microsoft's and loaded on demand, host by host.
      assetFilter: (name) => !name.startsWith(`${LOCAL_OFFICE_DIR}/`) && !name.endsWith(".map"),
    },
  };
};

module.exports.TS_RULE = TS_RULE;
module.exports.TS_RESOLVE = TS_RESOLVE;

// Flat config: @eslint/js recommended + typescript-eslint recommended, plus the architecture's
// import rules (docs/architecture.md): only src/excel talks to Excel; src/core uses neither Office nor Node.
import { builtinModules } from "node:module";
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

const nodeGlobals = {
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
  URL: "readonly",
};

// Every Node built-in, bare or with the node: prefix (fs, path, worker_threads, …).
const nodeBuiltins = `^(node:.*|${builtinModules.map((m) => m.replace(/[/.]/g, "\\$&")).join("|")})(/.*)?$`;

const excelOnlyInAdapter = {
  name: "Excel",
  message: "Only src/excel talks to Excel (docs/architecture.md); call an adapter function from there.",
};

export default defineConfig(
  { ignores: ["dist/", "node_modules/", "coverage/", ".tmp/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Node scripts and configs are CommonJS.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { sourceType: "commonjs", globals: nodeGlobals },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { sourceType: "module", globals: nodeGlobals },
  },
  {
    files: ["src/**/*.ts", "src/**/*.tsx"],
    ignores: ["src/excel/**"],
    rules: { "no-restricted-globals": ["error", excelOnlyInAdapter] },
  },
  {
    // Every file under src/core, however deep (core/detect/…, core/rebalance/…): the engine is pure.
    files: ["src/core/**/*.ts", "src/core/**/*.tsx"],
    rules: {
      "no-restricted-globals": [
        "error",
        excelOnlyInAdapter,
        { name: "Office", message: "src/core is pure: no Office.js (docs/architecture.md)." },
        { name: "process", message: "src/core is pure: no Node APIs (docs/architecture.md)." },
        { name: "require", message: "src/core is pure: no Node APIs (docs/architecture.md)." },
        { name: "Buffer", message: "src/core is pure: no Node APIs (docs/architecture.md)." },
        { name: "__dirname", message: "src/core is pure: no Node APIs (docs/architecture.md)." },
        { name: "__filename", message: "src/core is pure: no Node APIs (docs/architecture.md)." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: nodeBuiltins, message: "src/core is pure: no Node APIs (docs/architecture.md)." },
            {
              // From any depth: ../excel, ../../excel, ../../../taskpane/…
              regex: "^(\\.\\./)+(excel|taskpane|commands|cli|fake-excel|playground)(/|$)",
              message: "src/core depends on nothing else in src (docs/architecture.md).",
            },
            {
              regex: "^(react|react-dom|@fluentui/.*|@microsoft/office-js|@types/office-js)(/.*)?$",
              message: "src/core is pure: no UI or Office packages (docs/architecture.md).",
            },
          ],
        },
      ],
    },
  },
);

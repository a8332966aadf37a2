// Flat config: @eslint/js recommended + typescript-eslint recommended, plus the architecture's
// import rules (PRODUCT §8): only src/excel talks to Excel; src/core uses neither Office nor Node.
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

const excelOnlyInAdapter = {
  name: "Excel",
  message: "Only src/excel talks to Excel (PRODUCT §8); call an adapter function from there.",
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
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        excelOnlyInAdapter,
        { name: "Office", message: "src/core is pure: no Office.js (PRODUCT §8)." },
        { name: "process", message: "src/core is pure: no Node APIs (PRODUCT §8)." },
        { name: "require", message: "src/core is pure: no Node APIs (PRODUCT §8)." },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(node:|fs$|path$|os$|child_process$|zlib$|crypto$|url$)",
              message: "src/core is pure: no Node APIs (PRODUCT §8).",
            },
            {
              regex: "^\\.\\./(excel|taskpane|commands|cli)(/|$)",
              message: "src/core depends on nothing else in src (PRODUCT §8).",
            },
          ],
        },
      ],
    },
  },
);

// ESLint for the site's own JavaScript (the vendored runtime and Material's bundle are not ours).
// Run by commands/test.sh: npx eslint -c build_scripts/eslint.config.mjs
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["docs/assets/**/*.js"],
    languageOptions: { ecmaVersion: 2023, sourceType: "script", globals: { ...globals.browser } },
    rules: {
      // Functions are hoisted and called from event handlers; variables must be declared before use.
      "no-use-before-define": ["error", { functions: false, classes: true, variables: true }],
      eqeqeq: "error",
      "no-var": "error",
      "prefer-const": "error",
    },
  },
  // The calculator is ES modules, but for its classic entry (it must run from file:// to say why it cannot).
  {
    files: ["docs/assets/calculator/*.js"],
    ignores: ["docs/assets/calculator/calculator.js"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["docs/assets/calculator/worker.js", "docs/assets/calculator/snapshot.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
];

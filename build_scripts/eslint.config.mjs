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
  {
    files: ["docs/assets/calculator/worker.js", "docs/assets/calculator/snapshot.js"],
    languageOptions: { sourceType: "module", globals: { ...globals.worker } },
  },
];

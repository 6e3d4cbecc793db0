// Injected by the tests' server as each page's first script (tests/support/engines.py), so that every engine
// reports the same: WebKitWebDriver has no console log and no BiDi. Kept in the page until read.
(() => {
  const seen = (window.__problems = []);
  const note = (kind, text) => seen.push(`${kind}: ${text} (${location.pathname})`);
  addEventListener("error", (e) => note("error", e.message || `${e.target?.src ?? e.target?.href} did not load`), true);
  addEventListener("unhandledrejection", (e) => note("unhandled rejection", e.reason?.message ?? e.reason));
  addEventListener("securitypolicyviolation", (e) => note("policy", `${e.effectiveDirective} blocked ${e.blockedURI}`));
  const error = console.error.bind(console);
  console.error = (...args) => {
    note("console.error", args.join(" "));
    error(...args);
  };
})();

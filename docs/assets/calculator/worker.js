// The decision module in Pyodide, off the main thread: {id, findings[, notes]} in, {id, assessment[, notes] | errors | failure} out.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
const params = new URL(self.location.href).searchParams; // the build's paths, from the page
const timings = { origin: performance.timeOrigin, start: performance.now() };
const get = (file, read) =>
  fetch(params.get(file)).then((r) => (r.ok ? read(r) : Promise.reject(new Error(`${file}: HTTP ${r.status}`))));
const known = get("check", (r) => r.json()); // a case and the reply CPython gave it when the site was built
known.catch(() => {}); // awaited only once Python is up: no "unhandled rejection" meanwhile

// Python with the calculator: restored from the build's snapshot (imported there), or booted and the wheel loaded.
async function start(path, problems = []) {
  await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); // a policy against WebAssembly would hang Pyodide: fail now
  const snapshot = path === "snapshot" && get("snapshot", (r) => Promise.all([import("./snapshot.js"), r.arrayBuffer()]).then(([m, b]) => m.unpack(b)))
    .finally(() => { timings.snapshot = performance.now(); postMessage({ restoring: true }); }); // the page's restore watchdog starts
  snapshot && snapshot.catch(() => {}); // loadPyodide awaits it only later
  const pyodide = await loadPyodide({ indexURL, ...(snapshot && { _loadSnapshot: snapshot }) });
  timings.runtime = performance.now();
  if (path === "boot") await pyodide.loadPackage(params.get("wheel"), { messageCallback() {}, errorCallback: (m) => problems.push(m) });
  let api;
  try {
    api = pyodide.pyimport("calculator.api");
  } catch {
    throw new Error(`the calculator package could not be loaded from ${params.get("wheel")} ${problems.join(" ")}`.trim());
  }
  const { findings, answer } = await known; // the self-check: the very reply the build recorded, or no "ready"
  if (api.respond(JSON.stringify(findings)) !== answer) throw new Error(`its self-check gave another answer than the build (${path})`);
  return Object.assign(timings, { path, imported: performance.now() }) && api;
}

// Without a snapshot in the query, boot. A failed snapshot start asks the page for a fresh worker that
// boots (retry): two Pythons in one worker could exhaust a tablet's memory.
const path = params.get("snapshot") ? "snapshot" : "boot";
const api = start(path);
api.then( // once: {ready, timings} or {failed, retry}
  () => postMessage({ ready: true, timings }),
  (error) => postMessage({ failed: String(error?.message ?? error), retry: path === "snapshot" }),
);

onmessage = async ({ data: { id, findings, notes } }) => {
  try {
    const python = await api;
    const reply = notes ? python.respond_with_notes(JSON.stringify({ findings, ...notes })) : python.respond(JSON.stringify(findings));
    postMessage({ id, ...JSON.parse(reply) });
  } catch (error) {
    postMessage({ id, failure: String(error?.message ?? error).trim().split("\n").at(-1) });
  }
};

// The decision module in Pyodide, off the main thread: {id, findings[, notes]} in, {id, assessment[, notes] | errors | failure} out.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { snapshotFor, unpacking } from "./snapshot.js";

const indexURL = new URL("../pyodide/", import.meta.url).href;
const params = new URL(self.location.href).searchParams; // the build's paths, from the page
const timings = { origin: performance.timeOrigin, start: performance.now() };
const get = (url, read) =>
  fetch(url).then((r) => (r.ok ? read(r) : Promise.reject(new Error(`${new URL(url).pathname}: HTTP ${r.status}`))));
const known = get(params.get("check"), (r) => r.json()); // a case and the reply CPython gave it when the site was built
known.catch(() => {}); // awaited only once Python is up: no "unhandled rejection" meanwhile

// Pyodide compiles its runtime once the snapshot's size is known, while the rest arrives; it restores the memory
// only once all of it is written: until then its start-up hook holds it (and for good, if the snapshot fails).
function fromSnapshot(url) {
  const snapshot = get(url, (r) => unpacking(r.body));
  const written = snapshot.then((s) => s.written)
    .finally(() => { timings.snapshot = performance.now(); postMessage({ restoring: true }); }); // the page's restore watchdog starts
  const memory = snapshot.then((s) => s.memory);
  memory.catch(() => {}); // loadPyodide awaits it only later
  const held = written.catch(() => new Promise(() => {}));
  return { written, options: { _loadSnapshot: memory, fsInit: () => ((timings.held = performance.now()), held) } };
}

// Python with the calculator: restored from the build's snapshot (imported there), or booted and the wheel loaded.
async function start(snapshotURL, problems = []) {
  const path = snapshotURL ? "snapshot" : "boot";
  await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])); // a policy against WebAssembly would hang Pyodide: fail now
  const snapshot = snapshotURL ? fromSnapshot(snapshotURL) : { written: null, options: {} };
  const [pyodide] = await Promise.all([loadPyodide({ indexURL, ...snapshot.options }), snapshot.written]);
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
  return Object.assign(timings, { path, from: snapshotURL && new URL(snapshotURL).pathname, imported: performance.now() }) && api;
}

// Without a snapshot in the query, or none this engine can restore, boot. A failed snapshot start asks the
// page for a fresh worker that boots (retry): two Pythons in one worker could exhaust a tablet's memory.
let snapshotURL = null;
try {
  snapshotURL = (params.has("snapshot") && snapshotFor(params)) || null;
} catch {
  // a policy against WebAssembly: start() says so
}
const api = start(snapshotURL);
api.then( // once: {ready, timings} or {failed, retry}
  () => postMessage({ ready: true, timings }),
  (error) => postMessage({ failed: String(error?.message ?? error), retry: !!snapshotURL }),
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

// The decision module in Pyodide, off the main thread: {id, findings} in, {id, assessment | errors | failure} out.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
const params = new URL(self.location.href).searchParams; // the build's paths, from the page
const timings = { origin: performance.timeOrigin, start: performance.now() };

// The build's snapshot holds Python with the calculator imported; failing it, Python boots, loads the wheel.
async function boot() {
  try {
    const snapshot = fetch(params.get("snapshot")).then((response) => {
      if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
      return response.arrayBuffer().finally(() => (timings.snapshot = performance.now()));
    }); // not awaited: the runtime's own files load meanwhile
    snapshot.catch(() => {}); // loadPyodide awaits it only later: no "unhandled rejection" meanwhile
    return [await loadPyodide({ indexURL, _loadSnapshot: snapshot }), "snapshot"];
  } catch (error) {
    console.warn("Starting Python without the snapshot:", error);
    return [await loadPyodide({ indexURL }), "boot"];
  }
}

// The snapshot has it imported; a boot from nothing loads the wheel (resolved even if missing: import checks).
async function importCalculator(pyodide, path, problems = []) {
  const wheel = params.get("wheel");
  if (path === "boot") await pyodide.loadPackage(wheel, { messageCallback() {}, errorCallback: (m) => problems.push(m) });
  try {
    return pyodide.pyimport("calculator.api");
  } catch {
    throw new Error(`the calculator package could not be loaded from ${wheel} ${problems.join(" ")}`.trim());
  }
}

const api = boot().then(([pyodide, path]) => {
  Object.assign(timings, { runtime: performance.now(), path });
  return importCalculator(pyodide, path).finally(() => (timings.imported = performance.now()));
});
api.then( // once: {ready, timings} or {failed}
  () => postMessage({ ready: true, timings }),
  (error) => postMessage({ failed: String(error?.message ?? error) }),
);

onmessage = async ({ data: { id, findings } }) => {
  try {
    postMessage({ id, ...JSON.parse((await api).respond(JSON.stringify(findings))) });
  } catch (error) {
    postMessage({ id, failure: String(error?.message ?? error).trim().split("\n").at(-1) });
  }
};

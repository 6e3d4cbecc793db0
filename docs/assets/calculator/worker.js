// The decision module in Pyodide, off the main thread.
// One request shape: {id, findings} in, {id, assessment} or {id, errors} out, or {id, failure} when
// Python itself fails; {ready} or {failed} once.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const indexURL = new URL("../pyodide/", import.meta.url).href;
// The page passes the build's paths (sitebuild/paths.py) in this script's query.
const params = new URL(self.location.href).searchParams;
const wheel = params.get("wheel");
const snapshotURL = params.get("snapshot");

// Restoring the build's memory snapshot of a booted Python skips most of the start-up;
// without it (or if it will not restore) Python boots from nothing, only slower.
async function boot() {
  try {
    const response = await fetch(snapshotURL);
    if (!response.ok) throw new Error(`snapshot: HTTP ${response.status}`);
    const snapshot = new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    return await loadPyodide({ indexURL, _loadSnapshot: snapshot });
  } catch (error) {
    console.warn("Starting Python without the snapshot:", error);
    return loadPyodide({ indexURL });
  }
}

const api = (async () => {
  const pyodide = await boot();
  const problems = [];
  await pyodide.loadPackage(wheel, { messageCallback: () => {}, errorCallback: (m) => problems.push(m) });
  // loadPackage resolves even when the wheel is missing: importing is the real check.
  try {
    return pyodide.pyimport("calculator.api");
  } catch {
    throw new Error(`the calculator package could not be loaded from ${wheel} ${problems.join(" ")}`.trim());
  }
})();

api.then(
  () => postMessage({ ready: true }),
  (error) => postMessage({ failed: String(error?.message ?? error) }),
);

onmessage = async ({ data: { id, findings } }) => {
  try {
    postMessage({ id, ...JSON.parse((await api).respond(JSON.stringify(findings))) });
  } catch (error) {
    postMessage({ id, failure: String(error?.message ?? error).trim().split("\n").at(-1) });
  }
};

// The decision module in Pyodide, off the main thread.
// One request shape: {id, findings} in, {id, assessment} or {id, errors} out; {ready} or {failed} once.
import { loadPyodide } from "../pyodide/pyodide.mjs";

const wheel = new URL(self.location.href).searchParams.get("wheel");

const api = (async () => {
  const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", import.meta.url).href });
  await pyodide.loadPackage(wheel, { messageCallback: () => {} });
  // loadPackage resolves even when the wheel is missing: importing is the real check.
  try {
    return pyodide.pyimport("calculator.api");
  } catch {
    throw new Error(`the calculator package could not be loaded from ${wheel}`);
  }
})();

api.then(
  () => postMessage({ ready: true }),
  (error) => postMessage({ failed: String(error?.message ?? error) }),
);

onmessage = async ({ data: { id, findings } }) => {
  const reply = JSON.parse((await api).respond(JSON.stringify(findings)));
  postMessage({ id, ...reply });
};

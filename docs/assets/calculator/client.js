// The worker's client: starts the worker that runs the decision module in Pyodide (from the build's
// snapshot, or booting when that fails), and hands on its replies. One request per message:
// {id, findings, notes} out, {id, assessment, notes | errors | failure} back.

// Restoring the snapshot once it has arrived takes 0.25 s here, 0.45 s with the CPU 4x slower; a
// damaged one may trap (reported at once) or never finish: after this, a fresh worker boots.
const RESTORE_LIMIT_MS = 10_000;

// The installed app keeps the snapshot this engine restored: its service worker stores it when asked (this
// start may have come before the service worker controlled the page, so that it never saw the download).
function keepInstalled(url) {
  const message = JSON.parse(document.getElementById("foot-drop-app")?.textContent ?? "{}").keepFile;
  navigator.serviceWorker?.ready.then((registration) => registration.active?.postMessage({ [message]: url }));
}

// `on`: ready(), reply(data), failed(why), and slow() once loading takes longer than `loadTimeoutMs`.
export function calculatorWorker(root, site, loadTimeoutMs, on) {
  let worker = null;
  let timer = 0;
  let restoreTimer = 0;

  function stop() {
    clearTimeout(timer);
    clearTimeout(restoreTimer);
    worker?.terminate();
  }

  function onMessage({ data }) {
    if (data.restoring) {
      restoreTimer = setTimeout(() => start(`restoring it took more than ${RESTORE_LIMIT_MS / 1000} seconds`), RESTORE_LIMIT_MS);
      return;
    }
    if (data.failed && data.retry) return start(data.failed);
    if (data.failed) return on.failed(data.failed);
    if (data.ready) {
      clearTimeout(timer);
      clearTimeout(restoreTimer);
      performance.mark("calculator-ready", { detail: data.timings }); // where the start-up went
      root.dataset.python = data.timings.path; // "snapshot", or "boot" when it had to start without it
      if (data.timings.from) keepInstalled(new URL(data.timings.from, location.href).href);
      return on.ready();
    }
    on.reply(data);
  }

  // After a failed start from the snapshot (`snapshotProblem`), once more: a fresh worker that boots.
  function start(snapshotProblem = "") {
    const url = new URL(root.dataset.worker, site);
    const files = snapshotProblem ? ["wheel", "check"] : ["wheel", "snapshot", "snapshotJsc", "check"];
    for (const file of files) url.searchParams.set(file, new URL(root.dataset[file], site).href);
    if (snapshotProblem) {
      console.warn("Starting Python without the snapshot:", snapshotProblem);
      worker.terminate();
    }
    clearTimeout(timer);
    clearTimeout(restoreTimer);
    // Slow is not failed: a first load on a slow connection goes on; only the worker's report of what
    // went wrong (or its script failing) is a failure, with its reason.
    timer = setTimeout(on.slow, loadTimeoutMs);
    try {
      worker = new Worker(url, { type: "module" });
    } catch (error) {
      return on.failed(`its worker could not start (${error.message})`);
    }
    // A worker script that fails to load gives an error event with no message: ask the host why.
    worker.onerror = (event) => {
      if (event.message) return on.failed(event.message);
      fetch(url, { method: "HEAD", cache: "no-store" }).then(
        (response) => on.failed(response.ok ? "its worker script or a module it imports could not be loaded or run"
          : `its worker script could not be loaded (HTTP ${response.status} ${response.statusText})`.trim()),
        () => on.failed("its worker script could not be loaded (no connection)"),
      );
    };
    worker.onmessage = onMessage;
  }

  return { start, stop, post: (message) => worker.postMessage(message) };
}

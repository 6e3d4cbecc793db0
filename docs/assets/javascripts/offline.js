// The installed offline app: registers the service worker that keeps the whole site, calculator
// included, on this device; offers a newer build instead of mixing two in one page; says on every page
// when the copy is older than the build states; and, on the About page, shows the copy and removes it.
(() => {
  const app = JSON.parse(document.getElementById("foot-drop-app").textContent);
  const panel = document.getElementById("offline-copy"); // the About page's
  const say = (text) => panel && (panel.querySelector(".offline-copy__status").textContent = text);
  if (!("serviceWorker" in navigator) || !location.protocol.startsWith("http")) {
    say("This browser (or a page opened from a file) keeps no offline copy: the PDF handout and the zip are the copies to keep.");
    return;
  }
  const config = JSON.parse(document.getElementById("__config").textContent);
  const scope = new URL(config.base.endsWith("/") ? config.base : `${config.base}/`, location.href); // "/" on 404.html
  const REMOVED = "foot-drop-offline-copy-removed"; // set by "Remove", so the next page does not store it again
  const removed = () => {
    try {
      return localStorage.getItem(REMOVED) === "1";
    } catch {
      return false;
    }
  };

  function banner(id, className, where, ...content) {
    if (document.getElementById(id)) return;
    const box = document.createElement("div");
    Object.assign(box, { id, className });
    box.setAttribute("role", "status");
    box.append(...content);
    where(box);
  }

  let asked = false;
  function offer(waiting) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "A new version is available - reload";
    button.addEventListener("click", () => {
      asked = true;
      waiting.postMessage(app.skipWaiting);
    });
    banner("update-banner", "update-banner", (box) => document.body.append(box), button);
  }

  // The installed copy's own facts: its build date and the age after which it says it is old. A copy
  // from before builds answered this does not (nor a worker too slow to): after 5 s its date is unknown.
  function about(worker) {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = ({ data }) => resolve(data);
      worker.postMessage(app.aboutCopy, [channel.port2]);
      setTimeout(() => resolve({ built: null }), 5000);
    });
  }

  async function warnIfOld(worker) {
    const { built, maxAgeDays } = await about(worker);
    if (!built) return;
    const days = Math.floor((Date.now() - Date.parse(built)) / 86_400_000);
    if (days <= maxAgeDays) return;
    const text = `This offline copy was built on ${built}, ${days} days ago: older than ${maxAgeDays} days. `
      + "The guideline may have changed since. Open this site while online to update the copy, or check the current guideline.";
    const first = (box) => (document.querySelector(".md-content__inner") ?? document.body).prepend(box);
    banner("old-copy-banner", "admonition warning old-copy", first, Object.assign(document.createElement("p"), { textContent: text }));
  }

  function register() {
    return navigator.serviceWorker.register(new URL(app.serviceWorker, location.href), { scope: scope.href }).then((registration) => {
      if (!registration) return; // service workers turned off (as in some test browsers)
      // Ask once that the browser not clear the copy when space runs short (some browsers ask the reader).
      navigator.storage?.persisted?.().then((kept) => kept || navigator.storage.persist());
      const controlled = () => navigator.serviceWorker.controller;
      if (registration.waiting && controlled()) offer(registration.waiting);
      registration.addEventListener("updatefound", () => {
        const installing = registration.installing;
        installing.addEventListener("statechange", () => {
          if (installing.state === "installed" && controlled()) offer(installing);
          if (installing.state === "activated") showCopy();
        });
      });
    });
  }

  // The About page: what the copy is and takes, and a way to remove it (and to keep one again).
  async function showCopy() {
    if (!panel) return;
    const registration = await navigator.serviceWorker.getRegistration(scope.href);
    const [remove, keep] = [panel.querySelector(".offline-copy__remove"), panel.querySelector(".offline-copy__keep")];
    [remove.hidden, keep.hidden] = [!registration?.active, app.withdrawn || !!registration || !removed()];
    if (!registration?.active) {
      return say(removed() ? "There is no offline copy on this device: it was removed." : "There is no offline copy on this device yet.");
    }
    const [{ built }, { usage }, persisted] = await Promise.all([
      about(registration.active), navigator.storage?.estimate?.() ?? {}, navigator.storage?.persisted?.() ?? false,
    ]);
    say(`This device keeps an offline copy of this site, ${built ? `built on ${built}` : "build date unknown"}`
      + (usage ? `; with this site's other storage it takes about ${(usage / 1e6).toFixed(usage < 1e7 ? 1 : 0)} MB. ` : ". ")
      + (persisted ? "The browser keeps it until you remove it." : "The browser may clear it if the device runs short of space."));
  }

  panel?.querySelector(".offline-copy__remove").addEventListener("click", async () => {
    try {
      localStorage.setItem(REMOVED, "1");
    } catch {} // eslint-disable-line no-empty
    for (const r of await navigator.serviceWorker.getRegistrations()) if (r.scope.startsWith(scope.href)) await r.unregister();
    for (const name of await caches.keys()) if (name.startsWith(app.cachePrefix)) await caches.delete(name);
    await showCopy();
  });
  panel?.querySelector(".offline-copy__keep").addEventListener("click", async () => {
    localStorage.removeItem(REMOVED);
    say("Storing the offline copy\u2026");
    await register();
  });

  if (!app.withdrawn && !removed()) register();
  if (navigator.serviceWorker.controller) warnIfOld(navigator.serviceWorker.controller);
  showCopy();

  // A page the old build served reloads when the new one takes over (here or from another tab),
  // so one page never mixes two builds; the first install takes control quietly.
  const servedByOldBuild = !!navigator.serviceWorker.controller;
  let reloading = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if ((servedByOldBuild || asked) && !reloading) {
      reloading = true;
      location.reload();
    }
  });
})();

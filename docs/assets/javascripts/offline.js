// Registers the service worker that keeps the whole site, calculator included, available offline,
// and offers a newer build to the reader instead of mixing two versions in one page.
(() => {
  if (!("serviceWorker" in navigator) || !location.protocol.startsWith("http")) return;
  const config = JSON.parse(document.getElementById("__config").textContent);
  const app = JSON.parse(document.getElementById("foot-drop-app").textContent);
  const scope = new URL(`${config.base}/`, location.href);

  let asked = false;
  function offer(waiting) {
    if (document.getElementById("update-banner")) return;
    const banner = document.createElement("div");
    banner.id = "update-banner";
    banner.className = "update-banner";
    banner.setAttribute("role", "status");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "A new version is available - reload";
    button.addEventListener("click", () => {
      asked = true;
      waiting.postMessage(app.skipWaiting);
    });
    banner.append(button);
    document.body.append(banner);
  }

  navigator.serviceWorker.register(new URL(app.serviceWorker, location.href), { scope: scope.href }).then((registration) => {
    if (!registration) return; // service workers turned off (as in some test browsers)
    const controlled = () => navigator.serviceWorker.controller;
    if (registration.waiting && controlled()) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const installing = registration.installing;
      installing.addEventListener("statechange", () => {
        if (installing.state === "installed" && controlled()) offer(installing);
      });
    });
  });

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

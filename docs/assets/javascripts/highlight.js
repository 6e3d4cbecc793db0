// Marks the recommendation a link points to (from a calculator result, a back-link or the home page):
// an outline and a visible label, so the mark does not rely on colour alone.
(() => {
  const LINKED = "recommendation--linked";

  function mark() {
    document.querySelectorAll(`.${LINKED}`).forEach((el) => {
      el.classList.remove(LINKED);
      el.querySelector(".recommendation__badge")?.remove();
      el.querySelector(".back-to-calculator")?.remove();
    });
    let id = location.hash.slice(1);
    try {
      id = decodeURIComponent(id);
    } catch {
      // A malformed escape ("#%E0%A4%A") names no element: look it up as written.
    }
    const target = id && document.getElementById(id);
    if (!target || !target.classList.contains("recommendation")) return;
    const fromCalculator = new URLSearchParams(location.search).get("from") === "calculator";
    const badge = document.createElement("strong");
    badge.className = "recommendation__badge";
    badge.textContent = fromCalculator ? "Recommended by the calculator: " : "Linked recommendation: ";
    target.prepend(badge);
    if (fromCalculator) target.prepend(backToCalculator());
    target.classList.add(LINKED);
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: "center" });
  }

  // The way back to the patient's result: the calculator page puts back what this tab kept.
  function backToCalculator() {
    const base = JSON.parse(document.getElementById("__config")?.textContent ?? "{}").base ?? ".";
    const link = document.createElement("a");
    link.className = "back-to-calculator";
    link.href = new URL(`${base}/calculator/#calculator-results`, location.href).href;
    link.textContent = "Back to the calculator";
    return link;
  }

  mark();
  addEventListener("hashchange", mark);
})();

// What the calculator's card shows, read the same way in every engine (tests/support/engines.py).
() => {
  const app = document.getElementById("calculator-app");
  const texts = (selector) => [...app.querySelectorAll(selector)].map((n) => n.textContent.replace(/\s+/g, " ").trim());
  const card = app.querySelector(".care-card");
  return {
    busy: document.getElementById("calculator-results")?.getAttribute("aria-busy") === "true",
    label: texts(".care-card__label")[0] ?? null,
    title: texts(".care-card__title")[0] ?? null,
    classes: card ? [...card.classList, ...app.querySelector(".result-pathway").classList] : [],
    recommendations: [...app.querySelectorAll(".result-rec")].map((n) => [
      n.id.replace("result-", ""), n.querySelector(".result-rec__reason > strong")?.textContent.trim()]),
    now: texts(".result-now > li"),
    findings: texts(".care-card__findings")[0] ?? null,
    panel: [...document.querySelectorAll(".panel-statement--marked")].map((n) => n.id.slice(6)).sort(),
  };
}

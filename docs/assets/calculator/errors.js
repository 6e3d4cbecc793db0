// Bad answers, as the module names them: a summary above the questions linking to each field, and the
// error under the field itself.
import { el } from "./dom.js";

export function errorReport(summary, fields) {
  function clear() {
    summary.hidden = true;
    for (const field of fields) {
      field.classList.remove("question--error");
      field.querySelector(".question__error").hidden = true;
      field.querySelectorAll("input").forEach((input) => input.removeAttribute("aria-invalid"));
    }
  }

  function show(errors) {
    clear();
    const list = summary.querySelector("ul");
    list.replaceChildren();
    for (const [name, message] of Object.entries(errors)) {
      const field = fields.find((f) => f.dataset.field === name);
      const title = field ? field.dataset.title : name;
      const target = field ? field.querySelector("input").id : "calculator-form";
      list.append(el("li", {}, el("a", { href: `#${target}` }, `${title}: ${message}.`)));
      if (field) {
        field.classList.add("question--error");
        const error = field.querySelector(".question__error");
        error.textContent = `Error: ${message}.`;
        error.hidden = false;
        field.querySelectorAll("input").forEach((input) => input.setAttribute("aria-invalid", "true"));
      }
    }
    summary.hidden = false;
  }

  // An error link moves focus to its field (a fragment link alone only scrolls), question in view.
  summary.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    const input = link && document.getElementById(link.hash.slice(1));
    if (!input) return;
    event.preventDefault();
    input.closest(".question").scrollIntoView({ block: "start" });
    input.focus({ preventScroll: true });
  });

  return { clear, show };
}

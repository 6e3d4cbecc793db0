// The calculator page: reads the generated form, asks the worker for an assessment on every answer, and
// shows it with the guideline's own statements from recommendations.json. No clinical rule lives here:
// the worker runs the decision module; these modules collect the answers and draw what it returns.
import { collect, isoDay, onsetDates, todayValue } from "./answers.js";
import { cardRenderer } from "./card.js";
import { calculatorWorker } from "./client.js";
import { el, plural } from "./dom.js";
import { errorReport } from "./errors.js";
import { keeper } from "./keeper.js";
import { marker } from "./marks.js";
import { notesControls } from "./notes.js";
import { guidelinePanel } from "./panel.js";
import { steadied } from "./scroll-anchor.js";
import { keepStatusOffResults } from "./status-line.js";

// `answered`: the clinician answered before the app had loaded; those answers stay.
export function start(root, answered = false) {
  const form = root.querySelector("#calculator-form");
  const status = root.querySelector("#calculator-status");
  const results = root.querySelector("#calculator-results");
  const body = root.querySelector("#results-body");
  const fields = [...form.querySelectorAll(".question")];
  const site = new URL(root.dataset.root, location.href);
  const pdf = new URL(root.dataset.pdf, site).href;
  const dates = onsetDates(form);
  const errors = errorReport(root.querySelector("#error-summary"), fields);
  const notes = notesControls(root);
  const kept = keeper(form, Number(root.dataset.keepMinutes), newPatient);
  // One load timeout, set in the stylesheet: its CSS-only "could not start" message uses it too.
  const loadTimeoutMs = parseFloat(getComputedStyle(status).getPropertyValue("--calculator-load-timeout")) * 1000;
  // Every change an event brings (an answer, a reply, the form reset) leaves the questions where they are.
  // The way back to where the reader was comes after, so that it is not held.
  const hold = (change) => steadied(root, change);
  const heldReply = hold(onReply);
  const python = calculatorWorker(root, site, loadTimeoutMs, {
    ready: hold(onReady), reply: (data) => { heldReply(data); backToKeptPlace(data); }, failed: hold(fail), slow: hold(slow),
  });
  let index = null; // recommendations.json: the statements shown and quoted in the notes
  let card = null;
  let panel = null;
  let ready = false;
  let failed = false;
  let latest = 0; // the id of the newest request; a reply for an older one is dropped
  let pendingScroll = null; // where the results were when the page was left, for the way back

  function setStatus(state, ...content) {
    root.dataset.state = state;
    status.className = `calculator-status calculator-status--${state}`;
    status.replaceChildren(el("p", { className: "calculator-status__text" }, ...content));
  }

  // Where the guideline is without the calculator: its pages and the PDF.
  const elsewhere = () => [
    el("a", { href: site.href }, "read the guideline"), " or the ", el("a", { href: pdf }, "PDF handout"), ".",
  ];

  function slow() {
    const words = "Still loading the calculator: the first load on a slow connection takes a while. ";
    setStatus("loading", words, el("progress", { ariaLabel: "Loading the calculator" }), " Meanwhile, ", ...elsewhere());
  }

  function fail(why) {
    ready = false;
    failed = true;
    python.stop();
    clearResults("The calculator could not load, so there are no results.");
    setStatus(
      "failed",
      el("strong", {}, "The calculator could not load. "),
      `Why: ${why.replace(/\.+$/, "")}. The guideline text does not need the calculator: `,
      ...elsewhere(),
    );
  }

  // No result to show: say why, and leave nothing of an earlier one to print, copy or mark.
  function clearResults(message) {
    results.removeAttribute("aria-busy");
    notes.hide();
    panel?.mark([]);
    delete root.dataset.results;
    body.replaceChildren(el("p", { className: "results-pending" }, message));
  }

  function showErrors(found) {
    errors.show(found);
    clearResults("Correct the problem above to see results.");
    setStatus("ready", el("strong", {}, "There is a problem with an answer: "), "see the list above the questions.");
  }

  function showFailure(why) {
    errors.clear();
    clearResults(`These findings could not be assessed (${why}). No result is shown: check the answers, or read the guideline.`);
    setStatus("ready", el("strong", {}, "These findings could not be assessed. "), "No result is shown.");
  }

  function showAssessment(a, summary) {
    errors.clear();
    body.replaceChildren(...card.assessment(a));
    results.removeAttribute("aria-busy");
    panel.mark(a.panel);
    notes.show(summary);
    // One short sentence for screen readers and for a reader still among the questions.
    setStatus(
      "ready",
      "Result: ",
      el("strong", {}, `${a.headline.label}: ${a.headline.title}`),
      `. ${plural(a.recommendations.length, "recommendation")}. `,
      el("a", { href: "#calculator-results" }, "See the results"),
    );
    status.classList.add(`calculator-status--${a.headline.level}`);
    root.dataset.results = String(latest);
  }

  // The first reply for the answers kept for the round trip: back where the results were, if it shows them.
  function backToKeptPlace(data) {
    if (data.id !== latest || pendingScroll === null) return;
    if (root.dataset.results === String(latest)) scrollTo(0, pendingScroll);
    pendingScroll = null;
  }

  // The time for this patient has run out (or "New patient"): nothing kept, an empty form.
  function newPatient() {
    kept.forget();
    form.reset();
  }

  // Every change of the answers: the result on screen is for the old answers, so it goes at once;
  // errors stay until the next reply replaces them, so an error link does not move under a pointer.
  function update() {
    latest += 1;
    if (failed) return;
    const { findings, missing } = collect(fields);
    if (missing.length) {
      errors.clear();
      if (ready) setStatus("ready", `Calculator ready. Still to answer: ${missing.length} required.`);
      clearResults(`Results appear when every required question is answered. Still to answer: ${missing.join("; ")}.`);
      return;
    }
    if (!ready || !index) {
      clearResults("Results appear as soon as the calculator is ready.");
      return;
    }
    clearResults("Assessing these answers\u2026");
    results.setAttribute("aria-busy", "true");
    // The summary for the notes comes with the assessment, dated today on this device.
    const about = { guideline: root.dataset.guideline, disclaimer: root.dataset.disclaimer, date: isoDay(todayValue()) };
    python.post({ id: latest, findings, notes: { index, about } });
  }

  function onReady() {
    ready = true;
    setStatus("ready", "Calculator ready.");
    update();
  }

  function onReply(data) {
    if (data.id !== latest) return; // newer answers are on their way
    if (data.errors) showErrors(data.errors);
    else if (data.assessment) showAssessment(data.assessment, data.notes);
    else showFailure(data.failure ?? "no answer from the calculator");
  }

  function loadIndex() {
    fetch(new URL(root.dataset.index, site))
      .then((response) => {
        if (!response.ok) throw new Error(`recommendations index: HTTP ${response.status}`);
        return response.json();
      })
      .then(hold((loaded) => {
        const marks = marker(loaded, site);
        card = cardRenderer(loaded, site, marks);
        panel = guidelinePanel(root.querySelector("#guideline-panel"), loaded, marks, card.guidelineLink);
        index = loaded;
        update();
      }))
      .catch(hold((error) => fail(error.message)));
  }

  // The browser may have put answers of its own into the form (radio buttons ignore autocomplete="off"):
  // start from an empty form, then put back only what this tab kept, if it is still fresh. Answers the
  // clinician gave while the app loaded are kept instead, as if given now.
  function restoreKept() {
    if (answered) {
      dates.refill();
      kept.keep();
      return;
    }
    const fresh = kept.read();
    if (!fresh) kept.forget();
    form.reset();
    if (!fresh) return;
    // After the reset's own clean-up (a task it queues), so the kept answers are not cleared with it.
    setTimeout(hold(() => {
      kept.restore(fresh);
      dates.refill();
      pendingScroll = fresh.scroll;
      update();
    }), 0);
  }

  // A page given back whole from memory (Back): its patient stays if still fresh, else it goes now.
  function onPageShow(event) {
    if (!event.persisted) return; // a newly loaded page: restoreKept ran at the start
    const fresh = kept.read();
    if (fresh) kept.expireFrom(fresh);
    else newPatient();
  }

  function wire() {
    // "input" fires once for every answer, a radio click included: one request per answer.
    // A date input fires it for each part typed; its "change" (a whole date, or none) counts.
    form.addEventListener("input", hold((event) => {
      if (event.target.matches("input[data-days-for]")) return;
      if (event.target.type === "text") dates.clearFor(event.target);
      kept.keep();
      update();
    }));
    form.addEventListener("change", hold((event) => {
      if (!event.target.matches("input[data-days-for]")) return;
      dates.fill(event.target);
      kept.keep();
      update();
    }));
    // "New patient" forgets the kept answers at once; the reset below clears the form and the result.
    root.querySelector("#calculator-reset").addEventListener("click", () => kept.forget());
    // The reset event fires before the form's values are cleared: the result goes now (a reply
    // still on its way is for answers that are gone), the rest once the values are cleared.
    form.addEventListener("reset", hold(() => {
      latest += 1;
      errors.clear();
      if (!failed) clearResults("Results appear when every required question is answered.");
      setTimeout(hold(() => {
        dates.clearAll();
        update();
      }), 0);
    }));
    results.addEventListener("click", (event) => {
      const toggle = event.target.closest(".result-rec__toggle");
      if (!toggle) return;
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      root.querySelector(`#${toggle.getAttribute("aria-controls")}`).hidden = !open;
    });
    addEventListener("pageshow", onPageShow);
    addEventListener("pagehide", () => kept.remember());
    // "See the results" moves focus to the results heading, so reading goes on from there.
    status.addEventListener("click", (event) => {
      if (!event.target.closest('a[href="#calculator-results"]')) return;
      event.preventDefault();
      const title = root.querySelector("#results-title");
      title.scrollIntoView({ block: "start" });
      title.focus({ preventScroll: true });
    });
  }

  setStatus("loading", "Loading the calculator\u2026 ", el("progress", { ariaLabel: "Loading the calculator" }));
  wire();
  keepStatusOffResults(root, results);
  restoreKept();
  // Once the page's own scripts (Material's bundle and the site's) have run: on two cores, Python's
  // start beside them slows both, and the page answers taps later. Not if the page failed meanwhile.
  const startPython = () => failed || python.start();
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", startPython, { once: true });
  else startPython();
  loadIndex();
}

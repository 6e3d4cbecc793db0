// The calculator page: reads the generated form, asks the worker for an assessment on every
// answer, and shows it with the guideline's own statements from recommendations.json.
// No clinical rule lives here: the worker runs the decision module.
// A classic script, not a module: from file:// a module would not run at all, and this one
// must say there why the calculator cannot work.
(() => {
  const LOAD_TIMEOUT_MS = 30000;
  const PDF = "downloads/foot-drop-guideline.pdf";
  const root = document.getElementById("calculator-app");
  if (root) start(root);

  function el(tag, props = {}, ...children) {
    const node = Object.assign(document.createElement(tag), props);
    node.append(...children.filter((c) => c !== null && c !== undefined));
    return node;
  }

  function start(root) {
    const form = root.querySelector("#calculator-form");
    const status = root.querySelector("#calculator-status");
    const body = root.querySelector("#results-body");
    const panel = root.querySelector("#guideline-panel");
    const summary = root.querySelector("#error-summary");
    const printButton = root.querySelector("#calculator-print");
    const fields = [...form.querySelectorAll(".question")];
    const site = new URL(root.dataset.root, location.href);
    const referencesUrl = new URL(root.dataset.references, location.href);
    let index = null;
    let ready = false;
    let latest = 0;

    function setStatus(state, ...content) {
      root.dataset.state = state;
      status.className = `calculator-status calculator-status--${state}`;
      status.replaceChildren(el("p", { className: "calculator-status__text" }, ...content));
    }

    function fail(why) {
      ready = false;
      clearTimeout(timer);
      worker?.terminate();
      setStatus(
        "failed",
        el("strong", {}, "The calculator could not load. "),
        `Why: ${why}. The guideline text does not need the calculator: `,
        el("a", { href: site.href }, "read the guideline"),
        " or the ",
        el("a", { href: new URL(PDF, site).href }, "PDF handout"),
        ".",
      );
    }

    if (location.protocol === "file:") {
      // Browsers refuse the runtime's fetches from file://; the text and the PDF still work.
      setStatus(
        "unavailable",
        el("strong", {}, "The calculator needs the installed app or a served copy of this site. "),
        "Opened from a file, the browser blocks the files it runs on. The guideline pages work here, and so does the ",
        el("a", { href: new URL(PDF, site).href }, "PDF handout"),
        ".",
      );
      form.inert = true;
      return;
    }

    const workerUrl = new URL("assets/calculator/worker.js", site);
    workerUrl.searchParams.set("wheel", new URL(root.dataset.wheel, site).href);
    const timer = setTimeout(() => fail("it took more than 30 seconds to start"), LOAD_TIMEOUT_MS);
    const worker = new Worker(workerUrl, { type: "module" });
    worker.onerror = (event) => fail(event.message || "its worker could not start");
    fetch(new URL(root.dataset.index, site))
      .then((response) => {
        if (!response.ok) throw new Error(`recommendations index: HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => {
        index = data;
        renderPanel();
        update();
      })
      .catch((error) => fail(error.message));

    worker.onmessage = ({ data }) => {
      if (data.failed) return fail(data.failed);
      if (data.ready) {
        ready = true;
        clearTimeout(timer);
        performance.mark("calculator-ready");
        setStatus("ready", "Calculator ready.");
        return update();
      }
      if (data.id !== latest) return; // a newer answer is already on its way
      if (data.errors) showErrors(data.errors);
      else showAssessment(data.assessment);
    };

    function collect() {
      const findings = {};
      const missing = [];
      for (const field of fields) {
        const input = field.querySelector("input:checked") ?? field.querySelector("input[type=text]");
        const raw = input ? input.value.trim() : "";
        if (raw === "") {
          if (field.dataset.required === "true") missing.push(field.dataset.title);
          continue;
        }
        // Radio values are JSON; typed numbers go as numbers and anything else as text,
        // so the decision module (not this script) says what is wrong with them.
        findings[field.dataset.field] = input.type === "radio" ? JSON.parse(raw) : toNumber(raw);
      }
      return { findings, missing };
    }

    function toNumber(raw) {
      return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    }

    // Errors stay until the next reply replaces them: hiding them at once would move
    // the error link from under a pointer that is clicking it.
    function update() {
      const { findings, missing } = collect();
      if (missing.length) {
        latest += 1; // a reply still on its way is for answers that are gone
        clearErrors();
        if (ready) setStatus("ready", `Calculator ready. Still to answer: ${missing.length} required.`);
        showPending(`Results appear when every required question is answered. Still to answer: ${missing.join("; ")}.`);
        return;
      }
      if (!ready || !index) return;
      latest += 1;
      worker.postMessage({ id: latest, findings });
    }

    function clearErrors() {
      summary.hidden = true;
      for (const field of fields) {
        field.classList.remove("question--error");
        field.querySelector(".question__error").hidden = true;
        field.querySelectorAll("input").forEach((input) => input.removeAttribute("aria-invalid"));
      }
    }

    function showErrors(errors) {
      clearErrors();
      const list = summary.querySelector("ul");
      list.replaceChildren();
      for (const [name, message] of Object.entries(errors)) {
        const field = fields.find((f) => f.dataset.field === name);
        const title = field ? field.dataset.title : name;
        const text = `${title}: ${message}.`;
        list.append(el("li", {}, el("a", { href: `#${field ? field.querySelector("input").id : "calculator-form"}` }, text)));
        if (field) {
          field.classList.add("question--error");
          const error = field.querySelector(".question__error");
          error.textContent = `Error: ${message}.`;
          error.hidden = false;
          field.querySelectorAll("input").forEach((input) => input.setAttribute("aria-invalid", "true"));
        }
      }
      summary.hidden = false;
      showPending("Correct the problem above to see results.");
      setStatus("ready", el("strong", {}, "There is a problem with an answer: "), "see the list above the questions.");
    }

    // No result to show: say why, and leave nothing of an earlier one to print or mark.
    function showPending(message) {
      printButton.hidden = true;
      markPanel([]);
      body.replaceChildren(el("p", { className: "results-pending" }, message));
    }

    function citeLinks(numbers) {
      const sup = el("sup", { className: "cite" });
      numbers.forEach((n, i) => {
        if (i) sup.append(", ");
        const link = el("a", { href: new URL(`#ref-${n}`, referencesUrl).href }, String(n));
        link.setAttribute("aria-label", `Reference ${n}`);
        sup.append(link);
      });
      return sup;
    }

    function statementBlock(id) {
      const s = index[id];
      const block = el("div", { className: "statement" }, el("p", {}, s.text, " ", citeLinks(s.citations)));
      if (s.items.length) block.append(el("ul", {}, ...s.items.map((item) => el("li", {}, item))));
      return block;
    }

    function guidelineLink(id) {
      const url = new URL(index[id].url, site);
      url.search = "from=calculator";
      return el("a", { href: url.href, className: "statement-link" }, `Read in the guideline: ${index[id].section}`);
    }

    function showAssessment(a) {
      clearErrors();
      const labels = a.labels;
      const pathway = el(
        "div",
        { className: `result-pathway result-pathway--${a.pathway}` },
        el("p", { className: "result-pathway__kicker" }, a.pathway === "emergency" ? "Critical - pathway" : "Pathway"),
        el("p", { className: "result-pathway__value" }, labels.pathway),
      );
      const facts = el("dl", { className: "result-facts" });
      const fact = (term, value) => facts.append(el("dt", {}, term), el("dd", {}, value));
      fact("Red flags", labels.red_flags.length ? labels.red_flags.join("; ") : "None");
      fact("Imaging", labels.imaging);
      fact("Surgery", labels.surgery);
      fact("Fusion", labels.fusion + (labels.fusion_reasons.length ? `: ${labels.fusion_reasons.join("; ")}` : ""));
      const recs = el("ol", { className: "result-recs" });
      for (const rec of a.recommendations) {
        recs.append(
          el("li", { className: "result-rec", id: `result-${rec.id}` },
            el("p", { className: "result-rec__reason" }, el("strong", {}, rec.reason)),
            statementBlock(rec.id),
            guidelineLink(rec.id)),
        );
      }
      const prognosis = a.prognosis
        ? el("p", { className: "result-prognosis" }, a.prognosis.note, " ", citeLinks(a.prognosis.citations))
        : null;
      body.replaceChildren(
        ...[
          pathway,
          facts,
          prognosis,
          el("h3", {}, `Recommendations (${a.recommendations.length})`),
          recs,
          findingsAsEntered(a.findings),
        ].filter(Boolean),
      );
      markPanel(a.recommendations.map((r) => r.id));
      // One short sentence for screen readers and for a reader still among the questions.
      setStatus(
        "ready",
        "Result: ",
        el("strong", {}, labels.pathway),
        `. ${a.recommendations.length} recommendations. `,
        el("a", { href: "#calculator-results" }, "See the results"),
      );
      status.classList.add(`calculator-status--${a.pathway}`);
      printButton.hidden = false;
      stampDate();
      root.dataset.results = String(latest);
    }

    function stampDate() {
      root.querySelector("#print-date").textContent = new Date().toLocaleString();
    }

    // For the printout: each answer as the form words it, from the findings the module assessed.
    function findingsAsEntered(findings) {
      const list = el("dl", { className: "result-findings__list" });
      for (const field of fields) {
        const value = findings[field.dataset.field];
        const radio = field.querySelector(`input[value='${value === null ? "" : JSON.stringify(value)}']`);
        const shown = radio ? radio.closest("label").textContent : String(value);
        list.append(el("dt", {}, field.dataset.title), el("dd", {}, shown));
      }
      return el("section", { className: "result-findings print-only" }, el("h3", {}, "Findings as entered"), list);
    }

    function renderPanel() {
      const sections = new Map();
      for (const id of Object.keys(index)) {
        const section = index[id].section;
        if (!sections.has(section)) sections.set(section, []);
        sections.get(section).push(id);
      }
      panel.replaceChildren(
        ...[...sections].map(([section, ids]) =>
          el("section", { className: "panel-section" },
            el("h3", {}, section),
            ...ids.map((id) =>
              el("div", { className: "panel-statement", id: `panel-${id}` },
                el("strong", { className: "panel-statement__badge", hidden: true }, "Applies: "),
                statementBlock(id),
                guidelineLink(id)),
            )),
        ),
      );
    }

    function markPanel(ids) {
      for (const node of panel.querySelectorAll(".panel-statement")) {
        const applies = ids.includes(node.id.slice("panel-".length));
        node.classList.toggle("panel-statement--applies", applies);
        node.querySelector(".panel-statement__badge").hidden = !applies;
      }
      for (const node of panel.querySelectorAll(".panel-section")) {
        node.classList.toggle("panel-section--applies", !!node.querySelector(".panel-statement--applies"));
      }
    }

    form.addEventListener("input", update);
    form.addEventListener("change", update);
    // The reset event fires before the form's values are cleared: update once they are.
    form.addEventListener("reset", () => queueMicrotask(() => requestAnimationFrame(update)));
    printButton.addEventListener("click", () => window.print());
    addEventListener("beforeprint", stampDate);
    // "See the results" moves focus to the results heading, so reading goes on from there.
    status.addEventListener("click", (event) => {
      if (!event.target.closest('a[href="#calculator-results"]')) return;
      event.preventDefault();
      const title = root.querySelector("#results-title");
      title.scrollIntoView({ block: "start" });
      title.focus({ preventScroll: true });
    });
    // An error link moves focus to its field (a fragment link alone only scrolls), question in view.
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a");
      const input = link && document.getElementById(link.hash.slice(1));
      if (!input) return;
      event.preventDefault();
      input.closest(".question").scrollIntoView({ block: "start" });
      input.focus({ preventScroll: true });
    });
    setStatus("loading", "Loading the calculator\u2026 ", el("progress", { ariaLabel: "Loading the calculator" }));
  }
})();

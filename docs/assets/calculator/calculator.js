// The calculator page: reads the generated form, asks the worker for an assessment on every
// answer, and shows it with the guideline's own statements from recommendations.json.
// No clinical rule lives here: the worker runs the decision module; this script only counts days
// from a date, collects answers and draws what the module returns.
// A classic script, not a module: from file:// a module would not run at all, and this one
// must say there why the calculator cannot work.
(() => {
  const DAY_MS = 86400000;

  const app = document.getElementById("calculator-app");
  if (app) start(app);

  // ARIA goes through attributes: not every browser reflects the aria* properties.
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key.startsWith("aria")) node.setAttribute(key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), value);
      else node[key] = value;
    }
    node.append(...children.filter((c) => c !== null && c !== undefined && c !== false));
    return node;
  }

  function plural(n, word) {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
  }

  // --- Collecting the answers -------------------------------------------------------------

  // Today as a date input holds it: midnight UTC of the local calendar day.
  function todayValue() {
    const now = new Date();
    return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  }

  function isoDay(ms) {
    return new Date(ms).toISOString().slice(0, 10);
  }

  function toNumber(raw) {
    return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }

  // The findings as the form holds them, and the titles of required questions still unanswered.
  // Radio values are JSON; typed numbers go as numbers and anything else as text, so the decision
  // module (not this script) says what is wrong with them.
  function collect(fields) {
    const findings = {};
    const missing = [];
    for (const field of fields) {
      const input = field.querySelector("input:checked") ?? field.querySelector("input.question__input");
      const raw = input ? input.value.trim() : "";
      if (raw === "") {
        if (field.dataset.required === "true") missing.push(field.dataset.title);
        continue;
      }
      findings[field.dataset.field] = input.type === "radio" ? JSON.parse(raw) : toNumber(raw);
    }
    return { findings, missing };
  }

  // --- Rendering ----------------------------------------------------------------------------

  function renderer(root, index) {
    const site = new URL(root.dataset.root, location.href);
    let unverifiedShown = false;

    // Each link's words come from the build's renderer of the pages (recommendations.json), not from here.
    function citeLinks(numbers) {
      if (!numbers.length) return null;
      const sup = el("sup", { className: "cite" });
      numbers.forEach((n, i) => {
        const ref = index.references[n];
        if (ref.unverified) unverifiedShown = true;
        const link = el("a", { href: new URL(ref.href, site).href, className: ref.unverified ? "cite-unverified" : "" }, ref.text);
        link.setAttribute("aria-label", ref.label);
        sup.append(i ? ", " : "", link);
      });
      return sup;
    }

    function cited(text, numbers) {
      return [text, numbers.length ? " " : null, citeLinks(numbers)];
    }

    function readingLinks(ids) {
      if (!ids.length) return null;
      const links = ids.map((id) =>
        el("a", { href: new URL(index.readings[id].url, site).href }, index.readings[id].title),
      );
      const span = el("span", { className: "reading-links" }, " (calculator's reading: ");
      links.forEach((link, i) => span.append(i ? "; " : "", link));
      span.append(")");
      return span;
    }

    function statementBlock(id) {
      const s = index.recommendations[id];
      const block = el("div", { className: "statement" }, el("p", {}, ...cited(s.text, s.citations)));
      if (s.items.length) block.append(el("ul", {}, ...s.items.map((i) => el("li", { className: "panel-item" }, el("strong", { className: "panel-item__badge", hidden: true }), ...cited(i.text, i.citations)))));
      return block;
    }

    function guidelineLink(id) {
      const s = index.recommendations[id];
      const url = new URL(s.url, site);
      url.search = "from=calculator";
      return el("a", { href: url.href, className: "statement-link" }, `Read in the guideline: ${s.section}`);
    }

    // A card line: the calculator's words, the citations of any guideline sentence it re-shows, the readings
    // its words rest on, and the statements it points to.
    function cardLine(line) {
      const statements = (line.statements ?? []).map(guidelineLink);
      // A line naming items of a source list comes in parts, each followed by its own citations.
      const words = line.parts ? line.parts.flatMap((part) => cited(part.text, part.citations)) : cited(line.text, line.citations ?? []);
      return [...words, readingLinks(line.readings), ...statements.flatMap((a) => [" ", a])];
    }

    function headline(a) {
      const h = a.headline;
      return el(
        "div",
        { className: `care-card care-card--${h.level} result-pathway result-pathway--${a.pathway}` },
        el(
          "h3",
          { className: "care-card__heading" },
          el("span", { className: "care-card__label" }, h.label),
          el("span", { className: "visually-hidden" }, ": "),
          el("span", { className: "care-card__title result-pathway__value" }, h.title),
        ),
        el(
          "div",
          { className: "care-card__content" },
          h.title_citations.length || h.title_readings.length
            ? el("p", { className: "care-card__title-sources" }, "Sources of the title:", ...cardLine({ text: "", citations: h.title_citations, readings: h.title_readings }))
            : null,
          el("p", { className: "care-card__findings" }, ...cardLine(h.findings)),
          el("p", { className: "care-card__now" }, "What to do now:"),
          el("ul", { className: "result-now" }, ...h.now.map((line) => el("li", {}, ...cardLine(line)))),
        ),
      );
    }

    // The day since onset against the source's day marks, drawn in CSS; the text says the same.
    // The scale ends a half past the last mark, so the marks never crowd; a later day sits at the end.
    function dayLine(t) {
      if (!t) return null;
      const end = Math.max(...t.marks.map((m) => m.day)) * 1.5;
      const at = (day) => Math.min(100, (day / end) * 100);
      const place = (node, day) => {
        const x = at(day);
        node.style.left = `${x.toFixed(1)}%`;
        if (x < 12) node.classList.add("day-line--start");
        if (x > 88) node.classList.add("day-line--end");
      };
      const drawn = el("div", { className: "day-line__track", ariaHidden: "true" });
      for (const mark of t.marks) {
        const tick = el("span", { className: "day-line__mark" }, el("span", {}, `day ${mark.day}`));
        place(tick, mark.day);
        drawn.append(tick);
      }
      const beyond = at(t.day) === 100 ? " \u2192" : "";
      const today = el("span", { className: "day-line__today" }, el("span", {}, `today: day ${t.day}${beyond}`));
      place(today, t.day);
      drawn.append(today);
      const text = el(
        "ul",
        { className: "day-line__text" },
        el("li", {}, el("strong", {}, `Today: day ${t.day} since onset.`)),
        ...t.marks.map((m) =>
          el("li", {}, ...cited(`Day ${m.day}: ${m.text}`, m.citations), readingLinks(m.readings), m.reached ? " - reached." : "."),
        ),
      );
      return el("section", { className: "day-line", ariaLabel: "Where the patient is on the guideline's timeline" }, drawn, text);
    }

    function recommendation(rec) {
      const entry = index.recommendations[rec.id];
      const item = el("li", { className: `result-rec result-rec--${rec.kind}`, id: `result-${rec.id}` });
      item.append(el("p", { className: "result-rec__reason" }, el("strong", {}, rec.reason), readingLinks(rec.readings)));
      if (rec.kind === "reading") {
        const reading = index.readings[entry.reading];
        item.append(
          el(
            "div",
            { className: "calculator-note" },
            el("p", {}, el("strong", {}, "Calculator's note, not a statement of the guideline: "), reading.reading),
            el("a", { href: new URL(reading.url, site).href, className: "statement-link" }, `How the calculator reads the guideline: ${reading.title}`),
          ),
        );
        return item;
      }
      // The button names the statement; opening it adds what the line does not hold (its citations, its
      // list, the link), so a screen reader does not hear the statement twice.
      const more = el(
        "div",
        { className: "result-rec__more statement", id: `result-${rec.id}-more`, hidden: true },
        entry.citations.length ? el("p", { className: "statement__cited" }, "Cited: ", citeLinks(entry.citations)) : null,
        entry.items.length ? el("ul", {}, ...entry.items.map((i) => el("li", {}, ...cited(i.text, i.citations)))) : null,
        guidelineLink(rec.id),
      );
      const toggle = el("button", { type: "button", className: "result-rec__toggle", ariaExpanded: "false" }, entry.text);
      toggle.setAttribute("aria-controls", more.id);
      item.append(toggle, more);
      return item;
    }

    function prognosis(p) {
      if (!p) return null;
      return el(
        "section",
        { className: "result-prognosis" },
        el("h3", {}, `Prognosis: dorsiflexion MRC grade ${p.dorsiflexion_mrc} of 5`),
        el("p", {}, p.introduction),
        el("ul", {}, ...p.statements.map((s) => el("li", {}, ...cited(s.text, s.citations)))),
      );
    }

    function assessment(a, findingsList) {
      unverifiedShown = false;
      const recs = el("ol", { className: "result-recs" }, ...a.recommendations.map(recommendation));
      const parts = [
        headline(a),
        dayLine(a.timeline),
        el("h3", {}, `Recommendations (${a.recommendations.length})`),
        el("p", { className: "results-hint" }, "Each opens to the guideline's full statement and list."),
        recs,
        prognosis(a.prognosis),
      ];
      if (unverifiedShown) parts.push(el("p", { className: "unverified-legend" }, index.unverified_legend));
      parts.push(findingsList);
      return parts.filter(Boolean);
    }

    function panel() {
      const sections = new Map();
      for (const [id, s] of Object.entries(index.recommendations)) {
        if (s.kind !== "guideline") continue;
        if (!sections.has(s.section)) sections.set(s.section, []);
        sections.get(s.section).push(id);
      }
      unverifiedShown = false;
      const nodes = [...sections].map(([section, ids]) =>
        el(
          "section",
          { className: "panel-section" },
          el("h3", {}, section),
          ...ids.map((id) =>
            el(
              "div",
              { className: "panel-statement", id: `panel-${id}` },
              el("strong", { className: "panel-statement__badge", hidden: true }),
              statementBlock(id),
              guidelineLink(id),
            ),
          ),
        ),
      );
      if (unverifiedShown) nodes.push(el("p", { className: "unverified-legend" }, index.unverified_legend));
      return nodes;
    }

    return { assessment, panel };
  }

  // --- Keeping the patient for the round trip into the guideline -----------------------------

  // Only this tab's session storage, and only for `minutes` after the last answer: Back, or the arrival
  // page's "Back to the calculator" link, brings the same answers back; "New patient", or the time running
  // out, forgets them. A page opened in another tab has its own, empty, session storage.
  function keeper(form, minutes) {
    const KEY = "calculator-answers";
    const limit = minutes * 60_000;
    let timer = 0;
    function read() {
      try {
        const kept = JSON.parse(sessionStorage.getItem(KEY));
        return kept && Date.now() - kept.at < limit ? kept : null;
      } catch {
        return null; // storage refused (private mode) or damaged: nothing kept
      }
    }
    function write(kept) {
      try {
        sessionStorage.setItem(KEY, JSON.stringify(kept));
      } catch {
        // Storage refused: the round trip starts empty, which is safe.
      }
    }
    function forget() {
      clearTimeout(timer);
      try {
        sessionStorage.removeItem(KEY);
      } catch {
        // Storage refused: nothing was kept.
      }
    }
    function expireIn(ms, onExpire) {
      clearTimeout(timer);
      timer = setTimeout(onExpire, ms);
    }
    return {
      read,
      forget,
      // The time left for kept answers, from when they were given (timers stop while a page sits in memory).
      expireFrom(kept, onExpire) {
        expireIn(limit - (Date.now() - kept.at), onExpire);
      },
      // Every answer: what the form holds now, by input, and the clock starts again.
      keep(onExpire) {
        const values = {};
        for (const input of form.querySelectorAll("input")) {
          if (input.type === "radio") {
            if (input.checked) values[input.id] = true;
          } else if (input.value) values[input.id] = input.value;
        }
        write({ at: Date.now(), values, scroll: scrollY });
        expireIn(limit, onExpire);
      },
      // Leaving the page: where the results were scrolled to, for the way back.
      remember() {
        const kept = read();
        if (kept) write({ ...kept, scroll: scrollY });
      },
      // Puts kept answers back in the form; the time left runs on.
      restore(kept, onExpire) {
        for (const [id, value] of Object.entries(kept.values)) {
          const input = document.getElementById(id);
          if (!input || !form.contains(input)) continue;
          if (input.type === "radio") input.checked = true;
          else input.value = value;
        }
        expireIn(limit - (Date.now() - kept.at), onExpire);
      },
    };
  }

  // --- Wiring the page ----------------------------------------------------------------------

  function start(root) {
    const form = root.querySelector("#calculator-form");
    const status = root.querySelector("#calculator-status");
    const results = root.querySelector("#calculator-results");
    const body = root.querySelector("#results-body");
    const panel = root.querySelector("#guideline-panel");
    const summary = root.querySelector("#error-summary");
    const printButton = root.querySelector("#calculator-print");
    const copyButton = root.querySelector("#calculator-copy");
    const copied = root.querySelector("#calculator-copied");
    const notesBox = root.querySelector("#calculator-notes-box");
    const notesText = root.querySelector("#calculator-notes");
    let siteIndex = null; // recommendations.json: the statements the notes quote
    const fields = [...form.querySelectorAll(".question")];
    const dateInputs = [...form.querySelectorAll("input[data-days-for]")];
    const site = new URL(root.dataset.root, location.href);
    const pdf = new URL(root.dataset.pdf, site).href;
    let render = null;
    let worker = null;
    let timer = 0;
    let restoreTimer = 0;
    // Restoring the snapshot once it has arrived takes 0.25 s here, 0.45 s with the CPU 4x slower; a
    // damaged one may trap (reported at once) or never finish: after this, a fresh worker boots.
    const RESTORE_LIMIT_MS = 10_000;
    let ready = false;
    let failed = false;
    let latest = 0; // the id of the newest request; a reply for an older one is dropped
    const kept = keeper(form, Number(root.dataset.keepMinutes));
    let pendingScroll = null; // where the results were when the page was left, for the way back
    // One load timeout, set in the stylesheet: its CSS-only "could not start" message uses it too.
    const loadTimeoutMs = parseFloat(getComputedStyle(status).getPropertyValue("--calculator-load-timeout")) * 1000;

    function setStatus(state, ...content) {
      root.dataset.state = state;
      status.className = `calculator-status calculator-status--${state}`;
      status.replaceChildren(el("p", { className: "calculator-status__text" }, ...content));
    }

    // Where the guideline is without the calculator: its pages and the PDF.
    const elsewhere = () => [
      el("a", { href: site.href }, "read the guideline"), " or the ", el("a", { href: pdf }, "PDF handout"), ".",
    ];

    function fail(why) {
      ready = false;
      failed = true;
      clearTimeout(timer);
      clearTimeout(restoreTimer);
      worker?.terminate();
      clearResults("The calculator could not load, so there are no results.");
      setStatus(
        "failed",
        el("strong", {}, "The calculator could not load. "),
        `Why: ${why.replace(/\.+$/, "")}. The guideline text does not need the calculator: `,
        ...elsewhere(),
      );
    }

    if (location.protocol === "file:") {
      // Browsers refuse the runtime's fetches from file://; the text and the PDF still work.
      setStatus(
        "unavailable",
        el("strong", {}, "The calculator needs the installed app or a served copy of this site. "),
        "Opened from a file, the browser blocks the files it runs on. The guideline pages work here, and so does the ",
        el("a", { href: pdf }, "PDF handout"),
        ".",
      );
      form.inert = true;
      return;
    }

    // No result to show: say why, and leave nothing of an earlier one to print or mark.
    function clearResults(message) {
      results.removeAttribute("aria-busy");
      printButton.hidden = true;
      hideNotes();
      markPanel([]);
      delete root.dataset.results;
      body.replaceChildren(el("p", { className: "results-pending" }, message));
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
      clearResults("Correct the problem above to see results.");
      setStatus("ready", el("strong", {}, "There is a problem with an answer: "), "see the list above the questions.");
    }

    function showFailure(why) {
      clearErrors();
      clearResults(`These findings could not be assessed (${why}). No result is shown: check the answers, or read the guideline.`);
      setStatus("ready", el("strong", {}, "These findings could not be assessed. "), "No result is shown.");
    }

    function showAssessment(a) {
      clearErrors();
      body.replaceChildren(...render.assessment(a, findingsAsEntered(a.findings)));
      results.removeAttribute("aria-busy");
      markPanel(a.panel);
      // One short sentence for screen readers and for a reader still among the questions.
      setStatus(
        "ready",
        "Result: ",
        el("strong", {}, `${a.headline.label}: ${a.headline.title}`),
        `. ${plural(a.recommendations.length, "recommendation")}. `,
        el("a", { href: "#calculator-results" }, "See the results"),
      );
      status.classList.add(`calculator-status--${a.headline.level}`);
      printButton.hidden = false;
      copyButton.hidden = false;
      stampDate();
      root.dataset.results = String(latest);
      if (pendingScroll !== null) scrollTo(0, pendingScroll);
      pendingScroll = null;
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

    // The module says how each statement is marked today, and which items of its list apply (null: all).
    function markPanel(entries) {
      const byId = new Map(entries.map((entry) => [entry.id, entry]));
      for (const node of panel.querySelectorAll(".panel-statement")) {
        const entry = byId.get(node.id.slice("panel-".length));
        const badge = node.querySelector(".panel-statement__badge");
        node.classList.toggle("panel-statement--applies", !!entry?.applies);
        node.classList.toggle("panel-statement--marked", !!entry);
        badge.hidden = !entry;
        badge.textContent = entry ? `${entry.mark}: ` : "";
        // Items are marked only in a list of conditions (items is a list): one that holds says so in words.
        node.querySelectorAll(".panel-item").forEach((item, i) => {
          const holds = !!entry?.items?.includes(i);
          const badge = item.querySelector(".panel-item__badge");
          item.classList.toggle("panel-item--applies", holds);
          badge.hidden = !holds;
          badge.textContent = holds ? (entry.applies ? "Applies: " : "Holds: ") : "";
        });
      }
      for (const node of panel.querySelectorAll(".panel-section")) {
        node.classList.toggle("panel-section--applies", !!node.querySelector(".panel-statement--applies"));
      }
    }

    // "Copy for the notes": the module writes the summary of the answers on screen (the same request id, so a
    // change meanwhile drops it); the clipboard takes it, or where the browser refuses, it stands selected in
    // a box to copy by hand.
    function copyNotes() {
      const about = { guideline: root.dataset.guideline, date: isoDay(todayValue()) };
      worker.postMessage({ id: latest, findings: collect(fields).findings, notes: { index: siteIndex, about } });
    }

    function showNotes(text) {
      Promise.resolve()
        .then(() => navigator.clipboard.writeText(text))
        .then(
          () => {
            notesBox.hidden = true;
            copied.textContent = "Copied for the notes: paste it into the record.";
          },
          () => {
            notesText.value = text;
            notesBox.hidden = false;
            copied.textContent = "The clipboard could not be used: the summary is selected below, to copy.";
            notesText.focus();
            notesText.select();
          },
        );
    }

    // A summary shown or said for earlier answers goes with them.
    function hideNotes() {
      copyButton.hidden = true;
      notesBox.hidden = true;
      notesText.value = "";
      copied.textContent = "";
    }

    // The time for this patient has run out (or "New patient"): nothing kept, an empty form.
    function newPatient() {
      kept.forget();
      form.reset();
    }

    function stampDate() {
      root.querySelector("#print-date").textContent = new Date().toLocaleString();
    }

    // Every change of the answers: the result on screen is for the old answers, so it goes at once;
    // errors stay until the next reply replaces them, so an error link does not move under a pointer.
    function update() {
      latest += 1;
      if (failed) return;
      const { findings, missing } = collect(fields);
      if (missing.length) {
        clearErrors();
        if (ready) setStatus("ready", `Calculator ready. Still to answer: ${missing.length} required.`);
        clearResults(`Results appear when every required question is answered. Still to answer: ${missing.join("; ")}.`);
        return;
      }
      if (!ready || !render) {
        clearResults("Results appear as soon as the calculator is ready.");
        return;
      }
      body.replaceChildren(el("p", { className: "results-pending" }, "Assessing these answers\u2026"));
      printButton.hidden = true;
      hideNotes();
      markPanel([]);
      delete root.dataset.results;
      results.setAttribute("aria-busy", "true");
      worker.postMessage({ id: latest, findings });
    }

    function onReply({ data }) {
      if (data.restoring) {
        restoreTimer = setTimeout(() => startWorker(`restoring it took more than ${RESTORE_LIMIT_MS / 1000} seconds`), RESTORE_LIMIT_MS);
        return;
      }
      if (data.failed && data.retry) return startWorker(data.failed);
      if (data.failed) return fail(data.failed);
      if (data.ready) {
        ready = true;
        clearTimeout(timer);
        clearTimeout(restoreTimer);
        performance.mark("calculator-ready", { detail: data.timings }); // where the start-up went
        root.dataset.python = data.timings.path; // "snapshot", or "boot" when it had to start without it
        setStatus("ready", "Calculator ready.");
        return update();
      }
      if (data.id !== latest) return; // newer answers are on their way
      if (data.notes !== undefined) return showNotes(data.notes);
      if (data.errors) showErrors(data.errors);
      else if (data.assessment) showAssessment(data.assessment);
      else showFailure(data.failure ?? "no answer from the calculator");
    }

    // After a failed start from the snapshot (`snapshotProblem`), once more: a fresh worker that boots.
    function startWorker(snapshotProblem = "") {
      const url = new URL(root.dataset.worker, site);
      const files = snapshotProblem ? ["wheel", "check"] : ["wheel", "snapshot", "check"];
      for (const file of files) url.searchParams.set(file, new URL(root.dataset[file], site).href);
      if (snapshotProblem) {
        console.warn("Starting Python without the snapshot:", snapshotProblem);
        worker.terminate();
      }
      clearTimeout(timer);
      clearTimeout(restoreTimer);
      // Slow is not failed: a first load on a slow connection goes on; only the worker's report of what
      // went wrong (or its script failing) is a failure, with its reason.
      timer = setTimeout(() => {
        const slow = "Still loading the calculator: the first load on a slow connection takes a while. ";
        setStatus("loading", slow, el("progress", { ariaLabel: "Loading the calculator" }), " Meanwhile, ", ...elsewhere());
      }, loadTimeoutMs);
      try {
        worker = new Worker(url, { type: "module" });
      } catch (error) {
        return fail(`its worker could not start (${error.message})`);
      }
      // A worker script that fails to load gives an error event with no message: ask the host why.
      worker.onerror = (event) => {
        if (event.message) return fail(event.message);
        fetch(url, { method: "HEAD", cache: "no-store" }).then(
          (response) => fail(response.ok ? "its worker script or a module it imports could not be loaded or run"
            : `its worker script could not be loaded (HTTP ${response.status} ${response.statusText})`.trim()),
          () => fail("its worker script could not be loaded (no connection)"),
        );
      };
      worker.onmessage = onReply;
    }

    function loadIndex() {
      fetch(new URL(root.dataset.index, site))
        .then((response) => {
          if (!response.ok) throw new Error(`recommendations index: HTTP ${response.status}`);
          return response.json();
        })
        .then((index) => {
          render = renderer(root, index);
          siteIndex = index;
          panel.replaceChildren(...render.panel());
          update();
        })
        .catch((error) => fail(error.message));
    }

    // A complete date of onset fills the day count (date arithmetic only), and both stay shown.
    // A cleared or future date takes back the count it gave; a count typed by hand clears the date.
    function onDate(input) {
      const days = root.querySelector(`#${input.dataset.daysFor}`);
      const said = root.querySelector(`#${input.id}-days`);
      const given = input.valueAsNumber;
      const n = Math.round((todayValue() - given) / DAY_MS);
      const most = Number(days.dataset.maximum);
      said.textContent = "";
      // Incomplete, in the future, or before the question's range (a year still being typed): no count.
      if (Number.isNaN(given) || n < 0 || n > most) {
        if (days.dataset.fromDate === "true") days.value = "";
        delete days.dataset.fromDate;
        if (n < 0) said.textContent = "This date is in the future: give the date the foot drop began.";
        if (n > most) said.textContent = `This date is more than ${most} days ago.`;
        return;
      }
      days.value = String(n);
      days.dataset.fromDate = "true";
      said.textContent = `Began on ${isoDay(given)}: day ${n} since onset (entered above).`;
    }

    function clearDate(daysInput) {
      delete daysInput.dataset.fromDate;
      for (const date of dateInputs.filter((d) => d.dataset.daysFor === daysInput.id)) {
        date.value = "";
        root.querySelector(`#${date.id}-days`).textContent = "";
      }
    }

    function wire() {
      // "input" fires once for every answer, a radio click included: one request per answer.
      // A date input fires it for each part typed; its "change" (a whole date, or none) counts.
      form.addEventListener("input", (event) => {
        if (event.target.matches("input[data-days-for]")) return;
        if (event.target.type === "text") clearDate(event.target);
        kept.keep(newPatient);
        update();
      });
      form.addEventListener("change", (event) => {
        if (!event.target.matches("input[data-days-for]")) return;
        onDate(event.target);
        kept.keep(newPatient);
        update();
      });
      // "New patient" forgets the kept answers at once; the reset below clears the form and the result.
      root.querySelector("#calculator-reset").addEventListener("click", () => kept.forget());
      // The reset event fires before the form's values are cleared: the result goes now (a reply
      // still on its way is for answers that are gone), the rest once the values are cleared.
      form.addEventListener("reset", () => {
        latest += 1;
        clearErrors();
        if (!failed) clearResults("Results appear when every required question is answered.");
        setTimeout(() => {
          form.querySelectorAll("input.question__input[type=text]").forEach(clearDate);
          update();
        }, 0);
      });
      results.addEventListener("click", (event) => {
        const toggle = event.target.closest(".result-rec__toggle");
        if (!toggle) return;
        const open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", String(open));
        root.querySelector(`#${toggle.getAttribute("aria-controls")}`).hidden = !open;
      });
      printButton.addEventListener("click", () => window.print());
      copyButton.addEventListener("click", copyNotes);
      // The browser may give this page back with answers of its own (from memory, or radio buttons, which
      // ignore autocomplete="off"): start from an empty form, then put back only what this tab kept, if it
      // is still fresh. A page kept whole in memory with its patient still fresh stays as it is.
      addEventListener("pageshow", (event) => {
        const fresh = kept.read();
        if (event.persisted && fresh) return kept.expireFrom(fresh, newPatient);
        if (!fresh) kept.forget();
        form.reset();
        if (!fresh) return;
        // After the reset's own clean-up (a task it queues), so the kept answers are not cleared with it.
        setTimeout(() => {
          kept.restore(fresh, newPatient);
          dateInputs.filter((date) => date.value).forEach(onDate);
          pendingScroll = fresh.scroll;
          update();
        }, 0);
      });
      addEventListener("pagehide", () => kept.remember());
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
    }

    setStatus("loading", "Loading the calculator\u2026 ", el("progress", { ariaLabel: "Loading the calculator" }));
    dateInputs.forEach((date) => date.setAttribute("max", isoDay(todayValue())));
    wire();
    // Once the page's own scripts (Material's bundle and the site's) have run: on two cores, Python's
    // start beside them slows both, and the page answers taps later. Not if the page failed meanwhile.
    const startPython = () => failed || startWorker();
    if (document.readyState === "loading") addEventListener("DOMContentLoaded", startPython, { once: true });
    else startPython();
    loadIndex();
  }
})();

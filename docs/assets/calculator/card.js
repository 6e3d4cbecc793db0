// The result: the care card, the day line, the recommendations, the prognosis and the legend of the
// reading marks, all drawn from what the module returns. No clinical rule lives here.
import { el } from "./dom.js";

export function cardRenderer(index, site, marks) {
  const { cited, citeLinks, readingMarks } = marks;

  function guidelineLink(id) {
    const s = index.recommendations[id];
    const url = new URL(s.url, site);
    url.search = "from=calculator";
    return el("a", { href: url.href, className: "statement-link" }, `Read in the guideline: ${s.section}`);
  }

  // A card line: the calculator's words, the citations of any guideline sentence it re-shows, the marks of
  // the readings its words rest on, and the statements it points to.
  function cardLine(line) {
    const statements = (line.statements ?? []).map(guidelineLink);
    // A line naming items of a source list comes in parts, each followed by its own citations.
    const words = line.parts ? line.parts.flatMap((part) => cited(part.text, part.citations)) : cited(line.text, line.citations ?? []);
    return [...words, readingMarks(line.readings), ...statements.flatMap((a) => [" ", a])];
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
        el("li", {}, ...cited(`Day ${m.day}: ${m.text}`, m.citations), readingMarks(m.readings), m.reached ? " - reached." : "."),
      ),
    );
    return el("section", { className: "day-line", ariaLabel: "Where the patient is on the guideline's timeline" }, drawn, text);
  }

  function recommendation(rec) {
    const entry = index.recommendations[rec.id];
    const item = el("li", { className: `result-rec result-rec--${rec.kind}`, id: `result-${rec.id}` });
    item.append(el("p", { className: "result-rec__reason" }, el("strong", {}, rec.reason), readingMarks(rec.readings)));
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

  // The result's nodes, in the order the module's summary for the notes gives them.
  function assessment(a) {
    marks.start(a.reading_marks);
    const parts = [
      headline(a),
      dayLine(a.timeline),
      el("h3", {}, `Recommendations (${a.recommendations.length})`),
      el("p", { className: "results-hint" }, "Each opens to the guideline's full statement and list."),
      el("ol", { className: "result-recs" }, ...a.recommendations.map(recommendation)),
      prognosis(a.prognosis),
    ];
    return [...parts, marks.legend(), marks.unverifiedLegend()].filter(Boolean);
  }

  return { assessment, guidelineLink };
}

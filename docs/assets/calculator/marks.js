// The marks beside a line: the citation numbers of the guideline sentence it re-shows, and the short
// reading marks (R1, R2, ...) of the calculator's readings it rests on. The module numbers the readings
// (assessment.reading_marks), so the screen, the printout and the notes mark a reading alike; the words
// of every link come from the build's renderer of the pages (recommendations.json), not from here.
import { el } from "./dom.js";

export function marker(index, site) {
  let unverifiedShown = false;
  let order = [];

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

  const markOf = (id) => `R${order.indexOf(id) + 1}`;

  // Said as "calculator's reading R1", so a screen reader never takes it for a citation; the legend names it.
  function readingMarks(ids) {
    if (!ids.length) return null;
    // In ascending order, like citation numbers; apart by their own width (a touch target each), not by commas.
    // The legend's entry describes each, so a screen reader can have the reading's title too.
    const links = [...new Set(ids)].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((id) =>
      el("a", {
        href: new URL(index.readings[id].url, site).href,
        className: "reading-mark",
        ariaLabel: `calculator's reading ${markOf(id)}`,
        ariaDescribedby: `reading-legend-${markOf(id)}`,
      }, markOf(id)),
    );
    return el("sup", { className: "reading-marks" }, " ", ...links);
  }

  // Once, under the results: each mark with the reading's full title, linking to its entry.
  function legend() {
    if (!order.length) return null;
    return el(
      "section",
      { className: "reading-legend", ariaLabelledby: "reading-legend-title" },
      el("h3", { id: "reading-legend-title" }, "The calculator's readings"),
      el("p", {}, "Lines marked R1, R2\u2026 rest on these readings of the guideline: the calculator's own, not the guideline's words."),
      el("ul", {}, ...order.map((id) =>
        el("li", { id: `reading-legend-${markOf(id)}` }, el("strong", {}, `${markOf(id)}: `), el("a", { href: new URL(index.readings[id].url, site).href }, index.readings[id].title)),
      )),
    );
  }

  return {
    citeLinks,
    cited,
    readingMarks,
    legend,
    // A new assessment: its reading order, and no dagger shown yet.
    start(readingOrder = []) {
      order = readingOrder;
      unverifiedShown = false;
    },
    unverifiedLegend: () => (unverifiedShown ? el("p", { className: "unverified-legend" }, index.unverified_legend) : null),
  };
}

// The questions stay where they are on screen while what lies above them changes: the status line gaining
// or losing a line as a result comes or goes, the error summary, an error under an earlier question.
// Otherwise they would move under a finger about to tap, and the tap would choose the answer beside the one
// meant. Chromium and Firefox do this themselves (CSS scroll anchoring); WebKit (Safari, and every browser
// on an iPad) does not, so there `steadied` does as they do, for the calculator's own changes.
const native = CSS.supports("overflow-anchor", "auto");

// `change` wrapped: the first thing a finger taps (a choice, a box) not yet scrolled past stays at the same
// place on screen. Only while the top of the calculator is scrolled past: above it, the anchor a native
// engine picks lies outside the calculator and does not move.
export function steadied(root, change) {
  if (native) return change;
  const targets = [...root.querySelectorAll(".question .choice, .question .question__input")];
  return (...args) => {
    const anchor = root.getBoundingClientRect().top < 0 && targets.find((t) => t.getBoundingClientRect().bottom > 0);
    const before = anchor && anchor.getBoundingClientRect().top;
    try {
      return change(...args);
    } finally {
      if (anchor) scrollBy(0, anchor.getBoundingClientRect().top - before);
    }
  };
}

// The questions stay where they are on screen while what lies above them changes: the status line gaining
// or losing a line as a result comes or goes, the error summary, an error under an earlier question.
// Otherwise they would move under a finger about to tap, and the tap would choose the answer beside the one
// meant. Chromium and Firefox do this themselves (CSS scroll anchoring); WebKit (Safari, and every browser
// on an iPad) does not, so there `steadied` does as they do, for the calculator's own changes.
const native = CSS.supports("overflow-anchor", "auto");

// `change` wrapped: the first question not yet scrolled past stays at the same place on screen. Only
// while the top of the calculator is scrolled past, as there the anchor a native engine picks is a
// question too; not when the change scrolled the page itself (the way back to where the reader was).
export function steadied(root, fields, change) {
  if (native) return change;
  return (...args) => {
    const scrolled = scrollY;
    const anchor = root.getBoundingClientRect().top < 0 && fields.find((f) => f.getBoundingClientRect().bottom > 0);
    const before = anchor && anchor.getBoundingClientRect().top;
    const result = change(...args);
    if (anchor && scrollY === scrolled) scrollBy(0, anchor.getBoundingClientRect().top - before);
    return result;
  };
}

// The status line stays in view (sticky) only while the results are out of view: it stands for them among
// the questions, and with the results in view it would lie over the card's title and first line.
export function keepStatusOffResults(root, results) {
  const watch = new IntersectionObserver(([entry]) => {
    root.classList.toggle("calculator--results-in-view", entry.isIntersecting);
  });
  watch.observe(results);
}

// The status line stays in view (sticky) only while the results are out of view: it stands for them among
// the questions, and with the results in view it would lie over the card's title and first line.
export function keepStatusOffResults(root, results) {
  // One call may bring several entries for the results, oldest first: the last is how they are now.
  const watch = new IntersectionObserver((entries) => {
    root.classList.toggle("calculator--results-in-view", entries.at(-1).isIntersecting);
  });
  watch.observe(results);
}

// The calculator page's entry. A classic script, not a module: from file:// a browser refuses module
// scripts (and the runtime's fetches) without a word on the page, so this one runs there to say why the
// calculator cannot work. Served, it loads the app: ES modules, app.js and what it imports, one per job.
(() => {
  const root = document.getElementById("calculator-app");
  if (!root) return;
  const status = root.querySelector("#calculator-status");
  const pdf = new URL(root.dataset.pdf, new URL(root.dataset.root, location.href)).href;

  function say(state, strong, ...rest) {
    root.dataset.state = state;
    status.className = `calculator-status calculator-status--${state}`;
    const text = document.createElement("p");
    const lead = document.createElement("strong");
    lead.textContent = strong;
    const link = document.createElement("a");
    link.href = pdf;
    link.textContent = "PDF handout";
    text.append(lead, ...rest, link, ".");
    status.replaceChildren(text);
  }

  if (location.protocol === "file:") {
    say(
      "unavailable",
      "The calculator needs the installed app or a served copy of this site. ",
      "Opened from a file, the browser blocks the files it runs on. The guideline pages work here, and so does the ",
    );
    root.querySelector("#calculator-form").inert = true;
    return;
  }
  // Answers given before the app has loaded are the clinician's: the app keeps them rather than reset the form.
  let answered = false;
  const early = () => { answered = true; };
  root.addEventListener("input", early);
  root.addEventListener("change", early);
  const failed = (error) => say("failed", "The calculator could not load. ", `Why: ${error.message}. The guideline text does not need the calculator: its pages are in the navigation, and so is the `);
  import(new URL("app.js", document.currentScript.src).href)
    .then((app) => {
      root.removeEventListener("input", early);
      root.removeEventListener("change", early);
      app.start(root, answered);
    })
    .catch(failed);
})();

// Keeping the patient for the round trip into the guideline. Only this tab's session storage, and only
// for `minutes` after the last answer: Back, or the arrival page's "Back to the calculator" link, brings
// the same answers back; "New patient", or the time running out (`onExpire`), forgets them. A page opened
// in another tab has its own, empty, session storage.

const KEY = "calculator-answers";

export function keeper(form, minutes, onExpire) {
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

  // The time left for kept answers runs from when they were given (timers stop while a page sits in memory).
  function expireFrom(kept) {
    clearTimeout(timer);
    timer = setTimeout(onExpire, limit - (Date.now() - kept.at));
  }

  return {
    read,
    forget,
    expireFrom,
    // Every answer: what the form holds now, by input, and the clock starts again.
    keep() {
      const values = {};
      for (const input of form.querySelectorAll("input")) {
        if (input.type === "radio") {
          if (input.checked) values[input.id] = true;
        } else if (input.value) values[input.id] = input.value;
      }
      const kept = { at: Date.now(), values, scroll: scrollY };
      write(kept);
      expireFrom(kept);
    },
    // Leaving the page: where the results were scrolled to, for the way back.
    remember() {
      const kept = read();
      if (kept) write({ ...kept, scroll: scrollY });
    },
    // Puts kept answers back in the form; the time left runs on.
    restore(kept) {
      for (const [id, value] of Object.entries(kept.values)) {
        const input = document.getElementById(id);
        if (!input || !form.contains(input)) continue;
        if (input.type === "radio") input.checked = true;
        else input.value = value;
      }
      expireFrom(kept);
    },
  };
}

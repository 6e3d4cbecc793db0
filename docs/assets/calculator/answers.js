// Collecting the answers: what the form holds, as findings for the decision module, and the day count
// from a date of onset (date arithmetic only; no clinical rule lives here).

const DAY_MS = 86400000;

// Today as a date input holds it: midnight UTC of the local calendar day.
export function todayValue() {
  const now = new Date();
  return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
}

export function isoDay(ms) {
  return new Date(ms).toISOString().slice(0, 10);
}

function toNumber(raw) {
  return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

// The findings as the form holds them, and the titles of required questions still unanswered.
// Radio values are JSON; typed numbers go as numbers and anything else as text, so the decision
// module (not this script) says what is wrong with them.
export function collect(fields) {
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

// The date inputs that fill a day count: a complete date of onset fills it, and both stay shown.
// A cleared or future date takes back the count it gave; a count typed by hand clears the date.
export function onsetDates(form) {
  const inputs = [...form.querySelectorAll("input[data-days-for]")];
  inputs.forEach((date) => date.setAttribute("max", isoDay(todayValue())));
  const saying = (input) => form.querySelector(`#${input.id}-days`);

  function fill(input) {
    const days = form.querySelector(`#${input.dataset.daysFor}`);
    const said = saying(input);
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

  function clearFor(daysInput) {
    delete daysInput.dataset.fromDate;
    for (const date of inputs.filter((d) => d.dataset.daysFor === daysInput.id)) {
      date.value = "";
      saying(date).textContent = "";
    }
  }

  return {
    fill,
    clearFor,
    // After answers come back into the form: each date given says its count again.
    refill: () => inputs.filter((date) => date.value).forEach(fill),
    clearAll: () => form.querySelectorAll("input.question__input[type=text]").forEach(clearFor),
  };
}

// The summary for the notes, which the module writes with each assessment: "Copy for the notes" puts it on
// the clipboard (or, where the browser refuses, it stands selected in a box to copy by hand), and the
// printout is that same text.
import { el } from "./dom.js";

export function notesControls(root) {
  const copyButton = root.querySelector("#calculator-copy");
  const printButton = root.querySelector("#calculator-print");
  const copied = root.querySelector("#calculator-copied");
  const box = root.querySelector("#calculator-notes-box");
  const text = root.querySelector("#calculator-notes");
  const printout = root.querySelector("#calculator-printout");
  let current = "";

  function refused(summary) {
    text.value = summary;
    box.hidden = false;
    copied.textContent = "The clipboard could not be used: the summary is selected below, to copy.";
    text.focus();
    text.select();
  }

  // Called in the click itself: WebKit lets a page write to the clipboard only while handling the gesture.
  function copy() {
    const summary = current; // the text of the click, whatever changes before the browser answers
    let writing;
    try {
      writing = navigator.clipboard.writeText(summary);
    } catch (error) {
      writing = Promise.reject(error); // no clipboard at all (an insecure context)
    }
    writing.then(() => {
      box.hidden = true;
      copied.textContent = "Copied for the notes: paste it into the record.";
    }, () => refused(summary));
  }

  copyButton.addEventListener("click", copy);
  printButton.addEventListener("click", () => window.print());

  return {
    show(notes) {
      current = notes;
      // On paper the result line stands out (the same words, bold and larger), so an emergency cannot be missed.
      printout.replaceChildren(...notes.split(/(?<=\n)/).map((line) =>
        line.startsWith("Result (") ? el("strong", { className: "calculator-printout__result" }, line) : line));
      copyButton.hidden = false;
      printButton.hidden = false;
    },
    // A summary shown or said for earlier answers goes with them.
    hide() {
      current = "";
      printout.textContent = "";
      copyButton.hidden = true;
      printButton.hidden = true;
      box.hidden = true;
      text.value = "";
      copied.textContent = "";
    },
  };
}

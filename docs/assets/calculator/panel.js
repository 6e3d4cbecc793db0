// The guideline's recommendations beside the form, each statement with its list; the module says how
// each is marked for the answers on screen (PanelEntry: its mark, whether it applies, which items hold).
import { el } from "./dom.js";

export function guidelinePanel(node, index, marks, guidelineLink) {
  function statementBlock(id) {
    const { cited } = marks;
    const s = index.recommendations[id];
    const block = el("div", { className: "statement" }, el("p", {}, ...cited(s.text, s.citations)));
    if (s.items.length) {
      const item = (i) => el("li", { className: "panel-item" }, el("strong", { className: "panel-item__badge", hidden: true }), ...cited(i.text, i.citations));
      block.append(el("ul", {}, ...s.items.map(item)));
    }
    return block;
  }

  function draw() {
    const sections = new Map();
    for (const [id, s] of Object.entries(index.recommendations)) {
      if (s.kind !== "guideline") continue;
      if (!sections.has(s.section)) sections.set(s.section, []);
      sections.get(s.section).push(id);
    }
    marks.start();
    const nodes = [...sections].map(([section, ids]) =>
      el(
        "section",
        { className: "panel-section" },
        el("h3", {}, section),
        ...ids.map((id) =>
          el(
            "div",
            { className: "panel-statement", id: `panel-${id}` },
            el("strong", { className: "panel-statement__badge", hidden: true }),
            statementBlock(id),
            guidelineLink(id),
          ),
        ),
      ),
    );
    node.replaceChildren(...nodes, marks.unverifiedLegend() ?? "");
  }

  // Items are marked only in a list of conditions (items is a list): one that holds says so in words.
  function mark(entries) {
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    for (const statement of node.querySelectorAll(".panel-statement")) {
      const entry = byId.get(statement.id.slice("panel-".length));
      const badge = statement.querySelector(".panel-statement__badge");
      statement.classList.toggle("panel-statement--applies", !!entry?.applies);
      statement.classList.toggle("panel-statement--marked", !!entry);
      badge.hidden = !entry;
      badge.textContent = entry ? `${entry.mark}: ` : "";
      statement.querySelectorAll(".panel-item").forEach((item, i) => {
        const holds = !!entry?.items?.includes(i);
        const itemBadge = item.querySelector(".panel-item__badge");
        item.classList.toggle("panel-item--applies", holds);
        itemBadge.hidden = !holds;
        itemBadge.textContent = holds ? (entry.applies ? "Applies: " : "Holds: ") : "";
      });
    }
    for (const section of node.querySelectorAll(".panel-section")) {
      section.classList.toggle("panel-section--applies", !!section.querySelector(".panel-statement--applies"));
    }
  }

  draw();
  return { mark };
}

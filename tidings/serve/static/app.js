// Tidings: a little progressive enhancement. The pages work without it.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  // "/" focuses the search box, as on many sites.
  const search = document.querySelector("header.top input[type=search]");
  document.addEventListener("keydown", (event) => {
    const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName);
    if (event.key === "/" && !typing && search) {
      event.preventDefault();
      search.focus();
    }
  });

  // Filter forms send only the fields that are filled, so links stay short and shareable.
  for (const form of document.querySelectorAll("form.filters")) {
    form.addEventListener("submit", () => {
      for (const field of form.querySelectorAll("input, select")) {
        if (field.type !== "hidden" && field.type !== "checkbox" && field.value === "") {
          field.disabled = true;
        }
      }
    });
  }

  // Filter selects apply at once on the timeline.
  const filters = document.getElementById("filters");
  if (filters) {
    for (const select of filters.querySelectorAll("select")) {
      select.addEventListener("change", () => filters.requestSubmit());
    }
  }

  // On an article page, bring the first marked evidence into view.
  const full = document.querySelector(".article-text.full mark");
  if (full) {
    full.scrollIntoView({ block: "center" });
  }

  // Opening a report's whole article scrolls to its evidence.
  for (const details of document.querySelectorAll("details.full-text")) {
    details.addEventListener("toggle", () => {
      const mark = details.querySelector("mark");
      if (details.open && mark) {
        mark.scrollIntoView({ block: "center", behavior: "smooth" });
      }
    });
  }

  // A tooltip that follows the pointer over chart bars and map points (SVG <title> is slow).
  const tip = document.createElement("div");
  tip.className = "tip";
  tip.hidden = true;
  document.body.appendChild(tip);
  for (const node of document.querySelectorAll("svg rect.bar, svg circle.intensity-dot, svg a.place circle")) {
    const title = node.querySelector("title");
    if (!title) continue;
    node.addEventListener("mousemove", (event) => {
      tip.textContent = title.textContent;
      tip.hidden = false;
      tip.style.left = `${event.pageX + 12}px`;
      tip.style.top = `${event.pageY + 12}px`;
    });
    node.addEventListener("mouseleave", () => { tip.hidden = true; });
  }

  // Actor fields suggest actors by any name they go by; picking one filters on its id.
  for (const input of document.querySelectorAll("input[data-suggest=actor]")) {
    const form = input.form;
    const list = document.getElementById("actor-suggestions");
    if (!form || !list) continue;
    const chosen = () => form.querySelector("input[type=hidden][name=actor]");
    let timer = 0;
    let asked = 0;
    input.addEventListener("input", () => {
      const held = chosen();
      if (held) held.remove(); // a name typed anew is resolved again
      clearTimeout(timer);
      const text = input.value.trim();
      if (!text) { list.hidden = true; return; }
      timer = setTimeout(async () => {
        const mine = ++asked;
        const response = await fetch(`/api/actor-suggestions?q=${encodeURIComponent(text)}`);
        if (!response.ok || mine !== asked) return;
        const found = await response.json();
        list.replaceChildren();
        for (const actor of found.items) {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.type = "button";
          button.className = "suggestion";
          button.dataset.id = actor.id;
          const detail = [actor.alias !== actor.name ? actor.alias : null, actor.kind, actor.country]
            .filter(Boolean).join(" · ");
          button.textContent = detail ? `${actor.name} (${detail})` : actor.name;
          button.addEventListener("click", () => {
            if (input.name === "actor") { // the field itself holds the id (the timeline)
              input.value = actor.id;
              list.hidden = true;
              form.requestSubmit();
              return;
            }
            const hidden = document.createElement("input");
            hidden.type = "hidden";
            hidden.name = "actor";
            hidden.value = actor.id;
            form.appendChild(hidden);
            input.value = actor.name;
            input.disabled = true; // the id filters; the name is only shown
            list.hidden = true;
            form.requestSubmit();
          });
          item.appendChild(button);
          list.appendChild(item);
        }
        list.hidden = found.items.length === 0;
      }, 150);
    });
  }
});

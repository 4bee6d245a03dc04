// Casebook portal's JavaScript: "Copy" buttons on "Cite this", and clean filter URLs.
// Everything works without it; the buttons stay hidden when it does not run, and the
// server redirects a URL with empty parameters to the clean one.
"use strict";

// GET forms (filters, search) leave their empty fields out of the URL, so a shared
// link reads "?topic=distillation", not "?party=&topic=distillation&date_from=".
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "get") {
    return;
  }
  const params = new URLSearchParams();
  for (const [name, value] of new FormData(form, event.submitter)) {
    if (value !== "") {
      params.append(name, value);
    }
  }
  event.preventDefault();
  const url = new URL(form.action);
  url.search = params.toString();
  window.location.assign(url.href);
});

document.addEventListener("DOMContentLoaded", () => {
  if (!navigator.clipboard) {
    return;
  }
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const target = document.getElementById(button.dataset.copy);
    if (!target) {
      continue;
    }
    const label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(target.value);
        button.textContent = "Copied";
      } catch {
        target.select();
        button.textContent = "Press Ctrl+C to copy";
      }
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
});

// Pickers (casebook/portal/pickers.py): a text input where a party's, case's or allegation's
// slug is typed. As the reader types, suggest matches from the API (its name filter, part of
// a word matches); choosing one puts its slug in the input. Without this the input still
// takes a slug typed by hand, found through the hint's link.
const SUGGEST_DELAY_MS = 200;
const SUGGEST_MIN_CHARS = 2;

function pickerList(input) {
  const list = document.createElement("ul");
  list.className = "picker-suggestions";
  list.id = `${input.id}_suggestions`;
  list.setAttribute("role", "listbox");
  list.hidden = true;
  input.after(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  return list;
}

function showSuggestions(input, list, rows) {
  list.replaceChildren();
  const labelField = input.dataset.suggestLabel;
  for (const row of rows) {
    const item = document.createElement("li");
    item.setAttribute("role", "option");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "picker-option";
    button.dataset.slug = row.slug;
    button.textContent = `${row[labelField]} (${row.slug})`;
    button.addEventListener("click", () => {
      input.value = row.slug;
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.focus();
    });
    item.append(button);
    list.append(item);
  }
  list.hidden = rows.length === 0;
  input.setAttribute("aria-expanded", String(rows.length > 0));
}

function attachPicker(input) {
  const list = pickerList(input);
  let timer = null;
  let asked = "";
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < SUGGEST_MIN_CHARS) {
      showSuggestions(input, list, []);
      return;
    }
    timer = setTimeout(async () => {
      asked = text;
      try {
        const response = await fetch(input.dataset.suggest + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
        });
        if (!response.ok || asked !== text) {
          return;
        }
        const answer = await response.json();
        showSuggestions(input, list, answer.results || []);
      } catch {
        showSuggestions(input, list, []);
      }
    }, SUGGEST_DELAY_MS);
  });
  document.addEventListener("click", (event) => {
    if (!list.hidden && event.target !== input && !list.contains(event.target)) {
      showSuggestions(input, list, []);
    }
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      showSuggestions(input, list, []);
    } else if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      list.querySelector("button")?.focus();
    }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  for (const input of document.querySelectorAll("input[data-suggest]")) {
    if (input.id) {
      attachPicker(input);
    }
  }
});

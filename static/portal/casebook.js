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

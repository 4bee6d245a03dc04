// Casebook portal's JavaScript: "Copy" buttons on "Cite this", and clean filter URLs.
// Everything works without it; the buttons stay hidden when it does not run, and the
// server redirects a URL with empty parameters to the clean one.
"use strict";

// GET forms (filters, search) leave their empty fields out of the URL, so a shared
// link reads "?topic=distillation", not "?party=&topic=distillation&date_from=".
document.addEventListener("formdata", (event) => {
  if ((event.target.method || "get").toLowerCase() !== "get") {
    return;
  }
  const entries = [...event.formData.entries()];
  for (const [name] of entries) {
    event.formData.delete(name);
  }
  for (const [name, value] of entries) {
    if (value !== "") {
      event.formData.append(name, value);
    }
  }
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

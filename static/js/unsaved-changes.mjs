// Warn before leaving a form with unsaved changes (forms marked data-warn-unsaved).
// Progressive enhancement: without JavaScript the form works the same, just without the warning.
for (const form of document.querySelectorAll("form[data-warn-unsaved]")) {
  let dirty = false;
  const markDirty = () => {
    dirty = true;
  };
  form.addEventListener("input", markDirty);
  form.addEventListener("change", markDirty);
  form.addEventListener("submit", () => {
    dirty = false;
  });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      // Browsers show their own wording; preventDefault is what asks them to.
      event.preventDefault();
    }
  });
}

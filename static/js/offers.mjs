// Print buttons: shown only when JavaScript can print; without it, the browser's own print works.
for (const button of document.querySelectorAll(".portal-print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

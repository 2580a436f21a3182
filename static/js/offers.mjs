// Print buttons: shown only when JavaScript can print; without it, the browser's own print works.
for (const button of document.querySelectorAll(".portal-print-button")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// Share buttons: only where the browser can share (phones, mostly); the email link is always there.
for (const button of document.querySelectorAll(".portal-share-button")) {
  if (!navigator.share) continue;
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.share({ title: button.dataset.title, url: window.location.href }).catch(() => {});
  });
}

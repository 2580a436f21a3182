// "Use my location": the browser's position instead of a postcode. Without JavaScript or
// geolocation the button stays hidden and the postcode box does the job.
const group = document.querySelector("[data-hubs-use-location]");

if (group && "geolocation" in navigator) {
  const button = group.querySelector("button[type=button]");
  const form = group.closest("form");
  const label = button.textContent;
  button.hidden = false;
  button.addEventListener("click", () => {
    button.disabled = true;
    button.textContent = "Finding your location…";
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        const url = new URL(form.action, window.location.href);
        url.search = new URLSearchParams({ lat: coords.latitude.toFixed(5), lng: coords.longitude.toFixed(5) });
        window.location.assign(url);
      },
      () => {
        button.disabled = false;
        button.textContent = label;
        if (!group.nextElementSibling?.matches("[data-hubs-location-error]")) {
          const message = document.createElement("p");
          message.className = "govuk-body";
          message.dataset.hubsLocationError = "";
          message.setAttribute("role", "status");
          message.textContent = "We could not find your location. Enter your postcode instead.";
          group.after(message);
        }
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  });
}

// The map above the hub directory: an enhancement of the list, which says everything the
// map does. Shown only when the page has a tile server (MAP_TILE_URL) and JavaScript runs.
import * as L from "../dist/leaflet/leaflet-src.esm.js";

const container = document.querySelector("[data-hubs-map]");
const items = [...document.querySelectorAll("[data-hub-lat]")];

if (container && items.length) {
  container.hidden = false;
  const map = L.map(container, { scrollWheelZoom: false });
  L.tileLayer(container.dataset.tileUrl, { attribution: container.dataset.attribution, maxZoom: 18 }).addTo(map);
  const points = items.map((item) => {
    const point = [Number(item.dataset.hubLat), Number(item.dataset.hubLng)];
    const link = document.createElement("a");
    link.href = item.dataset.hubUrl;
    link.textContent = item.dataset.hubName;
    link.className = "govuk-link";
    L.circleMarker(point, { radius: 9, color: "#1d5c63", weight: 3, fillOpacity: 0.6 }).bindPopup(link).addTo(map);
    return point;
  });
  map.fitBounds(points, { padding: [30, 30], maxZoom: 14 });
}

"""The staff edit form for hubs: every field of the model except the system ones."""

from hubs.models import Hub
from startforlife.staff_forms import ItemForm


class HubForm(ItemForm):
    groups = [
        ("About the hub", ["name", "slug", "kind", "description"]),
        ("Where it is", ["address", "postcode", "latitude", "longitude", "bus_routes", "getting_there"]),
        ("Contact details", ["phone", "email"]),
        ("Photo", ["photo", "photo_alt_text"]),
        ("What is there", ["facilities", "activities"]),
        ("When parents see it", ["visible_from", "visible_until"]),
    ]

    class Meta(ItemForm.Meta):
        model = Hub

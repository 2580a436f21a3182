"""The staff edit form for hubs: every field of the model except the system ones."""

from hubs.models import Hub
from startforlife.staff_forms import ItemForm


class HubForm(ItemForm):
    class Meta(ItemForm.Meta):
        model = Hub

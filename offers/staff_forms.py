"""The staff edit form for services: every field of the model except the system ones."""

from offers.models import Service
from startforlife.staff_forms import ItemForm


class ServiceForm(ItemForm):
    class Meta(ItemForm.Meta):
        model = Service

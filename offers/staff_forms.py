"""The staff edit form for services: every field of the model except the system ones."""

from offers.models import Service, ServiceStatus
from startforlife.staff_forms import ItemForm


class ServiceForm(ItemForm):
    groups = [
        ("About the service", ["name", "slug", "summary", "description", "tier", "category"]),
        ("Who it is for", ["stages", "needs", "audiences", "eligibility", "min_age_months", "max_age_months"]),
        ("How parents get it", ["access_routes", "delivery_ways", "hubs", "schedule", "is_free", "cost"]),
        ("Languages and accessibility", ["languages", "accessibility", "bsl"]),
        ("Contact details", ["phone", "text_phone", "email", "website"]),
        ("Is it running?", ["status", "status_message"]),
        ("When parents see it", ["visible_from", "visible_until"]),
    ]

    class Meta(ItemForm.Meta):
        model = Service
        labels = {"bsl": "British Sign Language (BSL)", "is_free": "It is free", "text_phone": "Number to text"}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ServiceStatus.TEMPORARILY_CLOSED and not cleaned.get("status_message"):
            self.add_error("status_message", "Enter why it is closed and when it will be back")
        youngest, oldest = cleaned.get("min_age_months"), cleaned.get("max_age_months")
        if youngest is not None and oldest is not None and oldest < youngest:
            self.add_error("max_age_months", "Oldest age must be the same as or older than the youngest age")
        return cleaned

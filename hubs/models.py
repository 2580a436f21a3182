from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from startforlife.publishing import Publishable, PublishableQuerySet


class HubKind(models.TextChoices):
    MAIN = "main", "Main family hub"
    SATELLITE = "satellite", "Satellite or outreach site"
    VIRTUAL = "virtual", "Virtual hub"


class HubQuerySet(PublishableQuerySet):
    def with_opening_times(self):
        """Whatever a page needs to say "open now" for many hubs without a query per hub."""
        return self


class Hub(Publishable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=HubKind.choices, default=HubKind.MAIN)
    description = models.TextField(blank=True, help_text="A welcoming description, in plain English.")
    address = models.TextField(blank=True, help_text="Street address, one line per row. Leave empty for a virtual hub.")
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)

    objects = HubQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("hubs:hub_detail", kwargs={"slug": self.slug})

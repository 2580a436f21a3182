from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from startforlife.publishing import Publishable, PublishableQuerySet


class Tier(models.TextChoices):
    UNIVERSAL = "universal", "Universal"
    UNIVERSAL_PLUS = "universal_plus", "Universal+"


class ServiceQuerySet(PublishableQuerySet):
    pass


class Service(Publishable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=300, help_text="One plain-English sentence: what it is and who it is for.")
    description = models.TextField(blank=True)
    tier = models.CharField(max_length=20, choices=Tier.choices, default=Tier.UNIVERSAL_PLUS)
    hubs = models.ManyToManyField("hubs.Hub", blank=True, related_name="services")

    objects = ServiceQuerySet.as_manager()
    # Every saved version, kept for ever: who, when, what (the staff workspace shows and restores them).
    history = HistoricalRecords(m2m_fields=[hubs])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("offers:service_detail", kwargs={"slug": self.slug})

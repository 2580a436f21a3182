"""Factories that rely only on the core fields of Service and Hub, so they keep working
while the offers and hubs apps add fields of their own."""

import datetime as dt

import factory
from django.utils import timezone

from hubs.models import Hub, HubKind, Session
from offers.models import Service, Tier
from startforlife.publishing import PublicationState


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"Test Family Hub {n}")
    slug = factory.Sequence(lambda n: f"test-family-hub-{n}")
    kind = HubKind.MAIN
    description = "A welcoming place for families."
    address = "1 High Street\nBrackenford"
    postcode = "BF1 1AA"
    phone = "01632 960000"
    email = "hub@brackenford.example"
    publication_state = PublicationState.PUBLISHED
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test service {n}")
    slug = factory.Sequence(lambda n: f"test-service-{n}")
    summary = "Support for families, from pregnancy onwards."
    description = "What it is and how to get it."
    tier = Tier.UNIVERSAL_PLUS
    publication_state = PublicationState.PUBLISHED
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def hubs(self, create, extracted, **kwargs):
        if create and extracted:
            self.hubs.set(extracted)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    title = factory.Sequence(lambda n: f"Stay and play {n}")
    hub = factory.SubFactory(HubFactory)
    starts_on = dt.date(2026, 1, 5)
    start_time = dt.time(10)
    end_time = dt.time(11, 30)

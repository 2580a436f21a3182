import datetime as dt
from decimal import Decimal

import factory

from hubs.models import Closure, Frequency, Hub, HubKind, OpeningPeriod, Session, SessionCancellation
from startforlife.publishing import PublicationState


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"Hub number {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    kind = HubKind.MAIN
    description = "A friendly place."
    address = "1 High Street\nBrackenford"
    postcode = "BF1 1AA"
    latitude = Decimal("52.600000")
    longitude = Decimal("-1.900000")
    publication_state = PublicationState.PUBLISHED


class OpeningPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpeningPeriod

    hub = factory.SubFactory(HubFactory)
    weekday = 0
    opens = dt.time(9)
    closes = dt.time(17)


class ClosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Closure

    hub = factory.SubFactory(HubFactory)
    starts_on = dt.date(2027, 5, 3)
    ends_on = factory.SelfAttribute("starts_on")
    reason = "Bank holiday"


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    title = factory.Sequence(lambda n: f"Session {n}")
    hub = factory.SubFactory(HubFactory)
    frequency = Frequency.WEEKLY
    starts_on = dt.date(2026, 11, 2)  # a Monday
    start_time = dt.time(10)
    end_time = dt.time(11, 30)
    stages = factory.LazyFunction(lambda: ["baby"])


class SessionCancellationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionCancellation

    session = factory.SubFactory(SessionFactory)
    reason = "Staff training"

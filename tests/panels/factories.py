import uuid
from datetime import timedelta

import factory
from django.utils import timezone

from hubs.models import Hub
from offers.models import Service
from panels.models import Action, Area, Ask, AskKind, Connection, Feedback, Member, MemberStatus, Theme
from startforlife.publishing import PublicationState


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")
    summary = "A service for families."
    publication_state = PublicationState.PUBLISHED


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub

    name = factory.Sequence(lambda n: f"Hub {n}")
    slug = factory.Sequence(lambda n: f"hub-{n}")
    publication_state = PublicationState.PUBLISHED


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    full_name = factory.Sequence(lambda n: f"Member Person {n}")
    email = factory.Sequence(lambda n: f"member{n}@example.test")
    connection = Connection.PARENT
    area = Area.CENTRAL
    privacy_notice_version = "2026-11"
    consented_at = factory.LazyFunction(timezone.now)
    status = MemberStatus.ACTIVE


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    submission_token = factory.LazyFunction(uuid.uuid4)
    reference = factory.Sequence(lambda n: f"REF{n:05d}")
    could_be_better = "The opening times were wrong."
    rating = 3


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    you_said = "The page was hard to understand."
    we_did = "We rewrote it with parents."
    status = "done"


class AskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ask

    title = factory.Sequence(lambda n: f"Question {n}")
    question = "What would make the hub easier to visit?"
    kind = AskKind.FREE_TEXT
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))

"""The content version that keys cached public fragments moves with every write to public content."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection, transaction

from hubs.models import Hub
from offers.models import SearchLog, Service
from panels.models import Feedback
from startforlife.content import PUBLIC_CONTENT_TABLES, content_version

pytestmark = pytest.mark.django_db


def number() -> int:
    return int(content_version().split(".")[0])


def test_every_public_content_table_has_the_trigger_and_no_other():
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'startforlife_content_version'")
        tables = {row[0] for row in cursor.fetchall()}
    assert tables == set(PUBLIC_CONTENT_TABLES)


def test_saving_a_service_or_hub_moves_the_version():
    hub = Hub.objects.create(name="Moorside Family Hub", slug="moorside")
    before = number()
    hub.name = "Moorside Family Hub and Library"
    hub.save()
    assert number() == before + 1
    Service.objects.create(name="Baby massage", slug="baby-massage")
    assert number() == before + 2


def test_a_bulk_insert_moves_it_once():
    before = number()
    Service.objects.bulk_create([Service(name=f"Service {n}", slug=f"service-{n}") for n in range(50)])
    assert number() == before + 1


def test_changes_to_a_service_hubs_move_it():
    hub = Hub.objects.create(name="Moorside Family Hub", slug="moorside")
    service = Service.objects.create(name="Baby massage", slug="baby-massage")
    before = number()
    service.hubs.add(hub)
    assert number() > before


def test_a_rolled_back_change_does_not_move_it():
    before = number()
    with pytest.raises(RuntimeError), transaction.atomic():
        Service.objects.create(name="Baby massage", slug="baby-massage")
        raise RuntimeError
    assert number() == before


def test_what_parents_write_does_not_move_it():
    # Search logs and feedback are written all day long; they must not empty the cache.
    before = number()
    SearchLog.objects.create(query="breast feeding")
    Feedback.objects.create(submission_token=uuid.uuid4(), reference="ABC123", what_worked="The hub was lovely")
    assert number() == before


def test_the_version_moves_with_the_minute(monkeypatch):
    # What depends on the clock (visible_from, "open now") is at most a minute behind.
    import startforlife.content as content

    first = content_version()
    later = content.timezone.now() + timedelta(seconds=content.CLOCK_SECONDS)
    monkeypatch.setattr(content.timezone, "now", lambda: later)
    assert content_version() != first
    assert content_version().split(".")[0] == first.split(".")[0]

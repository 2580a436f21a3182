"""Timetable sessions: edited straight into the live timetable, with an audit trail (ADR 0044)."""

import pytest
from django.urls import reverse

from hubs.models import Session
from startforlife.models import AuditEntry
from tests.staff.factories import HubFactory, SessionFactory

pytestmark = pytest.mark.django_db

NEW_SESSION = {
    "title": "Baby massage",
    "kind": "baby_massage",
    "frequency": "weekly",
    "starts_on": "2026-12-01",
    "start_time": "10:00",
    "end_time": "11:00",
    "stages": ["newborn", "baby"],
    "booking": "drop_in",
    "cost": "Free",
}


def test_an_editor_adds_and_changes_a_session_and_each_change_is_recorded(editor_client, editor):
    hub = HubFactory()
    response = editor_client.post(reverse("hubs_staff:session_create", args=[hub.pk]), NEW_SESSION)
    assert response.url == reverse("hubs_staff:hub_sessions", args=[hub.pk])
    session = Session.objects.get(hub=hub)
    assert session.stages == ["newborn", "baby"]

    editor_client.post(
        reverse("hubs_staff:session_edit", args=[hub.pk, session.pk]), NEW_SESSION | {"end_time": "11:30"}
    )
    session.refresh_from_db()
    assert session.end_time.minute == 30
    changed, added = AuditEntry.objects.all()
    assert (added.action, changed.action) == ("added", "changed")
    assert changed.by == editor and changed.changes == [["End time", "11:00", "11:30"]]

    page = editor_client.get(reverse("hubs_staff:hub_sessions", args=[hub.pk])).content.decode()
    assert "Test editor changed Baby massage" in page and "11:30" in page


def test_deleting_a_session_is_recorded_with_its_name(editor_client):
    session = SessionFactory(title="Dads' group")
    hub = session.hub
    editor_client.post(reverse("hubs_staff:session_delete", args=[hub.pk, session.pk]))
    assert not Session.objects.exists()
    entry = AuditEntry.objects.get()
    assert entry.action == "deleted" and entry.object_repr == "Dads' group"


def test_bad_session_input_gets_govuk_messages_and_nothing_is_saved(editor_client):
    hub = HubFactory()
    data = NEW_SESSION | {"title": "", "end_time": "09:00", "frequency": "monthly", "starts_on": "soon"}
    page = editor_client.post(reverse("hubs_staff:session_create", args=[hub.pk]), data).content.decode()
    assert "<title>Error: " in page
    assert "Enter title" in page
    assert "The end time must be after the start time" in page
    assert "Select which week of the month" in page
    assert "Enter starts on as a date, like 2026-12-01" in page or "as a date" in page
    assert not Session.objects.exists() and not AuditEntry.objects.exists()


def test_a_session_of_another_hub_is_not_found(editor_client):
    session = SessionFactory()
    other = HubFactory()
    url = reverse("hubs_staff:session_edit", args=[other.pk, session.pk])
    assert editor_client.get(url).status_code == 404


def test_the_sessions_page_takes_a_fixed_number_of_queries(editor_client, django_assert_max_num_queries):
    hub = HubFactory()
    for _ in range(20):
        editor_client.post(reverse("hubs_staff:session_create", args=[hub.pk]), NEW_SESSION)
    with django_assert_max_num_queries(9):
        editor_client.get(reverse("hubs_staff:hub_sessions", args=[hub.pk]))

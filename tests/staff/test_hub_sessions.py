"""Timetable sessions: edited straight into the live timetable, with an audit trail (ADR 0044)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from hubs.models import Session, SessionCancellation
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


# --- Cancelling one date ---


def _next_session_date(session, today):
    # Tomorrow's or later: today's may be over already, and the hub page leaves it out.
    return session.dates_between(today + datetime.timedelta(days=1), today + datetime.timedelta(days=6))[0]


def test_an_editor_cancels_one_date_and_parents_see_it_at_once(editor_client, editor, anon_client):
    hub = HubFactory(publication_state="published")
    today = timezone.localdate()
    session = SessionFactory(hub=hub, title="Baby massage", starts_on=today - datetime.timedelta(days=6))
    day = _next_session_date(session, today)
    anon_client.get(reverse("hubs:hub_detail", args=[hub.slug]))  # the public page, cached

    url = reverse("hubs_staff:session_cancellations", args=[hub.pk, session.pk])
    response = editor_client.post(url, {"date": day.isoformat(), "reason": "The hall is being decorated"})

    assert response.status_code == 302
    cancellation = SessionCancellation.objects.get(session=session)
    assert (cancellation.date, cancellation.reason) == (day, "The hall is being decorated")
    entry = AuditEntry.objects.get()
    assert entry.by == editor and entry.changes[0][0] == "Cancelled date"
    page = editor_client.get(url).content.decode()
    assert "The hall is being decorated" in page and "Runs after all" in page
    public = anon_client.get(reverse("hubs:hub_detail", args=[hub.slug])).content.decode()
    assert "The hall is being decorated" in public


def test_a_cancelled_date_can_be_taken_back(editor_client):
    today = timezone.localdate()
    session = SessionFactory(starts_on=today - datetime.timedelta(days=6))
    day = _next_session_date(session, today)
    cancellation = SessionCancellation.objects.create(session=session, date=day, reason="Staff training")

    url = reverse("hubs_staff:session_reinstate", args=[session.hub.pk, session.pk, cancellation.pk])
    assert editor_client.post(url).status_code == 302

    assert not SessionCancellation.objects.exists()
    assert AuditEntry.objects.get().changes[0][1].endswith("Staff training")


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("", "Select the date that is cancelled"),
        ("2020-01-01", "Select one of the session&#x27;s upcoming dates"),
        ("tomorrow", "Select one of the session&#x27;s upcoming dates"),
        ("<script>alert(1)</script>", "Select one of the session&#x27;s upcoming dates"),
    ],
)
def test_a_date_the_session_does_not_have_is_refused_and_nothing_is_saved(editor_client, date, message):
    today = timezone.localdate()
    session = SessionFactory(starts_on=today - datetime.timedelta(days=6))
    url = reverse("hubs_staff:session_cancellations", args=[session.hub.pk, session.pk])

    response = editor_client.post(url, {"date": date, "reason": "x" * 300})

    page = response.content.decode()
    assert response.status_code == 200 and "<title>Error: " in page
    assert message in page and "Reason parents see must be 200 characters or fewer" in page
    assert "<script>alert(1)</script>" not in page
    assert not SessionCancellation.objects.exists() and not AuditEntry.objects.exists()


def test_only_the_sessions_own_cancellations_can_be_taken_back(editor_client):
    session, other = SessionFactory(), SessionFactory()
    cancellation = SessionCancellation.objects.create(session=other, date=other.starts_on)
    url = reverse("hubs_staff:session_reinstate", args=[session.hub.pk, session.pk, cancellation.pk])
    assert editor_client.post(url).status_code == 404
    assert SessionCancellation.objects.exists()


def test_people_who_cannot_edit_hubs_cannot_cancel_dates(coordinator_client, leader_client):
    session = SessionFactory()
    url = reverse("hubs_staff:session_cancellations", args=[session.hub.pk, session.pk])
    assert coordinator_client.get(url).status_code == 403
    assert leader_client.post(url, {"date": session.starts_on.isoformat()}).status_code == 403

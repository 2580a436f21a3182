"""A hub's opening times go through the same approval as its fields (ADR 0043)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from hubs.models import Closure, OpeningPeriod
from hubs.staff_forms import HubForm
from startforlife import workflow
from startforlife.models import ChangeRequest
from tests.staff.factories import HubFactory
from tests.staff.helpers import edit_url, form_data

pytestmark = pytest.mark.django_db


def _hours_url(hub) -> str:
    return reverse("hubs_staff:hub_hours", args=[hub.pk])


def _hours_data(hub, **changes) -> dict:
    """What the hours page posts back unchanged (plus `changes`)."""
    data = {"version": workflow.edit_token(hub, workflow.pending_change(hub))}
    for period in OpeningPeriod.objects.filter(hub=hub):
        day = period.get_weekday_display().lower()
        slot = 2 if f"{day}_1_opens" in data else 1
        data |= {f"{day}_{slot}_opens": f"{period.opens:%H:%M}", f"{day}_{slot}_closes": f"{period.closes:%H:%M}"}
    return data | changes


def test_an_editors_new_hours_wait_for_approval_then_parents_see_them(editor_client, publisher_client, anon_client):
    hub = HubFactory()
    OpeningPeriod.objects.create(hub=hub, weekday=0, opens="09:00", closes="17:00")
    christmas = timezone.localdate() + dt.timedelta(days=20)
    response = editor_client.post(
        _hours_url(hub),
        _hours_data(
            hub,
            monday_1_closes="12:30",
            monday_2_opens="13:30",
            monday_2_closes="17:00",
            closure_0_starts_on=christmas.isoformat(),
            closure_0_ends_on=christmas.isoformat(),
            closure_0_reason="Staff training",
        ),
    )
    assert response.status_code == 302
    assert list(OpeningPeriod.objects.filter(hub=hub).values_list("closes", flat=True)) == [dt.time(17)]
    assert not Closure.objects.exists()  # parents still see the approved hours

    change = ChangeRequest.objects.get()
    diff = publisher_client.get(reverse("hubs_staff:change_detail", args=[change.pk])).content.decode()
    assert "Monday: 9am to 5pm" in diff
    assert "Monday: 9am to 12:30pm, 1:30pm to 5pm" in diff
    assert "Staff training" in diff

    publisher_client.post(reverse("hubs_staff:change_approve", args=[change.pk]))
    periods = OpeningPeriod.objects.filter(hub=hub).order_by("opens")
    assert [(p.opens, p.closes) for p in periods] == [(dt.time(9), dt.time(12, 30)), (dt.time(13, 30), dt.time(17))]
    assert Closure.objects.get(hub=hub).reason == "Staff training"
    assert "Monday" in anon_client.get(hub.get_absolute_url()).content.decode()


def test_hours_and_fields_waiting_together_are_both_kept(editor_client):
    hub = HubFactory(phone="01632 960000")
    editor_client.post(edit_url(hub), form_data(hub, HubForm, phone="01632 960999"))
    editor_client.post(_hours_url(hub), _hours_data(hub, tuesday_1_opens="10:00", tuesday_1_closes="15:00"))
    change = ChangeRequest.objects.pending().get()
    assert change.data["phone"] == "01632 960999"
    assert change.data["opening_times"]["periods"] == [[1, "10:00", "15:00"]]

    # The edit form, sent again, keeps the waiting hours too.
    editor_client.post(edit_url(hub), form_data(hub, HubForm, phone="01632 960111"))
    change = ChangeRequest.objects.pending().get()
    assert change.data["phone"] == "01632 960111" and "opening_times" in change.data


def test_a_draft_hubs_hours_change_at_once(editor_client):
    hub = HubFactory(publication_state="draft")
    editor_client.post(_hours_url(hub), _hours_data(hub, friday_1_opens="09:00", friday_1_closes="16:00"))
    assert OpeningPeriod.objects.get(hub=hub).weekday == 4
    assert not ChangeRequest.objects.exists()


def test_bad_hours_get_govuk_messages_and_nothing_is_saved(editor_client):
    hub = HubFactory()
    response = editor_client.post(
        _hours_url(hub),
        _hours_data(
            hub,
            monday_1_opens="17:00",
            monday_1_closes="09:00",
            tuesday_1_opens="soon",
            wednesday_1_opens="09:00",
            closure_0_reason="<script>alert(1)</script>",
        ),
    )
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "The closing time on Monday must be after it opens" in page
    assert "Enter the time it opens on Tuesday as a time, like 09:00 or 13:30" in page
    assert "Enter the time it closes on Wednesday" in page
    assert "Enter the first day of closure 1" in page
    assert "<script>alert(1)</script>" not in page
    assert 'class="govuk-input govuk-input--width-5 govuk-input--error"' in page
    assert not ChangeRequest.objects.exists()


def test_a_stale_hours_page_is_refused(editor_client):
    hub = HubFactory()
    data = _hours_data(hub, monday_1_opens="09:00", monday_1_closes="17:00")
    editor_client.post(_hours_url(hub), data)
    response = editor_client.post(_hours_url(hub), data | {"monday_1_closes": "16:00"})
    assert "Someone else changed this hub" in response.content.decode()
    assert ChangeRequest.objects.pending().get().data["opening_times"]["periods"] == [[0, "09:00", "17:00"]]

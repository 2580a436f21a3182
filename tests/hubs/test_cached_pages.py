"""The hubs' public pages are cached fragments keyed on the content version (ADR 0060): a
change by staff shows on the next request, and nothing personal is ever cached."""

import datetime as dt
import gzip
import re

import icalendar
import pytest
from django.urls import reverse

from hubs.models import Hub, Postcode, Session
from hubs.staff_forms import HubForm
from startforlife.models import ChangeRequest
from tests.hubs.factories import HubFactory, SessionFactory
from tests.staff.helpers import edit_url, form_data

pytestmark = pytest.mark.django_db

NEW_SESSION = {
    "title": "Tiny tots massage",
    "kind": "baby_massage",
    "frequency": "weekly",
    "starts_on": "2026-11-23",
    "start_time": "10:00",
    "end_time": "11:00",
    "stages": ["baby"],
    "booking": "drop_in",
    "cost": "Free",
}


def pages(hub: Hub) -> dict[str, str]:
    return {
        "hub page": reverse("hubs:hub_detail", kwargs={"slug": hub.slug}),
        "what's on": reverse("hubs:whats_on"),
        "what's on at the hub": reverse("hubs:whats_on") + f"?hub={hub.slug}",
        "hub feed": reverse("hubs:hub_ics", kwargs={"slug": hub.slug}),
        "whole feed": reverse("hubs:timetable_ics"),
    }


def test_a_timetable_change_by_staff_shows_at_once_despite_the_cache(anon_client, editor_client, now_is):
    now_is(2026, 11, 23, 8, 0)  # the clock stands still: only the change can move the key
    hub = HubFactory(slug="riverside")
    SessionFactory(hub=hub, title="Stay and play")
    for url in pages(hub).values():
        assert "Tiny tots massage" not in anon_client.get(url).content.decode()

    editor_client.post(reverse("hubs_staff:session_create", args=[hub.pk]), NEW_SESSION)

    for name, url in pages(hub).items():
        assert "Tiny tots massage" in anon_client.get(url).content.decode(), name

    session = Session.objects.get(title="Tiny tots massage")
    editor_client.post(reverse("hubs_staff:session_delete", args=[hub.pk, session.pk]))

    for name, url in pages(hub).items():
        assert "Tiny tots massage" not in anon_client.get(url).content.decode(), name


def test_a_publishers_approval_shows_at_once_despite_the_cache(anon_client, editor_client, publisher_client):
    Postcode.objects.create(postcode="BF1 1AA", latitude=52.6, longitude=-1.9)
    hub = HubFactory(name="Riverside Family Hub", phone="01632 960000")
    urls = [hub.get_absolute_url(), reverse("hubs:directory"), reverse("hubs:nearest") + "?postcode=BF1+1AA"]
    for url in urls:
        anon_client.get(url)  # cached now

    editor_client.post(edit_url(hub), form_data(hub, HubForm, name="Riverside Children's Centre"))
    assert "Riverside Family Hub" in anon_client.get(hub.get_absolute_url()).content.decode()  # not approved yet
    publisher_client.post(reverse("hubs_staff:change_approve", args=[ChangeRequest.objects.get().pk]))

    for url in urls:
        html = anon_client.get(url).content.decode()
        assert "Riverside Children&#x27;s Centre" in html and "Riverside Family Hub" not in html, url


def test_a_hub_taken_off_the_site_goes_at_once(anon_client):
    Postcode.objects.create(postcode="BF1 1AA", latitude=52.6, longitude=-1.9)
    hub = HubFactory(name="Riverside Family Hub")
    hub_page = reverse("hubs:hub_detail", kwargs={"slug": hub.slug})
    nearest = reverse("hubs:nearest") + "?postcode=BF1+1AA"
    assert anon_client.get(hub_page).status_code == 200
    assert "Riverside Family Hub" in anon_client.get(nearest).content.decode()

    Hub.objects.filter(pk=hub.pk).update(publication_state="draft")  # however it is written

    assert anon_client.get(hub_page).status_code == 404
    assert "Riverside Family Hub" not in anon_client.get(nearest).content.decode()


def test_open_now_follows_the_clock_within_the_minute(anon_client, now_is):
    hub = HubFactory()
    hub.opening_periods.create(weekday=0, opens=dt.time(9), closes=dt.time(17))
    url = reverse("hubs:hub_detail", kwargs={"slug": hub.slug})

    now_is(2026, 11, 23, 16, 58)
    assert "Open now until 5pm" in anon_client.get(url).content.decode()
    now_is(2026, 11, 23, 17, 0)
    assert "Open now" not in anon_client.get(url).content.decode()


def test_whats_on_follows_the_clock_within_the_minute(anon_client, now_is):
    # The fortnight's list is kept for the day; each minute drops what is over and what is
    # at a hub that has just come off the site.
    leaving = HubFactory(visible_until=dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC))
    SessionFactory(hub=leaving, title="At a hub that is leaving", start_time=dt.time(15), end_time=dt.time(16))
    SessionFactory(title="Morning group", start_time=dt.time(9), end_time=dt.time(10))
    SessionFactory(title="Afternoon group", start_time=dt.time(14), end_time=dt.time(15))
    url = reverse("hubs:whats_on")

    now_is(2026, 11, 23, 9, 0)
    html = anon_client.get(url).content.decode()
    assert "Morning group" in html and "Afternoon group" in html and "At a hub that is leaving" in html

    now_is(2026, 11, 23, 10, 1)
    html = anon_client.get(url).content.decode()
    assert "Afternoon group" in html
    assert "Morning group" not in html.split("Monday 30 November")[0]
    assert "At a hub that is leaving" not in html


def test_a_signed_in_persons_page_is_not_served_to_parents(anon_client, editor_client):
    hub = HubFactory()
    url = reverse("hubs:hub_detail", kwargs={"slug": hub.slug})

    assert "Your account" in editor_client.get(url).content.decode()

    html = anon_client.get(url).content.decode()
    assert "Your account" not in html
    assert "Staff and panel sign in" in html


def test_a_postcode_is_shown_back_as_we_read_it_and_errors_are_never_cached(anon_client):
    Postcode.objects.create(postcode="BF1 1AA", latitude=52.6, longitude=-1.9)
    HubFactory(name="Near Hub")
    nearest = reverse("hubs:nearest")

    first = anon_client.get(nearest, {"postcode": "bf11aa"}).content.decode()
    second = anon_client.get(nearest, {"postcode": "BF1  1AA"}).content.decode()

    assert 'value="BF1 1AA"' in first and 'value="BF1 1AA"' in second
    assert "Near Hub" in second
    for typed in ["not a postcode", "still not one"]:
        html = anon_client.get(nearest, {"postcode": typed}).content.decode()
        assert f'value="{typed}"' in html
        assert "Enter a real postcode" in html


class TestWhatsOnPages:
    @pytest.fixture
    def fortyfive(self, now_is):
        """45 sessions today, 10am to 11am, in title order, and nothing else in the fortnight."""
        now_is(2026, 11, 23, 8, 0)
        hub = HubFactory(slug="riverside")
        for n in range(45):
            SessionFactory(
                hub=hub, title=f"Group {n:02d}", starts_on=dt.date(2026, 11, 23), ends_on=dt.date(2026, 11, 23)
            )
        return hub

    def titles(self, html: str) -> list[str]:
        return re.findall(r"<strong>(Group \d\d)</strong>", html)

    def test_twenty_a_page_with_gov_uk_pagination(self, anon_client, fortyfive):
        first = anon_client.get(reverse("hubs:whats_on")).content.decode()
        second = anon_client.get(reverse("hubs:whats_on"), {"page": "2"}).content.decode()
        third = anon_client.get(reverse("hubs:whats_on"), {"page": "3"}).content.decode()

        assert self.titles(first) == [f"Group {n:02d}" for n in range(20)]
        assert self.titles(second) == [f"Group {n:02d}" for n in range(20, 40)]
        assert self.titles(third) == [f"Group {n:02d}" for n in range(40, 45)]
        assert "45 sessions, page 2 of 3." in second
        assert "45 sessions, page 1 of 3." in first
        assert "<title>What's on at the family hubs (page 2 of 3)" in second
        assert 'href="?page=1" rel="prev"' in second and 'href="?page=3" rel="next"' in second
        assert 'aria-current="page">2</a>' in second
        assert 'rel="prev"' not in first and 'rel="next"' not in third

    def test_page_links_keep_the_filters_we_understood(self, anon_client, fortyfive):
        html = anon_client.get(
            reverse("hubs:whats_on"), {"hub": "riverside", "stage": "no-such-stage", "junk": "<b>", "page": "2"}
        ).content.decode()

        assert 'href="?hub=riverside&amp;page=1" rel="prev"' in html
        assert "junk" not in html and "no-such-stage" not in html
        assert '<option value="riverside" selected>' in html

    @pytest.mark.parametrize(
        ("page", "shown"), [("abc", 1), ("0", 1), ("-4", 1), ("", 1), ("99999999999999999999", 3), ("3", 3)]
    )
    def test_a_page_number_we_cannot_use_shows_the_nearest_page(self, anon_client, fortyfive, page, shown):
        response = anon_client.get(reverse("hubs:whats_on"), {"page": page})

        assert response.status_code == 200
        titles = self.titles(response.content.decode())
        assert titles[0] == f"Group {(shown - 1) * 20:02d}"

    def test_an_unknown_filter_is_left_out_and_the_others_still_apply(self, anon_client, now_is):
        now_is(2026, 11, 23, 8, 0)
        SessionFactory(title="Bump group", stages=["pregnancy"])
        SessionFactory(title="Toddler songs", stages=["toddler"])

        html = anon_client.get(reverse("hubs:whats_on"), {"hub": "nowhere", "stage": "pregnancy"}).content.decode()

        assert "Bump group" in html and "Toddler songs" not in html
        assert "govuk-error-message" not in html


def test_parents_can_pick_a_day(anon_client, now_is):
    now_is(2026, 11, 23, 8, 0)  # a Monday
    SessionFactory(title="Monday group", starts_on=dt.date(2026, 11, 2))
    SessionFactory(title="Tuesday group", starts_on=dt.date(2026, 11, 3))
    url = reverse("hubs:whats_on")

    tuesday = anon_client.get(url, {"day": "2026-11-24"}).content.decode()
    not_a_day = anon_client.get(url, {"day": "2027-01-01"}).content.decode()

    assert "Tuesday group" in tuesday and "Monday group" not in tuesday
    assert "1 session." in tuesday
    assert '<option value="2026-11-24" selected>Tomorrow (Tuesday 24 November)</option>' in tuesday
    assert '<option value="2026-11-23">Today (Monday 23 November)</option>' in tuesday
    assert "Tuesday group" in not_a_day and "Monday group" in not_a_day


def test_a_feed_keeps_awkward_text_intact(anon_client, now_is):
    now_is(2026, 11, 23, 8, 0)
    title = "Café, songs; and \\ backslashes 👶"
    description = "Line one, with commas.\nLine two; with a semicolon. " + "Éé " * 40
    hub = HubFactory(name="Hub, with a comma", address="1 High Street\nBrackenford")
    SessionFactory(hub=hub, title=title, description=description)

    body = anon_client.get(reverse("hubs:hub_ics", kwargs={"slug": hub.slug})).content

    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    event = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
    assert str(event["summary"]) == title
    assert str(event["description"]).startswith(description + "\n\n")
    assert str(event["location"]) == "Hub, with a comma, 1 High Street, Brackenford, BF1 1AA"


def test_a_feed_is_sent_gzipped_to_apps_that_accept_it(anon_client, now_is):
    now_is(2026, 11, 23, 8, 0)
    SessionFactory(title="Stay and play")
    url = reverse("hubs:timetable_ics")

    zipped = anon_client.get(url, headers={"Accept-Encoding": "gzip, deflate"})
    plain = anon_client.get(url)

    assert zipped["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain
    assert "Accept-Encoding" in zipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert gzip.decompress(zipped.content) == plain.content
    assert str(icalendar.Calendar.from_ical(plain.content).walk("VEVENT")[0]["summary"]) == "Stay and play"

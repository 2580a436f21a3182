"""My timeline: date arithmetic, edge cases, the form's errors and the calendar file."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from offers.models import Service
from offers.timeline import build_timeline
from startforlife.stages import Stage
from tests.offers.factories import ServiceFactory

pytestmark = pytest.mark.django_db


def windows(timeline):
    return {item.review.slug: (item.starts, item.ends, item.status) for item in timeline.reviews}


def test_the_five_reviews_are_dated_from_the_birth():
    timeline = build_timeline(birth_date=date(2026, 1, 15), today=date(2026, 1, 20))

    assert windows(timeline) == {
        "antenatal-review": (None, None, "past"),
        "new-baby-review": (date(2026, 1, 25), date(2026, 1, 29), "upcoming"),
        "six-to-eight-week-review": (date(2026, 2, 26), date(2026, 3, 12), "upcoming"),
        "one-year-review": (date(2026, 10, 15), date(2027, 1, 15), "upcoming"),
        "two-year-review": (date(2028, 1, 15), date(2028, 7, 15), "upcoming"),
    }
    assert timeline.current_stage == Stage.NEWBORN


def test_the_antenatal_review_starts_at_28_weeks_of_pregnancy():
    # Due 1 July 2026: pregnancy counted from 24 September 2025; 28 weeks is 8 April 2026.
    timeline = build_timeline(due_date=date(2026, 7, 1), today=date(2026, 3, 1))

    assert windows(timeline)["antenatal-review"] == (date(2026, 4, 8), date(2026, 7, 1), "upcoming")
    assert windows(timeline)["new-baby-review"][:2] == (date(2026, 7, 11), date(2026, 7, 15))
    assert timeline.current_stage == Stage.PREGNANCY
    assert timeline.weeks_pregnant == 22


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (date(2026, 1, 24), "upcoming"),  # the day before the window
        (date(2026, 1, 25), "now"),  # its first day (10 days old)
        (date(2026, 1, 29), "now"),  # its last day (14 days old)
        (date(2026, 1, 30), "past"),  # the day after
    ],
)
def test_a_window_includes_both_of_its_boundary_days(today, status):
    timeline = build_timeline(birth_date=date(2026, 1, 15), today=today)

    assert windows(timeline)["new-baby-review"][2] == status


@pytest.mark.parametrize(
    ("today", "stage"),
    [
        (date(2026, 1, 14), None),  # not possible from a birth date, but a due date: see below
        (date(2026, 1, 15), Stage.NEWBORN),  # the day of birth
        (date(2026, 3, 11), Stage.NEWBORN),  # 7 weeks 6 days
        (date(2026, 3, 12), Stage.BABY),  # 8 weeks
        (date(2027, 1, 14), Stage.BABY),
        (date(2027, 1, 15), Stage.TODDLER),  # first birthday
        (date(2028, 1, 14), Stage.TODDLER),
        (date(2028, 1, 15), None),  # second birthday: the 1,001 days are over
    ],
)
def test_the_current_stage_changes_on_the_boundary_day(today, stage):
    if today < date(2026, 1, 15):
        timeline = build_timeline(due_date=date(2026, 1, 15), today=today)
        assert timeline.current_stage == Stage.PREGNANCY
        return
    timeline = build_timeline(birth_date=date(2026, 1, 15), today=today)
    assert timeline.current_stage == stage
    assert timeline.is_after_the_1001_days == (stage is None)


def test_a_leap_day_baby_has_reviews_on_real_dates():
    timeline = build_timeline(birth_date=date(2024, 2, 29), today=date(2024, 3, 1))

    reviews = windows(timeline)
    assert reviews["one-year-review"][:2] == (date(2024, 11, 29), date(2025, 2, 28))
    assert reviews["two-year-review"][:2] == (date(2026, 2, 28), date(2026, 8, 29))
    toddler = next(item for item in timeline.stages if item.stage == Stage.TODDLER)
    assert toddler.starts == date(2025, 2, 28)
    assert toddler.ends == date(2026, 2, 27)


def test_a_due_date_on_a_leap_day_counts_back_40_weeks():
    timeline = build_timeline(due_date=date(2028, 2, 29), today=date(2027, 10, 1))

    pregnancy = timeline.stages[0]
    assert pregnancy.starts == date(2027, 5, 25)
    assert pregnancy.ends == date(2028, 2, 28)


def test_a_premature_baby_is_counted_from_the_real_birthday():
    # Born at 30 weeks, ten weeks before a due date of 1 June 2026.
    born_early = build_timeline(birth_date=date(2026, 3, 23), today=date(2026, 4, 1))
    still_expected = build_timeline(due_date=date(2026, 6, 1), today=date(2026, 3, 1))

    assert windows(born_early)["new-baby-review"][:2] == (date(2026, 4, 2), date(2026, 4, 6))
    assert windows(born_early)["six-to-eight-week-review"][:2] == (date(2026, 5, 4), date(2026, 5, 18))
    assert born_early.current_stage == Stage.NEWBORN
    assert windows(still_expected)["new-baby-review"][:2] == (date(2026, 6, 11), date(2026, 6, 15))


def test_each_stage_lists_the_services_for_it_universal_first():
    ServiceFactory(name="Antenatal yoga", stages=["pregnancy"])
    ServiceFactory(name="Baby group", stages=["baby"])
    ServiceFactory(name="Zebra health visiting", stages=["baby"], tier="universal")

    timeline = build_timeline(birth_date=date(2026, 1, 1), today=date(2026, 5, 1))

    by_stage = {item.stage: [s.name for s in item.services] for item in timeline.stages}
    assert by_stage[Stage.PREGNANCY] == ["Antenatal yoga"]
    assert by_stage[Stage.BABY] == ["Zebra health visiting", "Baby group"]


def date_params(born, when):
    return {"born": born, "date_0": when.day, "date_1": when.month, "date_2": when.year}


def test_the_timeline_page_shows_the_dated_timeline(anon_client):
    ServiceFactory(name="Chatter Tots", stages=["toddler"])
    born = timezone.localdate() - timedelta(days=30)

    response = anon_client.get(reverse("offers:timeline"), date_params("born", born))

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are here" in html
    assert "6 to 8 week review" in html
    assert (born + timedelta(weeks=6)).strftime("%-d %B %Y") in html
    assert "Chatter Tots" in html
    assert reverse("offers:timeline_calendar") in html


def test_the_form_asks_for_a_date_and_keeps_nothing(anon_client):
    response = anon_client.get(reverse("offers:timeline"))

    html = response.content.decode()
    assert "Has your baby been born?" in html
    assert 'name="date_0"' in html
    assert "We do not keep the date" in html
    assert Service.objects.count() == 0


def test_the_date_is_not_stored_in_the_session(anon_client):
    anon_client.get(reverse("offers:timeline"), date_params("born", timezone.localdate()))

    assert "sessionid" not in anon_client.cookies


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"born": "born"}, "Enter the date"),
        ({"date_0": "1", "date_1": "1", "date_2": "2026"}, "Select if your baby has been born"),
        ({"born": "born", "date_0": "31", "date_1": "2", "date_2": "2026"}, "The date must be a real date"),
        ({"born": "born", "date_0": "29", "date_1": "2", "date_2": "2025"}, "The date must be a real date"),
        ({"born": "born", "date_0": "1", "date_1": "13", "date_2": "2026"}, "The date must be a real date"),
        ({"born": "born", "date_0": "one", "date_1": "may", "date_2": "2026"}, "The date must be a real date"),
        ({"born": "born", "date_0": "1", "date_1": "5", "date_2": "26"}, "Year must include 4 numbers"),
        ({"born": "born", "date_0": "1", "date_1": "", "date_2": "2026"}, "The date must include a month"),
        ({"born": "born", "date_0": "🍼", "date_1": "<b>", "date_2": "٢٠٢٦"}, "The date must be a real date"),
        ({"born": "maybe", "date_0": "1", "date_1": "1", "date_2": "2026"}, "Select a valid choice"),
    ],
)
def test_invalid_dates_get_a_clear_error(anon_client, params, message):
    response = anon_client.get(reverse("offers:timeline"), params)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert message in html


@pytest.mark.parametrize(
    ("born", "offset", "message"),
    [
        ("pregnant", timedelta(weeks=42, days=1), "Due date must be within the next 42 weeks"),
        ("pregnant", -timedelta(weeks=2, days=1), "Due date must be in the future"),
        ("born", timedelta(days=1), "Date of birth must be today or in the past"),
        ("born", -timedelta(days=3 * 366), "Date of birth must be within the last 3 years"),
    ],
)
def test_impossible_dates_get_a_clear_error(anon_client, born, offset, message):
    response = anon_client.get(reverse("offers:timeline"), date_params(born, timezone.localdate() + offset))

    assert message in response.content.decode()
    assert response.context["timeline"] is None


@pytest.mark.parametrize(
    ("born", "offset"),
    [
        ("pregnant", timedelta(weeks=42)),
        ("pregnant", -timedelta(weeks=2)),
        ("born", timedelta(0)),
        ("born", -timedelta(days=3 * 365)),
    ],
)
def test_the_limits_themselves_are_allowed(anon_client, born, offset):
    response = anon_client.get(reverse("offers:timeline"), date_params(born, timezone.localdate() + offset))

    assert response.context["timeline"] is not None


def test_the_calendar_file_has_the_reviews_still_to_come(anon_client):
    born = timezone.localdate() - timedelta(days=20)

    response = anon_client.get(reverse("offers:timeline_calendar"), date_params("born", born))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    summaries = [str(event["SUMMARY"]) for event in events]
    assert summaries == [
        "6 to 8 week review (health visitor)",
        "1 year review (health visitor)",
        "2 to 2½ year review (health visitor)",
    ]
    first = events[0]
    assert first["DTSTART"].dt == born + timedelta(weeks=6)
    assert first["DTEND"].dt == born + timedelta(weeks=8, days=1)


def test_the_calendar_file_gives_the_same_event_ids_each_time(anon_client):
    params = date_params("born", timezone.localdate() - timedelta(days=20))

    first = Calendar.from_ical(anon_client.get(reverse("offers:timeline_calendar"), params).content)
    second = Calendar.from_ical(anon_client.get(reverse("offers:timeline_calendar"), params).content)

    assert [e["UID"] for e in first.walk("VEVENT")] == [e["UID"] for e in second.walk("VEVENT")]


def test_the_calendar_needs_a_valid_date(anon_client):
    assert anon_client.get(reverse("offers:timeline_calendar"), {"born": "born"}).status_code == 404


def test_errors_link_to_the_first_input_of_their_field(anon_client):
    html = anon_client.get(reverse("offers:timeline"), {"date_0": "1"}).content.decode()

    assert '<a href="#id_born_1">Select if your baby has been born</a>' in html
    assert 'href="#id_date_0"' in html
    assert 'id="id_born_1"' in html


def test_the_form_sends_no_csrf_token_in_the_url(anon_client):
    assert "csrfmiddlewaretoken" not in anon_client.get(reverse("offers:timeline")).content.decode()

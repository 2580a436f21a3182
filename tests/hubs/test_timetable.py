"""Sessions repeat weekly, fortnightly or monthly on a weekday; single dates can be cancelled."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse

from hubs.models import Frequency, Session, SessionKind
from tests.hubs.factories import HubFactory, SessionCancellationFactory, SessionFactory

pytestmark = pytest.mark.django_db

D = dt.date


def dates(session: Session, start: dt.date, end: dt.date) -> list[dt.date]:
    return [o.date for o in Session.objects.for_timetable(start, end).get(pk=session.pk).occurrences(start, end)]


def test_a_weekly_session_runs_on_the_weekday_of_its_first_date():
    session = SessionFactory(starts_on=D(2026, 11, 3))  # a Tuesday

    assert dates(session, D(2026, 11, 1), D(2026, 11, 30)) == [
        D(2026, 11, 3),
        D(2026, 11, 10),
        D(2026, 11, 17),
        D(2026, 11, 24),
    ]


def test_a_fortnightly_session_runs_every_other_week_from_its_first_date():
    session = SessionFactory(starts_on=D(2026, 11, 10), frequency=Frequency.FORTNIGHTLY)

    assert dates(session, D(2026, 11, 1), D(2026, 12, 31)) == [
        D(2026, 11, 10),
        D(2026, 11, 24),
        D(2026, 12, 8),
        D(2026, 12, 22),
    ]


def test_a_monthly_session_runs_on_the_second_tuesday():
    session = SessionFactory(starts_on=D(2026, 11, 3), frequency=Frequency.MONTHLY, week_of_month=2)

    assert dates(session, D(2026, 11, 1), D(2027, 1, 31)) == [D(2026, 11, 10), D(2026, 12, 8), D(2027, 1, 12)]


def test_a_monthly_session_can_run_on_the_last_thursday():
    session = SessionFactory(starts_on=D(2026, 11, 5), frequency=Frequency.MONTHLY, week_of_month=-1)

    assert dates(session, D(2026, 11, 1), D(2027, 1, 31)) == [D(2026, 11, 26), D(2026, 12, 31), D(2027, 1, 28)]


def test_a_session_stops_after_its_last_date():
    session = SessionFactory(starts_on=D(2026, 11, 2), ends_on=D(2026, 11, 16))

    assert dates(session, D(2026, 11, 1), D(2026, 12, 31)) == [D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 16)]


def test_a_session_does_not_run_before_its_first_date():
    session = SessionFactory(starts_on=D(2026, 11, 16))

    assert dates(session, D(2026, 11, 1), D(2026, 11, 20)) == [D(2026, 11, 16)]


def test_a_cancelled_date_is_kept_and_marked_with_its_reason():
    session = SessionFactory(starts_on=D(2026, 11, 2))
    SessionCancellationFactory(session=session, date=D(2026, 11, 9), reason="The room is flooded")
    session = Session.objects.for_timetable(D(2026, 11, 1), D(2026, 11, 20)).get(pk=session.pk)

    occurrences = session.occurrences(D(2026, 11, 1), D(2026, 11, 20))

    assert [(o.date, o.is_cancelled) for o in occurrences] == [
        (D(2026, 11, 2), False),
        (D(2026, 11, 9), True),
        (D(2026, 11, 16), False),
    ]
    assert occurrences[1].cancellation.reason == "The room is flooded"


def test_the_hub_page_shows_this_weeks_sessions_with_cancellations(anon_client, now_is):
    now_is(2026, 11, 23, 8, 0)
    hub = HubFactory()
    session = SessionFactory(hub=hub, title="Rhyme time", starts_on=D(2026, 11, 2))
    SessionFactory(
        hub=hub, title="Baby massage", starts_on=D(2026, 11, 4), start_time=dt.time(13, 30), end_time=dt.time(14, 30)
    )
    SessionFactory(hub=hub, title="Far in the future", starts_on=D(2027, 1, 4))
    SessionCancellationFactory(session=session, date=D(2026, 11, 23), reason="Sorry, our volunteer is ill")

    html = anon_client.get(hub.get_absolute_url()).content.decode()

    assert "Rhyme time" in html and "Sorry, our volunteer is ill" in html and "Cancelled" in html
    assert "Wednesday 25 November" in html and "1:30pm to 2:30pm" in html and "Baby massage" in html
    assert "Far in the future" not in html


def test_sessions_already_over_today_are_not_listed(anon_client, now_is):
    now_is(2026, 11, 23, 12, 0)
    hub = HubFactory()
    last_day = {"starts_on": D(2026, 11, 2), "ends_on": D(2026, 11, 23)}
    SessionFactory(hub=hub, title="Morning group", start_time=dt.time(9), end_time=dt.time(10), **last_day)
    SessionFactory(hub=hub, title="Afternoon group", start_time=dt.time(14), end_time=dt.time(15), **last_day)

    html = anon_client.get(reverse("hubs:whats_on")).content.decode()

    assert "Afternoon group" in html
    assert "Morning group" not in html


class TestWhatsOn:
    def test_it_lists_sessions_across_hubs_and_online_for_the_next_14_days(self, anon_client, now_is):
        now_is(2026, 11, 23, 8, 0)
        SessionFactory(title="Stay and play at the library", starts_on=D(2026, 11, 2))
        SessionFactory(title="Online feeding group", hub=None, online=True, starts_on=D(2026, 11, 3))
        SessionFactory(title="Starts in 15 days", starts_on=D(2026, 12, 8))

        html = anon_client.get(reverse("hubs:whats_on")).content.decode()

        assert html.count("Stay and play at the library") == 2
        assert html.count("Online feeding group") == 2
        assert "Starts in 15 days" not in html

    def test_it_hides_sessions_at_draft_hubs(self, anon_client, now_is):
        now_is(2026, 11, 23, 8, 0)
        SessionFactory(title="Secret session", hub=HubFactory(publication_state="draft"))

        html = anon_client.get(reverse("hubs:whats_on")).content.decode()

        assert "Secret session" not in html

    def test_it_filters_by_hub_stage_and_type(self, anon_client, now_is):
        now_is(2026, 11, 23, 8, 0)
        library = HubFactory(slug="library")
        SessionFactory(hub=library, title="Bump group", stages=["pregnancy"], kind=SessionKind.ANTENATAL)
        SessionFactory(hub=library, title="Toddler songs", stages=["toddler"], kind=SessionKind.STAY_AND_PLAY)
        SessionFactory(title="Elsewhere bump group", stages=["pregnancy"], kind=SessionKind.ANTENATAL)

        by_hub = anon_client.get(reverse("hubs:whats_on"), {"hub": "library"}).content.decode()
        by_stage = anon_client.get(reverse("hubs:whats_on"), {"stage": "pregnancy"}).content.decode()
        by_type = anon_client.get(
            reverse("hubs:whats_on"), {"hub": "library", "type": "stay_and_play"}
        ).content.decode()

        assert "Bump group" in by_hub and "Toddler songs" in by_hub and "Elsewhere bump group" not in by_hub
        assert "Bump group" in by_stage and "Elsewhere bump group" in by_stage and "Toddler songs" not in by_stage
        assert "Toddler songs" in by_type and "Bump group" not in by_type

    @pytest.mark.parametrize(
        "query", [{"hub": "<script>alert(1)</script>"}, {"stage": "👶"}, {"type": "x" * 5000}, {"page": "999"}]
    )
    def test_unknown_filters_show_everything_rather_than_an_error(self, anon_client, now_is, query):
        now_is(2026, 11, 23, 8, 0)
        SessionFactory(title="Stay and play")

        response = anon_client.get(reverse("hubs:whats_on"), query)

        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


class TestCalendarFeeds:
    def test_the_timetable_feed_parses_and_lists_each_date(self, anon_client, now_is):
        now_is(2026, 11, 23, 8, 0)
        SessionFactory(title="Stay and play", starts_on=D(2026, 11, 2), ends_on=D(2026, 12, 7))

        response = anon_client.get(reverse("hubs:timetable_ics"))

        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert [e.decoded("dtstart").date() for e in events] == [D(2026, 11, 23), D(2026, 11, 30), D(2026, 12, 7)]
        assert {str(e["summary"]) for e in events} == {"Stay and play"}
        assert len({str(e["uid"]) for e in events}) == 3

    def test_a_cancelled_date_is_a_cancelled_event(self, anon_client, now_is):
        now_is(2026, 11, 23, 8, 0)
        session = SessionFactory(title="Stay and play", starts_on=D(2026, 11, 2), ends_on=D(2026, 11, 30))
        SessionCancellationFactory(session=session, date=D(2026, 11, 30), reason="Staff training")

        calendar = icalendar.Calendar.from_ical(anon_client.get(reverse("hubs:timetable_ics")).content)

        cancelled = calendar.walk("VEVENT")[1]
        assert str(cancelled["status"]) == "CANCELLED"
        assert "Staff training" in str(cancelled["description"])

    def test_a_hubs_feed_has_only_its_own_sessions(self, anon_client, now_is):
        now_is(2026, 11, 23, 8, 0)
        hub = HubFactory(name="Riverside")
        SessionFactory(hub=hub, title="Here")
        SessionFactory(title="Elsewhere")

        response = anon_client.get(reverse("hubs:hub_ics", kwargs={"slug": hub.slug}))

        calendar = icalendar.Calendar.from_ical(response.content)
        assert {str(e["summary"]) for e in calendar.walk("VEVENT")} == {"Here"}
        assert "Riverside" in str(calendar.walk("VEVENT")[0]["location"])

    def test_a_draft_hubs_feed_is_not_found(self, anon_client):
        hub = HubFactory(publication_state="draft")

        assert anon_client.get(reverse("hubs:hub_ics", kwargs={"slug": hub.slug})).status_code == 404

    def test_times_are_right_on_both_sides_of_the_march_clock_change(self, anon_client, now_is):
        now_is(2027, 3, 20, 8, 0)
        SessionFactory(
            title="Sunday stay and play", starts_on=D(2027, 3, 21), start_time=dt.time(10), end_time=dt.time(11)
        )

        calendar = icalendar.Calendar.from_ical(anon_client.get(reverse("hubs:timetable_ics")).content)

        starts = [e.decoded("dtstart") for e in calendar.walk("VEVENT")[:2]]
        assert starts == [dt.datetime(2027, 3, 21, 10, tzinfo=dt.UTC), dt.datetime(2027, 3, 28, 9, tzinfo=dt.UTC)]

    def test_times_are_right_on_both_sides_of_the_october_clock_change(self, anon_client, now_is):
        now_is(2027, 10, 23, 8, 0)
        SessionFactory(
            title="Sunday stay and play", starts_on=D(2027, 10, 24), start_time=dt.time(10), end_time=dt.time(11)
        )

        calendar = icalendar.Calendar.from_ical(anon_client.get(reverse("hubs:timetable_ics")).content)

        starts = [e.decoded("dtstart") for e in calendar.walk("VEVENT")[:2]]
        assert starts == [dt.datetime(2027, 10, 24, 9, tzinfo=dt.UTC), dt.datetime(2027, 10, 31, 10, tzinfo=dt.UTC)]


def test_the_whats_on_page_shows_10am_on_the_day_the_clocks_go_forward(anon_client, now_is):
    now_is(2027, 3, 28, 0, 30)
    SessionFactory(title="Sunday stay and play", starts_on=D(2027, 3, 21), start_time=dt.time(10), end_time=dt.time(11))

    html = anon_client.get(reverse("hubs:whats_on")).content.decode()

    assert "Sunday 28 March" in html
    assert "10am to 11am" in html


@pytest.mark.parametrize(
    ("frequency", "week", "expected"),
    [
        (Frequency.WEEKLY, None, [D(2026, 11, 5), D(2026, 11, 12), D(2026, 11, 19), D(2026, 11, 26)]),
        # 2 January 2020 plus an even number of weeks.
        (Frequency.FORTNIGHTLY, None, [D(2026, 11, 12), D(2026, 11, 26)]),
        (Frequency.MONTHLY, 1, [D(2026, 11, 5)]),
    ],
)
def test_a_session_that_began_years_ago_keeps_its_rhythm(frequency, week, expected):
    session = SessionFactory(starts_on=D(2020, 1, 2), frequency=frequency, week_of_month=week)  # a Thursday

    assert dates(session, D(2026, 11, 1), D(2026, 11, 30)) == expected

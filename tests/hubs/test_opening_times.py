"""Open now, opens next, the week's hours: Europe/London wall-clock times, closures win."""

import datetime as dt

import pytest

from hubs.models import Hub
from hubs.times import LONDON
from tests.hubs.factories import ClosureFactory, HubFactory, OpeningPeriodFactory

pytestmark = pytest.mark.django_db

MONDAY = 0
TUESDAY = 1
SATURDAY = 5
SUNDAY = 6


def at(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=LONDON)


def hub_with_hours(hours: dict[int, list[tuple[dt.time, dt.time]]]) -> Hub:
    hub = HubFactory()
    for weekday, periods in hours.items():
        for opens, closes in periods:
            OpeningPeriodFactory(hub=hub, weekday=weekday, opens=opens, closes=closes)
    return Hub.objects.with_opening_times().get(pk=hub.pk)


SPLIT_DAY = {
    MONDAY: [(dt.time(9), dt.time(12, 30)), (dt.time(13, 30), dt.time(17))],
    TUESDAY: [(dt.time(9), dt.time(17))],
}


def test_it_is_open_during_the_morning_period_until_the_lunch_break():
    hub = hub_with_hours(SPLIT_DAY)

    status = hub.status(at(2026, 11, 23, 10, 0))  # a Monday

    assert status.is_open
    assert status.label == "Open now until 12:30pm"


def test_it_is_closed_over_lunch_and_says_when_it_reopens_today():
    hub = hub_with_hours(SPLIT_DAY)

    status = hub.status(at(2026, 11, 23, 13, 0))

    assert not status.is_open
    assert status.label == "Closed now – opens at 1:30pm today"


def test_it_opens_at_9am_tomorrow_after_closing_time():
    hub = hub_with_hours(SPLIT_DAY)

    assert hub.status(at(2026, 11, 23, 17, 0)).label == "Closed now – opens at 9am tomorrow"


def test_it_names_the_weekday_when_the_next_opening_is_days_away():
    hub = hub_with_hours(SPLIT_DAY)

    assert hub.status(at(2026, 11, 25, 9, 0)).label == "Closed now – opens at 9am on Monday"


def test_a_closure_shuts_the_hub_on_a_day_it_would_be_open():
    hub = HubFactory()
    OpeningPeriodFactory(hub=hub, weekday=MONDAY)
    OpeningPeriodFactory(hub=hub, weekday=TUESDAY)
    ClosureFactory(hub=hub, starts_on=dt.date(2027, 5, 3), reason="Early May bank holiday")
    hub = Hub.objects.with_opening_times().get(pk=hub.pk)

    status = hub.status(at(2027, 5, 3, 10, 0))

    assert not status.is_open
    assert status.label == "Closed today (Early May bank holiday) – opens at 9am tomorrow"


def test_a_closure_over_several_days_is_skipped_to_the_first_open_day_after_it():
    hub = HubFactory()
    for weekday in range(5):
        OpeningPeriodFactory(hub=hub, weekday=weekday)
    ClosureFactory(hub=hub, starts_on=dt.date(2026, 12, 24), ends_on=dt.date(2027, 1, 1), reason="Christmas")
    hub = Hub.objects.with_opening_times().get(pk=hub.pk)

    status = hub.status(at(2026, 12, 23, 18, 0))

    assert status.next_opening == at(2027, 1, 4, 9, 0)
    assert status.label == "Closed now – opens at 9am on 4 January"


def test_a_hub_without_opening_times_has_no_status():
    hub = Hub.objects.with_opening_times().get(pk=HubFactory().pk)

    assert hub.status(at(2026, 11, 23, 10, 0)) is None


def test_the_week_lists_each_day_with_its_periods_and_closures():
    hub = HubFactory()
    OpeningPeriodFactory(hub=hub, weekday=MONDAY, opens=dt.time(9), closes=dt.time(12))
    OpeningPeriodFactory(hub=hub, weekday=MONDAY, opens=dt.time(13), closes=dt.time(16))
    OpeningPeriodFactory(hub=hub, weekday=TUESDAY)
    ClosureFactory(hub=hub, starts_on=dt.date(2026, 11, 24), reason="Staff training")
    hub = Hub.objects.with_opening_times().get(pk=hub.pk)

    week = hub.week(dt.date(2026, 11, 23))

    assert [(p.opens, p.closes) for p in week[0]["periods"]] == [(dt.time(9), dt.time(12)), (dt.time(13), dt.time(16))]
    assert week[1]["periods"] == [] and week[1]["closure"].reason == "Staff training"
    assert all(day["periods"] == [] for day in week[2:])


def test_the_hub_page_shows_both_periods_of_a_day_and_the_closure(anon_client, now_is):
    now_is(2026, 11, 23, 8, 0)
    hub = HubFactory()
    OpeningPeriodFactory(hub=hub, weekday=MONDAY, opens=dt.time(9), closes=dt.time(12, 30))
    OpeningPeriodFactory(hub=hub, weekday=MONDAY, opens=dt.time(13, 30), closes=dt.time(17))
    ClosureFactory(hub=hub, starts_on=dt.date(2026, 12, 25), reason="Christmas Day")

    html = anon_client.get(hub.get_absolute_url()).content.decode()

    assert "9am to 12:30pm, 1:30pm to 5pm" in html
    assert "Closed now – opens at 9am today" in html
    assert "Friday 25 December: Christmas Day" in html


def test_a_closure_that_is_over_is_not_listed(anon_client, now_is):
    now_is(2026, 11, 23, 8, 0)
    hub = HubFactory()
    OpeningPeriodFactory(hub=hub)
    ClosureFactory(hub=hub, starts_on=dt.date(2026, 11, 2), reason="Half term training")

    html = anon_client.get(hub.get_absolute_url()).content.decode()

    assert "Half term training" not in html


class TestClockChanges:
    """Opening times are wall-clock times: 10am is 10am on both sides of a clock change."""

    def test_on_the_last_sunday_of_march_10am_is_0900_utc(self):
        hub = hub_with_hours({SUNDAY: [(dt.time(10), dt.time(12))]})

        # 28 March 2027: clocks go forward at 1am. 09:30 UTC is 10:30 in London.
        status = hub.status(dt.datetime(2027, 3, 28, 9, 30, tzinfo=dt.UTC))

        assert status.is_open
        assert status.closes_at == dt.datetime(2027, 3, 28, 11, 0, tzinfo=dt.UTC)

    def test_the_day_before_the_clocks_go_forward_10am_is_1000_utc(self):
        hub = hub_with_hours({SATURDAY: [(dt.time(10), dt.time(12))]})

        status = hub.status(dt.datetime(2027, 3, 27, 9, 30, tzinfo=dt.UTC))

        assert not status.is_open
        assert status.next_opening == dt.datetime(2027, 3, 27, 10, 0, tzinfo=dt.UTC)

    def test_on_the_last_sunday_of_october_10am_is_1000_utc(self):
        hub = hub_with_hours({SUNDAY: [(dt.time(10), dt.time(12))]})

        # 31 October 2027: clocks go back at 2am. 09:30 UTC is 9:30 in London: not yet open.
        status = hub.status(dt.datetime(2027, 10, 31, 9, 30, tzinfo=dt.UTC))

        assert not status.is_open
        assert status.label == "Closed now – opens at 10am today"
        assert status.next_opening == dt.datetime(2027, 10, 31, 10, 0, tzinfo=dt.UTC)

    def test_the_next_opening_across_the_change_keeps_its_wall_clock_time(self):
        hub = hub_with_hours({MONDAY: [(dt.time(9), dt.time(17))]})

        # Friday before the clocks go back; Monday's 9am is 09:00 UTC (GMT), not 08:00.
        status = hub.status(at(2027, 10, 29, 18, 0))

        assert status.next_opening == dt.datetime(2027, 11, 1, 9, 0, tzinfo=dt.UTC)
        assert status.label == "Closed now – opens at 9am on Monday"

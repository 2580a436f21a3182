"""iCalendar feeds of the timetable, one event per occurrence.

One event per date rather than an RRULE: cancelled dates then say so (STATUS:CANCELLED)
with their reason, monthly "second Tuesday" rules need no calendar-app support, and times
are written in UTC, computed from Europe/London wall-clock times for each date, so they
are right on both sides of a clock change.
"""

import datetime as dt
from urllib.parse import urlsplit

import icalendar
from django.conf import settings

from hubs.models import Occurrence


def timetable_calendar(occurrences: list[Occurrence], *, name: str, now: dt.datetime) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.PORTAL['COUNCIL_NAME']}//{settings.PORTAL['PROGRAMME_NAME']}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/London")
    for occurrence in occurrences:
        calendar.add_component(_event(occurrence, now))
    return calendar.to_ical()


def _event(occurrence: Occurrence, now: dt.datetime) -> icalendar.Event:
    session = occurrence.session
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}-{occurrence.date:%Y%m%d}@{urlsplit(settings.SITE_URL).hostname}")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", occurrence.starts_at.astimezone(dt.UTC))
    event.add("dtend", occurrence.ends_at.astimezone(dt.UTC))
    summary = session.title
    description = [session.description, session.get_booking_display(), f"Cost: {session.cost}"]
    if occurrence.is_cancelled:
        summary = f"Cancelled: {summary}"
        event.add("status", "CANCELLED")
        description.insert(
            0, f"Cancelled{': ' + occurrence.cancellation.reason if occurrence.cancellation.reason else ''}"
        )
    else:
        event.add("status", "CONFIRMED")
    event.add("summary", summary)
    event.add("description", "\n\n".join(part for part in description if part))
    if session.hub and not session.online:
        event.add(
            "location",
            ", ".join(filter(None, [session.hub.name, *session.hub.address.splitlines(), session.hub.postcode])),
        )
        event.add("url", f"{settings.SITE_URL}{session.hub.get_absolute_url()}")
    else:
        event.add("location", "Online")
    return event

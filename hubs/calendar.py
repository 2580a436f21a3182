"""iCalendar feeds of the timetable, one event per occurrence, written with `icalendar`.

One event per date rather than an RRULE: cancelled dates then say so (STATUS:CANCELLED)
with their reason, monthly "second Tuesday" rules need no calendar-app support, and times
are written in UTC, computed from Europe/London wall-clock times for each date, so they
are right on both sides of a clock change.

A large council's whole timetable is over 10,000 events and takes `icalendar` a few
seconds to write, so feeds are kept in the cache, plain and gzipped, until the timetable
changes (hubs.views._calendar_response).
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
    stamp = icalendar.vDDDTypes(now.astimezone(dt.UTC))
    host = urlsplit(settings.SITE_URL).hostname
    places: dict[int, tuple[str, str]] = {}  # each hub's location and address, worked out once
    for occurrence in occurrences:
        calendar.add_component(_event(occurrence, stamp, host, places))
    return calendar.to_ical()


def _event(occurrence: Occurrence, stamp, host: str, places: dict) -> icalendar.Event:
    session = occurrence.session
    event = icalendar.Event()
    event.add("uid", f"session-{session.pk}-{occurrence.date:%Y%m%d}@{host}")
    event["dtstamp"] = stamp
    event.add("dtstart", occurrence.starts_at.astimezone(dt.UTC))
    event.add("dtend", occurrence.ends_at.astimezone(dt.UTC))
    summary = session.title
    description = [session.description, session.get_booking_display(), f"Cost: {session.cost}"]
    if occurrence.is_cancelled:
        summary = f"Cancelled: {summary}"
        reason = occurrence.cancellation.reason
        description.insert(0, f"Cancelled{': ' + reason if reason else ''}")
    event.add("status", "CANCELLED" if occurrence.is_cancelled else "CONFIRMED")
    event.add("summary", summary)
    event.add("description", "\n\n".join(part for part in description if part))
    if session.hub and not session.online:
        hub = session.hub
        if hub.pk not in places:
            place = ", ".join(filter(None, [hub.name, *hub.address.splitlines(), hub.postcode]))
            places[hub.pk] = (place, f"{settings.SITE_URL}{hub.get_absolute_url()}")
        location, url = places[hub.pk]
        event.add("location", location)
        event.add("url", url)
    else:
        event.add("location", "Online")
    return event

"""Wall-clock times in Europe/London, whatever the server's time zone or the season.

Opening hours and sessions are stored as local wall-clock times ("9am") and dates, and
turned into aware datetimes only for a given date, so 9am stays 9am across the clock changes.
"""

import datetime as dt
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def local_datetime(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LONDON)


def format_time(time: dt.time) -> str:
    """GOV.UK style: 9am, 1:30pm, midday, midnight."""
    if time.hour == 12 and time.minute == 0:
        return "midday"
    if time.hour == 0 and time.minute == 0:
        return "midnight"
    hour = time.hour % 12 or 12
    suffix = "am" if time.hour < 12 else "pm"
    return f"{hour}{suffix}" if time.minute == 0 else f"{hour}:{time.minute:02d}{suffix}"

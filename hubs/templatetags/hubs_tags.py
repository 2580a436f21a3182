import datetime as dt

from django import template
from django.utils import timezone

from hubs.times import format_time

register = template.Library()


@register.filter
def clock(value: dt.time | dt.datetime | None) -> str:
    """9am, 1:30pm, midday, in Europe/London for a datetime."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).time()
    return format_time(value)

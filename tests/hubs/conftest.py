import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from hubs.times import LONDON


@pytest.fixture
def now_is(monkeypatch):
    """Sets the clock the portal reads: `now_is(2027, 3, 28, 10, 30)` (Europe/London time)."""

    def set_now(*args) -> dt.datetime:
        moment = dt.datetime(*args, tzinfo=LONDON)
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))
        return moment

    return set_now


@pytest.fixture(autouse=True)
def _empty_cache():
    # Calendar feeds are cached: each test starts without another test's feeds.
    cache.clear()
    yield
    cache.clear()

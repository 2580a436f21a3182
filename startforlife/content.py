"""Which version of the public content this is: the key of every cached public fragment.

Parents' pages are mostly the same for everyone until staff publish a change, so their
costly parts are rendered once and kept in Django's cache (Redis when REDIS_URL is set).
The key of each fragment carries `content_version()`:

- a counter that PostgreSQL moves in the same transaction as any write to the public
  content's tables (statement triggers, migration startforlife 0007), so every app server
  sees a publish at once, whatever wrote it: the staff workspace, an import, a bulk load,
  the admin or plain SQL;
- the current minute, so what depends on the clock (an item reaching its `visible_from`
  or `visible_until`, "open now", today's sessions) is at most a minute behind.

Reading it is one primary-key query, made at most once a request (ADR 0060).
"""

from django.db import connection
from django.utils import timezone
from django.utils.functional import SimpleLazyObject

# Tables whose rows parents see. Not the search log or the feedback (written by parents
# themselves, many times a minute), nor history tables (written alongside these).
PUBLIC_CONTENT_TABLES = (
    "offers_organization",
    "offers_service",
    "offers_service_hubs",
    "offers_mandatedreview",
    "hubs_hub",
    "hubs_openingperiod",
    "hubs_closure",
    "hubs_session",
    "hubs_sessioncancellation",
    "hubs_postcode",
    "panels_theme",
    "panels_action",
    "panels_action_themes",
    # Not public, but staff pages cache what waits for approval the same way (the dashboard);
    # a proposal or a send-back is rare enough that moving the counter for parents costs nothing.
    "startforlife_changerequest",
)

CLOCK_SECONDS = 60


def content_number() -> int:
    """The counter alone: moves on every write to public content, never with the clock.
    For what is too costly to make again every minute (the offer PDF)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM startforlife_contentversion WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def content_version() -> str:
    """A short string that changes when public content or the minute changes."""
    minute = int(timezone.now().timestamp()) // CLOCK_SECONDS
    return f"{content_number()}.{minute}"


def lazy_content_version(request):
    """Context processor: `content_version` for `{% cache %}` keys, read only if a template uses it."""
    return {"content_version": SimpleLazyObject(content_version)}

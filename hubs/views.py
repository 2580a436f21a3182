import datetime as dt
import gzip
import re
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from hubs.calendar import timetable_calendar
from hubs.forms import PostcodeForm, WhatsOnFilterForm
from hubs.models import (
    Hub,
    HubKind,
    Occurrence,
    Postcode,
    Session,
    SessionKind,
    occurrences_between,
    opening_time_prefetches,
)
from hubs.postcodes import miles_between
from startforlife import pagination
from startforlife.content import content_number, content_version
from startforlife.stages import Stage

WHATS_ON_DAYS = 14
WHATS_ON_PAGE_SIZE = 20
WHATS_ON_FILTERS = ("day", "hub", "stage", "type")
SESSION_FILTERS = ("hub", "stage", "type")  # the ones the sessions' query uses
STAGES = frozenset(Stage.values)
SESSION_KINDS = frozenset(SessionKind.values)
# Keys carry the content version, which moves every minute: this only bounds how long an
# unused entry stays in memory.
VERSIONED_CACHE_SECONDS = 120
WHATS_ON_DAY_CACHE_SECONDS = 60 * 60
FEED_DAYS = 28
FEED_CACHE_SECONDS = 15 * 60
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
NEAREST_HUBS = 10


@login_not_required
@require_GET
def directory(request):
    # Every hub with whether it is open now: a cached fragment keyed on the content version
    # (ADR 0060), so the hubs are read only when it is made.
    return render(
        request,
        "hubs/directory.html",
        {
            "directory": SimpleLazyObject(_directory),
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "postcode_form": PostcodeForm(),
        },
    )


def _directory() -> dict:
    hubs = list(Hub.objects.published().with_opening_times())
    return {"groups": [(kind.label, [hub for hub in hubs if hub.kind == kind]) for kind in HubKind], "hubs": hubs}


def _nearest(latitude: float, longitude: float) -> list[tuple[Hub, float]]:
    """The nearest published hubs with a place on the map, closest first."""
    places = (
        Hub.objects.published().exclude(kind=HubKind.VIRTUAL).filter(latitude__isnull=False, longitude__isnull=False)
    )
    distances = {
        pk: miles_between(latitude, longitude, float(lat), float(lng))
        for pk, lat, lng in places.values_list("pk", "latitude", "longitude")
    }
    closest = sorted(distances, key=lambda pk: (distances[pk], pk))[:NEAREST_HUBS]
    hubs = Hub.objects.published().with_opening_times().in_bulk(closest)
    return [(hubs[pk], distances[pk]) for pk in closest if pk in hubs]


def _location(query) -> tuple[float, float] | None:
    """From "Use my location": ?lat=..&lng=.. within the UK's rough bounds, else None."""
    try:
        latitude, longitude = float(query.get("lat", "")), float(query.get("lng", ""))
    except ValueError:
        return None
    if 49 <= latitude <= 61 and -9 <= longitude <= 3:
        return latitude, longitude
    return None


@login_not_required
@require_GET
def nearest(request):
    # The page below the heading is a cached fragment (ADR 0060), keyed on what was asked: the
    # postcode as we understood it, or the location to 4 decimal places (about 10 metres).
    # A postcode with an error is never cached: its form shows what this parent typed.
    form = PostcodeForm(request.GET if "postcode" in request.GET else None)
    context = {"form": form, "find_council_url": "https://www.gov.uk/find-local-council"}
    location = None if form.is_bound else _location(request.GET)
    if form.is_valid():
        postcode = form.cleaned_data["postcode"]
        # Shown back as we read it ("BF1 1AA" for "bf11aa"), the same for everyone who asks.
        context["form"] = PostcodeForm({"postcode": postcode})
        context["postcode"] = postcode
        context["fragment"] = f"postcode:{postcode}"
        context["found"] = SimpleLazyObject(lambda: _near_postcode(postcode))
    elif location:
        latitude, longitude = (round(value, 4) for value in location)
        context["from_location"] = True
        context["fragment"] = f"at:{latitude},{longitude}"
        context["found"] = SimpleLazyObject(lambda: _near_location(latitude, longitude))
    elif not form.is_bound:
        context["fragment"] = "start"
    return render(request, "hubs/nearest.html", context)


def _near_postcode(postcode: str) -> dict:
    found = Postcode.objects.filter(postcode=postcode).first()
    if found is None:
        return {"unknown": True}
    area = settings.HUBS_LOCAL_AUTHORITY_CODES
    out_of_area = bool(area) and found.local_authority not in area
    return {"out_of_area": out_of_area, **_near_location(found.latitude, found.longitude)}


def _near_location(latitude: float, longitude: float) -> dict:
    return {
        "results": _nearest(latitude, longitude),
        "virtual_hubs": list(Hub.objects.published().filter(kind=HubKind.VIRTUAL)),
    }


@login_not_required
@require_GET
def hub_detail(request, slug):
    # The hub's row and the page's body are cached, keyed on the content version (ADR 0060):
    # a request they serve makes one query. `details` is worked out only when the fragment
    # is made.
    version = content_version()
    key = f"hubs:hub:{version}:{slug}"
    hub = cache.get(key)
    if hub is None:
        hub = Hub.objects.published().filter(slug=slug).first() or "not found"
        cache.set(key, hub, VERSIONED_CACHE_SECONDS)
    if hub == "not found":
        raise Http404
    return render(
        request,
        "hubs/hub_detail.html",
        {"hub": hub, "content_version": version, "details": SimpleLazyObject(lambda: _hub_details(hub))},
    )


def _hub_details(hub: Hub) -> dict:
    """What the hub page shows beyond the hub's own fields, in four queries."""
    today = timezone.localdate()
    week_end = today + dt.timedelta(days=6)
    prefetch_related_objects([hub], *opening_time_prefetches())
    sessions = Session.objects.filter(hub=hub).for_timetable(today, week_end)
    return {
        "status": hub.current_status,
        "has_opening_times": hub.has_opening_times(),
        "week": hub.week(today),
        "closures": hub.upcoming_closures(today),
        "services": list(hub.services.published().only("name", "slug", "summary")),
        "occurrences": occurrences_between(sessions, today, week_end, not_over_at=timezone.now()),
    }


@login_not_required
@require_GET
def whats_on(request):
    """The fortnight's sessions, 20 a page. The filters and the page are a cached fragment
    keyed on the content version, the filters we understood and the page number (ADR 0060),
    so a request it serves makes one query and reads three values from the cache."""
    version = content_version()
    hubs = _hubs(version)[0]
    today = timezone.localdate()
    end = today + dt.timedelta(days=WHATS_ON_DAYS - 1)
    filters = _whats_on_filters(request.GET, hubs, today)
    keys = SimpleLazyObject(lambda: _whats_on_keys(filters, version, today, end))
    count = cache.get(_whats_on_key("count", filters, version))
    if count is None:
        count = len(keys)
    paginator = Paginator([], WHATS_ON_PAGE_SIZE)  # only for the page numbers: the page's sessions are read below
    paginator.count = count
    page = pagination.page(paginator, request.GET.get("page"))
    number = page.number
    query = urlencode({name: value for name, value in filters.items() if value})

    def page_occurrences():
        return _occurrences_for(keys[(number - 1) * WHATS_ON_PAGE_SIZE : number * WHATS_ON_PAGE_SIZE], today, end)

    return render(
        request,
        "hubs/whats_on.html",
        {
            "content_version": version,
            "filters": filters,
            "filter_key": query,
            "filter_fields": SimpleLazyObject(lambda: _filter_fields(filters, hubs, today)),
            "count": count,
            "count_shown": f"{count:,}",
            "number": number,
            "pages": paginator.num_pages,
            "page": page,
            "occurrences": SimpleLazyObject(page_occurrences),
            "days": WHATS_ON_DAYS,
            "end": end,
        },
    )


def _hubs(version: str) -> tuple[list[tuple[str, str]], set[int]]:
    """The published hubs, as choices for the filter and as ids, read once a content version."""
    key = f"hubs:published_hubs:{version}"
    hubs = cache.get(key)
    if hubs is None:
        rows = list(Hub.objects.published().values_list("pk", "slug", "name"))
        hubs = ([(slug, name) for _pk, slug, name in rows], {pk for pk, _slug, _name in rows})
        cache.set(key, hubs, VERSIONED_CACHE_SECONDS)
    return hubs


def _whats_on_filters(query, hubs: list[tuple[str, str]], today: dt.date) -> dict[str, str]:
    """The filters as we understood them: a value we do not know is left out, not an error.
    (Checked directly: building the form's 300 hub choices took longer than the page.)"""
    known = {
        "day": {day.isoformat() for day in _fortnight(today)},
        "hub": {"online"} | {slug for slug, _name in hubs},
        "stage": STAGES,
        "type": SESSION_KINDS,
    }
    values = {name: query.get(name, "") for name in WHATS_ON_FILTERS}
    return {name: value if value in known[name] else "" for name, value in values.items()}


def _fortnight(today: dt.date) -> list[dt.date]:
    return [today + dt.timedelta(days=offset) for offset in range(WHATS_ON_DAYS)]


def _day_choices(today: dt.date) -> list[tuple[str, str]]:
    """ "Today (Monday 23 November)", "Tomorrow (...)", then each day of the fortnight."""
    choices = [("", "Any day in the next 2 weeks")]
    for offset, day in enumerate(_fortnight(today)):
        label = f"{day:%A} {day.day} {day:%B}"
        if offset < 2:
            label = f"{'Today' if offset == 0 else 'Tomorrow'} ({label})"
        choices.append((day.isoformat(), label))
    return choices


def _filter_fields(filters: dict, hubs, today: dt.date) -> list[dict]:
    """The filter form's selects, for plain GOV.UK markup: a 300-hub select rendered through
    Django's widget templates took longer than the rest of the page."""
    form = WhatsOnFilterForm(hubs=hubs)
    fields = {name: (form.fields[name].label, form.fields[name].choices) for name in SESSION_FILTERS}
    fields["day"] = ("Day", _day_choices(today))
    return [
        {"name": name, "label": fields[name][0], "choices": fields[name][1], "value": filters[name]}
        for name in WHATS_ON_FILTERS
    ]


def _whats_on_key(kind: str, filters: dict, version: str) -> str:
    return f"hubs:whats_on:{kind}:{version}:" + ":".join(f"{name}={filters[name]}" for name in WHATS_ON_FILTERS)


def _whats_on_keys(filters: dict, version: str, today: dt.date, end: dt.date) -> list[tuple]:
    """Every occurrence still to come in the fortnight at a published hub or online, as small
    (session id, starts, ends, cancellation id, hub id) tuples in time order, and their count
    kept beside them for this content version's pagination.

    Working them out for thousands of sessions takes a second, so the fortnight's list is
    kept for the day until staff change something (the counter without the minute), and
    each minute only drops what is over and what is at a hub no longer published."""
    counter = version.split(".")[0]
    key = _whats_on_key("fortnight", filters | {"day": ""}, f"{counter}:{today.isoformat()}")
    fortnight = cache.get(key)
    if fortnight is None:
        sessions = _filtered(Session.objects.all(), filters).for_timetable(today, end)
        fortnight = [
            (o.session.pk, o.starts_at, o.ends_at, o.cancellation.pk if o.cancellation else None, o.session.hub_id)
            for o in occurrences_between(sessions, today, end)
        ]
        cache.set(key, fortnight, WHATS_ON_DAY_CACHE_SECONDS)
    published = _hubs(version)[1]
    now = timezone.now()
    day = dt.date.fromisoformat(filters["day"]) if filters["day"] else None
    keys = [
        k for k in fortnight if k[2] > now and (k[4] is None or k[4] in published) and (not day or k[1].date() == day)
    ]
    cache.set(_whats_on_key("count", filters, version), len(keys), VERSIONED_CACHE_SECONDS)
    return keys


def _occurrences_for(keys: list[tuple], today: dt.date, end: dt.date) -> list[Occurrence]:
    """One page's occurrences, with only that page's sessions read from the database."""
    sessions = Session.objects.filter(pk__in={key[0] for key in keys}).for_timetable(today, end).in_bulk()
    occurrences = []
    for session_id, starts_at, ends_at, cancellation_id, _hub_id in keys:
        session = sessions.get(session_id)
        if session is None:  # deleted since the list was made
            continue
        cancellation = next((c for c in session.cancellations.all() if c.pk == cancellation_id), None)
        occurrences.append(Occurrence(session, starts_at, ends_at, cancellation))
    return occurrences


def _filtered(sessions, filters: dict):
    if filters.get("hub") == "online":
        sessions = sessions.filter(online=True)
    elif filters.get("hub"):
        sessions = sessions.filter(hub__slug=filters["hub"])
    if filters.get("stage"):
        sessions = sessions.filter(stages__contains=[filters["stage"]])
    if filters.get("type"):
        sessions = sessions.filter(kind=filters["type"])
    return sessions


def _calendar_response(request, sessions, name: str, filename: str, cache_key: str) -> HttpResponse:
    # Calendar apps poll feeds, and a big council's whole timetable takes a few seconds to
    # work out, so a feed is kept for FEED_CACHE_SECONDS, or until staff change something
    # (the content counter, without the minute that the pages' keys carry), or the day
    # changes. It is kept gzipped too: the whole timetable is 5.4 MB of text, 0.6 MB gzipped.
    today = timezone.localdate()
    key = f"hubs:ics:{cache_key}:{content_number()}:{today.isoformat()}"
    bodies = cache.get(key)
    if bodies is None:
        end = today + dt.timedelta(days=FEED_DAYS)
        occurrences = occurrences_between(sessions.for_timetable(today, end), today, end)
        body = timetable_calendar(occurrences, name=name, now=timezone.now())
        bodies = (body, gzip.compress(body, compresslevel=6, mtime=0))
        cache.set(key, bodies, FEED_CACHE_SECONDS)
    accepts_gzip = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", ""))
    response = HttpResponse(bodies[1] if accepts_gzip else bodies[0], content_type="text/calendar; charset=utf-8")
    if accepts_gzip:
        response["Content-Encoding"] = "gzip"
    patch_vary_headers(response, ["Accept-Encoding"])
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_not_required
@require_GET
@cache_control(max_age=FEED_CACHE_SECONDS)
def timetable_ics(request):
    name = f"{settings.PORTAL['PROGRAMME_NAME']}: what's on at {settings.PORTAL['COUNCIL_SHORT_NAME']} family hubs"
    return _calendar_response(request, Session.objects.published(), name, "whats-on.ics", "all")


@login_not_required
@require_GET
@cache_control(max_age=FEED_CACHE_SECONDS)
def hub_ics(request, slug):
    hub = get_object_or_404(Hub.objects.published(), slug=slug)
    return _calendar_response(
        request, Session.objects.filter(hub=hub), f"What's on at {hub.name}", f"{hub.slug}.ics", str(hub.pk)
    )

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from hubs.calendar import timetable_calendar
from hubs.forms import PostcodeForm, WhatsOnFilterForm
from hubs.models import Hub, HubKind, Occurrence, Postcode, Session, occurrences_between
from hubs.postcodes import miles_between

WHATS_ON_DAYS = 14
WHATS_ON_CACHE_SECONDS = 60
FEED_DAYS = 28
FEED_CACHE_SECONDS = 15 * 60
NEAREST_HUBS = 10


@login_not_required
@require_GET
def directory(request):
    hubs = list(Hub.objects.published().with_opening_times())
    return render(
        request,
        "hubs/directory.html",
        {
            "groups": [(kind.label, [hub for hub in hubs if hub.kind == kind]) for kind in HubKind],
            "hubs": hubs,
            "map_tile_url": settings.MAP_TILE_URL,
            "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
            "postcode_form": PostcodeForm(),
        },
    )


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
    form = PostcodeForm(request.GET if "postcode" in request.GET else None)
    context = {"form": form, "find_council_url": "https://www.gov.uk/find-local-council"}
    location = None if form.is_bound else _location(request.GET)
    if form.is_valid():
        postcode = form.cleaned_data["postcode"]
        context["postcode"] = postcode
        found = Postcode.objects.filter(postcode=postcode).first()
        if found is None:
            context["unknown"] = True
        else:
            area = settings.HUBS_LOCAL_AUTHORITY_CODES
            context["out_of_area"] = bool(area) and found.local_authority not in area
            location = found.latitude, found.longitude
    if location:
        context["results"] = _nearest(*location)
        context["from_location"] = "postcode" not in context
        context["virtual_hubs"] = Hub.objects.published().filter(kind=HubKind.VIRTUAL)
    return render(request, "hubs/nearest.html", context)


@login_not_required
@require_GET
def hub_detail(request, slug):
    hub = get_object_or_404(Hub.objects.published().with_opening_times(), slug=slug)
    today = timezone.localdate()
    week_end = today + dt.timedelta(days=6)
    sessions = Session.objects.filter(hub=hub).for_timetable(today, week_end)
    return render(
        request,
        "hubs/hub_detail.html",
        {
            "hub": hub,
            "week": hub.week(today),
            "closures": hub.upcoming_closures(today),
            "services": hub.services.published().only("name", "slug", "summary"),
            "occurrences": occurrences_between(sessions, today, week_end, not_over_at=timezone.now()),
        },
    )


@login_not_required
@require_GET
def whats_on(request):
    hubs = WhatsOnFilterForm.hub_choices()
    form = WhatsOnFilterForm(request.GET, hubs=hubs)
    filters = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    end = today + dt.timedelta(days=WHATS_ON_DAYS - 1)
    page = Paginator(_whats_on_keys(filters, today, end), 100).get_page(request.GET.get("page"))
    page.object_list = _occurrences_for(page.object_list, today, end)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "hubs/whats_on.html",
        {"form": form, "page": page, "days": WHATS_ON_DAYS, "end": end, "query": query.urlencode()},
    )


def _whats_on_keys(filters: dict, today: dt.date, end: dt.date) -> list[tuple]:
    """Every occurrence still to come in the fortnight, as small (session id, starts, ends,
    cancellation id) tuples in time order. Working them out for thousands of sessions takes
    seconds, so each filter's list is kept for a minute (WHATS_ON_CACHE_SECONDS): a change to
    the timetable, or a session ending, shows within that minute."""
    key = "hubs:whats_on:" + ":".join(f"{name}={filters.get(name) or ''}" for name in ("hub", "stage", "type"))
    found = cache.get(key)
    if found is None or found[0] != today:
        sessions = _filtered(Session.objects.published(), filters).for_timetable(today, end)
        occurrences = occurrences_between(sessions, today, end, not_over_at=timezone.now())
        keys = [
            (o.session.pk, o.starts_at, o.ends_at, o.cancellation.pk if o.cancellation else None) for o in occurrences
        ]
        found = (today, keys)
        cache.set(key, found, timeout=WHATS_ON_CACHE_SECONDS)
    now = timezone.now()
    return [key for key in found[1] if key[2] > now]


def _occurrences_for(keys: list[tuple], today: dt.date, end: dt.date) -> list[Occurrence]:
    """One page's occurrences, with only that page's sessions read from the database."""
    sessions = Session.objects.filter(pk__in={key[0] for key in keys}).for_timetable(today, end).in_bulk()
    occurrences = []
    for session_id, starts_at, ends_at, cancellation_id in keys:
        session = sessions.get(session_id)
        if session is None:  # deleted in the last minute
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


def _calendar_response(sessions, name: str, filename: str, cache_key: str) -> HttpResponse:
    # Calendar apps poll feeds; a big council's whole timetable takes seconds to write, so a
    # feed is kept for a few minutes. A change by staff shows in feeds that much later.
    today = timezone.localdate()
    key = f"hubs:ics:{cache_key}:{today.isoformat()}"
    body = cache.get(key)
    if body is None:
        end = today + dt.timedelta(days=FEED_DAYS)
        occurrences = occurrences_between(sessions.for_timetable(today, end), today, end)
        body = timetable_calendar(occurrences, name=name, now=timezone.now())
        cache.set(key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_not_required
@require_GET
@cache_control(max_age=FEED_CACHE_SECONDS)
def timetable_ics(request):
    name = f"{settings.PORTAL['PROGRAMME_NAME']}: what's on at {settings.PORTAL['COUNCIL_SHORT_NAME']} family hubs"
    return _calendar_response(Session.objects.published(), name, "whats-on.ics", "all")


@login_not_required
@require_GET
@cache_control(max_age=FEED_CACHE_SECONDS)
def hub_ics(request, slug):
    hub = get_object_or_404(Hub.objects.published(), slug=slug)
    return _calendar_response(
        Session.objects.filter(hub=hub), f"What's on at {hub.name}", f"{hub.slug}.ics", str(hub.pk)
    )

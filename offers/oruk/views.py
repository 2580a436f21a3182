"""The Open Referral UK API: public, read-only JSON under /api/oruk/ (docs/adr/0050)."""

import functools
import hashlib
import json
import math
import re
import time
import uuid
from datetime import time as clock_time
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from hubs.models import Hub, OpeningPeriod, Postcode
from hubs.postcodes import miles_between, normalise_postcode
from offers.models import SEARCH_CONFIG, Category, Organization, Service
from offers.oruk import serialize
from startforlife.content import content_version
from startforlife.net import client_ip

OPENAPI_FILE = Path(__file__).with_name("openapi.json")
ORUK_CACHE_SECONDS = 120
METRES_PER_MILE = 1609.344
DAYS = {name: n for n, name in enumerate(serialize.WEEKDAYS)} | {
    name: n for n, name in enumerate(["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"])
}


class BadParameter(Exception):
    """A query parameter the API cannot use: answered 400 with the message."""


def _error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"status": status, "message": message}, status=status)


def _throttled(request) -> bool:
    """At most ORUK_API_RATE requests a minute from one address, counted in Django's cache."""
    window = int(time.time() // 60)
    key = f"oruk-api:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=70)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        count = 1
    return count > settings.ORUK_API_RATE


def api_view(view):
    """Public, GET only, JSON errors, throttled, and open to any origin (CORS) — every response."""

    view = require_GET(view)

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = JsonResponse({})
            response["Access-Control-Allow-Methods"] = "GET, OPTIONS"
            response["Access-Control-Allow-Headers"] = "*"
        elif request.method not in ("GET", "HEAD"):
            response = _error(405, "Only GET is allowed.")
            response["Allow"] = "GET, HEAD, OPTIONS"
        elif _throttled(request):
            response = _error(429, "Too many requests. Try again in a minute.")
            response["Retry-After"] = "60"
        else:
            response = _cached_answer(request, view, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapper.csrf_exempt = True  # nothing is ever written; other methods get a JSON 405
    return login_not_required(wrapper)


def _cached_answer(request, view, *args, **kwargs) -> HttpResponse:
    """The view's answer, kept for the current content version (ADR 0060): the same address
    (host, path and query) gives the same JSON until something is published or the minute
    turns. Errors are not kept."""
    address = f"{request.get_host()}{request.get_full_path()}"
    key = f"oruk-api:answer:{content_version()}:{hashlib.sha256(address.encode()).hexdigest()}"
    body = cache.get(key)
    if body is not None:
        return HttpResponse(body, content_type="application/json")
    try:
        response = view(request, *args, **kwargs)
    except BadParameter as error:
        return _error(400, str(error))
    except Http404:
        return _error(404, "Not found.")
    if response.status_code == 200:
        cache.set(key, response.content, ORUK_CACHE_SECONDS)
    return response


# --- Parameters -----------------------------------------------------------------------


def _integer(request, name: str, default: int, *, minimum: int = 1, maximum: int | None = None) -> int:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return default
    if not re.fullmatch(r"\d{1,9}", raw) or int(raw) < minimum:
        raise BadParameter(f"{name} must be a whole number of at least {minimum}.")
    if maximum is not None and int(raw) > maximum:
        raise BadParameter(f"{name} must be at most {maximum}.")
    return int(raw)


def _number(request, name: str) -> float | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a number.") from None
    if not math.isfinite(value) or abs(value) > 200:
        raise BadParameter(f"{name} must be an age in years.")
    return value


def _uuid(request, name: str) -> str | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadParameter(f"{name} must be a UUID.") from None


def _time(request, name: str) -> clock_time | None:
    raw = request.GET.get(name, "").strip()
    if not raw:
        return None
    try:
        value = clock_time.fromisoformat(raw)
    except ValueError:
        value = None
    if value is None or value.tzinfo is not None:
        raise BadParameter(f"{name} must be a time like 09:30.")
    return value


def _day(request) -> int | None:
    raw = request.GET.get("day", "").strip().upper()
    if not raw:
        return None
    if raw not in DAYS:
        raise BadParameter("day must be a day of the week, like MO or Monday.")
    return DAYS[raw]


def _search(request) -> str:
    text = request.GET.get("search", "").strip()
    if len(text) > 200 or "\x00" in text:
        raise BadParameter("search must be at most 200 characters.")
    return text


def _page(request, items, to_json) -> JsonResponse:
    """The profile's Page: totals, this page's flags and its `contents`."""
    page = _integer(request, "page", 1)
    per_page = _integer(request, "per_page", settings.ORUK_API_PAGE_SIZE, maximum=settings.ORUK_API_MAX_PAGE_SIZE)
    total = len(items) if isinstance(items, list) else items.count()
    start = (page - 1) * per_page
    contents = [to_json(item) for item in items[start : start + per_page]]
    total_pages = math.ceil(total / per_page)
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": total_pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= total_pages,
            "empty": not contents,
            "contents": contents,
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _get_by_uuid(queryset, raw: str):
    try:
        return queryset.get(uuid=uuid.UUID(raw))
    except (ValueError, queryset.model.DoesNotExist):
        raise Http404 from None


# --- Querysets ------------------------------------------------------------------------


def _services():
    return Service.objects.for_parents().select_related("organization")


def _full_services():
    hubs = Hub.objects.published().prefetch_related("opening_periods").order_by("name")
    return _services().prefetch_related(Prefetch("hubs", queryset=hubs))


def _filtered_services(request, services):
    if text := _search(request):
        services = services.filter(search_vector=SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG))
    if term := _uuid(request, "taxonomy_term_id"):
        categories = [value for value in Category.values if serialize.term_id(value) == term]
        services = services.filter(category__in=categories)
    taxonomy = _uuid(request, "taxonomy_id")
    if taxonomy and taxonomy != serialize.TAXONOMY_ID:
        services = services.none()
    minimum, maximum = _number(request, "minimum_age"), _number(request, "maximum_age")
    if minimum is not None:
        services = services.filter(min_age_months__gte=round(minimum * 12))
    if maximum is not None:
        services = services.filter(max_age_months__lte=round(maximum * 12))
    day, start, end = _day(request), _time(request, "start_time"), _time(request, "end_time")
    if day is not None or start or end:
        # One opening period of one of its published hubs must match all three at once.
        periods = OpeningPeriod.objects.filter(hub__services=OuterRef("pk"), hub__in=Hub.objects.published())
        if day is not None:
            periods = periods.filter(weekday=day)
        if start:
            periods = periods.filter(opens__gte=start)
        if end:
            periods = periods.filter(closes__lte=end)
        services = services.filter(Exists(periods))
    return services


# --- Views ----------------------------------------------------------------------------


@api_view
def index(request):
    return JsonResponse(
        {
            "version": serialize.HSDS_VERSION,
            "profile": serialize.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


@api_view
def openapi(request):
    document = json.loads(OPENAPI_FILE.read_text())
    document["servers"] = [{"url": request.build_absolute_uri(reverse("oruk:index")).rstrip("/")}]
    return JsonResponse(document)


@api_view
def services(request):
    return _page(request, _filtered_services(request, _services()), serialize.service_summary)


@api_view
def service_detail(request, id):
    return JsonResponse(
        serialize.service(_get_by_uuid(_full_services(), id)), json_dumps_params={"ensure_ascii": False}
    )


def _pairs(request) -> list[tuple]:
    """(service, hub) for every published hub of every service parents can see, filtered."""
    services = _filtered_services(request, _full_services())
    pairs = [(s, hub) for s in services for hub in s.hubs.all()]
    postcode_text = request.GET.get("postcode", "").strip()
    proximity_text = request.GET.get("proximity", "").strip()
    if proximity_text and not postcode_text:
        raise BadParameter("proximity needs a postcode.")
    if not postcode_text:
        return pairs
    postcode = normalise_postcode(postcode_text[:20])
    found = Postcode.objects.filter(postcode=postcode).first() if postcode else None
    if found is None:
        raise BadParameter("postcode must be a full UK postcode we know, like BF1 1AA.")
    proximity = _integer(request, "proximity", 0, minimum=1) if proximity_text else None

    def metres(hub) -> float:
        return (
            miles_between(found.latitude, found.longitude, float(hub.latitude), float(hub.longitude)) * METRES_PER_MILE
        )

    located = [
        (metres(hub), s.name, s, hub) for s, hub in pairs if hub.latitude is not None and hub.longitude is not None
    ]
    located.sort(key=lambda row: (row[0], row[1]))
    return [(s, hub) for distance, _, s, hub in located if proximity is None or distance <= proximity]


@api_view
def service_at_locations(request):
    return _page(request, _pairs(request), lambda pair: serialize.service_at_location(*pair, full=True))


@api_view
def service_at_location_detail(request, id):
    try:
        wanted = str(uuid.UUID(id))
    except ValueError:
        raise Http404 from None
    for service in _full_services():
        for hub in service.hubs.all():
            if serialize.service_at_location_id(service, hub) == wanted:
                return JsonResponse(serialize.service_at_location(service, hub, full=True))
    raise Http404


def _organizations() -> list:
    """The council, then every organisation running at least one service parents can see."""
    others = Organization.objects.filter(services__in=Service.objects.for_parents()).distinct()
    return [None, *others]


@api_view
def organizations(request):
    return _page(request, _organizations(), serialize.organization)


@api_view
def organization_detail(request, id):
    if id == serialize.council_id():
        org = None
    else:
        org = _get_by_uuid(Organization.objects.filter(services__in=Service.objects.for_parents()).distinct(), id)
    data = serialize.organization(org)
    data["services"] = [serialize.service_summary(s) for s in _services().filter(organization=org)]
    return JsonResponse(data)


@api_view
def taxonomies(request):
    return _page(request, [serialize.TAXONOMY_ID], lambda _: serialize.taxonomy())


@api_view
def taxonomy_detail(request, id):
    if id != serialize.TAXONOMY_ID:
        raise Http404
    return JsonResponse(serialize.taxonomy())


@api_view
def taxonomy_terms(request):
    terms = serialize.taxonomy_terms()
    taxonomy = _uuid(request, "taxonomy_id")
    if taxonomy and taxonomy != serialize.TAXONOMY_ID:
        terms = []
    return _page(request, terms, lambda term: term)


@api_view
def taxonomy_term_detail(request, id):
    for value in Category.values:
        if serialize.term_id(value) == id:
            return JsonResponse(serialize.taxonomy_term(value, nested=True))
    raise Http404


@api_view
def not_found(request, rest=""):
    raise Http404

import hashlib
import os
import time
import uuid
from contextlib import contextmanager, suppress
from datetime import timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Count, F, Func, Max, Min, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.functional import SimpleLazyObject
from django.utils.http import http_date, urlencode
from django.views.decorators.http import require_GET

from hubs.models import Hub
from offers import booklet
from offers.forms import SearchForm, TimelineForm
from offers.models import NEED_HINTS, Category, Need, SearchLog, Service, ServiceStatus, Tier
from offers.presenters import need_links, stage_links
from offers.search import search as search_services
from offers.search import vocabulary
from offers.timeline import build_timeline, to_icalendar
from startforlife import pagination
from startforlife.content import content_number, content_version
from startforlife.publishing import PublicationState
from startforlife.stages import STAGE_ENTRY_POINTS, Stage

RESULTS_PER_PAGE = 20
SERVICES_PER_PAGE = 20  # browse by stage and by need
SERVICES_PER_GROUP = 3  # the offer page's local services, for each need
RELATED_SERVICES = 4
CACHE_SECONDS = 600  # what is kept under a content version (which changes every minute anyway)
OFFER_PDF_CACHE_SECONDS = 7 * 24 * 60 * 60  # a new version of the offer makes a new key anyway
OFFER_PDF_CLAIM_SECONDS = 5 * 60  # a worker making the PDF for longer than this has surely died
OFFER_PDF_FOLDER = "offer-pdf"  # in default storage (MEDIA_ROOT): public content, named by its fingerprint
OFFER_PDF_KEEP_SECONDS = 24 * 60 * 60  # older editions are deleted once a new one is made and a day has passed


def _hubs_prefetch() -> Prefetch:
    return Prefetch("hubs", queryset=Hub.objects.published().with_opening_times())


def _list_fields(services):
    # What a list of services shows: never the (long) description.
    return services.defer("description", "eligibility", "accessibility", "schedule", "search_vector")


def _universal(services) -> list[Service]:
    """The universal services in the national order: midwifery first, safeguarding, then parenting."""
    order = {value: index for index, value in enumerate(Category.values)}
    return sorted((s for s in services if s.tier == Tier.UNIVERSAL), key=lambda s: (order.get(s.category, 99), s.name))


def _grouped_by_need(services) -> list[dict]:
    groups = {need: [] for need in Need}
    other = []
    for service in services:
        (groups[Need(service.main_need)] if service.main_need in Need.values else other).append(service)
    result = [{"need": need, "label": need.label, "services": items} for need, items in groups.items() if items]
    if other:
        result.append({"need": None, "label": "Other support", "services": other})
    return result


class OfferLists:
    """What the offer page lists, read only when its cached fragment is missing (ADR 0061).

    The universal services in full; the local (Universal+) ones grouped by their main need,
    the first few of each, with how many the need's own page lists. Three queries, whatever
    the size of the offer.
    """

    @cached_property
    def universal(self) -> list[Service]:
        return _universal(_list_fields(Service.objects.for_parents().filter(tier=Tier.UNIVERSAL)))

    @cached_property
    def groups(self) -> list[dict]:
        local = _list_fields(Service.objects.for_parents().exclude(tier=Tier.UNIVERSAL))
        first_few = local.annotate(
            main=F("needs__0"),
            place=Window(RowNumber(), partition_by=[F("needs__0")], order_by=[F("name"), F("pk")]),
        ).filter(place__lte=SERVICES_PER_GROUP)
        counts = Service.objects.for_parents().aggregate(
            **{need.value: Count("pk", filter=Q(needs__contains=[need.value])) for need in Need},
            other=Count("pk", filter=Q(needs=[]) & ~Q(tier=Tier.UNIVERSAL)),
        )
        by_main: dict[str | None, list[Service]] = {}
        for service in sorted(first_few, key=lambda s: (s.name, s.pk)):
            by_main.setdefault(service.main if service.main in Need.values else None, []).append(service)
        groups = [
            {
                "need": need,
                "label": need.label,
                "services": by_main[need.value],
                "count": counts[need.value],
                "url": reverse("offers:need", args=[need.value]),
            }
            for need in Need
            if by_main.get(need.value)
        ]
        if by_main.get(None):
            groups.append(
                {
                    "need": None,
                    "label": "Other support",
                    "services": by_main[None],
                    "count": counts["other"],
                    # No need's page lists them (services imported without needs): search instead.
                    "url": reverse("offers:search") + f"?tier={Tier.UNIVERSAL_PLUS}",
                }
            )
        return groups


@login_not_required
@require_GET
def offer(request):
    return render(
        request,
        "offers/offer.html",
        {"offer": OfferLists(), "stages": stage_links(), "needs": need_links()},
    )


def _paginate(request, services, *, version: str, name: str):
    """One page of `services` (a lazy queryset: rows are read only if the page's fragment is not
    cached). A number past the end shows the last page; anything else unusable, the first.
    The count is kept in the cache under the content `version` and the list's `name`."""
    paginator = Paginator(services, SERVICES_PER_PAGE)
    paginator.count = cache.get_or_set(f"offers:count:{version}:{name}", services.count, timeout=CACHE_SECONDS)
    return pagination.page(paginator, request.GET.get("page"))


def _public_service(slug: str, version: str) -> Service | None:
    """The service parents may see at `slug`, kept under the content version (only if there is
    one: an unknown slug is not worth keeping), so a cached page reads nothing else."""
    key = f"offers:service:{version}:{slug}"
    service = cache.get(key)
    if service is None:
        service = Service.objects.for_parents().filter(slug=slug).first()
        if service is not None:
            cache.set(key, service, timeout=CACHE_SECONDS)
    return service


@login_not_required
@require_GET
def service_detail(request, slug):
    version = content_version()
    service = _public_service(slug, version)
    if service is None:
        # Once public, now archived or closed for good: say it has gone, and where to look.
        gone = Service.objects.gone().filter(slug=slug).first()
        if gone is None:
            raise Http404  # includes drafts: they must not even be named
        return render(request, "offers/service_gone.html", {"service": gone}, status=410)
    # The hubs, related services and "you said, we did" are read (even their queries built)
    # only when the page's cached fragments are missing (keyed on the content version and the service).
    related = SimpleLazyObject(
        lambda: list(
            _list_fields(Service.objects.for_parents())
            .exclude(pk=service.pk)
            .filter(Q(category=service.category) | Q(needs__overlap=service.needs or [""]))
            .order_by("tier", "name")[:RELATED_SERVICES]
        )
    )
    hubs = SimpleLazyObject(lambda: list(Hub.objects.published().with_opening_times().filter(services=service)))
    return render(
        request,
        "offers/service_detail.html",
        {"content_version": version, "service": service, "hubs": hubs, "related": related},
    )


@login_not_required
@require_GET
def service_print(request, slug):
    version = content_version()
    service = _public_service(slug, version)
    if service is None:
        raise Http404
    return render(
        request,
        "offers/service_print.html",
        {
            "content_version": version,
            "service": service,
            # Read only when the page's cached fragment is missing.
            "hubs": SimpleLazyObject(lambda: list(Hub.objects.published().filter(services=service))),
            "service_url": request.build_absolute_uri(service.get_absolute_url()),
        },
    )


@login_not_required
@require_GET
def stage(request, stage):
    if stage not in Stage.values:
        raise Http404
    label, hint = STAGE_ENTRY_POINTS[Stage(stage)]
    for_stage = _list_fields(Service.objects.for_parents().filter(stages__contains=[stage]))
    version = content_version()
    local = for_stage.exclude(tier=Tier.UNIVERSAL).order_by("name", "pk")
    page = _paginate(request, local, version=version, name=f"stage:{stage}")
    return render(
        request,
        "offers/stage.html",
        {
            "content_version": version,  # read once: the count's key and the fragment's
            "stage": stage,
            "stage_label": label,
            "stage_hint": hint,
            # Read only on the first page, and only when its fragment is not cached.
            "universal": SimpleLazyObject(lambda: _universal(for_stage.filter(tier=Tier.UNIVERSAL))),
            "page": page,
            "stages": stage_links(),
        },
    )


@login_not_required
@require_GET
def need(request, need):
    if need not in Need.values:
        raise Http404
    services = _list_fields(Service.objects.for_parents().filter(needs__contains=[need])).order_by("tier", "name", "pk")
    version = content_version()
    return render(
        request,
        "offers/need.html",
        {
            "need": need,
            "need_label": Need(need).label,
            "need_hint": NEED_HINTS[Need(need)],
            "page": _paginate(request, services, version=version, name=f"need:{need}"),
            "content_version": version,  # read once: the count's key and the fragment's
            "needs": need_links(),
        },
    )


def _search_choices(version: str) -> tuple[list, list]:
    """The hub and language filters' choices: (slug, name) of every published hub, and every
    language a service is offered in. Kept under the content version (two queries a minute)."""

    def read():
        hubs = list(Hub.objects.published().order_by("name").values_list("slug", "name"))
        languages = Service.objects.for_parents().annotate(language=Func(F("languages"), function="unnest"))
        return hubs, sorted(set(languages.values_list("language", flat=True)))

    return cache.get_or_set(f"offers:search_choices:{version}", read, timeout=CACHE_SECONDS)


@login_not_required
@require_GET
def search(request):
    version = content_version()
    hubs, languages = _search_choices(version)
    form = SearchForm(request.GET or None, hubs=hubs, languages=languages)
    results, page, corrected, query = None, None, None, ""
    if form.is_bound:
        form.is_valid()  # invalid filters are dropped (cleaned_data holds only valid ones) and explained
        data = getattr(form, "cleaned_data", {})
        query = data.get("q", "")
        services = form.filter(_list_fields(Service.objects.for_parents()))
        if query:
            # The offer's own words (never the parent's) are kept under the content version, for
            # a search without filters; with filters, the words of the services they leave.
            known_words = None
            if not form.has_filters:
                visible = Service.objects.for_parents()
                known_words = cache.get_or_set(
                    f"offers:vocabulary:{version}", lambda: vocabulary(visible), timeout=CACHE_SECONDS
                )
            found = search_services(services, query, known_words)
            paginator, corrected = Paginator(found.services, RESULTS_PER_PAGE), found.corrected
        else:
            paginator = Paginator(services.order_by("tier", "name", "pk"), RESULTS_PER_PAGE)
            # Filters alone: the same for everyone, so the count is kept (never a parent's words).
            key = f"offers:search_count:{version}:" + "&".join(form.filter_values())
            paginator.count = cache.get_or_set(key, services.count, timeout=CACHE_SECONDS)
        page = pagination.page(paginator, request.GET.get("page"))
        results = page.object_list
        if query and page.paginator.count == 0 and not form.has_filters:
            # Words only: no person, no time of day. Staff read these as unmet needs.
            SearchLog.objects.create(query=query[:200])
    return render(
        request,
        "offers/search.html",
        {
            "content_version": version,
            "form": form,
            "query": query,
            "results": results,
            "page": page,
            "corrected": corrected,
            "stages": stage_links(),
        },
    )


@login_not_required
@require_GET
def timeline(request):
    form = TimelineForm(request.GET or None)
    context = {"form": form, "timeline": None}
    if form.is_bound and form.is_valid():
        dates = form.dates()
        (kind, when), *_ = dates.items()
        born, day = form.cleaned_data["born"], form.cleaned_data["date"]
        query = urlencode({"born": born, "date_0": day.day, "date_1": day.month, "date_2": day.year})
        context |= {
            # Worked out only when the cached fragment for this date is missing.
            "timeline": SimpleLazyObject(lambda: build_timeline(**dates)),
            "timeline_key": f"{kind}:{when.isoformat()}",
            "query_string": query,
        }
    return render(request, "offers/timeline.html", context)


@login_not_required
@require_GET
def timeline_calendar(request):
    form = TimelineForm(request.GET or None)
    if not form.is_valid():
        raise Http404
    calendar = to_icalendar(
        build_timeline(**form.dates(), services=Service.objects.none()),
        programme=settings.PORTAL["PROGRAMME_NAME"],
        council=settings.PORTAL["COUNCIL_NAME"],
        url=request.build_absolute_uri(reverse("offers:offer")),
    )
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="health-visiting-reviews.ics"'
    return response


def _booklet_context(request) -> dict:
    services = list(Service.objects.for_parents().prefetch_related(_hubs_prefetch()))
    published_on = Service.objects.for_parents().aggregate(latest=Max("last_published_at"))["latest"]
    # Not "offer_url": base.html uses that name for its menu link.
    online_offer_url = request.build_absolute_uri(reverse("offers:offer"))
    return {
        "universal": _universal(services),
        "groups": _grouped_by_need([s for s in services if s.tier != Tier.UNIVERSAL]),
        "hubs": Hub.objects.published().order_by("kind", "name"),
        "published_on": published_on,
        "online_offer_url": online_offer_url,
        "qr_code": booklet.qr_code_svg(online_offer_url),
    }


@login_not_required
@require_GET
def offer_print(request):
    # Every service, laid out for printing: seconds at council scale, so kept in the cache for
    # each edition of the offer (the same edition as the PDF's), made only when that changes.
    context = SimpleLazyObject(lambda: _booklet_context(request))
    return render(request, "offers/offer_print.html", {"booklet": context, "edition": _offer_edition(request)})


def _offer_fingerprint(request, now=None) -> tuple[str, object]:
    """What the printed offer depends on, and until when it holds by the clock.

    The fingerprint changes whenever the printed offer would: a service or hub saved
    (published, edited, archived: every staff change saves and so moves `updated_at`), or one
    reaching its visible_from/visible_until (the count moves). The time is when that next
    happens (None if never): until then only a write can change the booklet. One aggregate
    query for the services and one for the hubs."""
    now = now or timezone.now()
    parts = [request.get_host()]  # the booklet's QR code and links carry the site's address
    until = []
    for model, shown in ((Service, ~Q(status=ServiceStatus.CLOSED)), (Hub, Q())):
        visible = (
            (Q(visible_from__isnull=True) | Q(visible_from__lte=now))
            & (Q(visible_until__isnull=True) | Q(visible_until__gt=now))
            & shown
        )
        found = model.objects.filter(publication_state=PublicationState.PUBLISHED).aggregate(
            n=Count("pk", filter=visible),
            at=Max("updated_at", filter=visible),
            appears=Min("visible_from", filter=Q(visible_from__gt=now)),
            goes=Min("visible_until", filter=Q(visible_until__gt=now)),
        )
        parts += [str(found["n"]), str(found["at"])]
        until += [t for t in (found["appears"], found["goes"]) if t is not None]
    return ":".join(parts), min(until, default=None)


def _offer_edition(request) -> str:
    """Which edition of the printed offer this is: a hash of the offer's fingerprint (ADR 0062).

    A cached request reads one number: the content version's counter, which every write to
    public content moves (but not the clock: the booklet takes seconds to make, so it must not
    be made every minute). Under it the cache keeps the edition and until when it holds: the
    next visible_from/visible_until. When the counter has moved or that time has come, the
    fingerprint is worked out again; it is often the same (a timetable or postcode change).
    """
    now = timezone.now()
    key = f"offers:offer_edition:{request.get_host()}:{content_number()}"
    found = cache.get(key)
    if found and (found["until"] is None or now < found["until"]):
        return found["edition"]
    fingerprint, until = _offer_fingerprint(request, now)
    edition = hashlib.sha256(fingerprint.encode()).hexdigest()
    cache.set(key, {"edition": edition, "until": until}, timeout=OFFER_PDF_CACHE_SECONDS)
    return edition


def _offer_pdf_file(request) -> dict:
    """The stored PDF of this edition of the offer: {"name", "etag", "made"}. The file is named
    by the edition, so only a new edition makes the PDF again (seconds; a minute for 2,000
    services), and every worker (and server sharing the storage) finds the file another made."""
    edition = _offer_edition(request)
    name = f"{OFFER_PDF_FOLDER}/{edition}.pdf"
    latest = f"offers:offer_pdf:{request.get_host()}:latest"
    if not default_storage.exists(name):
        previous = cache.get(latest)
        with _making(name) as ours:
            if not ours and previous and default_storage.exists(previous["name"]):
                # Another worker is making it (tens of seconds at council scale): rather than
                # tie this one up too, send the offer as it was a moment ago.
                return previous
            if not default_storage.exists(name):  # made while we waited for the claim
                _store(name, booklet.render_pdf(request, _booklet_context(request)))
                _discard_old_editions(keep=name)
    found = {
        "name": name,
        "etag": f'"{edition[:32]}"',
        "made": default_storage.get_modified_time(name).replace(microsecond=0),
    }
    cache.set(latest, found, timeout=OFFER_PDF_CACHE_SECONDS)
    return found


@contextmanager
def _making(name: str):
    """Claim the making of `name` across workers: a lock file beside it. Yields whether this
    worker has the claim; a claim older than OFFER_PDF_CLAIM_SECONDS is taken over."""
    try:
        lock = default_storage.path(f"{name}.making")
    except NotImplementedError:  # storage without local paths: no claim, everyone may make it
        yield True
        return
    os.makedirs(os.path.dirname(lock), exist_ok=True)
    try:
        if os.path.exists(lock) and time.time() - os.path.getmtime(lock) > OFFER_PDF_CLAIM_SECONDS:
            os.remove(lock)
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        yield False
        return
    except FileNotFoundError:  # removed by another worker between the two calls
        yield False
        return
    try:
        yield True
    finally:
        with suppress(FileNotFoundError):
            os.remove(lock)


def _discard_old_editions(*, keep: str) -> None:
    """Deletes the PDFs of editions made more than a day ago, but not `keep`. A day, not at
    once: another worker may be sending the previous edition, or another host name's."""
    try:
        _, files = default_storage.listdir(OFFER_PDF_FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - timedelta(seconds=OFFER_PDF_KEEP_SECONDS)
    for file in files:
        name = f"{OFFER_PDF_FOLDER}/{file}"
        if file.endswith(".pdf") and name != keep:
            with suppress(FileNotFoundError):  # deleted by another worker meanwhile
                if default_storage.get_modified_time(name) < cutoff:
                    default_storage.delete(name)


def _store(name: str, content: bytes) -> None:
    """Save under exactly `name`, whole or not at all: another worker may be sending it."""
    partial = default_storage.save(f"{name}.{uuid.uuid4().hex}.part", ContentFile(content))
    try:
        os.replace(default_storage.path(partial), default_storage.path(name))
    except NotImplementedError:  # storage without local paths: no rename, so save it again
        default_storage.delete(partial)
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(content))


@login_not_required
@require_GET
def offer_pdf(request):
    # Made once per version of the offer and kept as a file (default storage), sent with
    # sendfile where the server has it; the cache (Redis when REDIS_URL is set) says which file.
    pdf = _offer_pdf_file(request)
    try:
        file = default_storage.open(pdf["name"], "rb")
    except FileNotFoundError:  # an edition of another host name, older than a day, just deleted
        cache.delete(f"offers:offer_pdf:{request.get_host()}:latest")
        pdf = _offer_pdf_file(request)
        file = default_storage.open(pdf["name"], "rb")
    made = pdf["made"].timestamp()
    unchanged = get_conditional_response(request, etag=pdf["etag"], last_modified=made)
    if unchanged is not None:
        file.close()
        return unchanged
    response = FileResponse(
        file,
        as_attachment=True,
        filename="start-for-life-offer.pdf",
        content_type="application/pdf",
    )
    response["ETag"] = pdf["etag"]
    response["Last-Modified"] = http_date(made)
    response["Cache-Control"] = "no-cache"  # browsers may keep it, but ask each time (a 304 is cheap)
    return response

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import islice
from typing import Any

from django.db.models import Count, Exists, Max, OuterRef, Q, Window
from django.db.models.functions import Lower
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET

from hubs.models import Hub, HubKind, OpeningPeriod
from offers.models import Category, SearchLog, Service
from startforlife import workflow
from startforlife.models import ChangeRequest, ChangeRequestSource, ChangeRequestStatus
from startforlife.permissions import has_permission, permission_required
from startforlife.publishing import PublicationState

RECENT_ACTIVITY = 15
PROPOSAL_WORDS = {
    ChangeRequestSource.EDIT: "proposed a change",
    ChangeRequestSource.RESTORE: "proposed restoring an earlier version",
    ChangeRequestSource.IMPORT: "imported a change",
    ChangeRequestSource.OPEN_DATA: "imported a change from an open data feed",
}


DASHBOARD_REVIEWS = 25
DASHBOARD_CACHE_SECONDS = 120


@require_GET
@permission_required("manage.enter")
def dashboard(request):
    sections = {
        name: has_permission(request.user, permission)
        for name, permission in {
            "offer": "offers.view_staff",
            "hubs": "hubs.view_staff",
            "panel": "panels.coordinate",
            "reports": "panels.view_reports",
        }.items()
    }
    # Each section reads only the models its permission allows.
    models = [m for m, section in ((Service, "offer"), (Hub, "hubs")) if sections[section]]
    context: dict[str, Any] = {
        "sections": sections,
        # The sections' content depends only on which sections a person sees and on the
        # content version (which moves with every edit, approval and proposal, ADR 0060),
        # so the template keeps it as a fragment; the work below runs only when it is missing.
        "dashboard_key": "+".join(name for name, shown in sections.items() if shown),
        "dashboard_seconds": DASHBOARD_CACHE_SECONDS,
        "work": SimpleLazyObject(lambda: dashboard_work(models)) if models else None,
    }
    return render(request, "startforlife/manage_dashboard.html", context)


def dashboard_work(models) -> dict[str, Any]:
    """What needs doing in the offer and the hubs: changes to approve, reviews due, gaps."""
    # The most urgent few; the count says how many more there are.
    reviews = workflow.reviews_due(
        (model.objects.exclude(publication_state=PublicationState.ARCHIVED) for model in models),
        limit=DASHBOARD_REVIEWS,
    )
    return {
        "pending": pending_changes(models),
        "overdue": [(review, staff_url(review.item)) for review in reviews.overdue],
        "overdue_more": reviews.overdue_count - len(reviews.overdue),
        "due_soon": [(review, staff_url(review.item)) for review in reviews.due_soon],
        "due_soon_more": reviews.due_soon_count - len(reviews.due_soon),
        "activity": recent_activity(models),
        "failed_searches": failed_searches(),
        "coverage_problems": coverage_problems(),
    }


def staff_url(item) -> str:
    """The staff page of a service or hub (offers_staff:service_detail, hubs_staff:hub_detail)."""
    opts = item._meta
    return reverse(f"{opts.app_label}_staff:{opts.model_name}_detail", args=[item.pk])


def pending_changes(models) -> list[ChangeRequest]:
    changes = []
    for model in models:
        query = ChangeRequest.objects.pending().for_model(model).select_related("proposed_by", "content_type")
        changes += list(query.prefetch_related("item"))
    return sorted(changes, key=lambda change: change.proposed_at)


@dataclass(frozen=True)
class Activity:
    when: datetime
    who: Any
    item: Any  # the item, or for a version its name as it was then
    what: str
    url: str


def recent_activity(models) -> list[Activity]:
    verbs = {"+": "created", "~": "changed", "-": "deleted"}
    rows = []
    for model in models:
        for record in islice(model.history.select_related("history_user"), RECENT_ACTIVITY):
            rows.append(
                Activity(
                    when=record.history_date,
                    who=record.history_user,
                    # The record's own name: `record.instance` would load the service's
                    # generated search column, once per row.
                    item=record.name,
                    what=record.history_change_reason or verbs.get(record.history_type, "changed"),
                    url=reverse(f"{model._meta.app_label}_staff:{model._meta.model_name}_detail", args=[record.id]),
                )
            )
        # Proposals and send-backs do not touch the item's row, so its history does not show them.
        changes = ChangeRequest.objects.for_model(model).select_related("proposed_by", "decided_by")
        for change in changes.prefetch_related("item")[:RECENT_ACTIVITY]:
            url = reverse(f"{model._meta.app_label}_staff:change_detail", args=[change.pk])
            what = PROPOSAL_WORDS.get(change.source, "proposed a change")
            rows.append(Activity(when=change.proposed_at, who=change.proposed_by, item=change.item, what=what, url=url))
            if change.status == ChangeRequestStatus.REJECTED:
                rows.append(
                    Activity(when=change.decided_at, who=change.decided_by, item=change.item, what="sent back", url=url)
                )
    return sorted(rows, key=lambda row: row.when, reverse=True)[:RECENT_ACTIVITY]


# --- What parents could not find, and gaps in the offer -----------------------------------

FAILED_SEARCHES_SHOWN = 20
COVERAGE_SHOWN = 25
FAILED_SEARCHES_DAYS = 90
UNIVERSAL_CATEGORIES = [
    Category.MIDWIFERY,
    Category.HEALTH_VISITING,
    Category.PERINATAL_MENTAL_HEALTH,
    Category.INFANT_FEEDING,
    Category.SEND,
    Category.SAFEGUARDING,
]


@dataclass(frozen=True)
class FailedSearch:
    query: str
    count: int
    last_searched: date


def failed_searches(today: date | None = None) -> list[FailedSearch]:
    """Searches parents made in the last 90 days that found nothing, most frequent first (one query)."""
    since = (today or timezone.localdate()) - timedelta(days=FAILED_SEARCHES_DAYS)
    rows = (
        SearchLog.objects.filter(searched_on__gte=since)
        .annotate(words=Lower("query"))
        .values("words")
        .annotate(count=Count("id"), last_searched=Max("searched_on"))
        .order_by("-count", "-last_searched", "words")[:FAILED_SEARCHES_SHOWN]
    )
    return [FailedSearch(row["words"], row["count"], row["last_searched"]) for row in rows]


@dataclass(frozen=True)
class CoverageProblem:
    message: str
    url: str = ""


def coverage_problems() -> list[CoverageProblem]:
    """The offer coverage check, in four queries whatever the size of the offer.

    Flags each of the 6 universal services missing or not live; services (not archived)
    without a way to access them, a contact, a stage, or a hub or delivery way; hubs (not
    archived, not virtual: a virtual hub has no doors to open) without opening hours.
    """
    problems = []
    live = set(
        Service.objects.for_parents().filter(category__in=UNIVERSAL_CATEGORIES).values_list("category", flat=True)
    )
    any_state = dict(
        Service.objects.exclude(publication_state=PublicationState.ARCHIVED)
        .filter(category__in=UNIVERSAL_CATEGORIES)
        .values_list("category", "pk")
    )
    for category in UNIVERSAL_CATEGORIES:
        if category in live:
            continue
        if category in any_state:
            url = reverse("offers_staff:service_detail", args=[any_state[category]])
            problems.append(CoverageProblem(f"{category.label}: a universal service that is not live", url))
        else:
            problems.append(
                CoverageProblem(
                    f"{category.label}: a universal service missing from the offer",
                    reverse("offers_staff:service_list"),
                )
            )

    # Only services with a gap are read: the first few by name, each row carrying the count.
    gaps = (
        Q(access_routes=[])
        | Q(phone="", text_phone="", email="", website="")
        | Q(stages=[])
        | Q(hub_count=0, delivery_ways=[])
    )
    services = (
        Service.objects.exclude(publication_state=PublicationState.ARCHIVED)
        .annotate(hub_count=Count("hubs"))
        .filter(gaps)
        .only("pk", "name", "access_routes", "stages", "delivery_ways", "phone", "text_phone", "email", "website")
        .annotate(total=Window(Count("pk")))
        .order_by("name", "pk")[:COVERAGE_SHOWN]
    )
    for service in services:
        missing = []
        if not service.access_routes:
            missing.append("a way to access it")
        if not (service.phone or service.text_phone or service.email or service.website):
            missing.append("a contact")
        if not service.stages:
            missing.append("a stage")
        if not service.hub_count and not service.delivery_ways:
            missing.append("a hub or a way it is delivered")
        url = reverse("offers_staff:service_detail", args=[service.pk])
        problems.append(CoverageProblem(f"{service.name} needs {_and(missing)}", url))
    more = services[0].total - COVERAGE_SHOWN if services else 0
    if more > 0:
        problems.append(CoverageProblem(f"And {more} more services with gaps", reverse("offers_staff:service_list")))

    hours = OpeningPeriod.objects.filter(hub=OuterRef("pk"))
    hubs = (
        Hub.objects.exclude(publication_state=PublicationState.ARCHIVED)
        .exclude(kind=HubKind.VIRTUAL)
        .filter(~Exists(hours))
        .only("pk", "name")
        .order_by("name", "pk")[:COVERAGE_SHOWN]
    )
    for hub in hubs:
        problems.append(
            CoverageProblem(f"{hub.name} has no opening hours", reverse("hubs_staff:hub_detail", args=[hub.pk]))
        )
    return problems


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"

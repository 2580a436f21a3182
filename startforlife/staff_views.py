from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from typing import Any

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from hubs.models import Hub
from offers.models import Service
from startforlife import workflow
from startforlife.models import ChangeRequest, ChangeRequestSource, ChangeRequestStatus
from startforlife.permissions import has_permission, permission_required
from startforlife.publishing import PublicationState

RECENT_ACTIVITY = 15
PROPOSAL_WORDS = {
    ChangeRequestSource.EDIT: "proposed a change",
    ChangeRequestSource.RESTORE: "proposed restoring an earlier version",
    ChangeRequestSource.IMPORT: "imported a change",
}


DASHBOARD_REVIEWS = 25


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
    context: dict[str, Any] = {"sections": sections}
    # Each section reads only the models its permission allows.
    models = [m for m, section in ((Service, "offer"), (Hub, "hubs")) if sections[section]]
    if models:
        overdue, due_soon = workflow.reviews_due(
            item for model in models for item in model.objects.exclude(publication_state=PublicationState.ARCHIVED)
        )
        context |= {
            "pending": pending_changes(models),
            # The most urgent few; the count says how many more there are.
            "overdue": [(review, staff_url(review.item)) for review in overdue[:DASHBOARD_REVIEWS]],
            "overdue_more": max(0, len(overdue) - DASHBOARD_REVIEWS),
            "due_soon": [(review, staff_url(review.item)) for review in due_soon[:DASHBOARD_REVIEWS]],
            "due_soon_more": max(0, len(due_soon) - DASHBOARD_REVIEWS),
            "activity": recent_activity(models),
            "failed_searches": failed_searches(),
            "coverage_problems": coverage_problems(),
        }
    return render(request, "startforlife/manage_dashboard.html", context)


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
    item: Any  # as it was then (for a version, built from the record without a query)
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
                    item=record.instance,
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


# --- Hooks the lead fills in after merging the offers app --------------------------------
# Kept apart on purpose: they need the offers app's SearchLog model and service categories,
# which are built on another branch. Each returns a list the dashboard shows as-is.


def failed_searches() -> list:
    """Searches parents made that found nothing (from offers' SearchLog), most frequent first.

    Expected items: objects with `.query` (str), `.count` (int) and `.last_searched` (datetime).
    """
    return []


def coverage_problems() -> list:
    """The offer coverage check: each of the 6 universal services missing or not live; services
    without a way to access them, a contact, a stage, or a hub/delivery way; hubs without
    opening hours.

    Expected items: objects with `.message` (str) and `.url` (str, the staff page to fix it), or "".
    """
    return []

"""Aggregates for the Start for Life leader: never identities, never an individual's answers.

Small numbers can identify people ("the one dad in Riverside"), so every count of panel
members from 1 to 4 is shown as "fewer than 5" (ADR 0035).
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from panels.forms import EQUALITY_QUESTIONS
from panels.models import (
    Action,
    ActionStatus,
    Ask,
    EqualityResponse,
    Feedback,
    FeedbackStatus,
    Member,
    PopulationFigure,
)

SUPPRESS_BELOW = 5
SUPPRESSED = "fewer than 5"


@dataclass
class Bar:
    label: str
    value: int
    average_rating: float | None = None
    # Filled in by `chart()`: position and size in the SVG's own units.
    x: float = 0
    y: float = 0
    height: float = 0


def chart(bars: list[Bar], *, width: int = 640, height: int = 200) -> dict:
    """Geometry for a simple accessible SVG bar chart; the template draws it."""
    top = max((bar.value for bar in bars), default=0) or 1
    baseline = height - 20  # room for the month labels underneath
    step = width / max(len(bars), 1)
    for index, bar in enumerate(bars):
        bar.x = round(index * step + step * 0.15, 1)
        bar.height = round(bar.value / top * (baseline - 10), 1)
        bar.y = round(baseline - bar.height, 1)
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "baseline": baseline,
        "label_y": height - 6,
        "bar_width": round(step * 0.7, 1),
    }


def feedback_by_month(months: int = 12, now=None) -> list[Bar]:
    now = now or timezone.now()
    start = (now - timedelta(days=31 * (months - 1))).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    rows = (
        Feedback.objects.exclude(status=FeedbackStatus.HIDDEN)
        .filter(created_at__gte=start)
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(count=Count("pk"), rating=Avg("rating"))
    )
    by_month = {row["month"].date().replace(day=1): row for row in rows}
    bars = []
    month = start.date().replace(day=1)
    while month <= now.date():
        row = by_month.get(month, {"count": 0, "rating": None})
        bars.append(Bar(month.strftime("%b %Y"), row["count"], _round(row["rating"])))
        month = (month + timedelta(days=32)).replace(day=1)
    return bars


def _round(value) -> float | None:
    return round(value, 1) if value is not None else None


def feedback_by(field: str) -> list[Bar]:
    """Volume and average rating by "service__name", "hub__name" or "themes__name"."""
    rows = (
        Feedback.objects.exclude(status=FeedbackStatus.HIDDEN)
        .filter(**{f"{field}__isnull": False})
        .values(field)
        .annotate(count=Count("pk", distinct=True), rating=Avg("rating"))
        .order_by("-count", field)
    )
    return [Bar(row[field], row["count"], _round(row["rating"])) for row in rows]


def actions_summary() -> dict:
    counts = dict(Action.objects.values_list("status").annotate(n=Count("pk")))
    rows = [(status.label, counts.get(status, 0)) for status in ActionStatus]
    open_count = counts.get(ActionStatus.PLANNED, 0) + counts.get(ActionStatus.IN_PROGRESS, 0)
    return {"rows": rows, "open": open_count, "closed": sum(counts.values()) - open_count}


def ask_response_rates() -> list[dict]:
    # Against today's active members: the panel changes slowly, and no history is kept of who was a member when.
    members = Member.objects.active().count()
    asks = Ask.objects.annotate(answers_count=Count("answers", filter=Q(answers__member__isnull=False)))
    return [
        {
            "title": ask.title,
            "closes_at": ask.closes_at,
            "answers": ask.answers_count,
            "rate": round(100 * ask.answers_count / members) if members else None,
        }
        for ask in asks.order_by("-opens_at")
    ]


def suppress(counts: dict[str, int]) -> dict[str, int | None]:
    """None for every count from 1 to 4, and, if that hides exactly one, the next smallest too.

    Zero identifies nobody and is what the leader most needs to see ("no dads on the panel").

    The second step (secondary suppression) stops someone working the hidden number out
    from the total.
    """
    shown = {key: (value if value == 0 or value >= SUPPRESS_BELOW else None) for key, value in counts.items()}
    hidden = [key for key, value in shown.items() if value is None]
    if len(hidden) == 1:
        visible = sorted((value, key) for key, value in shown.items() if value)
        if visible:
            shown[visible[0][1]] = None
    return shown


def representativeness() -> list[dict]:
    """The make-up of the active panel, question by question, beside the local population."""
    # A subquery on the opaque token: the only way equality answers meet the member table.
    responses = EqualityResponse.objects.filter(token__in=Member.objects.active().values("equality_token"))
    total = responses.count()
    population = {(f.question, f.answer): f.percentage for f in PopulationFigure.objects.all()}
    sections = []
    for question, (label, choices) in EQUALITY_QUESTIONS.items():
        raw = dict(responses.exclude(**{question: ""}).values_list(question).annotate(n=Count("pk")))
        counts = {value: raw.get(value, 0) for value, _ in choices}
        shown = suppress(counts)
        answered = sum(counts.values())
        rows = []
        for value, choice_label in choices:
            count = shown[value]
            rows.append(
                {
                    "label": choice_label,
                    "count": SUPPRESSED if count is None else count,
                    "percent": round(100 * count / answered) if count is not None and answered else None,
                    "population": population.get((question, value)),
                }
            )
        sections.append({"question": label, "rows": rows, "answered": hide_small(answered)})
    return sections, hide_small(total)


def hide_small(count: int) -> int | str:
    return count if count == 0 or count >= SUPPRESS_BELOW else SUPPRESSED

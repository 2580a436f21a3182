"""A family's own 1,001 days, from a due date or a date of birth (docs/adr/0011-timeline.md).

Nothing here is stored: the date comes in with the request and the timeline goes out.
"""

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.utils import timezone
from icalendar import Calendar, Event

from offers.models import MandatedReview, Service, Tier
from startforlife.stages import Stage

PREGNANCY_LENGTH = timedelta(weeks=40)  # from the first day of the last period to the due date
LATEST_DUE_DATE = timedelta(weeks=42)  # a due date further away than this cannot be right
OVERDUE_ALLOWANCE = timedelta(weeks=2)  # still pregnant up to 2 weeks after the due date
OLDEST_CHILD = relativedelta(years=3)

# Stage boundaries, from birth.
NEWBORN_ENDS = relativedelta(weeks=8)
BABY_ENDS = relativedelta(months=12)
TODDLER_ENDS = relativedelta(months=24)  # the 2nd birthday: the end of the 1,001 days

SERVICES_PER_STAGE = 8
CALENDAR_NAMESPACE = uuid.UUID("6f1c1f0e-3d1b-4a43-9a53-7a3a8d2f5b10")


@dataclass
class ReviewOnTimeline:
    review: MandatedReview
    # None when it cannot be dated: the antenatal review on a timeline from a birth date.
    starts: date | None
    ends: date | None
    status: str  # "past", "now", "upcoming"


@dataclass
class StageOnTimeline:
    stage: Stage
    label: str
    starts: date | None
    ends: date | None
    is_current: bool
    reviews: list[ReviewOnTimeline] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)
    more_services: int = 0


@dataclass
class Timeline:
    today: date
    due_date: date | None
    birth_date: date | None
    stages: list[StageOnTimeline]
    reviews: list[ReviewOnTimeline]
    current_stage: Stage | None
    weeks_pregnant: int | None

    @property
    def estimated_birth(self) -> date:
        return self.birth_date or self.due_date

    @property
    def second_birthday(self) -> date:
        return self.estimated_birth + TODDLER_ENDS

    @property
    def is_after_the_1001_days(self) -> bool:
        return self.today >= self.second_birthday


def _status(today: date, starts: date | None, ends: date | None) -> str:
    if starts is None or ends is None:
        return "past"  # only the antenatal review of a baby already born
    if today < starts:
        return "upcoming"
    return "now" if today <= ends else "past"


def current_stage(today: date, birth: date) -> Stage | None:
    """The stage on `today` for a baby born (or due) on `birth`. None after the 2nd birthday."""
    if today < birth:
        return Stage.PREGNANCY
    if today < birth + NEWBORN_ENDS:
        return Stage.NEWBORN
    if today < birth + BABY_ENDS:
        return Stage.BABY
    if today < birth + TODDLER_ENDS:
        return Stage.TODDLER
    return None


def build_timeline(
    *, due_date: date | None = None, birth_date: date | None = None, today: date | None = None, services=None
) -> Timeline:
    """The timeline for exactly one of `due_date` (still pregnant) or `birth_date` (born)."""
    if (due_date is None) == (birth_date is None):
        raise ValueError("Give exactly one of due_date or birth_date")
    today = today or timezone.localdate()
    birth = birth_date or due_date
    # A baby born early is counted from its real birthday: the reviews follow its age.
    reviews = []
    for review in MandatedReview.objects.all():
        window = review.window(due_date=due_date, birth_date=birth_date)
        starts, ends = window or (None, None)
        reviews.append(ReviewOnTimeline(review, starts, ends, _status(today, starts, ends)))

    stage_dates = {
        Stage.PREGNANCY: (due_date - PREGNANCY_LENGTH if due_date else None, birth - timedelta(days=1)),
        Stage.NEWBORN: (birth, birth + NEWBORN_ENDS - timedelta(days=1)),
        Stage.BABY: (birth + NEWBORN_ENDS, birth + BABY_ENDS - timedelta(days=1)),
        Stage.TODDLER: (birth + BABY_ENDS, birth + TODDLER_ENDS - timedelta(days=1)),
    }
    now = current_stage(today, birth)
    by_stage = _services_by_stage(services if services is not None else Service.objects.for_parents())
    stages = []
    for stage, (starts, ends) in stage_dates.items():
        shown, count = by_stage.get(stage, ([], 0))
        stages.append(
            StageOnTimeline(
                stage=stage,
                label=stage.label,
                starts=starts,
                ends=ends,
                is_current=stage == now,
                reviews=[r for r in reviews if r.review.stage == stage],
                services=shown,
                more_services=count - len(shown),
            )
        )
    weeks_pregnant = None
    if due_date and now == Stage.PREGNANCY:
        weeks_pregnant = max(0, (today - (due_date - PREGNANCY_LENGTH)).days // 7)
    return Timeline(today, due_date, birth_date, stages, reviews, now, weeks_pregnant)


def _services_by_stage(services) -> dict[str, tuple[list[Service], int]]:
    """For each stage, its first SERVICES_PER_STAGE services (universal ones first, then by
    name) and how many there are. Two queries whatever the size of the offer: small tuples
    for every relevant service, then the few shown."""
    rows = services.order_by().values_list("pk", "name", "tier", "stages")
    grouped: dict[str, list[int]] = {}
    for pk, _name, _tier, stages in sorted(rows, key=lambda row: (row[2] != Tier.UNIVERSAL, row[1], row[0])):
        for stage in stages:
            grouped.setdefault(stage, []).append(pk)
    shown = {pk for pks in grouped.values() for pk in pks[:SERVICES_PER_STAGE]}
    found = Service.objects.only("name", "slug", "summary", "tier", "stages").in_bulk(shown) if shown else {}
    return {stage: ([found[pk] for pk in pks[:SERVICES_PER_STAGE]], len(pks)) for stage, pks in grouped.items()}


def to_icalendar(timeline: Timeline, *, programme: str, council: str, url: str) -> bytes:
    """The reviews as all-day events. UIDs depend only on the dates, so importing twice updates."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{council}//{programme}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{programme}: your baby's health visiting reviews")
    stamp = datetime.now(tz=timezone.get_current_timezone())
    for item in timeline.reviews:
        if item.starts is None or item.status == "past":
            continue
        event = Event()
        event.add("uid", f"{uuid.uuid5(CALENDAR_NAMESPACE, f'{item.review.slug}:{item.starts}')}@startforlife")
        event.add("dtstamp", stamp)
        event.add("summary", f"{item.review.name} (health visitor)")
        event.add("dtstart", item.starts)
        event.add("dtend", item.ends + timedelta(days=1))  # all-day events end the day after
        event.add(
            "description",
            f"{item.review.when}. {item.review.what_happens} Where: {item.review.where}. "
            f"Your health visitor will contact you to arrange it. More: {url}",
        )
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()

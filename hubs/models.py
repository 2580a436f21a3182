import datetime as dt
from dataclasses import dataclass

from dateutil import rrule
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from hubs.times import LONDON, format_time, local_datetime
from startforlife.publishing import Publishable, PublishableQuerySet
from startforlife.stages import Stage


class HubKind(models.TextChoices):
    MAIN = "main", "Main family hub"
    SATELLITE = "satellite", "Satellite or outreach site"
    VIRTUAL = "virtual", "Virtual hub"


class Facility(models.TextChoices):
    BREASTFEEDING_SPACE = "breastfeeding_space", "Designated breastfeeding space"
    BABY_CHANGING = "baby_changing", "Baby changing"
    STEP_FREE = "step_free", "Step-free access"
    ACCESSIBLE_TOILET = "accessible_toilet", "Accessible toilet"
    BUGGY_PARKING = "buggy_parking", "Buggy parking"
    CAR_PARKING = "car_parking", "Car parking"
    BUS_ROUTE = "bus_route", "On a bus route"
    CRECHE = "creche", "Crèche"
    WIFI = "wifi", "Free Wi-Fi"
    QUIET_ROOM = "quiet_room", "Quiet room"
    HEARING_LOOP = "hearing_loop", "Hearing loop"


class Activity(models.TextChoices):
    """What a family can do at a hub, in a parent's words."""

    BIRTH_REGISTRATION = "birth_registration", "Register a birth"
    ANTENATAL_APPOINTMENTS = "antenatal_appointments", "Antenatal appointments with a midwife"
    HEALTH_VISITOR_CLINIC = "health_visitor_clinic", "Health visitor clinics (weighing and reviews)"
    STAY_AND_PLAY = "stay_and_play", "Stay and play"
    INFANT_FEEDING = "infant_feeding", "Infant feeding drop-in"
    DADS_GROUP = "dads_group", "Dads' and co-parents' group"
    PEER_SUPPORT = "peer_support", "Peer support from other parents"
    TOUR = "tour", "A tour for new parents"
    ADVICE = "advice", "Advice on money, housing and work"
    TOY_LIBRARY = "toy_library", "Toy library"


def opening_time_prefetches() -> list[Prefetch]:
    """Everything `hubs/includes/hub_status.html` and `Hub.status()` read, for any number
    of hubs in two extra queries: the weekly periods and the closures not yet over."""
    today = timezone.localdate()
    return [
        Prefetch("opening_periods", queryset=OpeningPeriod.objects.order_by("weekday", "opens")),
        Prefetch("closures", queryset=Closure.objects.filter(ends_on__gte=today).order_by("starts_on")),
    ]


class HubQuerySet(PublishableQuerySet):
    def with_opening_times(self):
        """Hubs with `opening_time_prefetches()`."""
        return self.prefetch_related(*opening_time_prefetches())


@dataclass(frozen=True)
class OpeningStatus:
    now: dt.datetime
    is_open: bool
    closes_at: dt.datetime | None = None
    next_opening: dt.datetime | None = None
    closure: "Closure | None" = None

    @property
    def label(self) -> str:
        """ "Open now until 5pm", "Closed today (Bank holiday) – opens at 9am tomorrow"."""
        if self.is_open:
            return f"Open now until {format_time(self.closes_at.time())}"
        closed = f"Closed today ({self.closure.reason})" if self.closure else "Closed now"
        if self.next_opening is None:
            return closed
        return f"{closed} – opens {describe_when(self.next_opening, self.now)}"


def describe_when(moment: dt.datetime, now: dt.datetime) -> str:
    """ "at 9am today", "at 9am tomorrow", "at 1:30pm on Monday", "at 9am on 2 January"."""
    days = (moment.date() - now.date()).days
    time = format_time(moment.time())
    if days == 0:
        return f"at {time} today"
    if days == 1:
        return f"at {time} tomorrow"
    if days < 7:
        return f"at {time} on {moment:%A}"
    return f"at {time} on {moment.day} {moment:%B}"


class Hub(Publishable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=HubKind.choices, default=HubKind.MAIN)
    description = models.TextField(blank=True, help_text="A welcoming description, in plain English.")
    address = models.TextField(blank=True, help_text="Street address, one line per row. Leave empty for a virtual hub.")
    postcode = models.CharField(max_length=10, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    photo = models.ImageField(upload_to="hubs/", blank=True)
    photo_alt_text = models.CharField(
        max_length=250,
        blank=True,
        help_text="What the photo shows, for people who cannot see it. Leave empty if the photo is only decoration.",
    )
    facilities = ArrayField(models.CharField(max_length=30, choices=Facility.choices), default=list, blank=True)
    activities = ArrayField(
        models.CharField(max_length=30, choices=Activity.choices),
        default=list,
        blank=True,
        verbose_name="what you can do there",
    )
    bus_routes = models.CharField(
        max_length=200, blank=True, help_text="Bus numbers that stop nearby, like 12, 12A, 45."
    )
    getting_there = models.TextField(
        blank=True, help_text="How to get there: the nearest bus stop, parking, the step-free entrance."
    )

    oruk_source = models.CharField(
        max_length=500, blank=True, editable=False, help_text="The ORUK feed it was imported from."
    )

    objects = HubQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("hubs:hub_detail", kwargs={"slug": self.slug})

    @property
    def is_virtual(self) -> bool:
        return self.kind == HubKind.VIRTUAL

    def get_facilities_display(self) -> list[str]:
        return [Facility(value).label for value in self.facilities if value in Facility.values]

    def get_access_display(self) -> list[str]:
        """The facilities that matter for getting there and in."""
        access = [Facility.STEP_FREE, Facility.CAR_PARKING, Facility.BUGGY_PARKING, Facility.BUS_ROUTE]
        return [facility.label for facility in access if facility in self.facilities]

    def get_activities_display(self) -> list[str]:
        return [Activity(value).label for value in self.activities if value in Activity.values]

    # Opening times. These read `opening_periods` and `closures` through `.all()` so that a
    # queryset built with `with_opening_times()` answers them without further queries.
    def closure_on(self, day: dt.date) -> "Closure | None":
        return next((c for c in self.closures.all() if c.starts_on <= day <= c.ends_on), None)

    def periods_on(self, day: dt.date) -> list["OpeningPeriod"]:
        if self.closure_on(day):
            return []
        return [p for p in self.opening_periods.all() if p.weekday == day.weekday()]

    def has_opening_times(self) -> bool:
        return bool(self.opening_periods.all())

    def status(self, now: dt.datetime | None = None) -> OpeningStatus | None:
        """Open now, and until when; or when it opens next (looking two weeks ahead).
        None when the hub lists no opening times at all (a virtual hub, say)."""
        if not self.has_opening_times():
            return None
        now = (now or timezone.now()).astimezone(LONDON)
        for offset in range(15):
            day = now.date() + dt.timedelta(days=offset)
            for period in self.periods_on(day):
                opens, closes = local_datetime(day, period.opens), local_datetime(day, period.closes)
                if opens <= now < closes:
                    return OpeningStatus(now, is_open=True, closes_at=closes)
                if now < opens:
                    return OpeningStatus(now, is_open=False, next_opening=opens, closure=self.closure_on(now.date()))
        return OpeningStatus(now, is_open=False, closure=self.closure_on(now.date()))

    @cached_property
    def current_status(self) -> OpeningStatus | None:
        return self.status()

    def week(self, start: dt.date | None = None) -> list[dict]:
        """Seven days from `start` (today): each day's periods, or the closure that empties it."""
        start = start or timezone.localdate()
        days = []
        for offset in range(7):
            day = start + dt.timedelta(days=offset)
            days.append({"date": day, "periods": self.periods_on(day), "closure": self.closure_on(day)})
        return days

    def upcoming_closures(self, today: dt.date | None = None, days: int = 90) -> list["Closure"]:
        today = today or timezone.localdate()
        horizon = today + dt.timedelta(days=days)
        return [c for c in self.closures.all() if c.ends_on >= today and c.starts_on <= horizon]


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OpeningPeriod(models.Model):
    """One stretch of opening on a weekday, in Europe/London wall-clock time. A day may have
    several (9am to 12:30pm, 1:30pm to 5pm); a weekday without any is a closed day."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    opens = models.TimeField()
    closes = models.TimeField()

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(opens__lt=F("closes")), name="opening_period_opens_before_it_closes"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {format_time(self.opens)} to {format_time(self.closes)}"


class Closure(models.Model):
    """Days the hub is closed although its weekly hours say open: bank holidays, training days."""

    hub = models.ForeignKey(Hub, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField()
    ends_on = models.DateField(help_text="The last day it is closed. The same as the first day for a single day.")
    reason = models.CharField(max_length=200, help_text="Shown to parents, like 'Bank holiday' or 'Staff training'.")

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lte=F("ends_on")), name="closure_starts_before_it_ends"),
        ]

    def __str__(self) -> str:
        return f"{self.reason} ({self.starts_on} to {self.ends_on})"


# --- The timetable ---


class SessionKind(models.TextChoices):
    STAY_AND_PLAY = "stay_and_play", "Stay and play"
    BABY_MASSAGE = "baby_massage", "Baby massage"
    INFANT_FEEDING = "infant_feeding", "Infant feeding"
    DADS_GROUP = "dads_group", "Dads and co-parents"
    CLINIC = "clinic", "Health visitor clinic"
    ANTENATAL = "antenatal", "Antenatal class"
    OTHER = "other", "Other"


class Frequency(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every 2 weeks"
    MONTHLY = "monthly", "Once a month"


class WeekOfMonth(models.IntegerChoices):
    FIRST = 1, "First"
    SECOND = 2, "Second"
    THIRD = 3, "Third"
    FOURTH = 4, "Fourth"
    LAST = -1, "Last"


class Booking(models.TextChoices):
    DROP_IN = "drop_in", "Drop in, no need to book"
    BOOK = "book", "Book a place"


@dataclass(frozen=True)
class Occurrence:
    session: "Session"
    starts_at: dt.datetime
    ends_at: dt.datetime
    cancellation: "SessionCancellation | None" = None

    @property
    def date(self) -> dt.date:
        return self.starts_at.date()

    @property
    def is_cancelled(self) -> bool:
        return self.cancellation is not None


class SessionQuerySet(models.QuerySet):
    def published(self, now=None):
        """Sessions parents may see: at a published hub, or online with no hub."""
        return self.filter(Q(hub__isnull=True) | Q(hub__in=Hub.objects.published(now)))

    def for_timetable(self, start: dt.date, end: dt.date):
        """Sessions that may run between `start` and `end`, with what a timetable row shows."""
        return (
            self.filter(starts_on__lte=end)
            .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
            .select_related("hub", "service")
            .prefetch_related(
                Prefetch("cancellations", queryset=SessionCancellation.objects.filter(date__range=(start, end)))
            )
        )


class Session(models.Model):
    """A timetabled activity that repeats: weekly, fortnightly, or monthly on a weekday
    ("the second Tuesday"). The first date fixes the weekday."""

    title = models.CharField(max_length=200)
    kind = models.CharField("type", max_length=20, choices=SessionKind.choices, default=SessionKind.OTHER)
    hub = models.ForeignKey(
        Hub, null=True, blank=True, on_delete=models.CASCADE, related_name="sessions", help_text="Empty if online only."
    )
    online = models.BooleanField(default=False, help_text="It happens online (video call).")
    service = models.ForeignKey(
        "offers.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions"
    )
    description = models.TextField(blank=True)
    frequency = models.CharField(max_length=20, choices=Frequency.choices, default=Frequency.WEEKLY)
    week_of_month = models.SmallIntegerField(
        choices=WeekOfMonth.choices, null=True, blank=True, help_text="Only for monthly sessions."
    )
    starts_on = models.DateField(help_text="The date of the first session. Its weekday is the session's weekday.")
    ends_on = models.DateField(null=True, blank=True, help_text="The last possible date. Leave empty if it carries on.")
    start_time = models.TimeField()
    end_time = models.TimeField()
    stages = ArrayField(models.CharField(max_length=20, choices=Stage.choices), default=list, blank=True)
    audience = models.CharField(
        max_length=200, blank=True, help_text="Who it is for, like 'Dads and co-parents' or 'Everyone welcome'."
    )
    booking = models.CharField(max_length=20, choices=Booking.choices, default=Booking.DROP_IN)
    booking_details = models.CharField(max_length=300, blank=True, help_text="How to book, if booking is needed.")
    cost = models.CharField(max_length=100, default="Free")

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["start_time", "title"]
        # What's on's filters (docs/performance.md). The hub filter has the foreign key's index; the
        # dates need none: nearly every session is current, so PostgreSQL reads them all.
        indexes = [
            models.Index(fields=["kind"], name="hubs_session_kind_idx"),
            GinIndex(fields=["stages"], name="hubs_session_stages_gin"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(start_time__lt=F("end_time")), name="session_starts_before_it_ends"),
            models.CheckConstraint(condition=Q(hub__isnull=False) | Q(online=True), name="session_at_a_hub_or_online"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(starts_on__lte=F("ends_on")),
                name="session_first_date_before_last",
            ),
            models.CheckConstraint(
                condition=Q(frequency="monthly", week_of_month__isnull=False) | ~Q(frequency="monthly"),
                name="monthly_session_has_week_of_month",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.frequency == Frequency.MONTHLY and self.week_of_month is None:
            raise ValidationError({"week_of_month": "Select which week of the month"})
        if not self.hub_id and not self.online:
            raise ValidationError({"hub": "Select a hub, or say that the session is online"})

    def recurrence(self, near: dt.date | None = None) -> rrule.rrule:
        """The session's dates as an rrule. With `near`, the rule starts close before that date
        but keeps its rhythm (same weekday, same fortnight), so a session that began years ago
        is not walked through from its first date every time a page is shown."""
        first = self.starts_on
        if near and near > first:
            if self.frequency == Frequency.MONTHLY:
                first = max(first, near.replace(day=1))
            else:
                step = 14 if self.frequency == Frequency.FORTNIGHTLY else 7
                first += dt.timedelta(days=(near - first).days // step * step)
        weekday = rrule.weekdays[self.starts_on.weekday()]
        start = dt.datetime.combine(first, dt.time())
        until = dt.datetime.combine(self.ends_on, dt.time()) if self.ends_on else None
        if self.frequency == Frequency.MONTHLY:
            return rrule.rrule(rrule.MONTHLY, dtstart=start, until=until, byweekday=weekday(self.week_of_month))
        interval = 2 if self.frequency == Frequency.FORTNIGHTLY else 1
        return rrule.rrule(rrule.WEEKLY, dtstart=start, until=until, interval=interval, byweekday=weekday)

    def dates_between(self, start: dt.date, end: dt.date) -> list[dt.date]:
        after, before = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
        return [moment.date() for moment in self.recurrence(near=start).between(after, before, inc=True)]

    def occurrences(self, start: dt.date, end: dt.date) -> list[Occurrence]:
        """Each date it runs between `start` and `end` (inclusive), cancelled ones included and
        marked: a parent who planned to go needs to know. Reads `cancellations.all()`."""
        cancelled = {c.date: c for c in self.cancellations.all()}
        return [
            Occurrence(
                session=self,
                starts_at=local_datetime(day, self.start_time),
                ends_at=local_datetime(day, self.end_time),
                cancellation=cancelled.get(day),
            )
            for day in self.dates_between(start, end)
        ]

    def describe_recurrence(self) -> str:
        day = f"{self.starts_on:%A}"
        if self.frequency == Frequency.MONTHLY:
            return f"{WeekOfMonth(self.week_of_month).label} {day} of the month"
        if self.frequency == Frequency.FORTNIGHTLY:
            return f"Every other {day}"
        return f"Every {day}"

    @property
    def place(self) -> str:
        if self.hub and not self.online:
            return self.hub.name
        return "Online"


class SessionCancellation(models.Model):
    """One date a session does not run, with the reason parents see."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="cancellations")
    date = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["session", "date"], name="one_cancellation_per_session_date")]

    def __str__(self) -> str:
        return f"{self.session} cancelled on {self.date}"


def occurrences_between(sessions, start: dt.date, end: dt.date, *, not_over_at: dt.datetime | None = None):
    """All occurrences of `sessions` (from `for_timetable`) in date and time order; with
    `not_over_at`, only those still to come or happening at that moment."""
    found = [
        occurrence
        for session in sessions
        for occurrence in session.occurrences(start, end)
        if not_over_at is None or occurrence.ends_at > not_over_at
    ]
    return sorted(found, key=lambda o: (o.starts_at, o.session.title, o.session.pk))


# --- Postcodes ---


class Postcode(models.Model):
    """Where a postcode is, from the ONS Postcode Directory (`import_postcodes`)."""

    postcode = models.CharField(max_length=8, primary_key=True, help_text="Normalised, like 'SW1A 1AA'.")
    latitude = models.FloatField()
    longitude = models.FloatField()
    local_authority = models.CharField(max_length=9, blank=True, db_index=True)

    def __str__(self) -> str:
        return self.postcode

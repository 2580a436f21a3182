"""The Parent and Carer Panel: members, feedback, safeguarding, asks, meetings, actions.

Identity and equality data live apart: `EqualityResponse` has no relation to `Member`,
only the opaque random token the member row holds (ADR 0032). Feedback about services
and hubs comes from anyone; a feedback item that may disclose harm is flagged and an
alert is queued in `OutboxMessage` in the same transaction (ADR 0030).
"""

import re
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

TEXT_LIMIT = 5000


# --- Themes and safeguarding phrases: lists the coordinator maintains -------------------------


class Theme(models.Model):
    name = models.CharField(max_length=100, unique=True)
    is_active = models.BooleanField("in use", default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SafeguardingPhraseQuerySet(models.QuerySet):
    def matches(self, text: str) -> list[str]:
        """The active phrases found in `text`, as whole words, ignoring case."""
        folded = " ".join(text.casefold().split())
        return [
            phrase
            for phrase in self.filter(is_active=True).values_list("phrase", flat=True)
            if re.search(rf"(?<!\w){re.escape(' '.join(phrase.casefold().split()))}(?!\w)", folded)
        ]


class SafeguardingPhrase(models.Model):
    """Words that may disclose harm to a child or adult. Over-matching is the safe side."""

    phrase = models.CharField(max_length=100, unique=True)
    is_active = models.BooleanField("in use", default=True)

    objects = SafeguardingPhraseQuerySet.as_manager()

    class Meta:
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase


# --- Members ------------------------------------------------------------------------------


class Connection(models.TextChoices):
    PREGNANT = "pregnant", "I am pregnant"
    PARTNER = "partner", "My partner is pregnant"
    PARENT = "parent", "I am a parent or carer of a baby under 2"
    EXPECTING_ADOPTION = "adopting", "We are adopting or fostering a baby"
    OTHER = "other", "Something else"


class Area(models.TextChoices):
    CENTRAL = "central", "Brackenford town centre"
    NORTH = "north", "Northgate and the north"
    RIVERSIDE = "riverside", "Riverside and the south"
    EAST = "east", "East Marsh and the villages"
    OUTSIDE = "outside", "Outside the borough"


class AccessNeed(models.TextChoices):
    CRECHE = "creche", "Crèche"
    INTERPRETER = "interpreter", "An interpreter"
    TRAVEL = "travel", "Help with travel"
    STEP_FREE = "step_free", "Step-free access"


class MemberStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    WAITLISTED = "waitlisted", "Waiting list"
    DECLINED = "declined", "Declined"
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    LEFT = "left", "Left"


def new_equality_token() -> str:
    return secrets.token_urlsafe(24)


class MemberQuerySet(models.QuerySet):
    def applications(self):
        return self.filter(status__in=[MemberStatus.APPLIED, MemberStatus.WAITLISTED])

    def roster(self):
        return self.filter(status__in=[MemberStatus.ACTIVE, MemberStatus.INACTIVE])

    def active(self):
        return self.filter(status=MemberStatus.ACTIVE)


class Member(models.Model):
    """An applicant, then a member. Identity fields are blanked when they leave."""

    full_name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    connection = models.CharField(max_length=20, choices=Connection.choices)
    area = models.CharField(max_length=20, choices=Area.choices)
    access_needs = ArrayField(models.CharField(max_length=20, choices=AccessNeed.choices), default=list, blank=True)
    access_needs_other = models.CharField(max_length=500, blank=True)
    preferred_language = models.CharField(max_length=100, blank=True)
    privacy_notice_version = models.CharField(max_length=20)
    consented_at = models.DateTimeField()

    status = models.CharField(max_length=20, choices=MemberStatus.choices, default=MemberStatus.APPLIED)
    status_changed_at = models.DateTimeField(default=timezone.now)
    decision_reason = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_member"
    )
    # The only link to this person's equality answers (ADR 0032). Never shown anywhere.
    equality_token = models.CharField(max_length=64, unique=True, default=new_equality_token, editable=False)
    applied_at = models.DateTimeField(default=timezone.now)

    objects = MemberQuerySet.as_manager()

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or "Former member"

    def access_need_labels(self) -> list[str]:
        return [AccessNeed(value).label for value in self.access_needs if value in AccessNeed.values]


class EqualityResponse(models.Model):
    """Special category data, answered optionally, used only in aggregate (ADR 0032).

    Deliberately no ForeignKey: nothing joins this table to a person. Every question has
    "prefer not to say"; a blank answer means the question was skipped.
    """

    token = models.CharField(max_length=64, unique=True)
    parent_role = models.CharField(max_length=30, blank=True)
    age_band = models.CharField(max_length=30, blank=True)
    ethnicity = models.CharField(max_length=60, blank=True)
    disability = models.CharField(max_length=30, blank=True)
    lgbt = models.CharField(max_length=30, blank=True)
    first_language = models.CharField(max_length=30, blank=True)
    answered_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return "Equality answers"  # never the answers themselves


class PopulationFigure(models.Model):
    """The local make-up the coordinator enters (for example from the 2021 census)."""

    question = models.CharField(max_length=30)
    answer = models.CharField(max_length=60)
    percentage = models.DecimalField(max_digits=5, decimal_places=1, validators=[MaxValueValidator(100)])
    source = models.CharField(max_length=200, blank=True)

    class Meta:
        unique_together = [("question", "answer")]
        ordering = ["question", "answer"]

    def __str__(self) -> str:
        return f"{self.question}: {self.answer} {self.percentage}%"


# --- Feedback -----------------------------------------------------------------------------


class Topic(models.TextChoices):
    GENERAL = "general", "Tell us what you think"
    OUT_OF_DATE = "out_of_date", "The information is out of date or wrong"
    HARD_TO_UNDERSTAND = "hard_to_understand", "It is hard to understand"
    COULD_NOT_ACCESS = "could_not_access", "I could not get to or use the service"
    SOMETHING_ELSE = "something_else", "Something else"


# Factual corrections go to the member of staff who keeps the page accurate.
CORRECTION_TOPICS = frozenset({Topic.OUT_OF_DATE, Topic.HARD_TO_UNDERSTAND})


class FeedbackStatus(models.TextChoices):
    NEW = "new", "New"
    REVIEWED = "reviewed", "Reviewed"
    HIDDEN = "hidden", "Hidden"


class FeedbackQuerySet(models.QuerySet):
    def queue(self):
        """The coordinator's queue: safeguarding first, then the oldest new item first."""
        return self.order_by("-safeguarding_flag", "status", "created_at")

    def awaiting_sign_off(self):
        return self.filter(safeguarding_flag=True, safeguarding_signed_off_at__isnull=True)

    def about_pages_owned_by(self, user):
        return self.filter(Q(service__owner=user) | Q(hub__owner=user) | Q(routed_to=user), safeguarding_flag=False)

    def visible_to_editor(self, user):
        """Feedback about what this person keeps accurate, once the coordinator has redacted it.

        Only reviewed items: names in free text cannot be found by a machine, so a person
        takes them out first (ADR 0034). Safeguarding items never reach page owners.
        """
        return self.about_pages_owned_by(user).filter(status=FeedbackStatus.REVIEWED)


EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE_PATTERN = re.compile(r"(?:\+44\s?|0)(?:[\s-]?\d){9,10}")
POSTCODE_PATTERN = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)


def redact_contact_details(text: str) -> str:
    """A safety net, not the redaction itself: the coordinator also removes names."""
    text = EMAIL_PATTERN.sub("[email removed]", text)
    text = PHONE_PATTERN.sub("[phone removed]", text)
    return POSTCODE_PATTERN.sub("[postcode removed]", text)


class Feedback(models.Model):
    # The idempotency key the form carries: a second POST of the same form finds this row.
    submission_token = models.UUIDField(unique=True, editable=False)
    reference = models.CharField(max_length=12, unique=True, editable=False)
    service = models.ForeignKey(
        "offers.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_feedback"
    )
    hub = models.ForeignKey("hubs.Hub", null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_feedback")
    topic = models.CharField(max_length=30, choices=Topic.choices, default=Topic.GENERAL)
    what_worked = models.TextField(blank=True, max_length=TEXT_LIMIT)
    could_be_better = models.TextField(blank=True, max_length=TEXT_LIMIT)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    contact_consent = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback")
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    # Safeguarding (ADR 0030).
    worried_about_child = models.BooleanField(default=False)
    safeguarding_flag = models.BooleanField(default=False, db_index=True)
    matched_phrases = ArrayField(models.CharField(max_length=100), default=list, blank=True)
    safeguarding_signed_off_at = models.DateTimeField(null=True, blank=True)
    safeguarding_signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    safeguarding_outcome = models.TextField(blank=True)

    # Moderation.
    status = models.CharField(max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.NEW)
    themes = models.ManyToManyField(Theme, blank=True, related_name="feedback")
    redacted_text = models.TextField(
        blank=True,
        max_length=2 * TEXT_LIMIT,
        help_text="What others see: the feedback with names and other personal details taken out.",
    )
    hidden_reason = models.CharField(max_length=200, blank=True)
    contact_details_removed_at = models.DateTimeField(null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "feedback"

    def __str__(self) -> str:
        return f"Feedback {self.reference}"

    @property
    def about(self):
        return self.service or self.hub

    def full_text(self) -> str:
        parts = []
        if self.what_worked:
            parts.append(f"What worked: {self.what_worked}")
        if self.could_be_better:
            parts.append(f"What could be better: {self.could_be_better}")
        return "\n\n".join(parts)

    def shareable_text(self) -> str:
        """For editors and reports: the coordinator's redaction, else an automatic one."""
        return self.redacted_text or redact_contact_details(self.full_text())

    @property
    def can_be_deleted(self) -> bool:
        return not self.safeguarding_flag

    def has_contact_details(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


# --- The outbox ---------------------------------------------------------------------------


class OutboxQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def due(self, now=None):
        return self.unsent().filter(next_attempt_at__lte=now or timezone.now())


class OutboxMessage(models.Model):
    """An email written in the same transaction as the change it reports (ADR 0031).

    `python manage.py send_outbox` sends what is due; a failure leaves the row unsent
    with the next attempt pushed back, so nothing is lost when email is down.
    """

    class Kind(models.TextChoices):
        SAFEGUARDING_ALERT = "safeguarding_alert", "Safeguarding alert"
        CORRECTION = "correction", "Correction for the page owner"
        WELCOME = "welcome", "Welcome to the panel"
        PASSWORD_RESET = "password_reset", "Link to reset a password"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    feedback = models.ForeignKey(Feedback, null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox")
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.to}"

    def backoff(self) -> timedelta:
        # 1, 2, 4, 8 ... minutes, at most an hour between attempts.
        return timedelta(minutes=min(2 ** max(self.attempts - 1, 0), 60))


# --- Asks, meetings and "you said, we did" -------------------------------------------------


class AskKind(models.TextChoices):
    FREE_TEXT = "free_text", "Free text"
    SINGLE = "single", "Choose one"
    MULTIPLE = "multiple", "Choose any"
    RATING = "rating", "Rating from 1 to 5"


class AskQuerySet(models.QuerySet):
    def open(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)


class Ask(models.Model):
    """A question to the panel, optionally about a service, a hub or a draft change."""

    title = models.CharField(max_length=200)
    question = models.TextField(max_length=2000)
    kind = models.CharField(max_length=20, choices=AskKind.choices)
    choices = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    service = models.ForeignKey("offers.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    hub = models.ForeignKey("hubs.Hub", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)

    objects = AskQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_at"]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.opens_at <= now < self.closes_at


class Answer(models.Model):
    ask = models.ForeignKey(Ask, on_delete=models.CASCADE, related_name="answers")
    # Null once the member leaves: the answer stays, anonymous.
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="answers")
    text = models.TextField(blank=True, max_length=TEXT_LIMIT)
    selected = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    safeguarding_flag = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["ask", "member"], name="one_answer_per_member"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.ask}"


class Support(models.TextChoices):
    CRECHE = "creche", "Crèche"
    VOUCHERS = "vouchers", "Shopping vouchers"
    FOOD = "food", "Food"
    TRAVEL = "travel", "Travel costs"
    INTERPRETER = "interpreter", "Interpreter"


class Meeting(models.Model):
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    agenda = models.TextField(blank=True)
    minutes = models.TextField(blank=True)
    support_offered = ArrayField(models.CharField(max_length=20, choices=Support.choices), default=list, blank=True)
    attendees = models.ManyToManyField(Member, blank=True, related_name="meetings_attended")

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.title

    def support_labels(self) -> list[str]:
        return [Support(value).label for value in self.support_offered if value in Support.values]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    NOT_POSSIBLE = "not_possible", "Not possible"


class ActionQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def open(self):
        return self.filter(status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS])


class Action(models.Model):
    """ "You said, we did": what changed because of what families told us."""

    you_said = models.TextField(max_length=2000)
    we_did = models.TextField(max_length=2000)
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    why_not_possible = models.TextField(blank=True, max_length=2000)
    changed_on = models.DateField(null=True, blank=True)
    service = models.ForeignKey(
        "offers.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_actions"
    )
    hub = models.ForeignKey("hubs.Hub", null=True, blank=True, on_delete=models.SET_NULL, related_name="panel_actions")
    themes = models.ManyToManyField(Theme, blank=True, related_name="actions")
    is_public = models.BooleanField("show on the public page", default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["-changed_on", "-created_at"]

    def __str__(self) -> str:
        return self.we_did[:80]


# --- Audit --------------------------------------------------------------------------------


class LogEntry(models.Model):
    """Who did what in the panel workspace, written in the same transaction as the change."""

    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=50)
    object_id = models.CharField(max_length=50)
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"

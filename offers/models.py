from datetime import date

from dateutil.relativedelta import relativedelta
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from offers.fields import ChoiceArrayField
from startforlife.publishing import PublicationState, Publishable, PublishableQuerySet
from startforlife.stages import Stage

# The text search configuration: English stemming ("feeding" finds "feed", "feeds").
SEARCH_CONFIG = "english"


class Tier(models.TextChoices):
    UNIVERSAL = "universal", "Universal"
    UNIVERSAL_PLUS = "universal_plus", "Universal+"


class Category(models.TextChoices):
    # The 6 universal services, named with the national "Pregnancy, birth and early years"
    # taxonomy terms where one fits.
    MIDWIFERY = "midwifery", "Midwife and maternity"
    HEALTH_VISITING = "health_visiting", "Health visiting"
    PERINATAL_MENTAL_HEALTH = "perinatal_mental_health", "Perinatal mental health support"
    INFANT_FEEDING = "infant_feeding", "Infant feeding support"
    SEND = "send", "Special educational needs and disability (SEND)"
    SAFEGUARDING = "safeguarding", "Safeguarding"
    # At the heart of the offer in funded areas.
    PARENTING_SUPPORT = "parenting_support", "Parenting support"
    # Local (Universal+) categories.
    EARLY_LANGUAGE = "early_language", "Early years language and learning"
    BIRTH_REGISTRATION = "birth_registration", "Birth registration"
    STOP_SMOKING = "stop_smoking", "Stop smoking"
    DRUGS_AND_ALCOHOL = "drugs_and_alcohol", "Drug and alcohol support"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse support"
    MONEY = "money", "Money advice"
    HOUSING = "housing", "Housing advice"
    PEER_SUPPORT = "peer_support", "Peer support"
    PLAY_AND_LEARNING = "play_and_learning", "Play and learning"
    TRANSPORT = "transport", "Getting there"


class Need(models.TextChoices):
    """What a parent is looking for help with, in their words ("browse by need")."""

    FEEDING = "feeding", "Feeding your baby"
    FEELING_LOW = "feeling-low", "Feeling low or anxious"
    MONEY = "money", "Money worries"
    HOUSING = "housing", "Housing"
    SAFETY = "safety", "Relationships and safety"
    DEVELOPMENT = "development", "Development, talking and SEND"
    SMOKING = "smoking", "Stopping smoking, drugs and alcohol"
    HEALTH = "health", "Pregnancy and your baby's health"
    PARENTING = "parenting", "Being a parent and meeting others"


NEED_HINTS = {
    Need.FEEDING: "Breastfeeding, bottle feeding, mixed feeding, tongue-tie and starting solid food.",
    Need.FEELING_LOW: "Low mood, worry, baby blues and bonding with your baby.",
    Need.MONEY: "Debt, benefits, bills and the cost of a new baby.",
    Need.HOUSING: "Somewhere safe and warm to live.",
    Need.SAFETY: "If someone hurts or frightens you, and keeping your baby safe.",
    Need.DEVELOPMENT: "Talking, play, and help if your baby is disabled or seriously ill.",
    Need.SMOKING: "Free help to stop smoking, and support with drugs or alcohol.",
    Need.HEALTH: "Midwives, health visitors and your baby's checks.",
    Need.PARENTING: "Courses, groups for dads and co-parents, and meeting other families.",
}


class Audience(models.TextChoices):
    MUMS = "mums", "Mums and birthing parents"
    DADS_AND_CO_PARENTS = "dads_and_co_parents", "Dads and co-parents"
    CARERS = "carers", "Carers"
    ADOPTIVE_AND_FOSTER = "adoptive_and_foster", "Adoptive and foster parents"
    YOUNG_PARENTS = "young_parents", "Young parents"
    WHOLE_FAMILY = "whole_family", "The whole family"


class DeliveryWay(models.TextChoices):
    HUB = "hub", "At a family hub"
    COMMUNITY = "community", "In the community"
    HOME = "home", "At home"
    ONLINE = "online", "Online or by video"
    TELEPHONE = "telephone", "By telephone"


class AccessRoute(models.TextChoices):
    SELF_REFERRAL = "self_referral", "Contact them yourself"
    DROP_IN = "drop_in", "Just turn up (drop-in)"
    PROFESSIONAL_REFERRAL = "professional_referral", "Ask a midwife, health visitor or GP to refer you"
    AUTOMATIC = "automatic", "You will be offered it, you do not need to ask"


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Running"
    TEMPORARILY_CLOSED = "temporarily_closed", "Temporarily closed"
    CLOSED = "closed", "Closed"


def _choices_array(choices, **kwargs) -> ChoiceArrayField:
    return ChoiceArrayField(models.CharField(max_length=30, choices=choices), default=list, blank=True, **kwargs)


class Organization(models.Model):
    """Who runs a service, when it is not the council itself (imported from an ORUK feed).

    A service without one is the council's (`PORTAL` settings); see docs/adr/0050.
    """

    uuid = models.UUIDField(unique=True, help_text="Its Open Referral UK id, never changed.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    oruk_source = models.CharField(max_length=500, blank=True, help_text="The ORUK feed it was imported from.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceQuerySet(PublishableQuerySet):
    def for_parents(self):
        """What parents may see: published, and not closed for good."""
        return self.published().exclude(status=ServiceStatus.CLOSED)

    def gone(self):
        """Once public, no longer: archived after being published, or closed for good (HTTP 410)."""
        return self.filter(
            models.Q(publication_state=PublicationState.ARCHIVED, first_published_at__isnull=False)
            | models.Q(publication_state=PublicationState.PUBLISHED, status=ServiceStatus.CLOSED)
        )


class Service(Publishable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    summary = models.CharField(max_length=300, help_text="One plain-English sentence: what it is and who it is for.")
    description = models.TextField(
        blank=True,
        help_text="Short paragraphs, lists and links only. Anything else (scripts, styles, images) is removed.",
    )
    tier = models.CharField(max_length=20, choices=Tier.choices, default=Tier.UNIVERSAL_PLUS)
    category = models.CharField(max_length=30, choices=Category.choices, default=Category.PARENTING_SUPPORT)
    needs = _choices_array(Need.choices, help_text="What parents come to it for. The first is its main need.")
    stages = _choices_array(Stage.choices, help_text="The stages of the 1,001 days it serves.")
    audiences = _choices_array(Audience.choices, help_text="Who it is for.")
    delivery_ways = _choices_array(DeliveryWay.choices, help_text="Where or how it happens.")
    access_routes = _choices_array(AccessRoute.choices, help_text="How a parent gets it.")
    eligibility = models.TextField(blank=True, help_text='Who can use it, in words. For example "Anyone living in …".')
    # Age range in months from birth. A negative start means it begins in pregnancy.
    min_age_months = models.SmallIntegerField(
        null=True, blank=True, help_text="Youngest age in months. Use -9 if it starts in pregnancy."
    )
    max_age_months = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Oldest age in months.")
    is_free = models.BooleanField(default=True)
    cost = models.CharField(max_length=200, blank=True, help_text='When it is not free, what it costs. "£2 a session".')
    languages = ArrayField(
        models.CharField(max_length=50), default=list, blank=True, help_text="Languages it is offered in."
    )
    accessibility = models.TextField(blank=True, help_text="Step-free access, hearing loops, interpreters, and so on.")
    phone = models.CharField(max_length=40, blank=True)
    text_phone = models.CharField(max_length=40, blank=True, help_text="A number parents can text.")
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)
    bsl = models.CharField(max_length=200, blank=True, help_text="How Deaf parents can contact it in BSL.")
    schedule = models.TextField(blank=True, help_text="When sessions happen, if it has its own. One line per session.")
    status = models.CharField(max_length=30, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    status_message = models.CharField(
        max_length=300, blank=True, help_text="Shown when it is temporarily closed: why, and when it will be back."
    )
    hubs = models.ManyToManyField("hubs.Hub", blank=True, related_name="services")
    # Set by `import_oruk` when the service was created; not edited in the workspace.
    organization = models.ForeignKey(
        Organization, null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="services"
    )
    oruk_source = models.CharField(
        max_length=500, blank=True, editable=False, help_text="The ORUK feed it was imported from."
    )
    # Kept up to date by PostgreSQL itself: name weighs most, then summary, then description.
    search_vector = models.GeneratedField(
        expression=SearchVector("name", weight="A", config=SEARCH_CONFIG)
        + SearchVector("summary", weight="B", config=SEARCH_CONFIG)
        + SearchVector("description", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    objects = ServiceQuerySet.as_manager()
    # Every saved version, kept for ever: who, when, what (the staff workspace shows and restores them).
    history = HistoricalRecords(m2m_fields=[hubs], excluded_fields=["search_vector"])

    class Meta:
        ordering = ["name"]
        indexes = [
            GinIndex(fields=["search_vector"], name="offers_service_search"),
            # Browse by stage and by need, the search's stage filter, the timeline ("@>" on arrays).
            GinIndex(fields=["stages"], name="offers_service_stages"),
            GinIndex(fields=["needs"], name="offers_service_needs"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("offers:service_detail", kwargs={"slug": self.slug})

    @property
    def is_temporarily_closed(self) -> bool:
        return self.status == ServiceStatus.TEMPORARILY_CLOSED

    @property
    def main_need(self) -> str | None:
        return self.needs[0] if self.needs else None

    def _labels(self, values, choices) -> list[str]:
        names = dict(choices)
        return [names[v] for v in values if v in names]

    def stage_labels(self) -> list[str]:
        return self._labels(self.stages, Stage.choices)

    def need_labels(self) -> list[str]:
        return self._labels(self.needs, Need.choices)

    def audience_labels(self) -> list[str]:
        return self._labels(self.audiences, Audience.choices)

    def delivery_way_labels(self) -> list[str]:
        return self._labels(self.delivery_ways, DeliveryWay.choices)

    def access_route_labels(self) -> list[str]:
        return self._labels(self.access_routes, AccessRoute.choices)

    @property
    def age_range(self) -> str:
        start, end = self.min_age_months, self.max_age_months
        if start is None and end is None:
            return ""
        if start is None or start < 0:
            begins = "From pregnancy"
        elif start == 0:
            begins = "From birth"
        else:
            begins = f"From {_months_in_words(start)}"
        return f"{begins} to {_months_in_words(end)}" if end is not None else begins

    @property
    def cost_text(self) -> str:
        return "Free" if self.is_free else (self.cost or "There is a cost. Contact them to find out more.")


def _months_in_words(months: int) -> str:
    if months and months % 12 == 0:
        years = months // 12
        return f"{years} year{'s' if years > 1 else ''}"
    return f"{months} month{'s' if months != 1 else ''}"


class ReviewAnchor(models.TextChoices):
    PREGNANCY = "pregnancy", "Weeks of pregnancy"
    BIRTH = "birth", "Baby's age"


class WindowUnit(models.TextChoices):
    DAYS = "days", "days"
    WEEKS = "weeks", "weeks"
    MONTHS = "months", "months"


class MandatedReview(models.Model):
    """A health visiting review of the Healthy Child Programme, and when it is due.

    Windows are data so that the personal timeline is computed, never typed. A window is
    counted in weeks of pregnancy (from the first day of the last period, 40 weeks before
    the due date) or in the baby's age from the date of birth.
    """

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    anchor = models.CharField(max_length=20, choices=ReviewAnchor.choices)
    unit = models.CharField(max_length=10, choices=WindowUnit.choices)
    window_start = models.PositiveSmallIntegerField(help_text="Start of the window, in the unit, from the anchor.")
    window_end = models.PositiveSmallIntegerField(help_text="End of the window, in the unit, from the anchor.")
    when = models.CharField(max_length=200, help_text='In words, for parents: "10 to 14 days after birth".')
    what_happens = models.TextField()
    where = models.CharField(max_length=300, help_text="Where it may take place.")
    stage = models.CharField(max_length=20, choices=Stage.choices)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name

    def _offset(self, amount: int) -> relativedelta:
        return relativedelta(**{self.unit: amount})

    def window(self, *, due_date: date | None, birth_date: date | None) -> tuple[date, date] | None:
        """The real dates of the window, or None when the anchor date is not known."""
        if self.anchor == ReviewAnchor.PREGNANCY:
            if due_date is None:
                return None
            start_of_pregnancy = due_date - relativedelta(weeks=40)
            return start_of_pregnancy + self._offset(self.window_start), start_of_pregnancy + self._offset(
                self.window_end
            )
        anchor = birth_date or due_date
        return anchor + self._offset(self.window_start), anchor + self._offset(self.window_end)


class SearchLog(models.Model):
    """A search that found nothing: the words only, no person, no time of day.

    Staff read these to see what parents look for and cannot find (unmet needs).
    """

    query = models.CharField(max_length=200)
    searched_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["-searched_on", "query"]
        indexes = [models.Index(fields=["searched_on"])]

    def __str__(self) -> str:
        return self.query

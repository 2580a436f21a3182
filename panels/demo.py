"""Demo content for the panels app, loaded by `python manage.py seed_demo`.

Idempotent: every item has a fixed natural key (email, title, or a UUID derived from a
name), so a second run finds what the first made and changes nothing. Feedback goes
through `submit_feedback`, the same path as the public form.
"""

import random
import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from hubs.models import Hub
from offers.models import Service
from panels.models import (
    Action,
    ActionStatus,
    Answer,
    Area,
    Ask,
    AskKind,
    Connection,
    EqualityResponse,
    Feedback,
    FeedbackStatus,
    Meeting,
    Member,
    MemberStatus,
    PopulationFigure,
    Theme,
    Topic,
)
from panels.services import submit_feedback
from startforlife.models import User

DEMO_NAMESPACE = uuid.UUID("6f1c1d52-8a53-4f47-9d0e-5a0b7c1e2f30")

MEMBERS = [
    # name, connection, area, access needs, language, equality (parent_role, age, ethnicity, disability, lgbt, language)
    (
        "Jordan Lee",
        "parent",
        "central",
        ["creche"],
        "",
        ("co_parent", "25_34", "mixed_white_asian", "no", "yes", "english"),
    ),
    (
        "Aisha Rahman",
        "pregnant",
        "east",
        ["interpreter"],
        "Bengali",
        ("mum", "20_24", "asian_bangladeshi", "no", "no", "other"),
    ),
    ("Tomasz Nowak", "partner", "north", [], "Polish", ("dad", "25_34", "white_other", "no", "no", "other")),
    ("Grace Adeyemi", "parent", "riverside", ["creche"], "", ("mum", "35_44", "black_african", "no", "no", "english")),
    ("Liam O'Connor", "parent", "central", [], "", ("dad", "25_34", "white_irish", "no", "prefer_not", "english")),
    ("Priya Patel", "pregnant", "central", ["step_free"], "", ("mum", "25_34", "asian_indian", "yes", "no", "english")),
    ("Chloe Smith", "parent", "east", ["travel"], "", ("mum", "under_20", "white_british", "no", "no", "english")),
    ("Marcus Brown", "parent", "riverside", [], "", ("dad", "35_44", "black_caribbean", "no", "no", "english")),
    (
        "Fatima Khan",
        "parent",
        "north",
        ["creche", "interpreter"],
        "Urdu",
        ("mum", "25_34", "asian_pakistani", "no", "no", "other"),
    ),
    ("Sam Taylor", "adopting", "central", [], "", ("adoptive", "35_44", "white_british", "no", "yes", "english")),
    ("Hannah Green", "parent", "east", ["travel"], "", ("mum", "25_34", "white_british", "no", "no", "english")),
    ("Wei Chen", "pregnant", "riverside", [], "Mandarin", ("mum", "25_34", "asian_chinese", "no", "no", "other")),
    ("Daniel Murphy", "partner", "north", [], "", ("dad", "20_24", "white_british", "no", "no", "english")),
    ("Amira Haddad", "parent", "central", ["creche"], "Arabic", ("mum", "25_34", "other_arab", "no", "no", "other")),
    ("Rosie Lovell", "parent", "east", ["travel"], "", ("mum", "20_24", "white_gypsy", "prefer_not", "no", "english")),
    ("Ben Carter", "parent", "riverside", [], "", ("dad", "35_44", "white_british", "yes", "no", "english")),
    (
        "Joy Okafor",
        "parent",
        "north",
        ["creche"],
        "",
        ("grandparent", "45_plus", "black_african", "no", "no", "english"),
    ),
    ("Kerry Walsh", "parent", "central", [], "", ("foster", "35_44", "white_british", "no", "prefer_not", "english")),
    ("Nadia Ali", "pregnant", "north", ["interpreter"], "Somali", ("mum", "20_24", "black_other", "no", "no", "other")),
    (
        "Ollie James",
        "partner",
        "riverside",
        [],
        "",
        ("prefer_not", "prefer_not", "prefer_not", "prefer_not", "prefer_not", "prefer_not"),
    ),
    (
        "Ruth Evans",
        "parent",
        "east",
        ["step_free", "travel"],
        "",
        ("mum", "35_44", "white_british", "yes", "no", "english"),
    ),
    ("Ibrahim Yusuf", "partner", "central", [], "", ("dad", "25_34", "black_african", "no", "no", "other")),
]
APPLICANTS = [
    ("Megan Price", MemberStatus.APPLIED, ""),
    ("Kofi Mensah", MemberStatus.APPLIED, ""),
    ("Sophie Turner", MemberStatus.WAITLISTED, "The panel is full for the town centre; we will be in touch in spring."),
]

POPULATION = [
    ("parent_role", "mum", 55.0),
    ("parent_role", "dad", 38.0),
    ("ethnicity", "white_british", 71.0),
    ("ethnicity", "asian_pakistani", 6.5),
    ("ethnicity", "asian_indian", 4.0),
    ("ethnicity", "asian_bangladeshi", 2.5),
    ("ethnicity", "black_african", 4.5),
    ("ethnicity", "black_caribbean", 1.5),
    ("ethnicity", "white_other", 5.0),
    ("age_band", "under_20", 2.0),
    ("age_band", "20_24", 12.0),
    ("age_band", "25_34", 58.0),
    ("age_band", "35_44", 26.0),
    ("disability", "yes", 9.0),
    ("first_language", "other", 17.0),
]

SERVICE_SLUGS = [
    "midwifery",
    "health-visiting",
    "infant-feeding",
    "parent-infant-mental-health",
    "breastfeeding-peer-support",
    "dads-and-co-parents-group",
    "stay-and-play",
    "speech-and-language",
    "debt-and-money-advice",
    "parenting-support",
]
HUB_SLUGS = [
    "brackenford-central-family-hub",
    "northgate-family-hub",
    "riverside-family-hub",
    "ashby-green-library",
    "east-marsh-village-hall",
]
WORKED = [
    "The midwife listened and never rushed me.",
    "Staff were friendly and the room was warm.",
    "The peer supporter helped me keep breastfeeding when I nearly gave up.",
    "Easy to book, and they called me back the same day.",
    "The dads' group made me feel welcome; it's the first time anyone asked how I was.",
    "Stay and play is the highlight of our week.",
    "The health visitor explained the 1 year review clearly.",
    "Having an interpreter made all the difference.",
    "",
]
BETTER = [
    "The opening times on the page are wrong: it closes at 3 on Fridays now.",
    "I couldn't find where to park, and the bus stop moved.",
    "The page uses words like 'universal plus' that I didn't understand.",
    "More evening or weekend sessions please, I work weekdays.",
    "I felt judged for formula feeding.",
    "The building is not step-free at the side entrance.",
    "It would help to have information in Polish and Urdu.",
    "Waiting three weeks for a call back was too long.",
    "Sessions for dads only happen when most dads are at work.",
    "",
]
TOPICS = [Topic.GENERAL] * 5 + [
    Topic.OUT_OF_DATE,
    Topic.HARD_TO_UNDERSTAND,
    Topic.COULD_NOT_ACCESS,
    Topic.SOMETHING_ELSE,
]

ACTIONS = [
    (
        "The infant feeding page was hard to understand and seemed to judge formula feeding.",
        "We rewrote the page with five panel members, in plain English, and it now covers breast, formula "
        "and mixed feeding equally.",
        ActionStatus.DONE,
        "infant-feeding",
        ["Information and how we explain things", "Feeding support"],
        "",
    ),
    (
        "Dads' sessions are only on weekday mornings.",
        "The dads and co-parents group now meets on the first Saturday of every month at Riverside.",
        ActionStatus.DONE,
        "dads-and-co-parents-group",
        ["Dads and co-parents", "Access and opening times"],
        "",
    ),
    (
        "We need information in community languages.",
        "We are translating the Start for Life offer into Polish, Urdu, Bengali and Arabic.",
        ActionStatus.IN_PROGRESS,
        "",
        ["Language and interpreting"],
        "",
    ),
    (
        "Stay and play should run in the villages too.",
        "A monthly stay and play will start at East Marsh Village Hall in the new year.",
        ActionStatus.PLANNED,
        "stay-and-play",
        ["Travel and getting there"],
        "",
    ),
    (
        "Open the family hubs on Sundays.",
        "We looked at Sunday opening with the hub teams.",
        ActionStatus.NOT_POSSIBLE,
        "",
        ["Access and opening times"],
        "We cannot staff Sundays safely this year. We have added Saturday mornings at two hubs instead.",
    ),
]


def seed(log) -> None:
    rng = random.Random(1001)  # fixed: the same demo every time
    now = timezone.now()
    members = _seed_members(now)
    _seed_population()
    services = {s.slug: s for s in Service.objects.filter(slug__in=SERVICE_SLUGS)}
    hubs = {h.slug: h for h in Hub.objects.filter(slug__in=HUB_SLUGS)}
    feedback_count = _seed_feedback(rng, now, members, services, hubs)
    _seed_meetings(now, members)
    _seed_asks(rng, now, members)
    _seed_actions(services)
    log(f"Panel: {len(members)} members, {feedback_count} feedback, 3 meetings, 2 questions, {len(ACTIONS)} actions")


def _email(name: str) -> str:
    return name.lower().replace(" ", ".").replace("'", "") + "@panel.example"


def _seed_members(now) -> list[Member]:
    members = []
    demo_user = User.objects.filter(email="member@brackenford.example").first()
    for index, (name, connection, area, needs, language, equality) in enumerate(MEMBERS):
        email = demo_user.email if (index == 0 and demo_user) else _email(name)
        member, created = Member.objects.get_or_create(
            email=email,
            defaults={
                "full_name": name,
                "connection": Connection(connection),
                "area": Area(area),
                "access_needs": needs,
                "preferred_language": language,
                "privacy_notice_version": settings.PANEL_PRIVACY_NOTICE_VERSION,
                "consented_at": now - timedelta(days=300 - index * 5),
                "applied_at": now - timedelta(days=300 - index * 5),
                "status": MemberStatus.INACTIVE if index == len(MEMBERS) - 1 else MemberStatus.ACTIVE,
                "user": demo_user if index == 0 else None,
            },
        )
        if created:
            keys = ("parent_role", "age_band", "ethnicity", "disability", "lgbt", "first_language")
            EqualityResponse.objects.create(token=member.equality_token, **dict(zip(keys, equality, strict=True)))
        members.append(member)
    for name, status, reason in APPLICANTS:
        Member.objects.get_or_create(
            email=_email(name),
            defaults={
                "full_name": name,
                "connection": Connection.PARENT,
                "area": Area.CENTRAL,
                "privacy_notice_version": settings.PANEL_PRIVACY_NOTICE_VERSION,
                "consented_at": now - timedelta(days=6),
                "status": status,
                "decision_reason": reason,
            },
        )
    return [m for m in members if m.status == MemberStatus.ACTIVE]


def _seed_population() -> None:
    for question, answer, percentage in POPULATION:
        PopulationFigure.objects.get_or_create(
            question=question,
            answer=answer,
            defaults={"percentage": percentage, "source": "Census 2021 (demo figures)"},
        )


def _seed_feedback(rng, now, members, services, hubs) -> int:
    themes = list(Theme.objects.filter(is_active=True))
    for n in range(60):
        token = uuid.uuid5(DEMO_NAMESPACE, f"feedback-{n}")
        worked, better = rng.choice(WORKED), rng.choice(BETTER)
        if not (worked or better):
            better = "More sessions near where I live."
        about_service = rng.random() < 0.6
        data = {
            "topic": rng.choice(TOPICS),
            "what_worked": worked,
            "could_be_better": better,
            "rating": rng.choice([None, 2, 3, 4, 4, 5, 5]),
            "created_at": now - timedelta(days=rng.randint(0, 360), hours=rng.randint(0, 23)),
            "service": services.get(rng.choice(SERVICE_SLUGS)) if about_service else None,
            "hub": None if about_service else hubs.get(rng.choice(HUB_SLUGS)),
        }
        if n == 7:
            # One worrying message, so the safeguarding flag shows in the queue.
            data.update(worried_about_child=True, could_be_better="I'm worried about the baby next door, left alone.")
        result = submit_feedback(
            submission_token=token, data=data, member=members[n % len(members)] if n % 3 == 0 else None
        )
        feedback = result.feedback
        if result.created and n % 2 == 0 and not feedback.safeguarding_flag:
            # Half already moderated, so reports and page owners have something to show.
            feedback.status = FeedbackStatus.REVIEWED
            feedback.redacted_text = feedback.full_text()
            feedback.save(update_fields=["status", "redacted_text"])
            feedback.themes.set(rng.sample(themes, k=min(2, len(themes))))
    return Feedback.objects.filter(
        submission_token__in=[uuid.uuid5(DEMO_NAMESPACE, f"feedback-{n}") for n in range(60)]
    ).count()


def _seed_meetings(now, members) -> None:
    meetings = [
        ("Autumn panel: the feeding pages", now - timedelta(days=60), "Brackenford Central Family Hub", "", 9),
        (
            "Winter panel: dads and co-parents",
            now - timedelta(days=10),
            "",
            "https://meet.brackenford.example/panel",
            7,
        ),
        ("Spring panel: the hubs in the villages", now + timedelta(days=40), "East Marsh Village Hall", "", 0),
    ]
    for title, starts_at, place, link, came in meetings:
        meeting, created = Meeting.objects.get_or_create(
            title=title,
            defaults={
                "starts_at": starts_at.replace(hour=18, minute=0, second=0, microsecond=0),
                "place": place,
                "online_link": link,
                "agenda": "Welcome and introductions\nWhat we heard since last time\nYou said, we did",
                "minutes": "Members reviewed the draft pages and agreed changes." if came else "",
                "support_offered": ["creche", "food", "travel"] if place else ["vouchers"],
            },
        )
        if created and came:
            meeting.attendees.set(members[:came])


def _seed_asks(rng, now, members) -> None:
    feeding = Service.objects.filter(slug="infant-feeding").first()
    asks = [
        (
            "When could you come to sessions?",
            "We want to move some sessions to times that suit working parents. When could you come?",
            AskKind.MULTIPLE,
            ["Weekday mornings", "Weekday evenings", "Saturday mornings", "Sunday afternoons"],
            None,
            now - timedelta(days=20),
            now + timedelta(days=10),
        ),
        (
            "How clear is the new infant feeding page?",
            "Read the draft infant feeding page and rate how clear it is.",
            AskKind.RATING,
            [],
            feeding,
            now - timedelta(days=90),
            now - timedelta(days=60),
        ),
    ]
    for title, question, kind, choices, service, opens, closes in asks:
        ask, created = Ask.objects.get_or_create(
            title=title,
            defaults={
                "question": question,
                "kind": kind,
                "choices": choices,
                "service": service,
                "opens_at": opens,
                "closes_at": closes,
            },
        )
        if not created:
            continue
        for member in members[1 : 1 + rng.randint(11, 15)]:
            if kind == AskKind.MULTIPLE:
                Answer.objects.create(ask=ask, member=member, selected=rng.sample(choices, k=rng.randint(1, 2)))
            else:
                Answer.objects.create(ask=ask, member=member, rating=rng.choice([3, 4, 4, 5]), text="")


def _seed_actions(services) -> None:
    themes = {t.name: t for t in Theme.objects.all()}
    for you_said, we_did, status, slug, theme_names, why in ACTIONS:
        action, created = Action.objects.get_or_create(
            we_did=we_did,
            defaults={
                "you_said": you_said,
                "status": status,
                "service": services.get(slug) if slug else None,
                "why_not_possible": why,
                "changed_on": timezone.localdate() - timedelta(days=30) if status == ActionStatus.DONE else None,
            },
        )
        if created:
            action.themes.set([themes[name] for name in theme_names if name in themes])

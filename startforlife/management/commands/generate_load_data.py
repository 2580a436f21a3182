"""Fill the database with a large, realistic area for the benchmark (`make bench`).

At --scale 1: 2,000 services, 300 hubs, 3,000 weekly sessions, 50,000 feedback items,
2,000 panel members and 200,000 postcodes, all written with bulk inserts. Run it on a
database of its own after `seed_demo` (the benchmark does both): the demo's slugs,
accounts and postcodes stay, and the generated rows sit around them. Not for production.
"""

import datetime as dt
import random
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm

from hubs.models import Booking, Closure, Frequency, Hub, HubKind, OpeningPeriod, Postcode, Session, SessionKind
from offers.models import AccessRoute, Audience, Category, DeliveryWay, Need, Service, ServiceStatus, Tier
from panels.models import Area, Connection, Feedback, FeedbackStatus, Member, MemberStatus, Topic
from startforlife.publishing import PublicationState
from startforlife.stages import Stage

AT_SCALE_ONE = {
    "hubs": 300,
    "services": 2000,
    "sessions": 3000,
    "feedback": 50000,
    "members": 2000,
    "postcodes": 200000,
}
BATCH = 5000
PLACES = [
    "Ashby", "Bramley", "Carrow", "Dunmore", "Elmstead", "Fairfield", "Greyfriars", "Holmewood", "Ingleby",
    "Kestrel", "Larkhill", "Marston", "Netherby", "Oakwood", "Pelham", "Queensway", "Rookery", "Stanton",
    "Thornbury", "Upton", "Vale", "Westfield", "Yarrow",
]  # fmt: skip
THINGS = [
    "baby group", "feeding support", "parent course", "play session", "drop-in", "advice line", "clinic",
    "peer support", "toddler talk", "family support", "welcome group", "outreach",
]  # fmt: skip
WORDS = (
    "a friendly session for parents and carers with babies and toddlers where you can meet other families "
    "ask questions get advice about feeding sleep play and talking and find out what else is on near you"
).split()


def sample(rng: random.Random, values, low: int = 1, high: int = 3) -> list:
    return rng.sample(list(values), rng.randint(low, min(high, len(values))))


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Fill the database with generated services, hubs, sessions, feedback, members and postcodes (benchmark)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 is a large area; 0.1 a tenth of it.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for the same data every time.")

    def handle(self, *args, scale: float, seed: int, **options):
        if scale <= 0 or scale > 20:
            raise CommandError("--scale must be more than 0 and at most 20")
        if Service.objects.filter(slug__startswith="load-").exists():
            raise CommandError("This database already has generated data. Use a fresh database.")
        counts = {name: max(1, round(n * scale)) for name, n in AT_SCALE_ONE.items()}
        self.rng = random.Random(seed)
        self.now = timezone.now()
        with transaction.atomic():
            hubs = self.hubs(counts["hubs"])
            services = self.services(counts["services"], hubs)
            self.sessions(counts["sessions"], hubs, services)
            members = self.members(counts["members"])
            self.feedback(counts["feedback"], hubs, services, members)
        self.postcodes(counts["postcodes"])
        self.stdout.write(", ".join(f"{n:,} {name}" for name, n in counts.items()))

    def bulk(self, model, rows, total: int, label: str):
        created = []
        with tqdm(total=total, desc=label, unit=" rows", disable=total < 2) as progress:
            batch = []
            for row in rows:
                batch.append(row)
                if len(batch) == BATCH:
                    created += model.objects.bulk_create(batch)
                    progress.update(len(batch))
                    batch = []
            if batch:
                created += model.objects.bulk_create(batch)
                progress.update(len(batch))
        return created

    def published(self, days_ago: int) -> dict:
        when = self.now - dt.timedelta(days=days_ago)
        return {
            "publication_state": PublicationState.PUBLISHED,
            "first_published_at": when,
            "last_published_at": when,
            "last_reviewed": when.date(),
        }

    def hubs(self, n: int) -> list[Hub]:
        rng = self.rng

        def rows():
            for i in range(n):
                place = PLACES[i % len(PLACES)]
                kind = HubKind.MAIN if i % 10 == 0 else HubKind.SATELLITE
                yield Hub(
                    name=f"{place} {'Family Hub' if kind == HubKind.MAIN else 'Community Room'} {i + 1}",
                    slug=f"load-hub-{i + 1}",
                    kind=kind,
                    description=sentence(rng, 40),
                    address=f"{rng.randint(1, 200)} {place} Road\nBrackenford",
                    postcode=f"BF{rng.randint(1, 9)} {rng.randint(1, 9)}AA",
                    latitude=Decimal(f"{52.60 + rng.uniform(-0.15, 0.15):.6f}"),
                    longitude=Decimal(f"{-1.90 + rng.uniform(-0.2, 0.2):.6f}"),
                    phone=f"01632 96{rng.randint(1000, 9999)}",
                    facilities=sample(rng, ["baby_changing", "step_free", "buggy_parking", "wifi", "bus_route"], 2, 4),
                    activities=sample(rng, ["stay_and_play", "infant_feeding", "health_visitor_clinic", "advice"]),
                    bus_routes=f"{rng.randint(1, 60)}, {rng.randint(1, 60)}A",
                    **self.published(rng.randint(5, 400)),
                )

        hubs = self.bulk(Hub, rows(), n, "Hubs")
        periods = (
            OpeningPeriod(hub=hub, weekday=day, opens=dt.time(9), closes=dt.time(12, 30) if day == 4 else dt.time(17))
            for hub in hubs
            for day in range(5)
        )
        self.bulk(OpeningPeriod, periods, 5 * n, "Opening times")
        christmas = dt.date(self.now.year, 12, 25)
        closures = (Closure(hub=hub, starts_on=christmas, ends_on=christmas, reason="Christmas Day") for hub in hubs)
        self.bulk(Closure, closures, n, "Closures")
        return hubs

    def services(self, n: int, hubs: list[Hub]) -> list[Service]:
        rng = self.rng

        def rows():
            for i in range(n):
                thing = THINGS[i % len(THINGS)]
                name = f"{PLACES[(i // len(THINGS)) % len(PLACES)]} {thing} {i + 1}"
                is_free = rng.random() < 0.8
                # Most are published; a few drafts and archived ones, as in a real offer.
                state = rng.choices(
                    [PublicationState.PUBLISHED, PublicationState.DRAFT, PublicationState.ARCHIVED], [90, 7, 3]
                )[0]
                extra = self.published(rng.randint(5, 400)) if state == PublicationState.PUBLISHED else {}
                extra["publication_state"] = state
                yield Service(
                    name=name.capitalize(),
                    slug=f"load-service-{i + 1}",
                    summary=sentence(rng, 14)[:300],
                    description="\n\n".join(sentence(rng, 30) for _ in range(3)),
                    tier=Tier.UNIVERSAL_PLUS,
                    category=rng.choice(Category.values),
                    needs=sample(rng, Need.values),
                    stages=sample(rng, Stage.values, 1, 4),
                    audiences=sample(rng, Audience.values),
                    delivery_ways=sample(rng, DeliveryWay.values),
                    access_routes=sample(rng, AccessRoute.values, 1, 2),
                    eligibility="Anyone who lives in Brackenford.",
                    min_age_months=rng.choice([-9, 0, 0, 6]),
                    max_age_months=rng.choice([12, 24, 24, 60]),
                    is_free=is_free,
                    cost="" if is_free else "£2 a session",
                    languages=["English"],
                    phone=f"01632 96{rng.randint(1000, 9999)}",
                    email=f"service{i + 1}@brackenford.example",
                    status=ServiceStatus.TEMPORARILY_CLOSED if rng.random() < 0.03 else ServiceStatus.ACTIVE,
                    **extra,
                )

        services = self.bulk(Service, rows(), n, "Services")
        links = (
            Service.hubs.through(service_id=service.pk, hub_id=hub.pk)
            for service in services
            for hub in rng.sample(hubs, min(len(hubs), rng.randint(1, 3)))
        )
        self.bulk(Service.hubs.through, links, 2 * n, "Service hubs")
        return services

    def sessions(self, n: int, hubs: list[Hub], services: list[Service]) -> None:
        rng = self.rng
        today = self.now.date()

        def rows():
            for _ in range(n):
                frequency = rng.choices(Frequency.values, [85, 10, 5])[0]
                starts = today - dt.timedelta(days=rng.randint(0, 365))
                hour = rng.choice([9, 10, 11, 13, 14, 18])
                kind = rng.choice(SessionKind.values)
                yield Session(
                    title=SessionKind(kind).label,
                    kind=kind,
                    hub=rng.choice(hubs),
                    service=rng.choice(services),
                    description=sentence(rng, 20),
                    frequency=frequency,
                    week_of_month=rng.choice([1, 2, 3, -1]) if frequency == Frequency.MONTHLY else None,
                    starts_on=starts,
                    ends_on=starts + dt.timedelta(days=rng.randint(400, 800)) if rng.random() < 0.3 else None,
                    start_time=dt.time(hour),
                    end_time=dt.time(hour + 1, 30),
                    stages=sample(rng, Stage.values, 1, 3),
                    audience="Everyone welcome",
                    booking=rng.choice(Booking.values),
                )

        self.bulk(Session, rows(), n, "Sessions")

    def members(self, n: int) -> list[Member]:
        rng = self.rng

        def rows():
            for i in range(n):
                yield Member(
                    full_name=f"Panel Member {i + 1}",
                    email=f"member{i + 1}@example.org",
                    connection=rng.choice(Connection.values),
                    area=rng.choice(Area.values),
                    privacy_notice_version=settings.PANEL_PRIVACY_NOTICE_VERSION,
                    consented_at=self.now - dt.timedelta(days=rng.randint(1, 700)),
                    status=rng.choices(MemberStatus.values, [5, 5, 2, 70, 13, 5])[0],
                )

        return self.bulk(Member, rows(), n, "Panel members")

    def feedback(self, n: int, hubs: list[Hub], services: list[Service], members: list[Member]) -> None:
        rng = self.rng

        def rows():
            for i in range(n):
                about_service = rng.random() < 0.7
                yield Feedback(
                    submission_token=uuid.UUID(int=rng.getrandbits(128)),
                    reference=f"LD{i:08d}",
                    service=rng.choice(services) if about_service else None,
                    hub=None if about_service else rng.choice(hubs),
                    topic=rng.choice(Topic.values),
                    what_worked=sentence(rng, 25),
                    could_be_better=sentence(rng, 25),
                    rating=rng.randint(1, 5),
                    member=rng.choice(members) if rng.random() < 0.3 else None,
                    created_at=self.now - dt.timedelta(minutes=rng.randint(1, 2 * 365 * 24 * 60)),
                    status=rng.choices(FeedbackStatus.values, [20, 75, 5])[0],
                )

        self.bulk(Feedback, rows(), n, "Feedback")

    def postcodes(self, n: int) -> None:
        # Clearly fake: districts BF10 to BF99 (the demo's own BF1 to BF9 are left alone).
        letters = "ABDEFGHJLNPQRSTUWXYZ"

        def rows():
            made = 0
            for district in range(10, 100):
                for sector in range(10):
                    for a in letters:
                        for b in letters:
                            if made == n:
                                return
                            made += 1
                            yield Postcode(
                                postcode=f"BF{district} {sector}{a}{b}",
                                latitude=52.45 + district / 300 + sector / 3000,
                                longitude=-2.1 + (letters.index(a) * 20 + letters.index(b)) / 1000,
                                local_authority="E06099001",
                            )

        with transaction.atomic():
            self.bulk(Postcode, rows(), n, "Postcodes")

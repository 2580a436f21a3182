"""Demo content for the hubs app, loaded by `python manage.py seed_demo`.

Brackenford is fictional: its postcodes (BF1 to BF9) and coordinates (around 52.60, -1.90)
are made up. Everything is created only when missing, so a second run changes nothing.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from dateutil import rrule
from django.utils import timezone

from hubs.models import (
    Activity,
    Booking,
    Closure,
    Facility,
    Frequency,
    Hub,
    HubKind,
    OpeningPeriod,
    Session,
    SessionCancellation,
    SessionKind,
)
from hubs.postcodes import import_postcodes
from startforlife.publishing import PublicationState
from startforlife.stages import Stage

DEMO_POSTCODES = Path(__file__).parent / "data" / "demo_postcodes.csv"

T = dt.time
WEEKDAYS = range(5)
OFFICE_HOURS = [(T(9), T(17))]
LUNCH_BREAK = [(T(9), T(12, 30)), (T(13, 30), T(17))]

F = Facility
A = Activity
HUBS = [
    {
        "slug": "brackenford-central-family-hub",
        "name": "Brackenford Central Family Hub",
        "kind": HubKind.MAIN,
        "description": "Our biggest hub, next to the market. Come in for a cup of tea, see a midwife or health "
        "visitor, register your baby's birth or just let your little one play. You do not need an appointment "
        "to come in and look around.",
        "address": "Unit 2, Market Square\nBrackenford",
        "postcode": "BF1 1AA",
        "latitude": "52.601200",
        "longitude": "-1.901500",
        "phone": "01632 960 101",
        "email": "central.hub@brackenford.example",
        "facilities": [
            F.BREASTFEEDING_SPACE,
            F.BABY_CHANGING,
            F.STEP_FREE,
            F.ACCESSIBLE_TOILET,
            F.BUGGY_PARKING,
            F.BUS_ROUTE,
            F.CRECHE,
            F.WIFI,
            F.QUIET_ROOM,
            F.HEARING_LOOP,
        ],
        "activities": [
            A.BIRTH_REGISTRATION,
            A.ANTENATAL_APPOINTMENTS,
            A.HEALTH_VISITOR_CLINIC,
            A.STAY_AND_PLAY,
            A.INFANT_FEEDING,
            A.DADS_GROUP,
            A.TOUR,
            A.ADVICE,
        ],
        "bus_routes": "1, 4, 4A, 12",
        "getting_there": "The bus station is 2 minutes' walk away. There is no car park, but the Market Street "
        "car park (pay and display) is across the road. The step-free entrance is on Church Lane.",
        "hours": {day: OFFICE_HOURS for day in WEEKDAYS} | {5: [(T(10), T(13))]},
    },
    {
        "slug": "northgate-family-hub",
        "name": "Northgate Family Hub",
        "kind": HubKind.MAIN,
        "description": "A bright, friendly hub beside Northgate Primary School, with a garden for messy play "
        "in summer. Midwives run antenatal appointments here every weekday.",
        "address": "Northgate Primary School site, Linden Road\nNorthgate\nBrackenford",
        "postcode": "BF7 1AB",
        "latitude": "52.648300",
        "longitude": "-1.897400",
        "phone": "01632 960 102",
        "email": "northgate.hub@brackenford.example",
        "facilities": [
            F.BREASTFEEDING_SPACE,
            F.BABY_CHANGING,
            F.STEP_FREE,
            F.ACCESSIBLE_TOILET,
            F.BUGGY_PARKING,
            F.CAR_PARKING,
            F.BUS_ROUTE,
            F.WIFI,
        ],
        "activities": [A.ANTENATAL_APPOINTMENTS, A.HEALTH_VISITOR_CLINIC, A.STAY_AND_PLAY, A.INFANT_FEEDING, A.TOUR],
        "bus_routes": "7, 9",
        "getting_there": "Free parking for 20 cars, with 2 disabled spaces by the door. Buses 7 and 9 stop on "
        "Linden Road.",
        "hours": {day: LUNCH_BREAK for day in WEEKDAYS},
    },
    {
        "slug": "riverside-family-hub",
        "name": "Riverside Family Hub",
        "kind": HubKind.MAIN,
        "description": "On the ground floor of Riverside Health Centre, so you can see your GP, health visitor "
        "and our family workers in one visit. Late opening on Thursdays for working parents.",
        "address": "Riverside Health Centre, Quay Street\nBrackenford",
        "postcode": "BF3 2AA",
        "latitude": "52.577600",
        "longitude": "-1.872100",
        "phone": "01632 960 103",
        "email": "riverside.hub@brackenford.example",
        "facilities": [
            F.BREASTFEEDING_SPACE,
            F.BABY_CHANGING,
            F.STEP_FREE,
            F.ACCESSIBLE_TOILET,
            F.CAR_PARKING,
            F.BUS_ROUTE,
            F.HEARING_LOOP,
        ],
        "activities": [A.BIRTH_REGISTRATION, A.HEALTH_VISITOR_CLINIC, A.INFANT_FEEDING, A.PEER_SUPPORT, A.ADVICE],
        "bus_routes": "2, 12, X5",
        "getting_there": "Use the health centre car park (free for 2 hours). The hub is on the left as you "
        "come in, all on one level.",
        "hours": {day: OFFICE_HOURS for day in WEEKDAYS} | {3: [(T(9), T(19))]},
    },
    {
        "slug": "ashby-green-library",
        "name": "Ashby Green Library",
        "kind": HubKind.SATELLITE,
        "description": "Rhyme time, stay and play and a toy library in the children's corner of the library.",
        "address": "The Green\nAshby Green\nBrackenford",
        "postcode": "BF2 1AD",
        "latitude": "52.589900",
        "longitude": "-1.925300",
        "phone": "01632 960 104",
        "email": "",
        "facilities": [F.BABY_CHANGING, F.STEP_FREE, F.ACCESSIBLE_TOILET, F.BUGGY_PARKING, F.BUS_ROUTE, F.WIFI],
        "activities": [A.STAY_AND_PLAY, A.TOY_LIBRARY],
        "bus_routes": "4A",
        "getting_there": "Bus 4A stops outside. Street parking on The Green.",
        "hours": {1: [(T(9, 30), T(12, 30))], 3: [(T(9, 30), T(12, 30)), (T(14), T(16))], 5: [(T(10), T(12))]},
    },
    {
        "slug": "millbrook-community-centre",
        "name": "Millbrook Community Centre",
        "kind": HubKind.SATELLITE,
        "description": "Our dads' and co-parents' group meets here on Saturday mornings, with breakfast.",
        "address": "Mill Lane\nMillbrook\nBrackenford",
        "postcode": "BF5 3BA",
        "latitude": "52.604100",
        "longitude": "-1.931800",
        "phone": "01632 960 105",
        "email": "",
        "facilities": [F.BABY_CHANGING, F.STEP_FREE, F.ACCESSIBLE_TOILET, F.CAR_PARKING],
        "activities": [A.DADS_GROUP, A.STAY_AND_PLAY],
        "bus_routes": "",
        "getting_there": "Free car park behind the centre. No buses stop nearby: call us about the community minibus.",
        "hours": {2: [(T(9, 30), T(12))], 5: [(T(9, 30), T(12))]},
    },
    {
        "slug": "hollins-childrens-centre",
        "name": "Hollins Children's Centre",
        "kind": HubKind.SATELLITE,
        "description": "A small centre with a sensory room. Baby massage and a health visitor clinic each week.",
        "address": "14 Hollins Way\nHollins\nBrackenford",
        "postcode": "BF4 1BB",
        "latitude": "52.588700",
        "longitude": "-1.870300",
        "phone": "01632 960 106",
        "email": "",
        "facilities": [F.BREASTFEEDING_SPACE, F.BABY_CHANGING, F.STEP_FREE, F.QUIET_ROOM, F.BUGGY_PARKING],
        "activities": [A.HEALTH_VISITOR_CLINIC, A.STAY_AND_PLAY],
        "bus_routes": "2",
        "getting_there": "Bus 2 stops at Hollins Parade, 5 minutes' walk. Step-free from the car park side.",
        "hours": {0: [(T(9), T(15))], 2: [(T(9), T(15))], 4: [(T(9), T(12))]},
    },
    {
        "slug": "east-marsh-village-hall",
        "name": "East Marsh Village Hall",
        "kind": HubKind.SATELLITE,
        "description": "A monthly outreach clinic and stay and play for families in the villages.",
        "address": "Church Road\nEast Marsh\nBrackenford",
        "postcode": "BF8 2DA",
        "latitude": "52.662000",
        "longitude": "-1.934500",
        "phone": "01632 960 107",
        "email": "",
        "facilities": [F.BABY_CHANGING, F.CAR_PARKING],
        "activities": [A.HEALTH_VISITOR_CLINIC, A.STAY_AND_PLAY],
        "bus_routes": "31 (2 an hour)",
        "getting_there": "Parking on the field next to the hall. The hall has 2 steps at the entrance; ring the "
        "bell for the ramp.",
        "hours": {1: [(T(10), T(14))]},
    },
    {
        "slug": "virtual-family-hub",
        "name": "Virtual Family Hub",
        "kind": HubKind.VIRTUAL,
        "description": "Support by video call, phone and chat, wherever you are in Brackenford. Join an online "
        "group, book a video call with an infant feeding adviser, or call us for a chat.",
        "address": "",
        "postcode": "",
        "latitude": None,
        "longitude": None,
        "phone": "01632 960 100",
        "email": "virtual.hub@brackenford.example",
        "facilities": [],
        "activities": [A.INFANT_FEEDING, A.PEER_SUPPORT, A.ADVICE],
        "bus_routes": "",
        "getting_there": "",
        "hours": {day: [(T(9), T(17))] for day in WEEKDAYS},
    },
]

# England and Wales bank holidays: the hubs close on them.
BANK_HOLIDAYS = [
    (dt.date(2026, 12, 25), dt.date(2026, 12, 25), "Christmas Day"),
    (dt.date(2026, 12, 28), dt.date(2026, 12, 28), "Boxing Day (substitute day)"),
    (dt.date(2027, 1, 1), dt.date(2027, 1, 1), "New Year's Day"),
    (dt.date(2027, 3, 26), dt.date(2027, 3, 26), "Good Friday"),
    (dt.date(2027, 3, 29), dt.date(2027, 3, 29), "Easter Monday"),
    (dt.date(2027, 5, 3), dt.date(2027, 5, 3), "Early May bank holiday"),
    (dt.date(2027, 5, 31), dt.date(2027, 5, 31), "Spring bank holiday"),
    (dt.date(2027, 8, 30), dt.date(2027, 8, 30), "Summer bank holiday"),
]
OTHER_CLOSURES = {
    "northgate-family-hub": [(dt.date(2026, 12, 29), dt.date(2026, 12, 31), "Closed between Christmas and New Year")],
    "ashby-green-library": [(dt.date(2027, 2, 15), dt.date(2027, 2, 19), "Library refurbishment")],
}


def seed(log) -> None:
    with DEMO_POSTCODES.open(newline="", encoding="utf-8") as demo_file:
        result = import_postcodes(demo_file)
    log(f"Demo postcodes: {result.rows_kept} (added or changed {result.rows_changed})")
    now = timezone.now()
    created = 0
    for spec in HUBS:
        spec = dict(spec)
        hours = spec.pop("hours")
        slug = spec.pop("slug")
        for field in ("latitude", "longitude"):
            spec[field] = Decimal(spec[field]) if spec[field] else None
        hub, was_created = Hub.objects.get_or_create(
            slug=slug,
            defaults=spec
            | {
                "publication_state": PublicationState.PUBLISHED,
                "first_published_at": now,
                "last_published_at": now,
                "last_reviewed": now.date(),
            },
        )
        created += was_created
        if not hub.opening_periods.exists():
            OpeningPeriod.objects.bulk_create(
                OpeningPeriod(hub=hub, weekday=day, opens=opens, closes=closes)
                for day, periods in hours.items()
                for opens, closes in periods
            )
        for starts_on, ends_on, reason in BANK_HOLIDAYS + OTHER_CLOSURES.get(slug, []):
            Closure.objects.get_or_create(hub=hub, starts_on=starts_on, ends_on=ends_on, defaults={"reason": reason})
    log(f"Demo family hubs: {len(HUBS)} ({created} new)")


K = SessionKind
S = Stage
EVERYONE = "Everyone welcome"
UNDER_FIVES = "Families with a child under 5"
FEEDING = "Everyone feeding a baby, however you feed"
# Each session's hub and service by slug, its weekday (0 is Monday) and times. Unless given:
# weekly, drop in, free.
# fmt: off
TIMETABLE = [
    dict(title="Stay and play", kind=K.STAY_AND_PLAY, hub="brackenford-central-family-hub", service="stay-and-play",
         weekday=0, start_time=T(10), end_time=T(11, 30), stages=[S.BABY, S.TODDLER], audience=EVERYONE,
         description="Toys, songs and messy play, with a volunteer to say hello. Bring your baby or toddler."),
    dict(title="Stay and play", kind=K.STAY_AND_PLAY, hub="northgate-family-hub", service="stay-and-play",
         weekday=2, start_time=T(9, 30), end_time=T(11), stages=[S.BABY, S.TODDLER], audience=EVERYONE,
         description="Indoor and garden play, with a snack for the children."),
    dict(title="Stay and play", kind=K.STAY_AND_PLAY, hub="ashby-green-library", service="stay-and-play",
         weekday=3, start_time=T(10), end_time=T(11), stages=[S.BABY, S.TODDLER], audience=EVERYONE,
         description="Rhymes, stories and play in the children's library."),
    dict(title="Stay and play in the villages", kind=K.STAY_AND_PLAY, hub="east-marsh-village-hall",
         service="stay-and-play", weekday=1, frequency=Frequency.MONTHLY, week_of_month=1, start_time=T(10),
         end_time=T(12), stages=[S.BABY, S.TODDLER], audience=EVERYONE,
         description="On the first Tuesday of every month, with the health visitor clinic next door."),
    dict(title="Baby massage", kind=K.BABY_MASSAGE, hub="hollins-childrens-centre",
         service="parent-infant-mental-health", weekday=0, start_time=T(13, 30), end_time=T(14, 30),
         stages=[S.NEWBORN, S.BABY], audience="Babies from 6 weeks to crawling", booking=Booking.BOOK,
         booking_details="Book a 5-week course: call 01632 960 106",
         description="Learn gentle massage to soothe your baby and help you bond. Bring a towel."),
    dict(title="Baby massage", kind=K.BABY_MASSAGE, hub="riverside-family-hub", service="parent-infant-mental-health",
         weekday=3, frequency=Frequency.FORTNIGHTLY, start_time=T(14), end_time=T(15), stages=[S.NEWBORN, S.BABY],
         audience="Babies from 6 weeks to crawling", booking=Booking.BOOK,
         booking_details="Book at the hub or call 01632 960 103",
         description="A relaxed session in a warm, quiet room."),
    dict(title="Infant feeding café", kind=K.INFANT_FEEDING, hub="brackenford-central-family-hub",
         service="infant-feeding", weekday=2, start_time=T(10), end_time=T(12),
         stages=[S.PREGNANCY, S.NEWBORN, S.BABY], audience=FEEDING,
         description="Breastfeeding peer supporters and an infant feeding adviser, with tea and cake. Breast, bottle "
         "or both: all welcome."),
    dict(title="Infant feeding café", kind=K.INFANT_FEEDING, hub="riverside-family-hub",
         service="breastfeeding-peer-support", weekday=4, start_time=T(13), end_time=T(14, 30),
         stages=[S.NEWBORN, S.BABY], audience=FEEDING,
         description="Drop in for help with latching, expressing, bottle feeding or starting solids."),
    dict(title="Online feeding support", kind=K.INFANT_FEEDING, hub="virtual-family-hub", service="infant-feeding",
         weekday=1, start_time=T(19), end_time=T(20), stages=[S.NEWBORN, S.BABY], audience="Parents feeding a baby",
         booking=Booking.BOOK, booking_details="Book online and we email you a video link",
         description="An evening video group with an infant feeding adviser."),
    dict(title="Dads and co-parents breakfast", kind=K.DADS_GROUP, hub="millbrook-community-centre",
         service="dads-and-co-parents-group", weekday=5, start_time=T(9, 30), end_time=T(11, 30),
         stages=[S.PREGNANCY, S.NEWBORN, S.BABY, S.TODDLER],
         audience="Dads, co-parents and carers, with their children",
         description="Bacon rolls, play and a chat with other dads. Bring the children or come on your own."),
    dict(title="Dads-to-be evening", kind=K.DADS_GROUP, hub="brackenford-central-family-hub",
         service="dads-and-co-parents-group", weekday=3, frequency=Frequency.MONTHLY, week_of_month=-1,
         start_time=T(18), end_time=T(19, 30), stages=[S.PREGNANCY], audience="Dads and partners expecting a baby",
         description="What to expect at the birth and in the first weeks, from dads who have been there."),
    dict(title="Health visitor clinic", kind=K.CLINIC, hub="northgate-family-hub", service="health-visiting",
         weekday=1, start_time=T(9, 30), end_time=T(11, 30), stages=[S.NEWBORN, S.BABY, S.TODDLER],
         audience=UNDER_FIVES,
         description="Weigh your baby and ask a health visitor about sleep, feeding, teething or anything else."),
    dict(title="Health visitor clinic", kind=K.CLINIC, hub="hollins-childrens-centre", service="health-visiting",
         weekday=2, start_time=T(9, 30), end_time=T(11, 30), stages=[S.NEWBORN, S.BABY, S.TODDLER],
         audience=UNDER_FIVES, description="Weigh your baby and talk to a health visitor."),
    dict(title="Health visitor clinic", kind=K.CLINIC, hub="east-marsh-village-hall", service="health-visiting",
         weekday=1, frequency=Frequency.MONTHLY, week_of_month=1, start_time=T(10), end_time=T(12),
         stages=[S.NEWBORN, S.BABY, S.TODDLER], audience="Families in the villages",
         description="The outreach clinic, on the first Tuesday of every month."),
    dict(title="Antenatal classes", kind=K.ANTENATAL, hub="northgate-family-hub", service="midwifery", weekday=3,
         start_time=T(18), end_time=T(20), stages=[S.PREGNANCY],
         audience="Parents-to-be from 28 weeks, with a birth partner", booking=Booking.BOOK,
         booking_details="Your midwife books you on a 4-week course",
         description="Labour and birth, feeding, and caring for your newborn, with a midwife and a health visitor."),
    dict(title="Antenatal classes", kind=K.ANTENATAL, hub="virtual-family-hub", service="midwifery", weekday=0,
         frequency=Frequency.FORTNIGHTLY, start_time=T(18, 30), end_time=T(20), stages=[S.PREGNANCY],
         audience="Parents-to-be from 28 weeks", booking=Booking.BOOK,
         booking_details="Ask your midwife, or call 01632 960 100",
         description="The same course by video, for those who cannot travel."),
]
# fmt: on


def _first_date(weekday: int, week: int | None, today: dt.date) -> dt.date:
    """The first session of a timetable that started 8 weeks ago."""
    term_start = dt.datetime.combine(today - dt.timedelta(days=today.weekday() + 7 * 8), dt.time())
    day = rrule.weekdays[weekday](week) if week else rrule.weekdays[weekday]
    frequency = rrule.MONTHLY if week else rrule.WEEKLY
    return rrule.rrule(frequency, dtstart=term_start, byweekday=day, count=1)[0].date()


def seed_timetable(log) -> None:
    from offers.models import Service

    hubs = Hub.objects.in_bulk([row["hub"] for row in TIMETABLE], field_name="slug")
    services = Service.objects.in_bulk([row["service"] for row in TIMETABLE], field_name="slug")
    today = timezone.localdate()
    created = 0
    for row in TIMETABLE:
        fields = dict(row)
        hub, service = hubs.get(fields.pop("hub")), services.get(fields.pop("service"))
        if hub is None:
            continue
        weekday = fields.pop("weekday")
        fields.setdefault("frequency", Frequency.WEEKLY)
        # The first date is set once: a second run finds the session and leaves it alone.
        fields["starts_on"] = _first_date(weekday, fields.get("week_of_month"), today)
        fields["online"] = hub.kind == HubKind.VIRTUAL
        fields["service"] = service
        session, was_created = Session.objects.get_or_create(title=fields.pop("title"), hub=hub, defaults=fields)
        created += was_created
        if session.service_id is None and service is not None:
            # The offer's demo was loaded after this session was made: link them now.
            session.service = service
            session.save(update_fields=["service"])
        if was_created and session.kind == SessionKind.STAY_AND_PLAY and hub.slug == "brackenford-central-family-hub":
            # One cancelled date, so the timetable shows what a cancellation looks like.
            next_date = session.dates_between(today + dt.timedelta(days=1), today + dt.timedelta(days=14))[0]
            SessionCancellation.objects.create(
                session=session, date=next_date, reason="Sorry, the room is needed for a vaccination clinic this week."
            )
    log(f"Demo sessions: {len(TIMETABLE)} ({created} new)")

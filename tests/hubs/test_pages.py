"""The parents' pages: directory, hub page, and bounded queries on a big council's data."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hubs.models import Closure, Hub, OpeningPeriod, Postcode, Session, SessionCancellation
from offers.models import Service
from tests.hubs.factories import ClosureFactory, HubFactory, OpeningPeriodFactory

pytestmark = pytest.mark.django_db


def test_the_directory_lists_published_hubs_by_kind_with_open_now(anon_client, now_is):
    now_is(2026, 11, 23, 10, 0)
    hub = HubFactory(name="Riverside Family Hub")
    OpeningPeriodFactory(hub=hub, weekday=0)
    HubFactory(name="Ashby Green Library", kind="satellite")
    HubFactory(name="Draft Hub", publication_state="draft")
    HubFactory(name="Old Hub", publication_state="archived")

    html = anon_client.get(reverse("hubs:directory")).content.decode()

    assert "Main family hub" in html and "Satellite or outreach site" in html
    assert "Riverside Family Hub" in html and "Open now until 5pm" in html
    assert "Ashby Green Library" in html
    assert "Draft Hub" not in html and "Old Hub" not in html


def test_the_directory_has_no_map_without_a_tile_server(anon_client, settings):
    settings.MAP_TILE_URL = ""
    HubFactory()

    html = anon_client.get(reverse("hubs:directory")).content.decode()

    assert "data-hubs-map" not in html
    assert "leaflet" not in html


def test_the_directory_has_a_map_when_a_tile_server_is_set(anon_client, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    HubFactory(name="Riverside", latitude=Decimal("52.612345"), longitude=Decimal("-1.876543"))

    html = anon_client.get(reverse("hubs:directory")).content.decode()

    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert 'data-hub-lat="52.612345"' in html and 'data-hub-lng="-1.876543"' in html
    assert "js/hubs-map.mjs" in html and "leaflet/leaflet.css" in html


def test_the_hub_page_has_what_a_family_needs(anon_client, now_is):
    now_is(2026, 11, 23, 10, 0)
    hub = HubFactory(
        name="Riverside Family Hub",
        facilities=["breastfeeding_space", "step_free"],
        activities=["birth_registration"],
        bus_routes="2, 12, X5",
        getting_there="Use the health centre car park.",
        phone="01632 960 103",
        email="riverside@brackenford.example",
    )
    OpeningPeriodFactory(hub=hub, weekday=0)
    published = Service.objects.create(
        name="Health visiting", slug="health-visiting", summary="Visits.", publication_state="published"
    )
    draft = Service.objects.create(name="Secret draft service", slug="secret", summary="No.", publication_state="draft")
    published.hubs.add(hub)
    draft.hubs.add(hub)

    html = anon_client.get(hub.get_absolute_url()).content.decode()

    for text in [
        "Open now until 5pm",
        "Designated breastfeeding space",
        "Step-free access",
        "Register a birth",
        "2, 12, X5",
        "Use the health centre car park.",
        "01632 960 103",
        "riverside@brackenford.example",
        published.get_absolute_url(),
        f"{reverse('panels:feedback')}?hub={hub.slug}",
        reverse("hubs:hub_ics", kwargs={"slug": hub.slug}),
    ]:
        assert text in html, text
    assert "Secret draft service" not in html


def test_a_photo_has_its_alt_text(anon_client):
    hub = HubFactory(photo="hubs/riverside.jpg", photo_alt_text="The bright play room with a slide")

    html = anon_client.get(hub.get_absolute_url()).content.decode()

    assert 'alt="The bright play room with a slide"' in html


@pytest.mark.parametrize("state", ["draft", "archived"])
def test_a_hub_that_is_not_published_is_not_found(anon_client, state):
    hub = HubFactory(publication_state=state)

    assert anon_client.get(hub.get_absolute_url()).status_code == 404


def test_text_from_staff_is_escaped(anon_client):
    hub = HubFactory(
        name="<script>alert(1)</script> Hub", description="<img src=x onerror=alert(1)> 👶 Добро пожаловать"
    )

    html = anon_client.get(hub.get_absolute_url()).content.decode()

    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    assert "👶 Добро пожаловать" in html


@pytest.mark.parametrize("name", ["hubs:directory", "hubs:nearest", "hubs:whats_on", "hubs:timetable_ics"])
def test_public_pages_refuse_posts(anon_client, name):
    assert anon_client.post(reverse(name)).status_code == 405


def test_the_status_include_needs_no_queries_of_its_own(now_is, django_assert_num_queries):
    now_is(2026, 11, 23, 10, 0)
    for _ in range(5):
        hub = HubFactory()
        OpeningPeriodFactory(hub=hub)
        ClosureFactory(hub=hub, starts_on=dt.date(2026, 12, 25))
    hubs = list(Hub.objects.published().with_opening_times())

    with django_assert_num_queries(0):
        html = "".join(render_to_string("hubs/includes/hub_status.html", {"hub": hub}) for hub in hubs)

    assert html.count("Open now until 5pm") == 5


def build_council(size: int) -> list[Hub]:
    """`size` hubs with ten sessions each, opening times, closures and cancellations."""
    hubs = Hub.objects.bulk_create(
        Hub(
            name=f"Hub {n}",
            slug=f"hub-{n}",
            publication_state="published",
            latitude=Decimal("52.5") + Decimal(n) / 1000,
            longitude=Decimal("-1.9"),
            facilities=["step_free"],
        )
        for n in range(size)
    )
    OpeningPeriod.objects.bulk_create(
        OpeningPeriod(hub=hub, weekday=day, opens=opens, closes=closes)
        for hub in hubs
        for day in range(5)
        for opens, closes in [(dt.time(9), dt.time(12)), (dt.time(13), dt.time(17))]
    )
    Closure.objects.bulk_create(
        Closure(hub=hub, starts_on=dt.date(2026, 12, 25), ends_on=dt.date(2026, 12, 26), reason="Christmas")
        for hub in hubs
    )
    service = Service.objects.create(
        name="Health visiting", slug="health-visiting", summary="Visits.", publication_state="published"
    )
    service.hubs.set(hubs)
    sessions = Session.objects.bulk_create(
        Session(
            title=f"Session {n}",
            hub=hubs[n % size],
            service=service,
            starts_on=dt.date(2026, 11, 2) + dt.timedelta(days=n % 7),
            frequency=["weekly", "fortnightly", "monthly"][n % 3],
            week_of_month=2 if n % 3 == 2 else None,
            start_time=dt.time(10),
            end_time=dt.time(11),
            stages=["baby"],
        )
        for n in range(size * 10)
    )
    SessionCancellation.objects.bulk_create(
        SessionCancellation(session=s, date=dt.date(2026, 11, 30)) for s in sessions[::7]
    )
    Postcode.objects.create(postcode="BF1 1AA", latitude=52.6, longitude=-1.9)
    return hubs


# Queries per page: (when its cached parts are made, when they come from the cache). The
# same for 3 hubs as for 300: nothing grows with the data.
QUERIES = {
    reverse("hubs:directory"): (4, 1),
    reverse("hubs:nearest") + "?postcode=BF1+1AA": (7, 1),
    reverse("hubs:nearest") + "?lat=52.6&lng=-1.9": (6, 1),
    reverse("hubs:hub_detail", kwargs={"slug": "hub-2"}): (7, 1),
    reverse("hubs:whats_on"): (6, 1),
    # The hubs for the filter come from the cache here: the page above read them this minute.
    reverse("hubs:whats_on") + "?stage=baby&type=other&page=3": (5, 1),
    reverse("hubs:hub_ics", kwargs={"slug": "hub-2"}): (4, 2),
    reverse("hubs:timetable_ics"): (3, 1),
}


@pytest.mark.parametrize("size", [3, 300])
def test_queries_per_page_do_not_grow_with_the_data(anon_client, now_is, size):
    # One test a size for all pages: building the data takes longer than the pages do.
    now_is(2026, 11, 23, 10, 0)
    build_council(size)
    counts = {}
    for url in QUERIES:
        measured = []
        for _attempt in ("made", "cached"):
            with CaptureQueriesContext(connection) as queries:
                response = anon_client.get(url)
            assert response.status_code == 200, url
            measured.append(len(queries))
        counts[url] = tuple(measured)

    assert counts == QUERIES


def test_a_services_hubs_show_their_status_through_the_shared_prefetch(now_is, django_assert_num_queries):
    # The contract with the offers app: Prefetch("hubs", Hub.objects.published().with_opening_times()).
    from django.db.models import Prefetch

    now_is(2026, 11, 23, 10, 0)
    services = [
        Service.objects.create(name=f"S{n}", slug=f"s{n}", summary=".", publication_state="published") for n in range(3)
    ]
    for service in services:
        for _ in range(3):
            hub = HubFactory()
            OpeningPeriodFactory(hub=hub)
            service.hubs.add(hub)
    service.hubs.add(HubFactory(name="Draft Hub", publication_state="draft"))

    with django_assert_num_queries(4):
        listed = Service.objects.prefetch_related(
            Prefetch("hubs", queryset=Hub.objects.published().with_opening_times())
        )
        html = "".join(
            render_to_string("hubs/includes/hub_status.html", {"hub": hub})
            for service in listed
            for hub in service.hubs.all()
        )

    assert html.count("Open now until 5pm") == 9
    assert "Draft Hub" not in html

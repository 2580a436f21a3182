"""The demo: 8 hubs of Brackenford with hours and a week's timetable, safe to load twice."""

import pytest
from django.urls import reverse

from hubs import demo
from hubs.models import Closure, Hub, OpeningPeriod, Postcode, Session, SessionCancellation
from offers.models import Service

pytestmark = pytest.mark.django_db

FIXED_SLUGS = {
    "brackenford-central-family-hub": "main",
    "northgate-family-hub": "main",
    "riverside-family-hub": "main",
    "ashby-green-library": "satellite",
    "millbrook-community-centre": "satellite",
    "hollins-childrens-centre": "satellite",
    "east-marsh-village-hall": "satellite",
    "virtual-family-hub": "virtual",
}


def counts() -> dict[str, int]:
    models = [Hub, Hub.history.model, OpeningPeriod, Closure, Postcode, Session, SessionCancellation]
    return {model.__name__: model.objects.count() for model in models}


def seed_all():
    demo.seed(log=lambda line: None)
    demo.seed_timetable(log=lambda line: None)


def test_it_creates_the_eight_published_hubs_with_their_fixed_slugs():
    seed_all()

    assert dict(Hub.objects.published().values_list("slug", "kind")) == FIXED_SLUGS
    assert all(hub.opening_periods.exists() for hub in Hub.objects.all())
    assert Closure.objects.filter(reason="Christmas Day").count() == 8


def test_it_creates_a_weekly_timetable_of_the_usual_sessions():
    seed_all()

    kinds = set(Session.objects.values_list("kind", flat=True))
    assert kinds == {"stay_and_play", "baby_massage", "infant_feeding", "dads_group", "clinic", "antenatal"}


def test_running_it_twice_changes_nothing():
    seed_all()
    before = counts()

    seed_all()

    assert counts() == before


def test_sessions_link_to_the_offers_services_only_when_they_exist():
    Service.objects.create(name="Stay and play", slug="stay-and-play", summary="Play.", publication_state="published")
    seed_all()

    assert Session.objects.filter(service__slug="stay-and-play").exists()
    assert not Session.objects.filter(kind="clinic", service__isnull=False).exists()


def test_a_demo_postcode_finds_the_nearest_demo_hub(anon_client):
    seed_all()

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "bf11aa"}).content.decode()

    assert "Family hubs near BF1 1AA" in html
    assert html.index("Brackenford Central Family Hub") < html.index("Northgate Family Hub")


def test_a_demo_postcode_next_door_is_out_of_area(anon_client, settings):
    settings.HUBS_LOCAL_AUTHORITY_CODES = ["E06099001"]  # the local demo's default
    seed_all()

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "BF9 1AA"}).content.decode()

    assert "BF9 1AA is not in" in html
    assert "https://www.gov.uk/find-local-council" in html

"""The pages parents see: the offer, a service, browse by stage and by need, gone services."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from hubs.models import Hub
from offers.models import Tier
from startforlife.publishing import PublicationState
from tests.offers.factories import DraftServiceFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def test_the_offer_lists_universal_services_first_then_universal_plus_grouped_by_need(anon_client):
    ServiceFactory(name="Midwifery", tier=Tier.UNIVERSAL, needs=["health"])
    ServiceFactory(name="Debt and money advice", needs=["money"])
    ServiceFactory(name="Housing advice", needs=["housing"])

    html = anon_client.get(reverse("offers:offer")).content.decode()

    assert html.index("Every family gets these") < html.index("Midwifery") < html.index("More help, when you need it")
    assert html.index("Money worries") < html.index("Debt and money advice") < html.index("Housing advice")
    assert "Contact them yourself" not in html  # the factory's route is drop-in
    assert "Just turn up (drop-in)" in html


def test_the_service_page_shows_everything_a_parent_needs(anon_client):
    service = ServiceFactory(
        name="Infant feeding support",
        summary="Help with feeding.",
        phone="01632 960 104",
        languages=["English", "Polish"],
        is_free=False,
        cost="£1 a session",
        last_reviewed=date(2026, 3, 3),
        eligibility="Anyone living in Brackenford.",
    )

    response = anon_client.get(service.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    for text in ["Infant feeding support", "Help with feeding.", "01632 960 104", "English, Polish", "£1 a session"]:
        assert text in html
    assert "Anyone living in Brackenford." in html
    assert "Checked on 3 March 2026" in html
    assert "Is anything wrong on this page?" in html
    assert f"{reverse('panels:feedback')}?service={service.slug}" in html
    assert reverse("offers:service_print", args=[service.slug]) in html
    assert "mailto:?subject=Infant%20feeding%20support" in html


def test_the_service_page_lists_its_published_hubs_only(anon_client):
    service = ServiceFactory()
    open_hub = Hub.objects.create(name="Northgate Family Hub", slug="northgate", publication_state="published")
    draft_hub = Hub.objects.create(name="Secret Draft Hub", slug="secret", publication_state="draft")
    service.hubs.add(open_hub, draft_hub)

    html = anon_client.get(service.get_absolute_url()).content.decode()

    assert "Where it runs" in html
    assert "Northgate Family Hub" in html
    assert "Secret Draft Hub" not in html


def test_a_temporarily_closed_service_shows_a_banner_with_its_message(anon_client):
    service = ServiceFactory(status="temporarily_closed", status_message="Back in the spring.")

    html = anon_client.get(service.get_absolute_url()).content.decode()

    assert "This service is temporarily closed." in html
    assert "Back in the spring." in html


def test_the_service_page_suggests_related_services(anon_client):
    service = ServiceFactory(name="Debt advice", needs=["money"], category="money")
    ServiceFactory(name="Housing advice", needs=["housing", "money"], category="housing")
    ServiceFactory(name="Stay and play", needs=["parenting"], category="play_and_learning")

    html = anon_client.get(service.get_absolute_url()).content.decode()

    assert "Housing advice" in html
    assert "Stay and play" not in html


def test_the_service_description_is_sanitised(anon_client):
    service = ServiceFactory(description='<p onclick="steal()">Hello</p><script>alert(1)</script>')

    html = anon_client.get(service.get_absolute_url()).content.decode()

    assert "<p>Hello</p>" in html
    assert "alert(1)" not in html
    assert "steal()" not in html


def test_the_printable_service_page_has_the_council_and_the_link(anon_client, settings):
    service = ServiceFactory(name="Toy library")

    html = anon_client.get(reverse("offers:service_print", args=[service.slug])).content.decode()

    assert "Toy library" in html
    assert settings.PORTAL["COUNCIL_NAME"] in html
    assert f"http://testserver{service.get_absolute_url()}" in html


def test_an_archived_service_is_gone_and_points_to_the_offer(anon_client):
    service = ServiceFactory(name="Old group", publication_state=PublicationState.ARCHIVED)

    response = anon_client.get(service.get_absolute_url())

    assert response.status_code == 410
    assert "Old group has stopped" in response.content.decode()
    assert reverse("offers:offer") in response.content.decode()
    assert anon_client.get(reverse("offers:service_print", args=[service.slug])).status_code == 404


def test_a_service_closed_for_good_is_gone_and_left_out_of_the_offer(anon_client):
    service = ServiceFactory(name="Closed group", status="closed")

    assert anon_client.get(service.get_absolute_url()).status_code == 410
    assert "Closed group" not in anon_client.get(reverse("offers:offer")).content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"publication_state": PublicationState.DRAFT, "first_published_at": None},
        # Archived without ever being published: it was never public, so not even a 410.
        {"publication_state": PublicationState.ARCHIVED, "first_published_at": None},
    ],
)
def test_a_service_that_was_never_public_is_not_found(anon_client, fields):
    service = ServiceFactory(name="Secret draft", **fields)

    response = anon_client.get(service.get_absolute_url())

    assert response.status_code == 404
    assert "Secret draft" not in response.content.decode()


def test_a_service_is_hidden_until_its_visible_from_time(anon_client):
    service = ServiceFactory(name="Coming soon", visible_from=timezone.now() + timedelta(days=1))

    assert anon_client.get(service.get_absolute_url()).status_code == 404
    assert "Coming soon" not in anon_client.get(reverse("offers:offer")).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        reverse("offers:offer"),
        reverse("offers:stage", args=["baby"]),
        reverse("offers:need", args=["parenting"]),
        reverse("offers:search") + "?q=secret",
        reverse("offers:search") + "?stage=baby",
        reverse("offers:offer_print"),
        reverse("offers:timeline") + "?born=born&date_0=1&date_1=1&date_2=" + str(date.today().year),
        "/",
    ],
)
def test_drafts_never_leak(anon_client, url):
    DraftServiceFactory(name="Secret draft service", summary="secret", stages=["newborn", "baby"])
    ServiceFactory(name="Public service", summary="secret", stages=["newborn", "baby"])

    response = anon_client.get(url)

    assert response.status_code == 200
    assert "Secret draft service" not in response.content.decode()


def test_browse_by_stage_shows_only_that_stage(anon_client):
    ServiceFactory(name="Antenatal classes", stages=["pregnancy"])
    ServiceFactory(name="Chatter Tots", stages=["toddler"])

    response = anon_client.get(reverse("offers:stage", args=["pregnancy"]))

    html = response.content.decode()
    assert "I&#x27;m pregnant" in html
    assert "Antenatal classes" in html
    assert "Chatter Tots" not in html


def test_browse_by_need_shows_only_that_need(anon_client):
    ServiceFactory(name="Debt advice", needs=["money"])
    ServiceFactory(name="Feeding help", needs=["feeding"])

    html = anon_client.get(reverse("offers:need", args=["money"])).content.decode()

    assert "Money worries" in html
    assert "Debt advice" in html
    assert "Feeding help" not in html


@pytest.mark.parametrize("url", ["/offer/stage/teenager/", "/offer/need/nonsense/", "/offer/services/nope/"])
def test_unknown_pages_are_not_found(anon_client, url):
    assert anon_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "name", ["offers:offer", "offers:search", "offers:timeline", "offers:offer_print", "offers:offer_pdf"]
)
def test_public_pages_refuse_to_change_anything(anon_client, name):
    assert anon_client.post(reverse(name)).status_code == 405


def test_the_home_page_searches_the_offer_and_links_to_needs_and_the_timeline(anon_client):
    html = anon_client.get("/").content.decode()

    assert f'action="{reverse("offers:search")}"' in html
    assert reverse("offers:need", args=["feeding"]) in html
    assert "Feeling low or anxious" in html
    assert reverse("offers:timeline") in html


def test_the_universal_services_come_in_the_national_order(anon_client):
    ServiceFactory(name="Safeguarding", tier=Tier.UNIVERSAL, category="safeguarding")
    ServiceFactory(name="Midwifery", tier=Tier.UNIVERSAL, category="midwifery")
    ServiceFactory(name="Health visiting", tier=Tier.UNIVERSAL, category="health_visiting")

    html = anon_client.get(reverse("offers:offer")).content.decode()

    assert html.index("Midwifery") < html.index("Health visiting") < html.index("Safeguarding")

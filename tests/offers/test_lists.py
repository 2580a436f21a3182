"""The offer page and the browse pages at council size: a few of each need, pages of 20."""

import re
from html import unescape

import pytest
from django.urls import reverse

from offers.models import Service, Tier
from offers.views import SERVICES_PER_GROUP, SERVICES_PER_PAGE
from tests.offers.factories import DraftServiceFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def names_on(html: str) -> list[str]:
    links = re.findall(r'class="govuk-link" href="/offer/services/[^"]+/">([^<]+)</a>', html)
    return [unescape(name) for name in links]


def test_the_offer_shows_every_universal_service_and_a_few_of_each_need_with_a_link_to_the_rest(anon_client):
    ServiceFactory(name="Midwifery", tier=Tier.UNIVERSAL, needs=["health"], category="midwifery")
    for n in range(SERVICES_PER_GROUP + 4):
        ServiceFactory(name=f"Money help {n:02}", needs=["money", "housing"])
    ServiceFactory(name="Housing advice", needs=["housing"])

    html = anon_client.get(reverse("offers:offer")).content.decode()

    shown = names_on(html)
    assert shown[0] == "Midwifery"
    assert [name for name in shown if name.startswith("Money help")] == [
        f"Money help {n:02}" for n in range(SERVICES_PER_GROUP)
    ]
    # The link says how many the need's page lists: every service with that need.
    assert f'href="{reverse("offers:need", args=["money"])}">See all {SERVICES_PER_GROUP + 4} services' in html
    assert f'href="{reverse("offers:need", args=["housing"])}">See all {SERVICES_PER_GROUP + 5} services' in html
    assert "Housing advice" in shown


def test_a_group_with_only_a_few_services_has_no_see_all_link(anon_client):
    ServiceFactory(name="Stop smoking service", needs=["smoking"])

    html = anon_client.get(reverse("offers:offer")).content.decode()

    assert "Stop smoking service" in html
    assert "See all" not in html


def test_services_without_a_need_are_still_on_the_offer(anon_client):
    ServiceFactory(name="Something else", needs=[])

    html = anon_client.get(reverse("offers:offer")).content.decode()

    assert html.index("Other support") < html.index("Something else")
    assert "Search all extra support" not in html


def test_many_services_without_a_need_link_to_a_search(anon_client):
    # As an ORUK import leaves them: no need's page lists them.
    for n in range(SERVICES_PER_GROUP + 2):
        ServiceFactory(name=f"Imported {n}", needs=[])

    html = anon_client.get(reverse("offers:offer")).content.decode()

    assert len([name for name in names_on(html) if name.startswith("Imported")]) == SERVICES_PER_GROUP
    assert f'href="{reverse("offers:search")}?tier=universal_plus">Search all extra support</a>' in html


def test_the_demo_offer_reads_as_before(anon_client):
    from django.core.management import call_command

    call_command("seed_demo", verbosity=0)

    html = anon_client.get(reverse("offers:offer")).content.decode()

    # No more than a few local services for any need: the demo's offer page still shows them all.
    assert sorted(names_on(html)) == sorted(Service.objects.for_parents().values_list("name", flat=True))
    assert html.index("Every family gets these") < html.index("More help, when you need it")


def test_a_publish_shows_on_the_offer_at_once_despite_the_cache(anon_client):
    ServiceFactory(name="Baby massage", needs=["parenting"])
    assert "Baby massage" in anon_client.get(reverse("offers:offer")).content.decode()

    draft = DraftServiceFactory(name="Chatter Tots", needs=["parenting"])
    assert "Chatter Tots" not in anon_client.get(reverse("offers:offer")).content.decode()
    draft.publication_state = "published"
    draft.save()

    html = anon_client.get(reverse("offers:offer")).content.decode()
    assert "Chatter Tots" in html
    assert "Baby massage" in html


@pytest.fixture
def many_for_baby():
    ServiceFactory(name="Health visiting", tier=Tier.UNIVERSAL, stages=["baby"], category="health_visiting")
    return ServiceFactory.create_batch(SERVICES_PER_PAGE * 2 + 5, stages=["baby"], needs=["money"])


def test_browse_by_stage_shows_20_a_page_with_the_count_and_govuk_pagination(anon_client, many_for_baby):
    url = reverse("offers:stage", args=["baby"])

    first = anon_client.get(url).content.decode()
    third = anon_client.get(url, {"page": 3}).content.decode()

    local = sorted(many_for_baby, key=lambda s: s.name)
    assert names_on(first) == ["Health visiting"] + [s.name for s in local[:SERVICES_PER_PAGE]]
    assert f"{len(local)} local services for this stage, 1 to 20 shown here" in first
    assert 'class="govuk-pagination"' in first
    assert 'href="?page=2" rel="next"' in first
    assert names_on(third) == [s.name for s in local[SERVICES_PER_PAGE * 2 :]]  # universal: first page only
    assert "(page 3 of 3)" in third
    assert 'aria-current="page">3<' in third


def test_browse_by_need_shows_20_a_page_universal_first(anon_client, many_for_baby):
    ServiceFactory(name="Zzz money advice", tier=Tier.UNIVERSAL, needs=["money"])
    url = reverse("offers:need", args=["money"])

    first = anon_client.get(url).content.decode()
    second = anon_client.get(url, {"page": 2}).content.decode()

    assert names_on(first)[0] == "Zzz money advice"
    assert len(names_on(first)) == SERVICES_PER_PAGE
    assert f"{len(many_for_baby) + 1} services, 1 to 20 shown here" in first
    assert len(names_on(second)) == SERVICES_PER_PAGE
    assert not set(names_on(first)) & set(names_on(second))


@pytest.mark.parametrize("page", ["abc", "-1", "0", "", "1.5", "9" * 5000, "%00", "<script>"])
def test_a_nonsense_page_number_shows_the_first_page(anon_client, many_for_baby, page):
    for url in [reverse("offers:stage", args=["baby"]), reverse("offers:need", args=["money"])]:
        response = anon_client.get(url, {"page": page})

        assert response.status_code == 200
        assert 'aria-current="page">1<' in response.content.decode()


def test_a_page_past_the_end_shows_the_last_page(anon_client, many_for_baby):
    response = anon_client.get(reverse("offers:stage", args=["baby"]), {"page": 99})

    assert response.status_code == 200
    assert 'aria-current="page">3<' in response.content.decode()


def test_the_pagination_links_carry_nothing_else_from_the_address(anon_client, many_for_baby):
    # The list is cached for everyone: a parameter someone added must not end up in its links.
    html = anon_client.get(reverse("offers:stage", args=["baby"]), {"utm_source": "poster"}).content.decode()

    assert "poster" not in html


def test_many_pages_are_elided_the_govuk_way(anon_client):
    Service.objects.bulk_create(
        ServiceFactory.build(name=f"Service {n:03}", slug=f"bulk-{n}", stages=["toddler"]) for n in range(220)
    )

    html = anon_client.get(reverse("offers:stage", args=["toddler"]), {"page": 6}).content.decode()

    numbers = re.findall(r'aria-label="Page (\d+)"', html)
    assert numbers == ["1", "5", "6", "7", "11"]
    assert html.count("govuk-pagination__item--ellipses") == 2


def test_an_empty_stage_says_so(anon_client):
    html = anon_client.get(reverse("offers:stage", args=["toddler"])).content.decode()

    assert "There are no services to show for this stage yet" in html
    assert "govuk-pagination" not in html

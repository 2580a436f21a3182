"""Search: the words parents use, misspellings, filters that combine and survive pages."""

import pytest
from django.urls import reverse

from hubs.models import Hub
from offers.demo import seed
from offers.models import SearchLog
from tests.offers.factories import ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_offer():
    seed(lambda line: None)


def result_slugs(client, **params):
    response = client.get(reverse("offers:search"), params)
    assert response.status_code == 200
    return [service.slug for service in response.context["results"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("breast feeding", "infant-feeding"),
        ("bottle", "infant-feeding"),
        ("tongue tie", "infant-feeding"),
        ("tongue-tie", "infant-feeding"),
        ("post natal depression", "parent-infant-mental-health"),
        ("feeling low", "parent-infant-mental-health"),
        ("baby blues", "parent-infant-mental-health"),
        ("anxious", "parent-infant-mental-health"),
        ("HV", "health-visiting"),
        ("red book", "health-visiting"),
        ("weighing", "health-visiting"),
        ("money worries", "debt-and-money-advice"),
        ("debt", "debt-and-money-advice"),
        ("abuse", "domestic-abuse-support"),
        ("partner hurts me", "domestic-abuse-support"),
        ("quit smoking", "stop-smoking-in-pregnancy"),
    ],
)
def test_parents_words_find_the_right_service_first(anon_client, demo_offer, query, expected):
    assert result_slugs(anon_client, q=query)[0] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("brestfeeding", "infant-feeding"),
        ("helth visiting", "health-visiting"),
        ("midwif", "midwifery"),
        ("speach", "speech-and-language"),
        ("housng advise", "housing-advice"),
    ],
)
def test_misspelt_words_still_find_the_service(anon_client, demo_offer, query, expected):
    response = anon_client.get(reverse("offers:search"), {"q": query})

    assert expected in [s.slug for s in response.context["results"]]
    assert "Showing results for" in response.content.decode()


def test_a_match_in_the_name_ranks_above_one_in_the_description(anon_client):
    ServiceFactory(name="Stay and play", summary="Play sessions.", description="Also some toddler yoga.")
    in_summary = ServiceFactory(name="Wriggle time", summary="Yoga for babies.", description="")
    in_name = ServiceFactory(name="Toddler yoga", summary="Stretch and move.", description="")

    assert result_slugs(anon_client, q="yoga")[:2] == [in_name.slug, in_summary.slug]


def test_search_uses_english_stemming(anon_client):
    ServiceFactory(name="Feeding clinic", slug="feeding-clinic")

    assert result_slugs(anon_client, q="feeds") == ["feeding-clinic"]


def test_filters_combine(anon_client):
    hub = Hub.objects.create(name="Riverside", slug="riverside", publication_state="published")
    wanted = ServiceFactory(
        name="Polish feeding group", stages=["baby"], languages=["Polish"], delivery_ways=["hub"], is_free=True
    )
    wanted.hubs.add(hub)
    ServiceFactory(name="Feeding group in English", stages=["baby"], languages=["English"]).hubs.add(hub)
    ServiceFactory(name="Polish feeding group, paid", stages=["baby"], languages=["Polish"], is_free=False)

    slugs = result_slugs(anon_client, q="feeding", stage="baby", language="Polish", hub="riverside", free="on")

    assert slugs == [wanted.slug]


def test_filters_work_without_words(anon_client):
    online = ServiceFactory(name="Online group", delivery_ways=["online"], tier="universal")
    at_home = ServiceFactory(name="Home visits", delivery_ways=["home"])

    assert result_slugs(anon_client, way="online") == [online.slug]
    assert result_slugs(anon_client, tier="universal_plus") == [at_home.slug]


def test_filters_survive_pagination(anon_client):
    ServiceFactory.create_batch(25, summary="A feeding group.", stages=["baby"])
    ServiceFactory.create_batch(5, summary="A feeding group.", stages=["toddler"])

    first = anon_client.get(reverse("offers:search"), {"q": "feeding", "stage": "baby"})
    html = first.content.decode()

    assert first.context["page"].paginator.count == 25
    assert "?q=feeding&amp;stage=baby&amp;page=2" in html
    second = anon_client.get(reverse("offers:search"), {"q": "feeding", "stage": "baby", "page": 2})
    assert len(second.context["results"]) == 5
    assert all("baby" in service.stages for service in second.context["results"])


def test_a_search_with_no_results_says_so_kindly_and_is_recorded_without_personal_data(anon_client):
    ServiceFactory()

    response = anon_client.get(reverse("offers:search"), {"q": "twins club"})

    html = response.content.decode()
    assert "We could not find anything that matches" in html
    assert reverse("offers:stage", args=["pregnancy"]) in html
    log = SearchLog.objects.get()
    assert log.query == "twins club"
    assert [f.name for f in SearchLog._meta.fields] == ["id", "query", "searched_on"]


def test_a_search_narrowed_by_filters_to_nothing_is_not_an_unmet_need(anon_client):
    ServiceFactory(summary="Twins club", stages=["baby"])

    anon_client.get(reverse("offers:search"), {"q": "twins", "stage": "pregnancy"})

    assert not SearchLog.objects.exists()


@pytest.mark.parametrize(
    "query", ["<script>alert(1)</script>", "🍼👶", "Грудное вскармливание", "رضاعة", "' OR 1=1 --", "&&&", "!"]
)
def test_any_input_is_answered_safely(anon_client, query):
    ServiceFactory()

    response = anon_client.get(reverse("offers:search"), {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_an_over_long_search_gets_a_clear_error(anon_client):
    response = anon_client.get(reverse("offers:search"), {"q": "a" * 201})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "Search must be 200 characters or fewer" in html


def test_an_unknown_filter_value_is_explained_not_a_crash(anon_client):
    response = anon_client.get(reverse("offers:search"), {"stage": "teenager"})

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0"])
def test_a_nonsense_page_number_shows_a_real_page(anon_client, page):
    ServiceFactory.create_batch(3)

    response = anon_client.get(reverse("offers:search"), {"tier": "universal_plus", "page": page})

    assert response.status_code == 200
    assert len(response.context["results"]) == 3

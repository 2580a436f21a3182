"""Every public page answers in a bounded number of queries, whatever the size of the offer."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from hubs.models import Hub
from offers.models import Service, Tier
from startforlife.publishing import PublicationState

pytestmark = pytest.mark.django_db

NEEDS = ["feeding", "feeling-low", "money", "housing", "safety", "development", "smoking", "health", "parenting"]
STAGES = ["pregnancy", "newborn", "baby", "toddler"]


@pytest.fixture
def big_offer():
    now = timezone.now()
    hubs = Hub.objects.bulk_create(
        Hub(name=f"Hub {n}", slug=f"hub-{n}", publication_state=PublicationState.PUBLISHED, address="1 Street")
        for n in range(12)
    )
    services = Service.objects.bulk_create(
        Service(
            name=f"Service {n} feeding",
            slug=f"service-{n}",
            summary="Help with feeding and more.",
            description="<p>Long description.</p>",
            tier=Tier.UNIVERSAL if n < 6 else Tier.UNIVERSAL_PLUS,
            needs=[NEEDS[n % len(NEEDS)]],
            stages=[STAGES[n % 4], STAGES[(n + 1) % 4]],
            languages=["English", f"Language {n % 7}"],
            access_routes=["drop_in"],
            publication_state=PublicationState.PUBLISHED,
            first_published_at=now,
            last_published_at=now,
        )
        for n in range(300)
    )
    Through = Service.hubs.through
    Through.objects.bulk_create(
        Through(service_id=service.pk, hub_id=hubs[i % 12].pk) for i, service in enumerate(services)
    )
    Through.objects.bulk_create(
        Through(service_id=service.pk, hub_id=hubs[(i + 1) % 12].pk) for i, service in enumerate(services)
    )
    return services


# Measured on a first request (cached fragments missing): offer 4 (the content version,
# universal, a few of each need, the counts), service 3, service print 2, stage 4 (the
# content version, the count, universal, a page of 20), need 3, search 5, timeline 4,
# print 9 (the counter, the offer's fingerprint, the booklet's 6), home 0. The slack is for
# the hubs' "open now" prefetches and the panels' include.
@pytest.mark.parametrize(
    ("url", "max_queries"),
    [
        (reverse("offers:offer"), 4),
        (reverse("offers:service_detail", args=["service-7"]), 7),
        (reverse("offers:service_print", args=["service-7"]), 5),
        (reverse("offers:stage", args=["baby"]), 4),
        (reverse("offers:need", args=["money"]), 3),
        (reverse("offers:search") + "?q=feeding&stage=baby&hub=hub-3&language=English&free=on", 7),
        (reverse("offers:search") + "?q=fedding", 7),
        (reverse("offers:timeline") + "?born=born&date_0=1&date_1=1&date_2=" + str(timezone.localdate().year), 4),
        (reverse("offers:offer_print"), 9),
        ("/", 2),
    ],
)
def test_public_pages_use_a_bounded_number_of_queries(
    anon_client, big_offer, django_assert_max_num_queries, url, max_queries
):
    with django_assert_max_num_queries(max_queries):
        response = anon_client.get(url)

    assert response.status_code == 200


PAGES = [
    reverse("offers:offer"),
    reverse("offers:service_detail", args=["service-7"]),
    reverse("offers:stage", args=["baby"]),
    reverse("offers:need", args=["money"]),
    reverse("offers:search") + "?stage=baby&category=parenting_support",
    reverse("offers:search") + "?q=feeding&stage=baby&hub=hub-3&language=English&free=on",
    reverse("offers:timeline") + "?born=born&date_0=1&date_1=1&date_2=" + str(timezone.localdate().year),
    reverse("offers:offer_print"),
    reverse("offers:service_print", args=["service-7"]),
]


@pytest.mark.parametrize(
    ("url", "cached_queries"),
    # The content version alone (the service page keeps its service under it too); a search
    # with words runs the search (a parent's words are never cached).
    [(page, 4 if "q=" in page else 1) for page in PAGES],
)
def test_a_second_request_is_served_from_cached_fragments(
    anon_client, big_offer, django_assert_num_queries, url, cached_queries
):
    first = anon_client.get(url)

    with django_assert_num_queries(cached_queries):
        second = anon_client.get(url)

    def without_nonces(html: bytes) -> bytes:
        return re.sub(rb'nonce="[^"]*"', b"", html)

    assert second.status_code == 200
    assert without_nonces(second.content) == without_nonces(first.content)


@pytest.mark.parametrize("url", PAGES)
def test_queries_do_not_grow_with_the_offer(anon_client, big_offer, url):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert anon_client.get(url).status_code == 200
        return len(queries)

    before = count()
    Service.objects.bulk_create(
        Service(
            name=f"More {n}",
            slug=f"more-{n}",
            summary="More feeding help.",
            needs=[NEEDS[n % len(NEEDS)]],
            stages=["baby"],
            languages=["English"],
            publication_state=PublicationState.PUBLISHED,
        )
        for n in range(300)
    )

    assert count() == before

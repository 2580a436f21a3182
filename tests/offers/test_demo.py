"""The demo offer for Brackenford: complete, published, and safe to load twice."""

import pytest

from hubs.models import Hub
from offers.demo import seed
from offers.models import MandatedReview, Service, Tier

pytestmark = pytest.mark.django_db

FIXED_SLUGS = [
    "midwifery",
    "health-visiting",
    "parent-infant-mental-health",
    "infant-feeding",
    "send-support",
    "safeguarding",
    "parenting-support",
    "breastfeeding-peer-support",
    "dads-and-co-parents-group",
    "stop-smoking-in-pregnancy",
    "speech-and-language",
    "debt-and-money-advice",
    "domestic-abuse-support",
    "housing-advice",
    "stay-and-play",
]


def test_the_demo_is_a_full_published_offer():
    seed(lambda line: None)

    visible = Service.objects.for_parents()
    assert set(FIXED_SLUGS) <= set(visible.values_list("slug", flat=True))
    assert visible.filter(tier=Tier.UNIVERSAL).count() == 7  # the 6, and parenting support
    assert visible.filter(tier=Tier.UNIVERSAL_PLUS).count() >= 12
    assert not visible.filter(last_published_at__isnull=True).exists()
    assert not visible.filter(last_reviewed__isnull=True).exists()
    assert MandatedReview.objects.count() == 5


def test_the_demo_links_services_to_demo_hubs_that_exist():
    Hub.objects.create(name="Riverside Family Hub", slug="riverside-family-hub", publication_state="published")

    seed(lambda line: None)

    assert Service.objects.get(slug="dads-and-co-parents-group").hubs.get().slug == "riverside-family-hub"


def test_loading_the_demo_twice_changes_nothing():
    seed(lambda line: None)
    before = list(Service.objects.values_list("slug", "updated_at", "lock_version"))
    history = Service.history.count()

    lines = []
    seed(lines.append)

    assert list(Service.objects.values_list("slug", "updated_at", "lock_version")) == before
    assert Service.history.count() == history
    assert "0 new" in lines[0]

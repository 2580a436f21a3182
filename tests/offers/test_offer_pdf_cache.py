"""The offer PDF is made once per version of the offer, then served from the cache."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from offers import booklet
from tests.offers.factories import DraftServiceFactory, ServiceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    cache.clear()
    made = []
    real = booklet.render_pdf

    def counting(request, context):
        made.append(context)
        return real(request, context)

    monkeypatch.setattr(booklet, "render_pdf", counting)
    yield made
    cache.clear()


def test_a_second_request_is_served_from_the_cache(anon_client, renders):
    ServiceFactory(name="Midwifery")

    first = anon_client.get(reverse("offers:offer_pdf"))
    second = anon_client.get(reverse("offers:offer_pdf"))

    assert len(renders) == 1
    assert second.status_code == 200
    assert second.content == first.content


def test_it_is_made_again_when_a_service_changes(anon_client, renders):
    service = ServiceFactory(name="Midwifery")
    anon_client.get(reverse("offers:offer_pdf"))

    service.name = "Midwives"
    service.save()
    anon_client.get(reverse("offers:offer_pdf"))

    assert len(renders) == 2
    assert [s.name for s in renders[1]["universal"] + [x for g in renders[1]["groups"] for x in g["services"]]] == [
        "Midwives"
    ]


def test_it_is_made_again_when_a_service_is_published(anon_client, renders):
    ServiceFactory(name="Midwifery")
    draft = DraftServiceFactory(name="Stay and play")
    anon_client.get(reverse("offers:offer_pdf"))

    draft.publication_state = "published"
    draft.save()
    anon_client.get(reverse("offers:offer_pdf"))

    assert len(renders) == 2


def test_it_is_not_made_again_when_only_a_draft_changes(anon_client, renders):
    ServiceFactory(name="Midwifery")
    draft = DraftServiceFactory(name="Stay and play")
    anon_client.get(reverse("offers:offer_pdf"))

    draft.name = "Play and stay"
    draft.save()
    anon_client.get(reverse("offers:offer_pdf"))

    assert len(renders) == 1

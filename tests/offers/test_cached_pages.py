"""Cached fragments (ADR 0060): a change staff publish shows at once, and nothing personal
or wrong is ever kept for the next parent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hubs.models import Hub
from startforlife.publishing import PublicationState
from tests.offers.factories import DraftServiceFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_edit_shows_on_the_service_page_at_once(anon_client):
    service = ServiceFactory(name="Baby massage", phone="01632 960 001", description="Gentle massage.")
    url = service.get_absolute_url()
    assert "01632 960 001" in page(anon_client, url)

    service.phone = "01632 960 999"
    service.description = "Now on Tuesdays."
    service.save()

    html = page(anon_client, url)
    assert "01632 960 999" in html
    assert "Now on Tuesdays." in html


def test_a_hub_published_shows_on_the_service_page_at_once(anon_client):
    service = ServiceFactory(name="Baby massage")
    hub = Hub.objects.create(name="Northgate Family Hub", slug="northgate", publication_state="draft")
    service.hubs.add(hub)
    assert "Northgate Family Hub" not in page(anon_client, service.get_absolute_url())

    hub.publication_state = PublicationState.PUBLISHED
    hub.save()

    assert "Northgate Family Hub" in page(anon_client, service.get_absolute_url())


def test_a_publish_shows_on_the_browse_pages_timeline_and_search_at_once(anon_client):
    ServiceFactory(name="Baby massage", stages=["baby"], needs=["parenting"])
    timeline = reverse("offers:timeline")
    born = {"born": "born", "date_0": "1", "date_1": "1", "date_2": str(timezone.localdate().year)}
    urls = [
        (reverse("offers:stage", args=["baby"]), {}),
        (reverse("offers:need", args=["parenting"]), {}),
        (reverse("offers:search"), {"stage": "baby"}),
        (timeline, born),
    ]
    for url, params in urls:
        assert "Chatter Tots" not in page(anon_client, url, **params)

    draft = DraftServiceFactory(name="Chatter Tots", stages=["baby"], needs=["parenting"])
    draft.publication_state = PublicationState.PUBLISHED
    draft.save()

    for url, params in urls:
        assert "Chatter Tots" in page(anon_client, url, **params), url


def test_a_filter_error_is_never_served_to_the_next_parent(anon_client):
    ServiceFactory(name="Baby massage")
    url = reverse("offers:search")

    wrong = page(anon_client, url, stage="teenager")
    right = page(anon_client, url, stage="")
    wrong_again = page(anon_client, url, stage="teenager")

    assert "There is a problem" in wrong
    assert "govuk-form-group--error" in wrong
    assert "govuk-form-group--error" not in right
    assert "govuk-form-group--error" in wrong_again


def test_the_chosen_filters_stay_chosen(anon_client):
    ServiceFactory(name="Baby massage", stages=["baby"])
    url = reverse("offers:search")
    page(anon_client, url, stage="toddler")

    html = page(anon_client, url, stage="baby")

    assert '<option value="baby" selected>' in html
    assert '<option value="toddler" selected>' not in html


def test_a_parents_words_are_never_kept_in_a_cached_fragment(anon_client):
    ServiceFactory(name="Baby massage", summary="Massage for babies.")
    url = reverse("offers:search")

    page(anon_client, url, q="massage", stage="baby")
    html = page(anon_client, url, stage="baby")

    assert "massage</strong>" not in html.lower()
    assert "q=massage" not in html


def test_the_timeline_of_another_date_is_not_served_from_the_cache(anon_client):
    year = timezone.localdate().year
    url = reverse("offers:timeline")

    first = page(anon_client, url, born="born", date_0="1", date_1="1", date_2=str(year))
    second = page(anon_client, url, born="born", date_0="2", date_1="1", date_2=str(year))

    assert f"1 January {year}" in first
    assert f"2 January {year}" in second
    assert f"date_0=2&amp;date_1=1&amp;date_2={year}" in second


def test_the_search_box_keeps_the_words_and_shows_its_error_the_govuk_way(anon_client):
    html = page(anon_client, reverse("offers:search"), q='feeding "help" <b>')

    assert 'value="feeding &quot;help&quot; &lt;b&gt;"' in html
    assert '<label for="id_q" class="govuk-label govuk-label--s">What do you need help with?</label>' in html

    html = page(anon_client, reverse("offers:search"), q="x" * 201)

    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert '<span class="govuk-visually-hidden">Error:</span> Search must be 200 characters or fewer' in html
    assert 'aria-describedby="id_q_1_error" class="govuk-input govuk-input--error" aria-invalid="true"' in html
    assert 'href="#id_q"' in html  # the error summary links to it


def test_an_unknown_hub_is_explained_and_a_known_one_is_kept(anon_client):
    Hub.objects.create(name="Riverside Family Hub", slug="riverside", publication_state="published")
    url = reverse("offers:search")

    wrong = page(anon_client, url, hub="nowhere")
    right = page(anon_client, url, hub="riverside")

    assert "There is a problem" in wrong
    assert "There is a problem" not in right
    assert '<option value="riverside" selected>Riverside Family Hub</option>' in right


def test_the_printable_offer_is_kept_until_the_offer_changes(anon_client, monkeypatch):
    from datetime import timedelta

    from offers import booklet

    ServiceFactory(name="Baby massage")
    later = ServiceFactory(name="Winter clinic", visible_from=timezone.now() + timedelta(hours=2))
    url = reverse("offers:offer_print")
    assert "Baby massage" in page(anon_client, url)

    made = []
    monkeypatch.setattr(booklet, "qr_code_svg", lambda url: made.append(url) or "")
    Hub.objects.create(name="Draft hub", slug="draft-hub", publication_state="draft")  # not in the booklet
    assert "Baby massage" in page(anon_client, url)
    assert made == []  # served from the cache

    draft = DraftServiceFactory(name="Chatter Tots")
    draft.publication_state = PublicationState.PUBLISHED
    draft.save()
    assert "Chatter Tots" in page(anon_client, url)

    soon = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: soon)
    assert later.name in page(anon_client, url)

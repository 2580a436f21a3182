"""The offer PDF is made once per version of the offer, then served from the cache."""

import os
import time

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
    assert b"".join(second.streaming_content) == b"".join(first.streaming_content)


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


def test_a_cached_request_reads_only_the_content_version(anon_client, renders, django_assert_num_queries):
    ServiceFactory(name="Midwifery")
    first = anon_client.get(reverse("offers:offer_pdf"))

    with django_assert_num_queries(1):
        second = anon_client.get(reverse("offers:offer_pdf"))

    assert b"".join(second.streaming_content) == b"".join(first.streaming_content)
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == 'attachment; filename="start-for-life-offer.pdf"'
    assert int(second["Content-Length"]) > 1000


def test_a_browser_that_has_it_gets_not_modified(anon_client, renders):
    ServiceFactory(name="Midwifery")
    first = anon_client.get(reverse("offers:offer_pdf"))

    again = anon_client.get(reverse("offers:offer_pdf"), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304
    assert first["Last-Modified"]


def test_a_write_elsewhere_in_the_public_content_does_not_make_it_again(anon_client, renders):
    from hubs.models import Hub

    ServiceFactory(name="Midwifery")
    anon_client.get(reverse("offers:offer_pdf"))

    Hub.objects.create(name="Draft hub", slug="draft-hub", publication_state="draft")  # moves the counter
    anon_client.get(reverse("offers:offer_pdf"))

    assert len(renders) == 1


def test_it_is_made_again_when_a_service_reaches_its_visible_from_time(anon_client, renders, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    ServiceFactory(name="Midwifery")
    ServiceFactory(name="Winter clinic", visible_from=timezone.now() + timedelta(hours=2))
    anon_client.get(reverse("offers:offer_pdf"))
    anon_client.get(reverse("offers:offer_pdf"))
    assert len(renders) == 1

    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    anon_client.get(reverse("offers:offer_pdf"))

    assert len(renders) == 2
    assert "Winter clinic" in [s.name for g in renders[1]["groups"] for s in g["services"]]


def test_while_another_worker_makes_the_new_one_the_previous_one_is_sent(anon_client, renders, monkeypatch):
    from django.core.files.storage import default_storage

    from offers import views

    service = ServiceFactory(name="Midwifery")
    before = b"".join(anon_client.get(reverse("offers:offer_pdf")).streaming_content)
    service.name = "Midwives"
    service.save()
    fingerprint, _until = views._offer_fingerprint(_request())
    edition = views.hashlib.sha256(fingerprint.encode()).hexdigest()
    claim = default_storage.path(f"{views.OFFER_PDF_FOLDER}/{edition}.pdf.making")
    open(claim, "w").close()  # another worker's claim

    meanwhile = anon_client.get(reverse("offers:offer_pdf"))

    assert meanwhile.status_code == 200
    assert b"".join(meanwhile.streaming_content) == before
    assert len(renders) == 1

    import os

    os.remove(claim)  # the other worker died without making it: this one does
    anon_client.get(reverse("offers:offer_pdf"))

    assert len(renders) == 2


def _request():
    from django.test import RequestFactory

    return RequestFactory().get("/", HTTP_HOST="testserver")


def test_editions_older_than_a_day_are_deleted_when_a_new_one_is_made(anon_client, renders, settings):
    service = ServiceFactory(name="Midwifery")
    anon_client.get(reverse("offers:offer_pdf"))
    folder = settings.MEDIA_ROOT / "offer-pdf"
    [first] = folder.glob("*.pdf")
    two_days_ago = time.time() - 2 * 24 * 60 * 60
    os.utime(first, (two_days_ago, two_days_ago))
    recent = folder / "another-host-edition.pdf"
    recent.write_bytes(b"%PDF-")

    service.name = "Midwives"
    service.save()
    response = anon_client.get(reverse("offers:offer_pdf"))

    assert response.status_code == 200
    assert not first.exists()  # the old edition, replaced more than a day ago
    assert recent.exists()  # made within the day: another worker may still be sending it
    assert len(list(folder.glob("*.pdf"))) == 2


def test_a_file_deleted_between_finding_and_opening_it_is_not_a_500(anon_client, renders, monkeypatch):
    from django.core.files.storage import FileSystemStorage

    ServiceFactory(name="Midwifery")
    anon_client.get(reverse("offers:offer_pdf"))
    real_open, calls = FileSystemStorage.open, []

    def deleted_once(storage, name, mode="rb"):
        calls.append(name)
        if len(calls) == 1:
            raise FileNotFoundError(name)  # as if another worker deleted it just then
        return real_open(storage, name, mode)

    monkeypatch.setattr(FileSystemStorage, "open", deleted_once)
    response = anon_client.get(reverse("offers:offer_pdf"))

    assert response.status_code == 200 and len(calls) == 2
    assert b"".join(response.streaming_content).startswith(b"%PDF")

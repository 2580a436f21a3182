"""The printed offer: the PDF booklet, the print page, and its QR code."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from hubs.models import Hub
from offers.demo import SERVICES, seed
from startforlife.publishing import PublicationState
from tests.offers.factories import DraftServiceFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    # Words wrap across lines in the PDF: compare on single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_pdf_is_a_valid_pdf_with_every_published_service(anon_client, settings):
    seed(lambda line: None)
    DraftServiceFactory(name="Secret draft service")

    response = anon_client.get(reverse("offers:offer_pdf"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = b"".join(response.streaming_content)
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    for service in SERVICES:
        assert " ".join(service["name"].split()) in text
    assert settings.PORTAL["COUNCIL_NAME"] in text
    assert "Secret draft service" not in text


def test_the_pdf_says_when_the_offer_was_published_and_lists_hub_addresses(anon_client):
    ServiceFactory(name="Midwifery", last_published_at=datetime(2026, 3, 3, 10, tzinfo=UTC))
    ServiceFactory(name="Stay and play", last_published_at=datetime(2026, 1, 1, 10, tzinfo=UTC))
    Hub.objects.create(
        name="Riverside Family Hub",
        slug="riverside",
        address="1 River Lane\nBrackenford",
        postcode="BF2 3CD",
        phone="01632 960 222",
        publication_state=PublicationState.PUBLISHED,
    )

    text = pdf_text(b"".join(anon_client.get(reverse("offers:offer_pdf")).streaming_content))

    assert "Published on 3 March 2026" in text
    assert "Riverside Family Hub" in text
    assert "BF2 3CD" in text
    assert "01632 960 222" in text


def test_the_print_page_has_a_qr_code_to_the_online_offer(anon_client):
    ServiceFactory(name="Midwifery")

    response = anon_client.get(reverse("offers:offer_print"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Midwifery" in html
    assert '<svg width="' in html
    assert "QR code: the online offer" in html
    assert "http://testserver/offer/" in html
    assert reverse("offers:offer_pdf") in html


def test_the_published_on_date_ignores_drafts(anon_client):
    ServiceFactory(last_published_at=datetime(2026, 3, 3, tzinfo=UTC))
    DraftServiceFactory(last_published_at=datetime(2026, 3, 3, tzinfo=UTC) + timedelta(days=30))

    html = anon_client.get(reverse("offers:offer_print")).content.decode()

    assert "Published on 3 March 2026" in html

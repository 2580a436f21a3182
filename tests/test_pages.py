"""The pages every later feature hangs on: home, layout, static pages, errors."""

import re

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_explains_the_offer_in_plain_english(anon_client, settings):
    response = anon_client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Support for your family from pregnancy to age 2" in html
    assert settings.PORTAL["COUNCIL_NAME"] in html
    assert settings.PORTAL["PROGRAMME_NAME"] in html


def test_home_page_has_entry_points_by_stage_search_and_hubs(anon_client):
    html = anon_client.get("/").content.decode()

    for label in ["I&#x27;m pregnant", "My baby is under 8 weeks", "My baby is 2 to 12 months", "My child is 1 to 2"]:
        assert label in html
    assert reverse("offers:stage", kwargs={"stage": "pregnancy"}) in html
    assert 'role="search"' in html
    assert reverse("hubs:directory") in html


def test_programme_and_council_names_come_from_settings(anon_client, settings):
    settings.PORTAL = {
        **settings.PORTAL,
        "PROGRAMME_NAME": "Best Start Family Hubs",
        "COUNCIL_NAME": "Elsewhere Council",
    }

    html = anon_client.get("/").content.decode()

    assert "Best Start Family Hubs" in html
    assert "Elsewhere Council" in html
    assert "Start for Life" not in html


def test_layout_belongs_to_the_council_not_gov_uk(anon_client):
    html = anon_client.get("/").content.decode()

    assert "GOV.UK" not in html
    assert "govuk-header__logotype" not in html  # the crown logo
    assert "Crown copyright" not in html
    assert 'href="#main-content"' in html  # skip link
    assert 'id="main-content"' in html


def test_layout_has_navigation_and_footer_links(anon_client):
    html = anon_client.get("/").content.decode()

    for name in ["offers:offer", "hubs:directory", "panels:about", "accessibility", "privacy", "cookies", "contact"]:
        assert f'href="{reverse(name)}"' in html


def test_current_section_is_marked_in_the_navigation(anon_client):
    html = anon_client.get(reverse("hubs:directory")).content.decode()

    current = re.search(r'<a class="govuk-service-navigation__link" href="([^"]+)" aria-current="true">', html)
    assert current and current.group(1) == reverse("hubs:directory")


@pytest.mark.parametrize("name", ["accessibility", "privacy", "cookies", "contact"])
def test_static_pages_render(anon_client, name):
    response = anon_client.get(reverse(name))

    assert response.status_code == 200
    assert b"<h1" in response.content


def test_missing_page_is_a_styled_404(anon_client, settings):
    response = anon_client.get("/no-such-page/")

    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert settings.PORTAL["COUNCIL_PHONE"].encode() in response.content


def test_unexpected_error_is_a_styled_500_without_a_stack_trace(settings):
    settings.ROOT_URLCONF = "tests.error_urls"

    response = Client(raise_request_exception=False).get("/broken/")

    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"secret internals" not in response.content
    assert b"Traceback" not in response.content


def test_database_failure_is_a_503_with_the_councils_phone_number(settings):
    settings.ROOT_URLCONF = "tests.error_urls"

    response = Client(raise_request_exception=False).get("/database-down/")

    assert response.status_code == 503
    assert response["Retry-After"]
    assert settings.PORTAL["COUNCIL_PHONE"].encode() in response.content
    assert b"db.internal" not in response.content


def test_posting_without_csrf_token_is_refused_with_a_styled_page(db):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("sign_in"), {"username": "a@b.test", "password": "x"})

    assert response.status_code == 403
    assert b"your form could not be sent" in response.content


def test_pages_carry_a_content_security_policy_with_a_nonce(anon_client):
    response = anon_client.get("/")

    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "unsafe-inline" not in policy
    assert f'nonce="{nonce}"' in response.content.decode()
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_accessibility_statement_is_the_one_kept_in_docs(anon_client, settings):
    html = anon_client.get(reverse("accessibility")).content.decode()

    assert "What automated checks cannot find" in html
    assert f"run by {settings.PORTAL['COUNCIL_NAME']}" in html
    assert "{{" not in html


def test_https_responses_carry_hsts_and_a_referrer_policy(anon_client, settings):
    settings.SECURE_HSTS_SECONDS = 63072000
    settings.SECURE_SSL_REDIRECT = False

    response = anon_client.get("/", secure=True)

    assert response["Strict-Transport-Security"].startswith("max-age=63072000")
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_home_page_finds_the_nearest_hub_by_postcode(anon_client):
    html = anon_client.get("/").content.decode()

    assert f'action="{reverse("hubs:nearest")}"' in html
    assert 'name="postcode"' in html

"""Nearest hubs by postcode or by the browser's location."""

from decimal import Decimal

import pytest
from django.urls import reverse

from hubs.models import Postcode
from hubs.postcodes import miles_between, normalise_postcode
from tests.hubs.factories import HubFactory

pytestmark = pytest.mark.django_db

FIND_COUNCIL = "https://www.gov.uk/find-local-council"


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("sw1a1aa", "SW1A 1AA"),
        ("  SW1A   1AA ", "SW1A 1AA"),
        ("bf1 1ab", "BF1 1AB"),
        ("M11AE", "M1 1AE"),
        ("b338th", "B33 8TH"),
        ("cr2 6xh", "CR2 6XH"),
        ("dn551pt", "DN55 1PT"),
    ],
)
def test_postcodes_are_normalised(typed, normalised):
    assert normalise_postcode(typed) == normalised


@pytest.mark.parametrize(
    "typed", ["", "   ", "SW1A", "1AA SW1A", "SW1A 1A", "BF1 1AAA", "ＳＷ１Ａ１ＡＡ", "<b>BF1</b>", "👶"]
)
def test_things_that_are_not_postcodes_are_refused(typed):
    assert normalise_postcode(typed) is None


def test_distances_are_in_miles():
    # London (Charing Cross) to Birmingham (New Street) is about 101 miles in a straight line.
    assert miles_between(51.5074, -0.1278, 52.4778, -1.8990) == pytest.approx(101.3, abs=1)


def place_hubs():
    Postcode.objects.create(postcode="BF1 1AA", latitude=52.60, longitude=-1.90, local_authority="E06099001")
    far = HubFactory(name="Far Hub", latitude=Decimal("52.70"), longitude=Decimal("-1.90"))
    near = HubFactory(name="Near Hub", latitude=Decimal("52.61"), longitude=Decimal("-1.90"))
    middle = HubFactory(name="Middle Hub", latitude=Decimal("52.65"), longitude=Decimal("-1.90"))
    return near, middle, far


def test_hubs_are_listed_nearest_first_with_miles_to_one_decimal(anon_client):
    place_hubs()

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "bf11aa"}).content.decode()

    assert "Family hubs near BF1 1AA" in html
    assert html.index("Near Hub") < html.index("Middle Hub") < html.index("Far Hub")
    assert "0.7 miles" in html and "3.5 miles" in html and "6.9 miles" in html


def test_draft_virtual_and_unplaced_hubs_are_not_in_the_distance_list(anon_client):
    place_hubs()
    HubFactory(name="Draft Hub", publication_state="draft")
    HubFactory(name="Online Hub", kind="virtual", latitude=None, longitude=None)
    HubFactory(name="Nowhere Hub", latitude=None, longitude=None)

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "BF1 1AA"}).content.decode()

    assert "Draft Hub" not in html
    assert "Nowhere Hub" not in html
    assert "Online Hub" in html.split('<h2 class="govuk-heading-m">Online</h2>')[1]


def test_the_browsers_location_finds_hubs_too(anon_client):
    place_hubs()

    html = anon_client.get(reverse("hubs:nearest"), {"lat": "52.70", "lng": "-1.90"}).content.decode()

    assert "Family hubs near you" in html
    assert html.index("Far Hub") < html.index("Middle Hub") < html.index("Near Hub")


def test_a_location_outside_the_uk_is_ignored(anon_client):
    place_hubs()

    html = anon_client.get(reverse("hubs:nearest"), {"lat": "48.85", "lng": "2.35"}).content.decode()

    assert "Near Hub" not in html
    assert "Find your nearest family hub" in html


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Enter your postcode"),
        ("not a postcode", "Enter a real postcode"),
        ("<script>alert('x')</script>", "Enter a real postcode"),
        ("👶👶👶", "Enter a real postcode"),
        ("Привет", "Enter a real postcode"),
        ("B" * 500, "Enter a real postcode"),
        ("BF1\x001AA", "Enter a real postcode"),
    ],
)
def test_a_bad_postcode_gets_a_gov_uk_error(anon_client, typed, error):
    response = anon_client.get(reverse("hubs:nearest"), {"postcode": typed})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    assert error in html
    assert "<script>alert" not in html


def test_an_unknown_postcode_says_so_and_links_to_find_your_council(anon_client):
    place_hubs()

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "sw1a 1aa"}).content.decode()

    assert "We could not find SW1A 1AA" in html
    assert FIND_COUNCIL in html
    assert "Near Hub" not in html
    assert "<title>Error" not in html


def test_a_postcode_in_another_council_says_so_and_still_shows_the_nearest_hubs(anon_client, settings):
    settings.HUBS_LOCAL_AUTHORITY_CODES = ["E06099001"]
    place_hubs()
    Postcode.objects.create(postcode="BF9 1AA", latitude=52.72, longitude=-1.90, local_authority="E06099002")

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "BF91AA"}).content.decode()

    assert "BF9 1AA is not in" in html
    assert FIND_COUNCIL in html
    assert "Far Hub" in html


def test_a_postcode_in_the_area_has_no_out_of_area_message(anon_client, settings):
    settings.HUBS_LOCAL_AUTHORITY_CODES = ["E06099001"]
    place_hubs()

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "BF1 1AA"}).content.decode()

    assert "is not in" not in html
    assert FIND_COUNCIL not in html


def test_a_known_postcode_with_no_hubs_to_show_says_so(anon_client):
    Postcode.objects.create(postcode="BF1 1AA", latitude=52.60, longitude=-1.90)

    html = anon_client.get(reverse("hubs:nearest"), {"postcode": "BF1 1AA"}).content.decode()

    assert "There are no family hubs to show yet" in html

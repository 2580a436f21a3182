import uuid

import pytest

from hubs.models import Hub, Postcode
from offers.models import Category, Service, ServiceStatus
from offers.oruk import serialize
from startforlife.publishing import PublicationState
from tests.oruk.conftest import assert_page, assert_valid

API = "/api/oruk/"


def get(client, path, **params):
    return client.get(API + path, params)


def test_the_index_names_the_version_profile_and_openapi_document(anon_client, db):
    data = get(anon_client, "").json()
    assert data["version"] == "3.0"
    assert data["profile"].startswith("https://")
    assert data["openapi_url"] == "http://testserver/api/oruk/openapi.json"
    document = anon_client.get("/api/oruk/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/services" in document["paths"]
    assert document["servers"] == [{"url": "http://testserver/api/oruk"}]


def test_services_list_is_a_valid_page_of_published_services(anon_client, demo, django_assert_max_num_queries):
    # Two for the answer, one for the content version; then the answer is kept (ADR 0060).
    with django_assert_max_num_queries(3):
        response = get(anon_client, "services", per_page=200)
    assert response.status_code == 200
    with django_assert_max_num_queries(1):
        assert get(anon_client, "services", per_page=200).content == response.content
    data = response.json()
    assert_page(data, "service_list")
    names = {s["name"] for s in data["contents"]}
    assert names == set(Service.objects.for_parents().values_list("name", flat=True))
    assert data["total_items"] == len(names) > 10


def test_it_hides_drafts_archived_and_closed_services(anon_client, demo):
    live = list(Service.objects.for_parents().order_by("name")[:3])
    Service.objects.filter(pk=live[0].pk).update(publication_state=PublicationState.DRAFT)
    Service.objects.filter(pk=live[1].pk).update(publication_state=PublicationState.ARCHIVED)
    Service.objects.filter(pk=live[2].pk).update(status=ServiceStatus.CLOSED)
    ids = {s["id"] for s in get(anon_client, "services", per_page=200).json()["contents"]}
    assert not ids & {str(s.uuid) for s in live}
    for service in live:
        assert get(anon_client, f"services/{service.uuid}").status_code == 404


def test_every_service_in_full_is_valid_with_stable_ids(anon_client, demo, django_assert_max_num_queries):
    for service in Service.objects.for_parents():
        with django_assert_max_num_queries(4):
            data = get(anon_client, f"services/{service.uuid}").json()
        assert_valid(data, "service")
        assert data["id"] == str(service.uuid)
        assert data["organization"]["name"] == "Brackenford Borough Council"
        assert data["attributes"][0]["taxonomy_term_id"] == serialize.term_id(service.category)
        assert data == get(anon_client, f"services/{service.uuid}").json()
    with_hubs = Service.objects.for_parents().filter(hubs__isnull=False).first()
    data = get(anon_client, f"services/{with_hubs.uuid}").json()
    assert data["service_at_locations"]
    assert any(s.get("byday") for s in data["schedules"])
    if with_hubs.last_reviewed:
        assert data["assured_date"] == with_hubs.last_reviewed.isoformat()


def test_service_at_locations_and_other_lists_are_valid(anon_client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        data = get(anon_client, "service_at_locations", per_page=200).json()
    assert_page(data, "service_at_location_list")
    assert data["total_items"] > 0
    first = data["contents"][0]
    assert_valid(get(anon_client, f"service_at_locations/{first['id']}").json(), "service_at_location")
    organizations = get(anon_client, "organizations").json()
    assert_page(organizations, "organization_list")
    council = get(anon_client, f"organizations/{organizations['contents'][0]['id']}").json()
    assert_valid(council, "organization")
    assert len(council["services"]) == Service.objects.for_parents().count()
    taxonomies = get(anon_client, "taxonomies").json()
    assert taxonomies["total_items"] == 1
    assert get(anon_client, f"taxonomies/{serialize.TAXONOMY_ID}").json()["name"]
    terms = get(anon_client, "taxonomy_terms", per_page=100).json()
    assert_page(terms, "taxonomy_term")
    assert terms["total_items"] == len(Category.values)
    term = get(anon_client, f"taxonomy_terms/{terms['contents'][0]['id']}").json()
    assert term["taxonomy_id"] == serialize.TAXONOMY_ID
    assert_valid(term, "taxonomy_term")


def test_pagination_maths(anon_client, demo):
    total = Service.objects.for_parents().count()
    first = get(anon_client, "services", per_page=4).json()
    assert (first["total_items"], first["total_pages"], first["size"]) == (total, -(-total // 4), 4)
    assert first["first_page"] and not first["last_page"] and not first["empty"]
    last = get(anon_client, "services", per_page=4, page=first["total_pages"]).json()
    assert last["last_page"] and not last["first_page"]
    assert last["size"] == total - 4 * (first["total_pages"] - 1)
    beyond = get(anon_client, "services", per_page=4, page=first["total_pages"] + 1).json()
    assert beyond["empty"] and beyond["contents"] == []
    every = []
    for page in range(1, first["total_pages"] + 1):
        every += [s["id"] for s in get(anon_client, "services", per_page=4, page=page).json()["contents"]]
    assert len(every) == len(set(every)) == total


def _ids(client, **params):
    return {s["id"] for s in get(client, "services", per_page=200, **params).json()["contents"]}


def test_each_filter_narrows_the_list_and_they_combine(anon_client, demo):
    everything = _ids(anon_client)
    midwifery = Service.objects.get(slug="midwifery")
    assert str(midwifery.uuid) in _ids(anon_client, search="midwife")
    assert _ids(anon_client, search="zzzz nothing like it") == set()
    term = serialize.term_id(midwifery.category)
    by_term = _ids(anon_client, taxonomy_term_id=term)
    assert str(midwifery.uuid) in by_term and by_term < everything
    assert _ids(anon_client, taxonomy_id=serialize.TAXONOMY_ID) == everything
    assert _ids(anon_client, taxonomy_id=str(uuid.uuid4())) == set()
    from_birth = _ids(anon_client, minimum_age=0)
    assert str(midwifery.uuid) not in from_birth  # starts in pregnancy
    assert _ids(anon_client, maximum_age=1) < everything
    mondays = _ids(anon_client, day="MO")
    assert mondays and mondays <= everything
    assert _ids(anon_client, day="Sunday") <= mondays | everything
    mornings = _ids(anon_client, day="MO", start_time="08:00", end_time="13:00")
    assert mornings <= mondays
    assert _ids(anon_client, day="MO", start_time="23:00") == set()
    assert _ids(anon_client, search="midwife", taxonomy_term_id=term, day="MO") <= by_term


def test_service_at_locations_near_a_postcode(anon_client, demo):
    hub = Hub.objects.published().filter(latitude__isnull=False, services__isnull=False).first()
    Postcode.objects.update_or_create(
        postcode="BF1 1AA", defaults={"latitude": float(hub.latitude), "longitude": float(hub.longitude)}
    )
    near = get(anon_client, "service_at_locations", postcode="bf11aa", proximity=100, per_page=200).json()
    assert near["total_items"] > 0
    assert {sal["location_id"] for sal in near["contents"]} == {str(hub.uuid)}
    everywhere = get(anon_client, "service_at_locations", postcode="BF1 1AA", per_page=200).json()
    assert everywhere["contents"][0]["location_id"] == str(hub.uuid)
    assert everywhere["total_items"] >= near["total_items"]


@pytest.mark.parametrize(
    "path, params",
    [
        ("services", {"page": "0"}),
        ("services", {"page": "two"}),
        ("services", {"per_page": "100000"}),
        ("services", {"per_page": "-1"}),
        ("services", {"minimum_age": "old"}),
        ("services", {"maximum_age": "nan"}),
        ("services", {"day": "Caturday"}),
        ("services", {"start_time": "25:99"}),
        ("services", {"end_time": "<script>"}),
        ("services", {"taxonomy_term_id": "not-a-uuid"}),
        ("services", {"taxonomy_id": "😀"}),
        ("services", {"search": "x" * 201}),
        ("service_at_locations", {"postcode": "NOT A POSTCODE"}),
        ("service_at_locations", {"postcode": "ZZ9 9ZZ"}),
        ("service_at_locations", {"proximity": "1000"}),
        ("taxonomy_terms", {"taxonomy_id": "ثلاثة"}),
    ],
)
def test_bad_parameters_get_a_json_400(anon_client, db, path, params):
    response = get(anon_client, path, **params)
    assert response.status_code == 400
    assert response.json()["message"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path", ["", "services", "services/nope", f"services/{uuid.uuid4()}", "taxonomies/x", "nowhere", "openapi.json"]
)
def test_every_response_allows_any_origin(anon_client, db, path):
    response = get(anon_client, path)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"


def test_it_is_read_only(anon_client, db):
    response = anon_client.post(API + "services", {})
    assert response.status_code == 405
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = anon_client.options(API + "services")
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "*"


def test_one_client_is_throttled_with_a_json_429(anon_client, db, settings):
    settings.ORUK_API_RATE = 3
    statuses = [get(anon_client, "taxonomies").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = get(anon_client, "taxonomies")
    assert response.json()["status"] == 429
    assert response["Access-Control-Allow-Origin"] == "*"
    other = anon_client.get(API + "taxonomies", REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 200


def test_a_published_change_reaches_the_kept_answers_at_once(anon_client, demo):
    service = Service.objects.for_parents().first()
    before = get(anon_client, f"services/{service.uuid}").json()
    listed = get(anon_client, "services", per_page=200).json()

    Service.objects.filter(pk=service.pk).update(name="Renamed for the test")

    assert get(anon_client, f"services/{service.uuid}").json()["name"] == "Renamed for the test" != before["name"]
    names = [item["name"] for item in get(anon_client, "services", per_page=200).json()["contents"]]
    assert "Renamed for the test" in names and len(names) == len(listed["contents"])


def test_errors_are_not_kept(anon_client, demo):
    assert get(anon_client, "services", page="nope").status_code == 400
    assert get(anon_client, "services", page="nope").status_code == 400
    assert get(anon_client, "services", page="1").status_code == 200

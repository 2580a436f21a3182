import json
from pathlib import Path
from unittest import mock

import pytest
import requests
from django.core.management import CommandError, call_command

from hubs.models import Hub
from offers.models import Organization, Service
from startforlife import workflow
from startforlife.models import ChangeRequest
from startforlife.publishing import PublicationState

EXAMPLES = Path("/work/shared/oruk/examples")
REPO_EXAMPLES = sorted(EXAMPLES.glob("*.json")) if EXAMPLES.exists() else []


def export(client) -> list[dict]:
    """Every service in full, as another directory would read it, without the time of the
    last change (which is the time of the change in *this* directory)."""
    listed = client.get("/api/oruk/services", {"per_page": 200}).json()["contents"]
    services = [client.get(f"/api/oruk/services/{s['id']}").json() for s in listed]
    for service in services:
        service.pop("last_modified")
    return services


def export_everything(client) -> dict:
    """Every list endpoint too, page by page."""
    everything = {"services": export(client)}
    for path in ("service_at_locations", "organizations", "taxonomies", "taxonomy_terms"):
        everything[path] = client.get(f"/api/oruk/{path}", {"per_page": 200}).json()
    for sal in everything["service_at_locations"]["contents"]:
        sal["service"].pop("last_modified")
    return everything


def write(tmp_path, data, name="feed.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return str(path)


def publish_everything(by):
    for model in (Hub, Service):
        for item in model.objects.filter(publication_state=PublicationState.DRAFT):
            workflow.publish(item=item, by=by)


def empty_the_offer():
    Service.objects.all().delete()
    Hub.objects.all().delete()
    Organization.objects.all().delete()


def test_the_demo_offer_survives_a_round_trip_ids_included(anon_client, demo, publisher, tmp_path):
    first = export_everything(anon_client)
    assert first["service_at_locations"]["total_items"] > 0
    empty_the_offer()
    assert export(anon_client) == []
    call_command("import_oruk", write(tmp_path, first["services"]), verbosity=0)
    assert export(anon_client) == []  # drafts until a publisher publishes them
    publish_everything(publisher)
    assert export_everything(anon_client) == first


def test_imported_services_are_drafts_marked_with_their_source(db, tmp_path):
    service = json.loads((EXAMPLES / "service_full.json").read_text())
    source = write(tmp_path, service)
    call_command("import_oruk", source, verbosity=0)
    imported = Service.objects.get(uuid=service["id"])
    assert imported.publication_state == PublicationState.DRAFT
    assert imported.oruk_source == source
    assert imported.organization.uuid.hex == service["organization"]["id"].replace("-", "")
    assert Hub.objects.filter(oruk_source=source).exists()
    assert not Service.objects.for_parents().exists()


def test_a_change_to_a_live_service_waits_for_a_publisher(anon_client, demo, tmp_path):
    feed = export(anon_client)
    waiting_before = ChangeRequest.objects.pending().count()  # the demo has one of its own
    live = Service.objects.get(uuid=feed[0]["id"])
    feed[0]["name"] = "A new name from the feed"
    call_command("import_oruk", write(tmp_path, feed), verbosity=0)
    live.refresh_from_db()
    assert live.name != "A new name from the feed"
    change = ChangeRequest.objects.pending().for_item(live).get()
    assert change.data == {"name": "A new name from the feed"}
    assert ChangeRequest.objects.pending().count() == waiting_before + 1


def test_it_is_idempotent(db, tmp_path, capsys):
    source = str(EXAMPLES / "service_list.json")
    call_command("import_oruk", source, verbosity=0)
    counts = Service.objects.count(), Hub.objects.count(), Organization.objects.count(), ChangeRequest.objects.count()
    call_command("import_oruk", source)
    assert "Created 0 drafts (services and locations), proposed 0 changes" in capsys.readouterr().out.splitlines()[-1]
    assert (
        Service.objects.count(),
        Hub.objects.count(),
        Organization.objects.count(),
        ChangeRequest.objects.count(),
    ) == counts


def test_a_dry_run_saves_nothing(db, capsys):
    call_command("import_oruk", str(EXAMPLES / "service_full.json"), "--dry-run")
    assert "Would have created" in capsys.readouterr().out
    assert not Service.objects.exists() and not Hub.objects.exists()


def test_every_invalid_record_is_reported_with_the_reason(db, tmp_path, capsys):
    good = json.loads((EXAMPLES / "service_full.json").read_text())
    feed = [good, {"id": "not-a-uuid", "name": "Broken", "status": "active"}, {"name": "No id", "status": "nope"}, 7]
    call_command("import_oruk", write(tmp_path, feed), verbosity=1)
    err = capsys.readouterr().err
    assert "Record 2 (not-a-uuid): id: 'not-a-uuid' is not a 'uuid'" in err
    assert "Record 3 (no id):" in err and "'id' is a required property" in err and "'nope' is not one of" in err
    assert "Record 4 (no id): it is not a JSON object" in err
    assert Service.objects.count() == 1


def test_a_file_that_is_not_json_changes_nothing(db, tmp_path):
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_oruk", str(tmp_path / "missing.json"), verbosity=0)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_oruk", str(bad), verbosity=0)
    assert not Service.objects.exists()


class FakeResponse:
    def __init__(self, data):
        self.data = data

    def raise_for_status(self):
        pass

    def json(self):
        return self.data


def test_it_walks_the_pages_of_an_api(db, anon_client, demo, publisher):
    """Reads this portal's own API through a fake session, then again from an empty database."""
    first = export(anon_client)

    # The other directory's API as it answers now, in pages of 5, before this one is emptied.
    responses = {}
    for page in range(1, -(-len(first) // 5) + 1):
        responses[("/services", page)] = anon_client.get("/api/oruk/services", {"page": page, "per_page": 5}).json()
    for service in first:
        responses[(f"/services/{service['id']}", None)] = anon_client.get(f"/api/oruk/services/{service['id']}").json()
    pages = []

    def fake_get(self, url, params=None, **kwargs):
        path = url.split("/api/oruk", 1)[1]
        if params:
            pages.append(params["page"])
        return FakeResponse(responses[(path, (params or {}).get("page"))])

    empty_the_offer()
    with mock.patch.object(requests.Session, "get", fake_get):
        call_command("import_oruk", "https://elsewhere.example/api/oruk/", verbosity=0)
    assert pages == list(range(1, -(-len(first) // 5) + 1))
    publish_everything(publisher)
    assert export(anon_client) == first


def test_a_network_failure_changes_nothing(db, anon_client, demo):
    before = Service.objects.count(), Hub.objects.count(), ChangeRequest.objects.count()
    calls = []

    def failing_get(self, url, params=None, **kwargs):
        calls.append(url)
        if len(calls) > 1:
            raise requests.ConnectionError("connection reset")
        page = anon_client.get("/api/oruk/services", {"per_page": 200}).json()
        return FakeResponse(page)

    with mock.patch.object(requests.Session, "get", failing_get), pytest.raises(CommandError, match="connection reset"):
        call_command("import_oruk", "https://elsewhere.example/api/oruk", verbosity=0)
    assert (Service.objects.count(), Hub.objects.count(), ChangeRequest.objects.count()) == before


@pytest.mark.parametrize("example", REPO_EXAMPLES, ids=lambda p: p.name)
def test_the_profile_examples_import_without_errors(db, example, capsys):
    call_command("import_oruk", str(example))
    captured = capsys.readouterr()
    assert "Invalid" not in captured.err and "Skipped" not in captured.err
    assert " 0 invalid, 0 skipped." in captured.out


def test_odd_but_valid_records_are_stored_safely(db, tmp_path):
    record = {
        "id": "5b3c0a8e-3a55-4d2c-9a57-0d1c2a6e9f10",
        "name": "<script>alert(1)</script> Café 👶 مجموعة الأمهات " + "x" * 300,
        "status": "active",
        "minimum_age": -0.75,
        "phones": "not a list",
        "languages": [
            {"id": "3f1e2d3c-4b5a-4968-8776-655443322110", "name": ["Polish"]},
            {"id": "4f1e2d3c-4b5a-4968-8776-655443322110", "name": "Polski"},
        ],
        "service_at_locations": [
            {
                "id": "1f1e2d3c-4b5a-4968-8776-655443322110",
                "location": {"id": "2f1e2d3c-4b5a-4968-8776-655443322110", "location_type": "virtual"},
            }
        ],
    }
    call_command("import_oruk", write(tmp_path, [record]), verbosity=0)
    service = Service.objects.get(uuid=record["id"])
    assert service.name.startswith("<script>") and len(service.name) == 200
    assert service.min_age_months == -9
    assert service.languages == ["Polski"]
    assert service.hubs.get().name == "Unnamed location"

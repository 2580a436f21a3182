import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hubs.models import Hub
from offers.models import Service
from startforlife.models import ChangeRequest, ChangeRequestSource
from tests.staff.factories import HubFactory, ServiceFactory

pytestmark = pytest.mark.django_db
IMPORT_URL = "offers_staff:service_import"


def _csv(rows: list[dict]) -> SimpleUploadedFile:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile("services.csv", out.getvalue().encode(), content_type="text/csv")


def test_the_export_has_every_service_with_its_hubs_by_slug(leader_client):
    hub = HubFactory(slug="northgate-family-hub")
    ServiceFactory(slug="midwifery", name="Midwifery", hubs=[hub])
    ServiceFactory(slug="sneaky", name='=HYPERLINK("http://evil.example")')
    response = leader_client.get(reverse("offers_staff:service_export"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows["midwifery"]["hubs"] == "northgate-family-hub"
    assert rows["midwifery"]["publication_state"] == "published"
    assert rows["sneaky"]["name"].startswith("'=")  # never a formula in a spreadsheet


def test_an_exported_file_imports_back_as_no_change(editor_client, leader_client):
    ServiceFactory(hubs=[HubFactory()])
    exported = leader_client.get(reverse("offers_staff:service_export")).content
    response = editor_client.post(
        reverse(IMPORT_URL), {"file": SimpleUploadedFile("s.csv", exported, content_type="text/csv")}
    )
    assert "No change" in response.content.decode()


def test_a_file_with_bad_rows_lists_every_problem_and_saves_nothing(editor_client):
    ServiceFactory(slug="midwifery")
    upload = _csv(
        [
            {"slug": "midwifery", "name": "Midwifery", "summary": "Fine.", "tier": "universal", "hubs": ""},
            {"slug": "new-one", "name": "", "summary": "x" * 301, "tier": "gold", "hubs": "no-such-hub"},
            {"slug": "midwifery", "name": "Again", "summary": "Twice.", "tier": "universal", "hubs": ""},
            {"slug": "Not A Slug", "name": "Bad slug", "summary": "Fine.", "tier": "universal", "hubs": ""},
        ]
    )
    response = editor_client.post(reverse(IMPORT_URL), {"file": upload})
    page = response.content.decode()
    assert "<title>Error: " in page
    for row, column, message in [
        (3, "name", "Enter name"),
        (3, "summary", "Summary must be 300 characters or fewer"),
        (3, "tier", "Select tier from the list"),
        (3, "hubs", "There is no hub &#x27;no-such-hub&#x27;"),
        (4, "slug", "Use each slug once"),
        (5, "slug", "Slug must only include lowercase letters, numbers and hyphens"),
    ]:
        assert f'<td class="govuk-table__cell">{row}</td><td class="govuk-table__cell">{column}</td>' in page
        assert message in page
    assert "Import 1 row" not in page

    # Even posting the file straight to the confirm step saves nothing.
    editor_client.post(reverse(IMPORT_URL), {"file": upload, "confirm": "1"})
    assert Service.objects.count() == 1
    assert not ChangeRequest.objects.exists()


def test_a_valid_file_is_previewed_then_saved_as_drafts_and_pending_changes(editor_client, editor, anon_client):
    hub = HubFactory(slug="riverside-family-hub")
    existing = ServiceFactory(slug="midwifery", name="Midwifery", summary="Old summary.")
    upload = _csv(
        [
            {"slug": "midwifery", "name": "Midwifery", "summary": "New summary.", "tier": "universal", "hubs": ""},
            {
                "slug": "toy-library",
                "name": "Toy library",
                "summary": "Borrow toys.",
                "tier": "universal_plus",
                "hubs": "riverside-family-hub",
            },
        ]
    )
    preview = editor_client.post(reverse(IMPORT_URL), {"file": upload})
    page = preview.content.decode()
    assert "Import 2 rows" in page and "New draft" in page
    assert not ChangeRequest.objects.exists() and not Service.objects.filter(slug="toy-library").exists()

    content = preview.context["form"]["content"].value()
    response = editor_client.post(reverse(IMPORT_URL), {"content": content, "confirm": "1"})
    assert response.status_code == 302

    change = ChangeRequest.objects.get()
    assert change.source == ChangeRequestSource.IMPORT and change.proposed_by == editor
    assert change.data["summary"] == "New summary."
    existing.refresh_from_db()
    assert existing.summary == "Old summary."  # parents still see the approved version
    draft = Service.objects.get(slug="toy-library")
    assert draft.publication_state == "draft" and list(draft.hubs.all()) == [hub]


def test_unknown_columns_and_a_missing_slug_column_are_problems(editor_client):
    response = editor_client.post(reverse(IMPORT_URL), {"file": _csv([{"name": "X", "colour": "red"}])})
    assert "Add a column called slug" in response.content.decode()
    response = editor_client.post(reverse(IMPORT_URL), {"file": _csv([{"slug": "x", "colour": "red"}])})
    assert "Remove the column &#x27;colour&#x27;" in response.content.decode()


def test_a_file_that_is_not_utf8_is_refused_clearly(editor_client):
    upload = SimpleUploadedFile("s.csv", "slug,name\nx,Caf\xe9\n".encode("latin-1"), content_type="text/csv")
    response = editor_client.post(reverse(IMPORT_URL), {"file": upload})
    assert "The selected file must be a CSV saved as UTF-8" in response.content.decode()


def test_hubs_import_too(editor_client):
    upload = _csv([{"slug": "new-hub", "name": "New hub", "kind": "satellite", "postcode": "BF2 2BB"}])
    preview = editor_client.post(reverse("hubs_staff:hub_import"), {"file": upload})
    content = preview.context["form"]["content"].value()
    editor_client.post(reverse("hubs_staff:hub_import"), {"content": content, "confirm": "1"})
    assert Hub.objects.get(slug="new-hub").publication_state == "draft"


def test_an_import_confirmed_after_someone_else_proposed_a_change_saves_nothing(editor_client):
    service = ServiceFactory(slug="midwifery", name="Midwifery", summary="Old.")
    upload = _csv(
        [
            {"slug": "midwifery", "name": "Midwifery", "summary": "From the file."},
            {"slug": "brand-new", "name": "New", "summary": "New."},
        ]
    )
    preview = editor_client.post(reverse(IMPORT_URL), {"file": upload})
    content = preview.context["form"]["content"].value()
    ChangeRequest.objects.create(
        content_type=ContentType.objects.get_for_model(Service), object_id=service.pk, data={"summary": "Theirs."}
    )
    response = editor_client.post(reverse(IMPORT_URL), {"content": content, "confirm": "1"})
    assert "has a change waiting for approval" in response.content.decode()
    assert not Service.objects.filter(slug="brand-new").exists()
    assert ChangeRequest.objects.count() == 1

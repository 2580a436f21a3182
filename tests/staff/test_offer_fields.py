"""The workspace handles every real field of services and hubs, and the dashboard's checks."""

import io
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from hubs.models import HubKind, OpeningPeriod
from offers.models import Category, SearchLog, ServiceStatus
from startforlife import demo
from startforlife.models import ChangeRequest
from tests.staff.factories import HubFactory, ServiceFactory
from tests.staff.helpers import edit_url, form_data

pytestmark = pytest.mark.django_db


def _photo(name="hub.png") -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_lists_of_choices_are_checkboxes_that_go_through_approval(editor_client, publisher_client):
    service = ServiceFactory(stages=["pregnancy"])
    page = editor_client.get(edit_url(service)).content.decode()
    assert re.search(
        r'type="checkbox"\s+name="stages"\s+class="govuk-checkboxes__input"\s+id="id_stages_\d"\s+value="newborn"', page
    )
    assert '<h2 class="govuk-heading-m">Who it is for</h2>' in page
    assert page.count("csrfmiddlewaretoken") == 1

    editor_client.post(edit_url(service), form_data(service, stages=["pregnancy", "newborn"]))
    change = ChangeRequest.objects.get()
    diff = publisher_client.get(reverse("offers_staff:change_detail", args=[change.pk])).content.decode()
    assert "Pregnancy, Newborn (birth to 8 weeks)" in diff
    publisher_client.post(reverse("offers_staff:change_approve", args=[change.pk]))
    service.refresh_from_db()
    assert service.stages == ["pregnancy", "newborn"]


def test_a_temporary_closure_needs_its_message(editor_client):
    service = ServiceFactory()
    response = editor_client.post(
        edit_url(service), form_data(service, status=ServiceStatus.TEMPORARILY_CLOSED, status_message="")
    )
    assert "Enter why it is closed and when it will be back" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_a_new_photo_waits_for_approval_under_its_own_name(editor_client, publisher_client, settings):
    hub = HubFactory()
    from hubs.staff_forms import HubForm

    data = form_data(hub, HubForm, photo=_photo(), photo_alt_text="The hub's front door")
    assert editor_client.post(edit_url(hub), data).status_code == 302
    hub.refresh_from_db()
    assert not hub.photo  # parents see no new photo yet
    change = ChangeRequest.objects.get()
    stored = change.data["photo"]
    assert stored.startswith("hubs/") and stored.endswith(".png") and "hub.png" not in stored
    assert (settings.MEDIA_ROOT / stored).exists()

    publisher_client.post(reverse("hubs_staff:change_approve", args=[change.pk]))
    hub.refresh_from_db()
    assert hub.photo.name == stored


def _propose_photo(editor_client, hub):
    from hubs.staff_forms import HubForm

    hub.refresh_from_db()
    data = form_data(hub, HubForm, photo=_photo(), photo_alt_text="The hub's front door")
    assert editor_client.post(edit_url(hub), data).status_code == 302
    return ChangeRequest.objects.filter(status="pending").get()


def test_a_photo_sent_back_is_deleted_and_the_live_one_kept(
    editor_client, publisher_client, settings, django_capture_on_commit_callbacks
):
    hub = HubFactory(publication_state="published")
    first = _propose_photo(editor_client, hub)
    publisher_client.post(reverse("hubs_staff:change_approve", args=[first.pk]))
    live = first.data["photo"]
    second = _propose_photo(editor_client, hub)

    with django_capture_on_commit_callbacks(execute=True):
        publisher_client.post(
            reverse("hubs_staff:change_reject", args=[second.pk]), {"comment": "Please use a photo of the door"}
        )

    assert not (settings.MEDIA_ROOT / second.data["photo"]).exists()
    assert (settings.MEDIA_ROOT / live).exists()


def test_a_photo_replaced_by_a_later_edit_is_deleted_but_one_carried_over_is_kept(
    editor_client, settings, django_capture_on_commit_callbacks
):
    from hubs.staff_forms import HubForm

    hub = HubFactory(publication_state="published")
    first = _propose_photo(editor_client, hub)
    with django_capture_on_commit_callbacks(execute=True):
        second = _propose_photo(editor_client, hub)  # a new photo: the first is no longer wanted
    assert not (settings.MEDIA_ROOT / first.data["photo"]).exists()

    hub.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(edit_url(hub), form_data(hub, HubForm, summary="New words"))  # no new photo
    third = ChangeRequest.objects.filter(status="pending").get()
    assert third.data["photo"] == second.data["photo"]
    assert (settings.MEDIA_ROOT / second.data["photo"]).exists()


def test_a_file_that_is_not_a_photo_is_refused(editor_client):
    hub = HubFactory()
    from hubs.staff_forms import HubForm

    bad = SimpleUploadedFile("hub.png", b"<script>alert(1)</script>", content_type="image/png")
    page = editor_client.post(edit_url(hub), form_data(hub, HubForm, photo=bad)).content.decode()
    assert "The selected file must be a JPG, PNG or WEBP photo" in page
    assert "govuk-file-upload--error" in page
    assert not ChangeRequest.objects.exists()


def test_number_inputs_get_govuk_classes_and_an_error_border(editor_client):
    service = ServiceFactory()
    page = editor_client.post(edit_url(service), form_data(service, min_age_months="soon")).content.decode()
    assert "Enter youngest age" in page or "as a number" in page
    assert 'class="govuk-input govuk-input--width-5 govuk-input--error"' in page


def test_failed_searches_show_the_most_frequent_with_counts(publisher_client):
    for query in ["Twins", "twins", "sling library", "twins"]:
        SearchLog.objects.create(query=query)
    old = SearchLog.objects.create(query="long ago")
    SearchLog.objects.filter(pk=old.pk).update(searched_on=timezone.localdate() - timedelta(days=200))
    page = publisher_client.get(reverse("manage_dashboard")).content.decode()
    assert (
        '<td class="govuk-table__cell">twins</td><td class="govuk-table__cell govuk-table__cell--numeric">3</td>'
        in (page)
    )
    assert "sling library" in page
    assert "long ago" not in page


def test_the_coverage_check_flags_each_gap(publisher_client):
    ServiceFactory(category=Category.MIDWIFERY, publication_state="draft", stages=["pregnancy"])
    ServiceFactory(name="Quiet service", stages=[], access_routes=[], delivery_ways=[], phone="")
    complete = ServiceFactory(
        name="Complete service", stages=["baby"], access_routes=["drop_in"], delivery_ways=["home"], phone="01632"
    )
    hub = HubFactory(name="Hub without hours")
    HubFactory(name="Online hub", kind=HubKind.VIRTUAL)
    open_hub = HubFactory(name="Hub with hours")
    OpeningPeriod.objects.create(hub=open_hub, weekday=0, opens="09:00", closes="17:00")

    page = publisher_client.get(reverse("manage_dashboard")).content.decode()
    assert "Midwife and maternity: a universal service that is not live" in page
    assert "Safeguarding: a universal service missing from the offer" in page
    assert "Quiet service needs a way to access it, a contact, a stage and a hub or a way it is delivered" in page
    assert complete.name not in page.split('id="coverage"')[1].split('id="failed-searches"')[0]
    assert f"{hub.name} has no opening hours" in page
    assert "Online hub has no opening hours" not in page
    assert "Hub with hours has no opening hours" not in page


def test_the_coverage_check_lists_the_first_services_with_gaps_and_counts_the_rest(publisher_client):
    for n in range(30):
        ServiceFactory(name=f"Gappy {n:02d}", stages=[])
    ServiceFactory(name="Complete", stages=["baby"], access_routes=["drop_in"], delivery_ways=["home"], phone="01632")

    page = publisher_client.get(reverse("manage_dashboard")).content.decode()
    coverage = page.split('id="coverage"')[1].split('id="failed-searches"')[0]
    assert "Gappy 00 needs" in coverage and "Gappy 24 needs" in coverage
    assert "Gappy 25" not in coverage and "Complete" not in coverage
    assert "And 5 more services with gaps" in coverage


def test_the_demo_seeds_one_waiting_change_once(editor):
    demo.seed(log=lambda line: None)
    ServiceFactory(slug=demo.DEMO_CHANGE_SERVICE)
    demo.seed_workspace(log=lambda line: None)
    demo.seed_workspace(log=lambda line: None)
    change = ChangeRequest.objects.get()
    assert change.is_pending and change.data == {"summary": demo.DEMO_CHANGE_SUMMARY}


def test_ticking_another_need_keeps_the_main_need_first(editor_client):
    service = ServiceFactory(needs=["health", "feeding"])
    data = form_data(service)
    data["needs"] = ["feeding", "health"]  # as the checkboxes post them: in the order of the choices
    editor_client.post(edit_url(service), data)
    assert not ChangeRequest.objects.exists()  # nothing changed

    editor_client.post(edit_url(service), data | {"needs": ["feeding", "money", "health"]})
    assert ChangeRequest.objects.get().data["needs"] == ["health", "feeding", "money"]

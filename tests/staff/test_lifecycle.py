import pytest
from django.urls import reverse

from offers.models import Service
from startforlife.models import ChangeRequest, ChangeRequestSource, ChangeRequestStatus
from tests.staff.factories import HubFactory, ServiceFactory
from tests.staff.helpers import edit_url, form_data

pytestmark = pytest.mark.django_db


def test_an_edit_to_a_live_service_waits_for_approval_then_goes_live_and_can_be_restored(
    anon_client, editor_client, publisher_client, editor, publisher
):
    north, south = HubFactory(name="Northgate Family Hub"), HubFactory(name="Riverside Family Hub")
    service = ServiceFactory(name="Infant feeding", summary="Help with feeding your baby.", hubs=[north])
    public_url = reverse("offers:service_detail", kwargs={"slug": service.slug})
    staff_url = reverse("offers_staff:service_detail", args=[service.pk])

    # The editor changes the live service: it becomes a pending change.
    response = editor_client.post(
        edit_url(service), form_data(service, summary="Breastfeeding, bottle and mixed feeding help.", hubs=[south.pk])
    )
    assert response.status_code == 302
    change = ChangeRequest.objects.get()
    assert change.status == ChangeRequestStatus.PENDING
    assert change.proposed_by == editor

    # Parents still see the approved version.
    public = anon_client.get(public_url).content.decode()
    assert "Help with feeding your baby." in public
    assert "Breastfeeding, bottle and mixed feeding help." not in public

    # The publisher sees the diff field by field, live → proposed.
    diff = publisher_client.get(reverse("offers_staff:change_detail", args=[change.pk])).content.decode()
    assert "Help with feeding your baby." in diff
    assert "Breastfeeding, bottle and mixed feeding help." in diff
    assert "Northgate Family Hub" in diff and "Riverside Family Hub" in diff

    response = publisher_client.post(reverse("offers_staff:change_approve", args=[change.pk]), {"comment": ""})
    assert response.status_code == 302

    # Parents now see the new version; the published-on date moved.
    public = anon_client.get(public_url).content.decode()
    assert "Breastfeeding, bottle and mixed feeding help." in public
    service.refresh_from_db()
    assert list(service.hubs.all()) == [south]
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.APPROVED and change.decided_by == publisher
    assert service.last_published_at == change.decided_at

    # History shows who proposed and who approved, and the old → new values.
    history = publisher_client.get(staff_url).content.decode()
    assert "Approved change" in history and "Test editor" in history and "Test publisher" in history
    assert "Help with feeding your baby." in history

    # Restoring the version before the approval makes a new pending change; the live row is untouched.
    before_approval = service.history.all()[1]
    response = editor_client.post(
        reverse("offers_staff:service_restore", args=[service.pk, before_approval.history_id])
    )
    restored = ChangeRequest.objects.pending().get()
    assert response.url == reverse("offers_staff:change_detail", args=[restored.pk])
    assert restored.source == ChangeRequestSource.RESTORE
    assert restored.data == {"summary": "Help with feeding your baby.", "hubs": [north.pk]}
    service.refresh_from_db()
    assert service.summary == "Breastfeeding, bottle and mixed feeding help."


def test_a_new_service_starts_as_a_draft_that_parents_cannot_see(anon_client, editor_client, editor):
    hub = HubFactory()
    response = editor_client.post(
        reverse("offers_staff:service_create"),
        {
            "name": "Stay and play",
            "slug": "stay-and-play",
            "summary": "Play sessions.",
            "tier": "universal_plus",
            # Pre-selected on the empty form, so a browser posts them.
            "category": "play_and_learning",
            "status": "active",
            "is_free": "on",
            "hubs": [hub.pk],
        },
    )
    service = Service.objects.get(slug="stay-and-play")
    assert response.url == reverse("offers_staff:service_detail", args=[service.pk])
    assert service.publication_state == "draft" and service.owner == editor
    assert list(service.hubs.all()) == [hub]
    assert anon_client.get(service.get_absolute_url()).status_code == 404


def test_edits_to_a_draft_apply_at_once_without_approval(editor_client):
    service = ServiceFactory(publication_state="draft", first_published_at=None, last_published_at=None)
    editor_client.post(edit_url(service), form_data(service, name="Renamed"))
    service.refresh_from_db()
    assert service.name == "Renamed"
    assert not ChangeRequest.objects.exists()


def test_a_publisher_may_publish_their_own_change_at_once(anon_client, publisher_client, publisher):
    service = ServiceFactory()
    publisher_client.post(edit_url(service), form_data(service, summary="Straight to parents.", publish="1"))
    change = ChangeRequest.objects.get()
    assert change.status == ChangeRequestStatus.APPROVED and change.decided_by == publisher
    assert "Straight to parents." in anon_client.get(service.get_absolute_url()).content.decode()


def test_an_editor_cannot_publish_their_own_change_by_posting_the_publish_button(editor_client):
    service = ServiceFactory()
    editor_client.post(edit_url(service), form_data(service, summary="Sneaky.", publish="1"))
    assert ChangeRequest.objects.get().status == ChangeRequestStatus.PENDING
    service.refresh_from_db()
    assert service.summary != "Sneaky."


def test_sending_back_needs_a_comment_and_leaves_the_live_version(publisher_client, editor_client):
    service = ServiceFactory(summary="Live words.")
    editor_client.post(edit_url(service), form_data(service, summary="Proposed words."))
    change = ChangeRequest.objects.get()
    reject_url = reverse("offers_staff:change_reject", args=[change.pk])

    response = publisher_client.post(reject_url, {"comment": "  "})
    assert response.status_code == 200
    assert "Enter a comment saying what needs to change" in response.content.decode()
    change.refresh_from_db()
    assert change.is_pending

    publisher_client.post(reject_url, {"comment": "Please use plainer words."})
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.REJECTED and change.comment == "Please use plainer words."
    service.refresh_from_db()
    assert service.summary == "Live words."
    assert (
        "Please use plainer words."
        in publisher_client.get(reverse("offers_staff:service_detail", args=[service.pk])).content.decode()
    )


def test_publishing_and_archiving_move_the_state_and_archiving_hides_it_from_parents(publisher_client, anon_client):
    service = ServiceFactory(publication_state="draft", first_published_at=None, last_published_at=None)
    publisher_client.post(reverse("offers_staff:service_publish", args=[service.pk]))
    service.refresh_from_db()
    assert service.is_published and service.first_published_at
    assert anon_client.get(service.get_absolute_url()).status_code == 200

    publisher_client.post(reverse("offers_staff:service_archive", args=[service.pk]))
    service.refresh_from_db()
    assert service.publication_state == "archived"
    assert anon_client.get(service.get_absolute_url()).status_code in (404, 410)
    assert service.history.count() == 3


def test_a_hub_goes_through_the_same_approval(editor_client, publisher_client, anon_client):
    hub = HubFactory(phone="01632 960000")
    from hubs.staff_forms import HubForm

    editor_client.post(edit_url(hub), form_data(hub, HubForm, phone="01632 960999"))
    hub.refresh_from_db()
    assert hub.phone == "01632 960000"
    change = ChangeRequest.objects.get()
    publisher_client.post(reverse("hubs_staff:change_approve", args=[change.pk]))
    hub.refresh_from_db()
    assert hub.phone == "01632 960999"


def test_bad_input_is_refused_with_govuk_messages_and_nothing_is_saved(editor_client):
    service = ServiceFactory()
    response = editor_client.post(edit_url(service), form_data(service, name="", summary="x" * 301))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "Enter name" in page
    assert "Summary must be 300 characters or fewer" in page
    assert not ChangeRequest.objects.exists()


def test_script_tags_and_other_scripts_are_stored_and_shown_escaped(editor_client, publisher_client):
    service = ServiceFactory()
    editor_client.post(edit_url(service), form_data(service, summary="<script>alert(1)</script> 👶 دعم الأسرة"))
    change = ChangeRequest.objects.get()
    page = publisher_client.get(reverse("offers_staff:change_detail", args=[change.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; 👶 دعم الأسرة" in page

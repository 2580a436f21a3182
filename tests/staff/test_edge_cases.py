import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from startforlife.models import ChangeRequest
from tests.staff.factories import HubFactory, ServiceFactory
from tests.staff.helpers import edit_url, form_data

pytestmark = pytest.mark.django_db


def test_approving_a_change_whose_slug_was_taken_meanwhile_is_refused_clearly(editor_client, publisher_client):
    service = ServiceFactory(slug="old-slug")
    editor_client.post(edit_url(service), form_data(service, slug="wanted-slug"))
    ServiceFactory(slug="wanted-slug", publication_state="draft")
    change = ChangeRequest.objects.get()

    response = publisher_client.post(reverse("offers_staff:change_approve", args=[change.pk]))
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    change.refresh_from_db()
    assert change.is_pending
    service.refresh_from_db()
    assert service.slug == "old-slug"


def test_a_scheduled_start_keeps_an_approved_service_hidden_until_then(editor_client, publisher_client, anon_client):
    service = ServiceFactory()
    tomorrow = (timezone.localtime() + datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    editor_client.post(edit_url(service), form_data(service, visible_from=tomorrow))
    assert anon_client.get(service.get_absolute_url()).status_code == 200
    publisher_client.post(reverse("offers_staff:change_approve", args=[ChangeRequest.objects.get().pk]))
    assert anon_client.get(service.get_absolute_url()).status_code == 404


def test_saving_without_changes_makes_no_pending_change(editor_client):
    service = ServiceFactory()
    response = editor_client.post(edit_url(service), form_data(service), follow=True)
    assert "You did not change anything." in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_the_leader_reads_everything_but_sees_no_buttons_that_change_things(leader_client, editor_client):
    service = ServiceFactory()
    editor_client.post(edit_url(service), form_data(service, summary="Proposed."))
    detail = leader_client.get(reverse("offers_staff:service_detail", args=[service.pk])).content.decode()
    change = leader_client.get(
        reverse("offers_staff:change_detail", args=[ChangeRequest.objects.get().pk])
    ).content.decode()
    assert "Proposed." in change
    for page in (detail, change):
        assert 'method="post"' not in page


def test_the_history_page_takes_a_bounded_number_of_queries(publisher_client, django_assert_max_num_queries):
    hubs = HubFactory.create_batch(3)
    service = ServiceFactory(hubs=hubs[:1])
    for i in range(10):
        service.summary = f"Version {i}"
        service.save()
    # Measured 32 for 12 versions: each version's hub list is compared with the one before it.
    with django_assert_max_num_queries(40):
        response = publisher_client.get(reverse("offers_staff:service_detail", args=[service.pk]))
    assert "Version 8" in response.content.decode()


def test_a_slug_already_in_use_gets_a_message_saying_so(editor_client):
    ServiceFactory(slug="midwifery")
    response = editor_client.post(
        reverse("offers_staff:service_create"),
        {"name": "Midwifery", "slug": "midwifery", "summary": "Care in pregnancy.", "tier": "universal"},
    )
    assert "Another service already uses this slug" in response.content.decode()


def test_restoring_while_a_change_waits_is_refused_and_keeps_the_waiting_change(editor_client):
    service = ServiceFactory(summary="First.")
    service.summary = "Second."
    service.save()
    editor_client.post(edit_url(service), form_data(service, summary="Waiting."))
    oldest = service.history.earliest("history_date")
    response = editor_client.post(
        reverse("offers_staff:service_restore", args=[service.pk, oldest.history_id]), follow=True
    )
    assert "A change is already waiting for approval" in response.content.decode()
    assert ChangeRequest.objects.pending().get().data == {"summary": "Waiting."}


def test_a_restore_id_from_another_service_is_a_404(editor_client):
    service, other = ServiceFactory(), ServiceFactory()
    other_version = other.history.first()
    url = reverse("offers_staff:service_restore", args=[service.pk, other_version.history_id])
    assert editor_client.post(url).status_code == 404


def test_the_edit_page_warns_before_leaving_with_unsaved_changes(editor_client):
    page = editor_client.get(edit_url(ServiceFactory())).content.decode()
    assert '<form method="post" enctype="multipart/form-data" novalidate data-warn-unsaved>' in page
    assert 'src="/static/js/unsaved-changes.mjs"' in page

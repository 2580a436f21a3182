import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from startforlife import workflow
from startforlife.models import ChangeRequest
from startforlife.permissions import Role
from tests.conftest import client_for, make_user
from tests.staff.factories import HubFactory, ServiceFactory
from tests.staff.helpers import edit_url, form_data

pytestmark = pytest.mark.django_db


def test_the_second_of_two_editors_is_refused_and_keeps_what_they_typed(editor_client):
    service = ServiceFactory(summary="Original.")
    other_editor = client_for(make_user(Role.EDITOR, email="second@example.test"))
    first_form, second_form = (
        form_data(service, summary="First editor's words."),
        form_data(service, summary="Second editor's words."),
    )

    assert editor_client.post(edit_url(service), first_form).status_code == 302
    response = other_editor.post(edit_url(service), second_form)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this service since you opened it" in page
    assert "Second editor&#x27;s words." in page  # nothing lost from the form
    assert ChangeRequest.objects.get().data == {"summary": "First editor's words."}


def test_an_edit_started_before_an_approval_is_refused(editor_client, publisher_client):
    service = ServiceFactory(summary="Original.")
    stale_form = form_data(service, name="Renamed")
    editor_client.post(edit_url(service), form_data(service, summary="Approved words."))
    publisher_client.post(reverse("offers_staff:change_approve", args=[ChangeRequest.objects.get().pk]))

    response = editor_client.post(edit_url(service), stale_form)
    assert "Someone else changed this service" in response.content.decode()
    service.refresh_from_db()
    assert service.name != "Renamed" and service.summary == "Approved words."
    assert ChangeRequest.objects.pending().count() == 0


def test_a_second_edit_by_the_same_editor_replaces_the_waiting_change(editor_client):
    service = ServiceFactory(summary="Original.")
    editor_client.post(edit_url(service), form_data(service, summary="First try."))
    page = editor_client.get(edit_url(service)).content.decode()
    assert "First try." in page  # the form starts from the waiting change
    editor_client.post(edit_url(service), form_data(service, summary="Second try."))
    assert ChangeRequest.objects.pending().get().data == {"summary": "Second try."}
    assert ChangeRequest.objects.filter(status="superseded").count() == 1


def test_confirming_a_review_moves_the_checked_on_date_without_changing_content(editor_client, editor):
    service = ServiceFactory(last_reviewed=datetime.date(2025, 1, 1))
    before = service.lock_version
    response = editor_client.post(reverse("offers_staff:service_confirm_reviewed", args=[service.pk]))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.last_reviewed == timezone.localdate()
    assert service.lock_version == before
    assert not ChangeRequest.objects.exists()
    assert service.history.first().history_user == editor


def test_review_settings_change_the_owner_and_interval_without_approval(editor_client, publisher):
    service = ServiceFactory()
    url = reverse("offers_staff:service_review_settings", args=[service.pk])
    response = editor_client.post(url, {"owner": publisher.pk, "review_interval_months": "0"})
    assert "Review it at least every 24 months and at most every month" in response.content.decode()
    editor_client.post(url, {"owner": publisher.pk, "review_interval_months": "3"})
    service.refresh_from_db()
    assert service.owner == publisher and service.review_interval_months == 3


def test_the_dashboard_lists_waiting_changes_and_overdue_and_due_reviews(editor_client, publisher_client):
    today = timezone.localdate()
    overdue = ServiceFactory(name="Overdue service", last_reviewed=today - datetime.timedelta(days=200))
    ServiceFactory(name="Due soon service", last_reviewed=today - datetime.timedelta(days=170))
    ServiceFactory(name="Fine service", last_reviewed=today)
    HubFactory(name="Overdue hub", last_reviewed=today - datetime.timedelta(days=400))
    editor_client.post(edit_url(overdue), form_data(overdue, summary="New words."))

    page = publisher_client.get(reverse("manage_dashboard")).content.decode()
    waiting = page.split('id="pending"')[1].split('id="reviews"')[0]
    overdue_section = page.split("Overdue</h3>")[1].split("Due in the next 30 days")[0]
    due_section = page.split("Due in the next 30 days")[1].split('id="coverage"')[0]
    assert "Overdue service" in waiting
    assert "Overdue service" in overdue_section and "Overdue hub" in overdue_section
    assert "Due soon service" in due_section and "Due soon service" not in overdue_section
    assert "Fine service" not in overdue_section + due_section
    assert "Test editor" in page.split('id="activity"')[1]


def test_the_dashboard_lists_the_most_overdue_reviews_and_counts_the_rest(publisher_client):
    today = timezone.localdate()
    for n in range(30):
        ServiceFactory(name=f"Overdue {n:02d}", last_reviewed=today - datetime.timedelta(days=400 - n))

    page = publisher_client.get(reverse("manage_dashboard")).content.decode()

    overdue_section = page.split("Overdue</h3>")[1].split("Due in the next 30 days")[0]
    assert "Overdue 00" in overdue_section and "Overdue 24" in overdue_section
    assert "Overdue 25" not in overdue_section
    assert "And 5 more overdue." in overdue_section


def test_the_dashboard_has_hooks_for_searches_and_coverage(leader_client, coordinator_client):
    page = leader_client.get(reverse("manage_dashboard")).content.decode()
    assert "Searches that found nothing" in page and "Offer coverage check" in page
    assert "Searches that found nothing" not in coordinator_client.get(reverse("manage_dashboard")).content.decode()


def test_the_dashboard_and_lists_take_a_fixed_number_of_queries(publisher_client, django_assert_max_num_queries):
    hubs = HubFactory.create_batch(8)
    for i in range(30):
        ServiceFactory(hubs=hubs[i % 3 : i % 3 + 2])
    # Measured: dashboard 23 the first time (of which the content version 1, reviews 2, the
    # coverage check 4, failed searches 1 and the two-factor check 1), then 6 while nothing
    # changes (signing in's 4, the content version, the panel links); lists 4, export 5
    # (with 30 services and 8 hubs).
    with django_assert_max_num_queries(23):
        publisher_client.get(reverse("manage_dashboard"))
    with django_assert_max_num_queries(6):
        publisher_client.get(reverse("manage_dashboard"))
    with django_assert_max_num_queries(5):
        publisher_client.get(reverse("offers_staff:service_list"))
    with django_assert_max_num_queries(5):
        publisher_client.get(reverse("hubs_staff:hub_list"))
    with django_assert_max_num_queries(6):
        response = publisher_client.get(reverse("offers_staff:service_export"))
    assert len(response.content.decode().strip().splitlines()) == 31


@pytest.mark.parametrize(
    ("last_reviewed", "months"),
    [
        (datetime.date(2027, 1, 31), 1),  # to the last day of February
        (datetime.date(2027, 8, 31), 6),  # to 29 February 2028, a leap year
        (datetime.date(2028, 2, 29), 12),
        (datetime.date(2026, 11, 23), 6),
        (None, 6),  # from the day it was created
    ],
)
def test_the_dashboard_works_out_due_dates_in_the_database_as_the_rule_says(last_reviewed, months):
    # Just after midnight in the summer: 23:30 UTC the day before.
    created_at = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    service = ServiceFactory(last_reviewed=last_reviewed, review_interval_months=months)
    type(service).objects.filter(pk=service.pk).update(created_at=created_at)
    service.refresh_from_db()

    annotated = workflow.with_review_due_on(type(service).objects.filter(pk=service.pk)).get()

    assert annotated.due_on == workflow.review_due_on(service)
    if last_reviewed is None:
        assert annotated.due_on == datetime.date(2027, 1, 1)


def test_the_dashboard_counts_reviews_without_reading_every_service(publisher_client, django_assert_max_num_queries):
    today = timezone.localdate()
    ServiceFactory.create_batch(40, last_reviewed=today - datetime.timedelta(days=400))
    ServiceFactory.create_batch(10, last_reviewed=today - datetime.timedelta(days=170))

    reviews = workflow.reviews_due([type(ServiceFactory()).objects.all()], limit=5, today=today)

    assert (len(reviews.overdue), reviews.overdue_count) == (5, 40)
    assert (len(reviews.due_soon), reviews.due_soon_count) == (5, 10)


def test_the_dashboard_shows_a_change_to_the_content_at_once_despite_its_cache(publisher_client):
    publisher_client.get(reverse("manage_dashboard"))
    ServiceFactory(name="Newly overdue", last_reviewed=timezone.localdate() - datetime.timedelta(days=400))

    page = publisher_client.get(reverse("manage_dashboard")).content.decode()

    assert "Newly overdue" in page.split("Overdue</h3>")[1].split("Due in the next 30 days")[0]
    assert "Newly overdue needs" in page.split('id="coverage"')[1]


def test_a_change_sent_for_approval_shows_on_the_dashboard_at_once(editor_client, publisher_client):
    service = ServiceFactory(name="Baby massage", publication_state="published")
    assert "Nothing is waiting for approval" in publisher_client.get(reverse("manage_dashboard")).content.decode()

    editor_client.post(edit_url(service), form_data(service, summary="New words."))

    page = publisher_client.get(reverse("manage_dashboard")).content.decode()
    assert "Baby massage</a>: edited by Test editor" in page.split('id="pending"')[1].split('id="reviews"')[0]

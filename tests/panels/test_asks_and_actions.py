from datetime import timedelta

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from panels.models import Action, Answer, Ask, AskKind, Meeting, OutboxMessage
from tests.panels.factories import ActionFactory, AskFactory, MemberFactory, ServiceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(panel_member):
    return MemberFactory(user=panel_member, email=panel_member.email)


def test_the_coordinator_publishes_a_multiple_choice_question(coordinator_client):
    service = ServiceFactory()
    response = coordinator_client.post(
        reverse("panels_staff:ask_add"),
        {
            "title": "Evening sessions",
            "question": "When could you come?",
            "kind": "multiple",
            "choices_text": "Weekday evenings\nSaturday mornings\n\n",
            "service": service.pk,
            "opens_at": "2026-11-01 09:00",
            "closes_at": "2026-12-01 09:00",
        },
    )
    assert response.status_code == 302
    ask = Ask.objects.get()
    assert ask.choices == ["Weekday evenings", "Saturday mornings"]
    assert ask.service == service


def test_a_choice_question_needs_options_and_a_sensible_closing_time(coordinator_client):
    response = coordinator_client.post(
        reverse("panels_staff:ask_add"),
        {
            "title": "T",
            "question": "Q",
            "kind": "single",
            "choices_text": "Only one",
            "opens_at": "2026-12-01 09:00",
            "closes_at": "2026-11-01 09:00",
        },
    )
    html = response.content.decode()
    assert "Enter at least 2 options, one a line" in html
    assert "The closing time must be after the opening time" in html
    assert not Ask.objects.exists()


def test_a_member_answers_once_and_can_change_the_answer_until_it_closes(panel_member_client, member):
    ask = AskFactory(kind=AskKind.SINGLE, choices=["Yes", "No"])
    url = reverse("panels:answer_ask", args=[ask.pk])
    page = panel_member_client.get(url).content.decode()
    assert "Worried about a baby or child?" in page
    panel_member_client.post(url, {"selected": "Yes"})
    panel_member_client.post(url, {"selected": "No", "comment": "Changed my mind 🙂"})
    answer = Answer.objects.get()
    assert answer.selected == ["No"]
    assert "Changed my mind 🙂" in answer.text
    ask.closes_at = timezone.now() - timedelta(minutes=1)
    ask.save()
    assert panel_member_client.post(url, {"selected": "Yes"}).status_code == 404
    assert Answer.objects.get().selected == ["No"]


def test_a_worrying_answer_is_flagged_and_alerted_once(panel_member_client, member):
    ask = AskFactory()
    url = reverse("panels:answer_ask", args=[ask.pk])
    data = {"text": "My neighbour's baby is left alone all day"}
    response = panel_member_client.post(url, data)
    assert response["Location"] == reverse("panels:feedback_worried")
    panel_member_client.post(url, data)  # sent again
    assert Answer.objects.get().safeguarding_flag
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SAFEGUARDING_ALERT).count() == 1


def test_an_empty_answer_gets_a_clear_error(panel_member_client, member):
    ask = AskFactory()
    response = panel_member_client.post(reverse("panels:answer_ask", args=[ask.pk]), {"text": "  "})
    assert "Enter your answer" in response.content.decode()
    assert not Answer.objects.exists()


def test_the_coordinator_records_a_meeting_with_attendance(coordinator_client):
    came = MemberFactory()
    response = coordinator_client.post(
        reverse("panels_staff:meeting_add"),
        {
            "title": "Winter panel",
            "starts_at": "2026-12-03 18:00",
            "place": "Riverside Family Hub",
            "support_offered": ["creche", "food"],
            "attendees": [came.pk],
            "agenda": "Feeding support",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.support_labels() == ["Crèche", "Food"]
    assert list(meeting.attendees.all()) == [came]


def test_a_meeting_needs_a_place_or_a_link(coordinator_client):
    response = coordinator_client.post(
        reverse("panels_staff:meeting_add"), {"title": "T", "starts_at": "2026-12-03 18:00"}
    )
    assert "Enter a place or an online link" in response.content.decode()


def test_not_possible_needs_a_reason(coordinator_client):
    url = reverse("panels_staff:action_add")
    data = {"you_said": "Open on Sundays", "we_did": "We looked at it", "status": "not_possible", "is_public": "on"}
    assert "Enter why it is not possible" in coordinator_client.post(url, data).content.decode()
    theme = ThemeFactory()
    coordinator_client.post(url, {**data, "why_not_possible": "No staff on Sundays", "themes": [theme.pk]})
    action = Action.objects.get()
    assert list(action.themes.all()) == [theme]


def test_the_public_page_lists_public_actions_only(anon_client):
    ActionFactory(we_did="Rewrote the feeding page with parents")
    ActionFactory(we_did="Internal note only", is_public=False)
    ActionFactory(status="not_possible", we_did="Looked at Sunday opening", why_not_possible="No staff on Sundays")
    html = anon_client.get(reverse("panels:you_said_we_did")).content.decode()
    assert "Rewrote the feeding page with parents" in html
    assert "Internal note only" not in html
    assert "No staff on Sundays" in html


def test_the_service_page_include_shows_changes_in_one_query(django_assert_max_num_queries):
    service = ServiceFactory()
    for n in range(8):
        ActionFactory(service=service, we_did=f"Change {n}")
    ActionFactory(service=service, we_did="Hidden one", is_public=False)
    template = Template('{% include "panels/includes/service_you_said_we_did.html" %}')
    with django_assert_max_num_queries(1):
        html = template.render(Context({"service": service}))
    assert "Changed after parents" in html
    assert "Hidden one" not in html
    assert html.count("We did:") == 5


def test_the_include_shows_nothing_without_changes():
    service = ServiceFactory()
    html = Template('{% include "panels/includes/service_you_said_we_did.html" %}').render(
        Context({"service": service})
    )
    assert html.strip() == ""


def test_seed_demo_runs_twice_without_changing_anything():
    call_command("seed_demo")
    from panels import models

    counts = [m.objects.count() for m in (models.Member, models.Feedback, models.Ask, models.Answer, models.Action)]
    call_command("seed_demo")
    assert [m.objects.count() for m in (models.Member, models.Feedback, models.Ask, models.Answer, models.Action)] == (
        counts
    )
    assert counts[0] >= 20 and counts[1] >= 60

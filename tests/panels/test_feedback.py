import uuid
from datetime import timedelta
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from panels.models import Feedback, OutboxMessage
from tests.panels.factories import FeedbackFactory, HubFactory, ServiceFactory

pytestmark = pytest.mark.django_db

URL = reverse("panels:feedback")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def form_data(**overrides) -> dict:
    data = {
        "submission_token": str(uuid.uuid4()),
        "topic": "general",
        "what_worked": "The health visitor was kind.",
        "could_be_better": "The clinic was hard to find.",
        "rating": "4",
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_shows_the_safeguarding_panel_before_the_text_boxes(anon_client, settings):
    settings.PANEL_MASH_PHONE = "01632 960 222"
    settings.PANEL_EMERGENCY_DUTY_PHONE = "01632 960 333"
    html = anon_client.get(URL).content.decode()
    panel = html.index("Worried about a baby or child?")
    assert panel < html.index('name="what_worked"')
    for text in ("999", "01632 960 222", "01632 960 333", "0808 800 5000", "not watched around the clock"):
        assert text in html


def test_it_saves_anonymous_feedback_about_a_published_service(anon_client):
    service = ServiceFactory(slug="midwifery", name="Midwifery")
    page = anon_client.get(URL, {"service": "midwifery"})
    assert "Midwifery" in page.content.decode()
    response = anon_client.post(f"{URL}?service=midwifery", form_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("panels:feedback_received")
    feedback = Feedback.objects.get()
    assert feedback.service == service
    assert feedback.rating == 4
    assert not feedback.safeguarding_flag
    assert feedback.reference in anon_client.get(response["Location"]).content.decode()


def test_it_ignores_draft_services_in_the_link(anon_client):
    ServiceFactory(slug="secret-draft", publication_state="draft")
    anon_client.post(f"{URL}?service=secret-draft", form_data())
    assert Feedback.objects.get().service is None


def test_it_links_feedback_to_a_hub(anon_client):
    hub = HubFactory(slug="riverside-family-hub")
    anon_client.post(f"{URL}?hub=riverside-family-hub", form_data())
    assert Feedback.objects.get().hub == hub


def test_it_keeps_no_contact_details_without_consent(anon_client):
    anon_client.post(URL, form_data(contact_name="Sam", contact_email="sam@example.test"))
    feedback = Feedback.objects.get()
    assert (feedback.contact_name, feedback.contact_email) == ("", "")


def test_it_asks_for_a_way_to_contact_when_consent_is_given(anon_client):
    response = anon_client.post(URL, form_data(contact_consent="on"))
    assert "Enter an email address or telephone number so we can contact you" in response.content.decode()
    assert not Feedback.objects.exists()


def test_it_routes_factual_corrections_to_the_page_owner(anon_client, editor):
    ServiceFactory(slug="infant-feeding", name="Infant feeding", owner=editor)
    anon_client.post(f"{URL}?service=infant-feeding", form_data(topic="out_of_date"))
    feedback = Feedback.objects.get()
    assert feedback.routed_to == editor
    message = OutboxMessage.objects.get()
    assert message.kind == OutboxMessage.Kind.CORRECTION
    assert message.to == editor.email


def test_general_feedback_is_not_routed_to_the_owner(anon_client, editor):
    ServiceFactory(slug="infant-feeding", owner=editor)
    anon_client.post(f"{URL}?service=infant-feeding", form_data(topic="general"))
    assert Feedback.objects.get().routed_to is None
    assert not OutboxMessage.objects.exists()


# --- Safeguarding ---------------------------------------------------------------------------


def test_a_phrase_from_the_list_flags_the_feedback_and_queues_an_alert(anon_client, settings):
    settings.PANEL_SAFEGUARDING_EMAIL = "dsl@brackenford.example"
    response = anon_client.post(URL, form_data(could_be_better="My partner hits the baby when he is drunk"))
    assert response["Location"] == reverse("panels:feedback_worried")
    feedback = Feedback.objects.get()
    assert feedback.safeguarding_flag
    assert "hits the baby" in feedback.matched_phrases
    alert = OutboxMessage.objects.get()
    assert alert.kind == OutboxMessage.Kind.SAFEGUARDING_ALERT
    assert alert.to == "dsl@brackenford.example"
    assert alert.feedback == feedback
    assert alert.sent_at is None


def test_the_tick_box_alone_flags_the_feedback(anon_client):
    anon_client.post(URL, form_data(what_worked="", could_be_better="", worried_about_child="on"))
    assert Feedback.objects.get().safeguarding_flag
    assert OutboxMessage.objects.filter(kind=OutboxMessage.Kind.SAFEGUARDING_ALERT).count() == 1


def test_phrases_match_whole_words_only(anon_client):
    # "abused" is on the list, "disabused" is not a disclosure.
    anon_client.post(URL, form_data(could_be_better="I was disabused of the idea that parking is easy"))
    assert not Feedback.objects.get().safeguarding_flag


def test_the_person_sees_the_signposting_page(anon_client):
    response = anon_client.post(URL, form_data(worried_about_child="on"), follow=True)
    html = response.content.decode()
    assert "We have passed on your message" in html
    assert "999" in html and "0808 800 5000" in html


def test_send_outbox_emails_the_alert_with_the_feedback(anon_client):
    anon_client.post(URL, form_data(could_be_better="I am scared of him and not safe at home"))
    call_command("send_outbox")
    assert len(mail.outbox) == 1
    assert "not safe at home" in mail.outbox[0].body
    assert OutboxMessage.objects.get().sent_at is not None
    # Running again (cron every minute) sends nothing twice.
    call_command("send_outbox")
    assert len(mail.outbox) == 1


def test_an_email_failure_keeps_the_alert_queued_and_retries_it_later(anon_client, coordinator_client):
    anon_client.post(URL, form_data(worried_about_child="on"))
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=SMTPException("Connection refused")):
        call_command("send_outbox")
    alert = OutboxMessage.objects.get()
    assert alert.sent_at is None
    assert alert.attempts == 1
    assert "Connection refused" in alert.last_error
    assert alert.next_attempt_at > timezone.now()

    # The coordinator sees it as unsent.
    dashboard = coordinator_client.get(reverse("panels_staff:dashboard")).content.decode()
    assert "1 email not sent yet" in dashboard

    # Not due yet: a run a second later does not hammer the mail server.
    call_command("send_outbox")
    assert OutboxMessage.objects.get().attempts == 1

    # Once due, the next run sends it. Nothing was lost.
    OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    call_command("send_outbox")
    assert OutboxMessage.objects.get().sent_at is not None
    assert len(mail.outbox) == 1


def test_the_retry_delay_grows_with_each_failure(anon_client):
    anon_client.post(URL, form_data(worried_about_child="on"))
    delays = []
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("down")):
        for _ in range(3):
            OutboxMessage.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
            before = timezone.now()
            call_command("send_outbox")
            delays.append(OutboxMessage.objects.get().next_attempt_at - before)
    assert delays[0] < delays[1] < delays[2]


def test_the_alert_is_not_saved_without_the_feedback(anon_client):
    # Same transaction: if saving the alert fails, the feedback is not half-saved either.
    with (
        mock.patch("panels.services.OutboxMessage.objects.create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        anon_client.post(URL, form_data(worried_about_child="on"))
    assert not Feedback.objects.exists()


def test_flagged_feedback_is_at_the_top_of_the_coordinators_queue(coordinator_client):
    FeedbackFactory(reference="OLDNORMAL", created_at=timezone.now() - timedelta(days=3))
    FeedbackFactory(reference="NEWFLAG", safeguarding_flag=True)
    html = coordinator_client.get(reverse("panels_staff:feedback_queue")).content.decode()
    assert html.index("NEWFLAG") < html.index("OLDNORMAL")


def test_a_coordinator_cannot_delete_flagged_feedback(coordinator_client):
    flagged = FeedbackFactory(safeguarding_flag=True)
    response = coordinator_client.post(reverse("panels_staff:feedback_delete", args=[flagged.pk]))
    assert response.status_code == 403
    assert Feedback.objects.filter(pk=flagged.pk).exists()


def test_a_coordinator_can_delete_ordinary_feedback(coordinator_client):
    item = FeedbackFactory()
    response = coordinator_client.post(reverse("panels_staff:feedback_delete", args=[item.pk]))
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_the_leader_signs_off_a_concern(leader_client, leader):
    flagged = FeedbackFactory(safeguarding_flag=True)
    url = reverse("panels_staff:safeguarding_sign_off", args=[flagged.pk])
    assert "Enter what was done" in leader_client.post(url, {"outcome": ""}).content.decode()
    leader_client.post(url, {"outcome": "Referred to MASH the same day."})
    flagged.refresh_from_db()
    assert flagged.safeguarding_signed_off_by == leader
    assert leader_client.get(url).status_code == 404  # nothing left to sign off


# --- Duplicates and spam --------------------------------------------------------------------


def test_sending_the_same_form_twice_saves_it_once(anon_client):
    data = form_data(worried_about_child="on")
    first = anon_client.post(URL, data)
    second = anon_client.post(URL, data)
    assert Feedback.objects.count() == 1
    assert OutboxMessage.objects.count() == 1
    assert first["Location"] == second["Location"] == reverse("panels:feedback_worried")


def test_a_filled_honeypot_saves_nothing_but_looks_like_success(anon_client):
    response = anon_client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_an_address_is_limited_per_hour(anon_client, settings):
    settings.PANEL_RATE_LIMIT_PER_HOUR = 2
    assert anon_client.post(URL, form_data()).status_code == 302
    assert anon_client.post(URL, form_data()).status_code == 302
    response = anon_client.post(URL, form_data())
    assert response.status_code == 429
    assert "999" in response.content.decode()
    assert Feedback.objects.count() == 2


# --- Hostile input --------------------------------------------------------------------------


def test_empty_feedback_gets_a_clear_error(anon_client):
    response = anon_client.post(URL, form_data(what_worked="", could_be_better=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in html
    assert "Enter your feedback" in html
    assert not Feedback.objects.exists()


def test_over_long_feedback_gets_a_clear_error(anon_client):
    response = anon_client.post(URL, form_data(could_be_better="x" * 5001))
    assert "What could be better must be 5000 characters or fewer" in response.content.decode()
    assert not Feedback.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>",
        "Lovely group 👶🍼💕",
        "مجموعة رائعة للأمهات",
        "母婴小组很好",
        "Здравствуйте, спасибо",
        "bell\x07and\x1bescape",
    ],
)
def test_hostile_or_unusual_text_is_stored_and_shown_safely(anon_client, coordinator_client, text):
    response = anon_client.post(URL, form_data(could_be_better=text))
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert "\x07" not in feedback.could_be_better
    html = coordinator_client.get(reverse("panels_staff:feedback_detail", args=[feedback.pk])).content.decode()
    assert "<script>alert" not in html
    if "<script>" not in text and "\x07" not in text:
        assert text in html


def test_a_null_byte_gets_an_error_not_a_crash(anon_client):
    response = anon_client.post(URL, form_data(could_be_better="null\x00byte"))
    assert response.status_code == 200
    assert "Error: " in response.content.decode()
    assert not Feedback.objects.exists()


def test_a_bad_rating_gets_an_error(anon_client):
    response = anon_client.post(URL, form_data(rating="11"))
    assert response.status_code == 200
    assert not Feedback.objects.exists()


def test_get_and_post_only(anon_client):
    assert anon_client.put(URL).status_code == 405

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from panels.models import Feedback, FeedbackStatus, LogEntry, OutboxMessage, SafeguardingPhrase, Theme
from tests.panels.factories import FeedbackFactory, ServiceFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_the_coordinator_tags_themes_links_a_service_and_redacts(coordinator_client, coordinator):
    theme = ThemeFactory(name="Waiting")
    service = ServiceFactory()
    item = FeedbackFactory(could_be_better="Call me, Jo Bloggs, on 07700 900123 or jo@example.test")
    url = reverse("panels_staff:feedback_detail", args=[item.pk])
    page = coordinator_client.get(url).content.decode()
    # The suggested redaction already takes out contact details.
    assert "[phone removed]" in page and "[email removed]" in page
    response = coordinator_client.post(
        url,
        {
            "status": "reviewed",
            "themes": [theme.pk],
            "service": service.pk,
            "hub": "",
            "redacted_text": "Call me, [name removed], on [phone removed]",
            "hidden_reason": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == FeedbackStatus.REVIEWED
    assert list(item.themes.all()) == [theme]
    assert item.service == service
    assert item.redacted_text == "Call me, [name removed], on [phone removed]"
    entry = LogEntry.objects.get(action="moderated")
    assert entry.by == coordinator and "themes" in entry.changes


def test_hiding_needs_a_reason(coordinator_client):
    item = FeedbackFactory()
    url = reverse("panels_staff:feedback_detail", args=[item.pk])
    response = coordinator_client.post(url, {"status": "hidden", "redacted_text": "x", "hidden_reason": ""})
    assert "Enter why the feedback is hidden" in response.content.decode()
    assert Feedback.objects.get().status == FeedbackStatus.NEW


def test_the_coordinator_maintains_themes_and_phrases(coordinator_client):
    coordinator_client.post(reverse("panels_staff:themes"), {"name": "Parking"})
    assert Theme.objects.filter(name="Parking", is_active=True).exists()
    coordinator_client.post(reverse("panels_staff:phrases"), {"phrase": "  Frightened   of HIM "})
    assert SafeguardingPhrase.objects.filter(phrase="frightened of him").exists()
    response = coordinator_client.post(reverse("panels_staff:themes"), {"name": "Parking"})
    assert "That theme already exists" in response.content.decode()


def test_a_new_phrase_is_used_at_once(coordinator_client, anon_client):
    import uuid

    coordinator_client.post(reverse("panels_staff:phrases"), {"phrase": "frightened of him"})
    anon_client.post(
        reverse("panels:feedback"),
        {"submission_token": str(uuid.uuid4()), "topic": "general", "could_be_better": "I'm Frightened of  him"},
    )
    assert Feedback.objects.get().safeguarding_flag


# --- Who sees what --------------------------------------------------------------------------


def test_an_editor_sees_feedback_about_their_service_redacted(editor_client, editor):
    mine = ServiceFactory(name="Infant feeding", owner=editor)
    theirs = ServiceFactory(name="Midwifery")
    FeedbackFactory(
        service=mine,
        status="reviewed",
        could_be_better="Ring Sam Smith on 07700 900123",
        redacted_text="Ring [name removed] on [phone removed]",
        contact_name="Sam Smith",
        contact_consent=True,
    )
    FeedbackFactory(service=mine, could_be_better="Not reviewed yet, from Kim Jones")
    FeedbackFactory(service=theirs, status="reviewed", could_be_better="About someone else's page")
    FeedbackFactory(service=mine, status="reviewed", could_be_better="I am not safe at home", safeguarding_flag=True)
    html = editor_client.get(reverse("panels_staff:my_feedback")).content.decode()
    assert "Ring [name removed] on [phone removed]" in html
    assert "07700" not in html and "Sam Smith" not in html
    assert "Kim Jones" not in html and "1 more item about your pages is waiting" in html
    assert "someone else" not in html
    assert "not safe at home" not in html


def test_editors_and_the_leader_cannot_open_the_moderation_queue(editor_client, leader_client):
    item = FeedbackFactory()
    for client in (editor_client, leader_client):
        assert client.get(reverse("panels_staff:feedback_queue")).status_code == 403
        assert client.get(reverse("panels_staff:feedback_detail", args=[item.pk])).status_code == 403


def test_the_coordinator_cannot_sign_off_safeguarding(coordinator_client):
    flagged = FeedbackFactory(safeguarding_flag=True)
    response = coordinator_client.get(reverse("panels_staff:safeguarding_sign_off", args=[flagged.pk]))
    assert response.status_code == 403


def test_an_unknown_feedback_id_is_404(coordinator_client):
    assert coordinator_client.get(reverse("panels_staff:feedback_detail", args=[999999])).status_code == 404


# --- Retention of feedback contact details --------------------------------------------------


def test_retention_removes_old_contact_details_but_keeps_unsigned_safeguarding(settings):
    settings.PANEL_RETENTION_MONTHS = 12
    long_ago = timezone.now() - timedelta(days=400)
    old = FeedbackFactory(created_at=long_ago, contact_consent=True, contact_email="old@example.test")
    flagged = FeedbackFactory(
        created_at=long_ago, contact_consent=True, contact_email="flag@example.test", safeguarding_flag=True
    )
    signed = FeedbackFactory(
        created_at=long_ago,
        contact_email="signed@example.test",
        safeguarding_flag=True,
        safeguarding_signed_off_at=long_ago,
    )
    recent = FeedbackFactory(contact_consent=True, contact_email="new@example.test")
    call_command("apply_retention")
    emails = dict(Feedback.objects.values_list("pk", "contact_email"))
    assert emails == {old.pk: "", flagged.pk: "flag@example.test", signed.pk: "", recent.pk: "new@example.test"}
    removed_at = Feedback.objects.get(pk=old.pk).contact_details_removed_at
    call_command("apply_retention")
    assert Feedback.objects.get(pk=old.pk).contact_details_removed_at == removed_at


def test_retention_clears_the_bodies_of_old_sent_emails_but_never_unsent_ones():
    long_ago = timezone.now() - timedelta(days=8)
    sent = OutboxMessage.objects.create(kind="welcome", to="a@example.test", subject="s", body="link", sent_at=long_ago)
    unsent = OutboxMessage.objects.create(kind="safeguarding_alert", to="b@example.test", subject="s", body="help")
    call_command("apply_retention")
    sent.refresh_from_db()
    unsent.refresh_from_db()
    assert sent.body == "(removed after sending)" and sent.sent_at == long_ago
    assert unsent.body == "help"

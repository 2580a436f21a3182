"""Writes with side effects across models: each one a transaction, each one audited."""

import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from panels.models import (
    CORRECTION_TOPICS,
    Answer,
    Ask,
    EqualityResponse,
    Feedback,
    LogEntry,
    Member,
    MemberStatus,
    OutboxMessage,
    SafeguardingPhrase,
)
from startforlife.models import User
from startforlife.permissions import Role

logger = logging.getLogger(__name__)


def log_action(*, by, action: str, obj, changes: dict | None = None) -> None:
    LogEntry.objects.create(
        by=by if by and by.is_authenticated else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=str(obj.pk),
        changes=changes or {},
    )


# --- Feedback and safeguarding ----------------------------------------------------------


@dataclass
class FeedbackResult:
    feedback: Feedback
    created: bool


def _new_reference() -> str:
    # Short enough to read out on the phone; no 0/O or 1/I to confuse.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(8))


def submit_feedback(*, submission_token: uuid.UUID, data: dict, member: Member | None = None) -> FeedbackResult:
    """Save feedback once per form; flag and alert in the same transaction when it may disclose harm.

    A second submission with the same token (double click, browser retry) returns the
    first item and changes nothing.
    """
    existing = Feedback.objects.filter(submission_token=submission_token).first()
    if existing:
        return FeedbackResult(existing, created=False)
    feedback = Feedback(submission_token=submission_token, reference=_new_reference(), member=member, **data)
    feedback.matched_phrases = SafeguardingPhrase.objects.matches(feedback.full_text())
    feedback.safeguarding_flag = feedback.worried_about_child or bool(feedback.matched_phrases)
    about = feedback.about
    if feedback.topic in CORRECTION_TOPICS and about is not None and about.owner_id:
        feedback.routed_to = about.owner
    try:
        with transaction.atomic():
            feedback.save()
            if feedback.safeguarding_flag:
                _queue_safeguarding_alert(feedback)
            elif feedback.routed_to:
                _queue_correction(feedback)
    except IntegrityError:
        # Two requests with the same token raced; the other one won.
        existing = Feedback.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return FeedbackResult(existing, created=False)
    return FeedbackResult(feedback, created=True)


def _staff_url(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def _queue_safeguarding_alert(feedback: Feedback) -> None:
    body = render_to_string(
        "panels/emails/safeguarding_alert.txt",
        {"feedback": feedback, "url": _staff_url("panels_staff:feedback_detail", pk=feedback.pk)},
    )
    OutboxMessage.objects.create(
        kind=OutboxMessage.Kind.SAFEGUARDING_ALERT,
        to=settings.PANEL_SAFEGUARDING_EMAIL,
        subject=f"Safeguarding: feedback {feedback.reference} may disclose harm",
        body=body,
        feedback=feedback,
    )


def _queue_correction(feedback: Feedback) -> None:
    # No personal details: the owner reads the redacted text in the workspace.
    body = render_to_string(
        "panels/emails/correction.txt",
        {"feedback": feedback, "url": _staff_url("panels_staff:my_feedback")},
    )
    OutboxMessage.objects.create(
        kind=OutboxMessage.Kind.CORRECTION,
        to=feedback.routed_to.email,
        subject=f"A family reported a problem with “{feedback.about}”",
        body=body,
        feedback=feedback,
    )


def send_outbox(*, now=None, limit: int = 100) -> tuple[int, int]:
    """Send what is due. Returns (sent, failed). Safe to run concurrently and every minute.

    Each message is locked while it is sent (SKIP LOCKED), so two runs never send the same
    one; a failure records the error and schedules the next attempt with a growing delay.
    """
    sent = failed = 0
    now = now or timezone.now()
    for _ in range(limit):
        with transaction.atomic():
            message = OutboxMessage.objects.due(now).select_for_update(skip_locked=True).order_by("created_at").first()
            if message is None:
                break
            message.attempts += 1
            try:
                EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to]).send()
            except Exception as error:  # noqa: BLE001 - any failure of the mail server must leave the row queued
                message.last_error = f"{type(error).__name__}: {error}"[:500]
                message.next_attempt_at = now + message.backoff()
                failed += 1
                logger.warning("Outbox message %s not sent (attempt %s): %s", message.pk, message.attempts, error)
            else:
                message.sent_at = timezone.now()
                message.last_error = ""
                sent += 1
            message.save(update_fields=["attempts", "last_error", "next_attempt_at", "sent_at"])
    return sent, failed


def sign_off_safeguarding(*, feedback: Feedback, by: User, outcome: str) -> None:
    with transaction.atomic():
        feedback.safeguarding_signed_off_at = timezone.now()
        feedback.safeguarding_signed_off_by = by
        feedback.safeguarding_outcome = outcome
        feedback.save(
            update_fields=["safeguarding_signed_off_at", "safeguarding_signed_off_by", "safeguarding_outcome"]
        )
        log_action(by=by, action="signed off safeguarding", obj=feedback)


def moderate_feedback(*, feedback: Feedback, by: User, cleaned: dict) -> None:
    with transaction.atomic():
        changes = {}
        for field in ("status", "redacted_text", "hidden_reason", "service", "hub"):
            old, new = getattr(feedback, field), cleaned[field]
            if old != new:
                changes[field] = [str(old or ""), str(new or "")]
                setattr(feedback, field, new)
        feedback.save()
        old_themes = sorted(t.name for t in feedback.themes.all())
        feedback.themes.set(cleaned["themes"])
        new_themes = sorted(t.name for t in cleaned["themes"])
        if old_themes != new_themes:
            changes["themes"] = [old_themes, new_themes]
        log_action(by=by, action="moderated", obj=feedback, changes=changes)


def delete_feedback(*, feedback: Feedback, by: User) -> None:
    if not feedback.can_be_deleted:
        raise PermissionError("Feedback flagged for safeguarding cannot be deleted")
    with transaction.atomic():
        log_action(by=by, action="deleted", obj=feedback, changes={"reference": feedback.reference})
        feedback.delete()


def save_answer(*, ask: Ask, member: Member, values: dict, worried: bool) -> Answer:
    """One answer per member per ask, changed in place until the ask closes.

    Flagged like feedback; an alert is queued only when the flagged text is new, so
    sending the same form twice does not alert twice.
    """
    with transaction.atomic():
        answer = Answer.objects.select_for_update().filter(ask=ask, member=member).first() or Answer(
            ask=ask, member=member
        )
        changed = (answer.text, answer.selected, answer.rating) != (
            values["text"],
            values["selected"],
            values["rating"],
        )
        answer.text, answer.selected, answer.rating = values["text"], values["selected"], values["rating"]
        flagged = worried or bool(SafeguardingPhrase.objects.matches(answer.text))
        needs_alert = flagged and (changed or not answer.safeguarding_flag)
        answer.safeguarding_flag = answer.safeguarding_flag or flagged
        answer.save()
        if needs_alert:
            body = render_to_string(
                "panels/emails/safeguarding_alert_answer.txt",
                {"answer": answer, "member": member, "url": _staff_url("panels_staff:ask_results", pk=ask.pk)},
            )
            OutboxMessage.objects.create(
                kind=OutboxMessage.Kind.SAFEGUARDING_ALERT,
                to=settings.PANEL_SAFEGUARDING_EMAIL,
                subject="Safeguarding: a panel member's answer may disclose harm",
                body=body,
            )
    return answer


# --- Membership ---------------------------------------------------------------------------


def decide_application(*, member: Member, by: User, status: MemberStatus, reason: str = "") -> None:
    """Accept, waitlist or decline. Accepting creates the member's account and emails a link."""
    with transaction.atomic():
        old = member.status
        member.status = status
        member.status_changed_at = timezone.now()
        member.decision_reason = reason
        # Without an email address there is no account: the coordinator keeps in touch by phone.
        if status == MemberStatus.ACTIVE and member.user_id is None and member.email:
            member.user = _account_for(member)
            _queue_welcome(member)
        member.save()
        log_action(by=by, action="decided application", obj=member, changes={"status": [old, status]})


def _account_for(member: Member) -> User:
    user = User.objects.filter(email__iexact=member.email).first()
    if user is None:
        user = User.objects.create_user(member.email, None, full_name=member.full_name)  # unusable password
    user.groups.add(Group.objects.get(name=Role.PANEL_MEMBER.value))
    return user


def password_link(user: User) -> str:
    """A one-time link to set a password: Django's reset token, void once the password changes."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return settings.SITE_URL + reverse("panels:set_password", kwargs={"uidb64": uid, "token": token})


def resend_sign_in_link(*, member: Member, by: User) -> None:
    with transaction.atomic():
        _queue_welcome(member)
        log_action(by=by, action="sent a new sign-in link", obj=member)


def _queue_welcome(member: Member) -> None:
    body = render_to_string("panels/emails/welcome.txt", {"member": member, "link": password_link(member.user)})
    OutboxMessage.objects.create(
        kind=OutboxMessage.Kind.WELCOME,
        to=member.email,
        subject="Welcome to the Parent and Carer Panel",
        body=body,
    )


def set_member_active(*, member: Member, by: User, active: bool) -> None:
    with transaction.atomic():
        old = member.status
        member.status = MemberStatus.ACTIVE if active else MemberStatus.INACTIVE
        member.status_changed_at = timezone.now()
        member.save(update_fields=["status", "status_changed_at"])
        if member.user_id:
            member.user.is_active = active
            member.user.save(update_fields=["is_active"])
        log_action(by=by, action="changed status", obj=member, changes={"status": [old, member.status]})


def forget_member(*, member: Member, by: User | None, reason: str) -> None:
    """Leaving or retention: answers stay anonymous, identity and equality answers go."""
    with transaction.atomic():
        EqualityResponse.objects.filter(token=member.equality_token).delete()
        Answer.objects.filter(member=member).update(member=None)
        Feedback.objects.filter(member=member).update(member=None)
        member.meetings_attended.clear()
        user = member.user
        member.full_name = ""
        member.email = ""
        member.phone = ""
        member.access_needs = []
        member.access_needs_other = ""
        member.preferred_language = ""
        member.decision_reason = ""
        member.user = None
        member.status = MemberStatus.LEFT
        member.status_changed_at = timezone.now()
        member.equality_token = secrets.token_urlsafe(24)
        member.save()
        if user is not None and not (user.is_superuser or user.groups.exclude(name=Role.PANEL_MEMBER.value).exists()):
            user.delete()
        elif user is not None:
            user.groups.remove(Group.objects.get(name=Role.PANEL_MEMBER.value))
        log_action(by=by, action=reason, obj=member)


SENT_EMAIL_BODY_DAYS = 7
SENT_BODY_REMOVED = "(removed after sending)"


# --- Retention ------------------------------------------------------------------------------


def apply_retention(*, now=None) -> dict[str, int]:
    """Remove what we no longer need. Running it twice changes nothing the second time."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.PANEL_RETENTION_MONTHS)
    feedback = (
        Feedback.objects.filter(created_at__lt=cutoff, contact_details_removed_at__isnull=True)
        # Flagged items wait for a safeguarding lead's sign-off (ADR 0030).
        .exclude(safeguarding_flag=True, safeguarding_signed_off_at__isnull=True)
    )
    contact_removed = feedback.update(
        contact_name="", contact_email="", contact_phone="", contact_consent=False, contact_details_removed_at=now
    )
    members = Member.objects.filter(
        status__in=[MemberStatus.INACTIVE, MemberStatus.DECLINED], status_changed_at__lt=cutoff
    )
    forgotten = 0
    for member in members:
        forget_member(member=member, by=None, reason="removed by retention")
        forgotten += 1
    # Sent emails keep who, when and whether; their bodies (disclosures, sign-in links) go after a week.
    bodies_cleared = (
        OutboxMessage.objects.filter(sent_at__lt=now - timedelta(days=SENT_EMAIL_BODY_DAYS))
        .exclude(body=SENT_BODY_REMOVED)
        .update(body=SENT_BODY_REMOVED)
    )
    return {
        "feedback_contact_removed": contact_removed,
        "members_forgotten": forgotten,
        "email_bodies_cleared": bodies_cleared,
    }

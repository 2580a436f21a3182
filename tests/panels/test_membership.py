import re
import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from panels.models import Answer, EqualityResponse, LogEntry, Member, MemberStatus
from panels.services import forget_member
from startforlife.models import User
from startforlife.permissions import Role, has_permission
from tests.conftest import make_user
from tests.panels.factories import AskFactory, MemberFactory

pytestmark = pytest.mark.django_db

JOIN = reverse("panels:join")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def application(**overrides) -> dict:
    data = {
        "submission_token": str(uuid.uuid4()),
        "full_name": "Aisha Rahman",
        "email": "aisha@example.test",
        "phone": "01632 960 123",
        "connection": "pregnant",
        "area": "east",
        "access_needs": ["creche", "interpreter"],
        "preferred_language": "Bengali",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_it_records_an_application_with_the_privacy_notice_version_and_time(anon_client, settings):
    settings.PANEL_PRIVACY_NOTICE_VERSION = "v7"
    response = anon_client.post(JOIN, application())
    assert response["Location"] == reverse("panels:join_equality")
    member = Member.objects.get()
    assert member.status == MemberStatus.APPLIED
    assert member.privacy_notice_version == "v7"
    assert timezone.now() - member.consented_at < timedelta(minutes=1)
    assert member.access_needs == ["creche", "interpreter"]


def test_it_requires_consent_and_a_name(anon_client):
    response = anon_client.post(JOIN, application(consent="", full_name="   "))
    html = response.content.decode()
    assert "Confirm you have read the privacy notice" in html
    assert "Enter your full name" in html
    assert not Member.objects.exists()


def test_the_same_application_sent_twice_is_saved_once(anon_client):
    data = application()
    anon_client.post(JOIN, data)
    anon_client.post(JOIN, data)
    assert Member.objects.count() == 1


def test_equality_answers_are_stored_apart_with_prefer_not_to_say(anon_client):
    anon_client.post(JOIN, application())
    page = anon_client.get(reverse("panels:join_equality")).content.decode()
    assert page.count("Prefer not to say") == 6
    assert "White and Black Caribbean" in page  # ONS 2021 categories
    anon_client.post(
        reverse("panels:join_equality"),
        {"parent_role": "mum", "ethnicity": "asian_bangladeshi", "lgbt": "prefer_not", "age_band": "25_34"},
    )
    answers = EqualityResponse.objects.get()
    assert answers.token == Member.objects.get().equality_token
    assert (answers.ethnicity, answers.lgbt, answers.disability) == ("asian_bangladeshi", "prefer_not", "")
    # No relation from the member: the only link is the opaque token.
    assert not any(f.related_model is EqualityResponse for f in Member._meta.get_fields())


def test_the_equality_page_needs_an_application_in_this_browser(anon_client):
    assert anon_client.get(reverse("panels:join_equality"))["Location"] == JOIN


def test_the_coordinator_sees_applications_and_accepts_one(coordinator_client, coordinator):
    member = MemberFactory(status=MemberStatus.APPLIED, full_name="Ola Nowak", email="ola@example.test")
    assert "Ola Nowak" in coordinator_client.get(reverse("panels_staff:applications")).content.decode()
    response = coordinator_client.post(reverse("panels_staff:member_detail", args=[member.pk]), {"decision": "active"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE
    assert has_permission(member.user, "panels.take_part")
    assert not member.user.has_usable_password()
    assert LogEntry.objects.filter(action="decided application", by=coordinator).exists()

    # The welcome email carries a one-time link to set a password.
    call_command("send_outbox")
    link = re.search(r"http\S+/panel/set-password/\S+", mail.outbox[0].body).group(0)
    path = link.removeprefix("http://127.0.0.1:8000")
    client = Client()
    form_page = client.get(path, follow=True)
    assert "Set your password" in form_page.content.decode()
    new_password = "three random words 42"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})
    assert User.objects.get(pk=member.user.pk).check_password(new_password)
    # The link works once.
    assert "This link has expired" in Client().get(path, follow=True).content.decode()


def test_declining_needs_a_reason(coordinator_client):
    member = MemberFactory(status=MemberStatus.APPLIED)
    url = reverse("panels_staff:member_detail", args=[member.pk])
    assert "Enter a reason" in coordinator_client.post(url, {"decision": "declined"}).content.decode()
    coordinator_client.post(url, {"decision": "declined", "reason": "Lives outside the borough"})
    member.refresh_from_db()
    assert (member.status, member.decision_reason, member.user) == ("declined", "Lives outside the borough", None)


def test_a_coordinator_marks_a_member_inactive(coordinator_client):
    user = make_user(Role.PANEL_MEMBER, email="m@example.test")
    member = MemberFactory(user=user)
    coordinator_client.post(reverse("panels_staff:member_set_active", args=[member.pk]), {"active": "no"})
    member.refresh_from_db()
    user.refresh_from_db()
    assert member.status == MemberStatus.INACTIVE
    assert not user.is_active


# --- Members' own data ---------------------------------------------------------------------


@pytest.fixture
def member(panel_member):
    member = MemberFactory(user=panel_member, full_name="Jordan Lee", email=panel_member.email)
    EqualityResponse.objects.create(token=member.equality_token, ethnicity="white_irish")
    return member


def test_a_member_downloads_their_own_data(panel_member_client, member):
    response = panel_member_client.get(reverse("panels:member_data"))
    data = response.json()
    assert data["member"]["full_name"] == "Jordan Lee"
    assert data["equality_monitoring"][0]["ethnicity"] == "white_irish"
    assert "attachment" in response["Content-Disposition"]


def test_a_member_sees_only_their_own_page(panel_member_client, member):
    MemberFactory(full_name="Someone Else")
    html = panel_member_client.get(reverse("panels:member_home")).content.decode()
    assert "Jordan Lee" in html
    assert "Someone Else" not in html


def test_leaving_deletes_identity_and_equality_data_but_keeps_answers(panel_member_client, member, panel_member):
    answer = Answer.objects.create(ask=AskFactory(), member=member, text="More evening sessions")
    assert panel_member_client.get(reverse("panels:leave_confirm")).status_code == 405
    panel_member_client.post(reverse("panels:leave_confirm"))
    member.refresh_from_db()
    answer.refresh_from_db()
    assert (member.full_name, member.email, member.status) == ("", "", MemberStatus.LEFT)
    assert not EqualityResponse.objects.exists()
    assert not User.objects.filter(pk=panel_member.pk).exists()
    assert answer.member is None and answer.text == "More evening sessions"


def test_someone_without_membership_gets_404(panel_member_client):
    assert panel_member_client.get(reverse("panels:member_home")).status_code == 404


def test_anonymous_people_are_sent_to_sign_in(anon_client):
    assert reverse("sign_in") in anon_client.get(reverse("panels:member_home"))["Location"]


def test_staff_cannot_use_member_pages(editor_client):
    assert editor_client.get(reverse("panels:member_home")).status_code == 403


# --- Retention -----------------------------------------------------------------------------


def test_retention_forgets_long_inactive_members_and_is_idempotent(settings):
    settings.PANEL_RETENTION_MONTHS = 12
    old = MemberFactory(status=MemberStatus.INACTIVE, status_changed_at=timezone.now() - timedelta(days=400))
    EqualityResponse.objects.create(token=old.equality_token, ethnicity="other_arab")
    recent = MemberFactory(status=MemberStatus.INACTIVE, status_changed_at=timezone.now() - timedelta(days=100))
    active = MemberFactory(status=MemberStatus.ACTIVE, status_changed_at=timezone.now() - timedelta(days=900))
    call_command("apply_retention")
    old.refresh_from_db()
    assert old.full_name == "" and old.status == MemberStatus.LEFT
    assert not EqualityResponse.objects.exists()
    assert Member.objects.get(pk=recent.pk).full_name == recent.full_name
    assert Member.objects.get(pk=active.pk).full_name == active.full_name
    before = list(Member.objects.values_list("pk", "full_name", "status", "status_changed_at"))
    call_command("apply_retention")
    assert list(Member.objects.values_list("pk", "full_name", "status", "status_changed_at")) == before


def test_a_member_account_is_not_a_staff_account(member):
    assert not has_permission(member.user, "manage.enter")


def test_leaving_keeps_a_staff_account_that_is_also_a_member(coordinator):
    member = MemberFactory(user=coordinator)
    forget_member(member=member, by=None, reason="left the panel")
    assert User.objects.filter(pk=coordinator.pk).exists()


def test_hostile_text_in_an_application_is_stored_and_shown_escaped(anon_client, coordinator_client):
    anon_client.post(JOIN, application(full_name="<b>Zoë</b> 李 🙂", preferred_language="<script>x</script>"))
    member = Member.objects.get()
    html = coordinator_client.get(reverse("panels_staff:member_detail", args=[member.pk])).content.decode()
    assert "&lt;b&gt;Zoë&lt;/b&gt; 李 🙂" in html
    assert "<script>x" not in html


def test_an_over_long_name_gets_a_clear_error(anon_client):
    response = anon_client.post(JOIN, application(full_name="a" * 201))
    assert "Full name must be 200 characters or fewer" in response.content.decode()


def test_the_coordinator_can_email_a_fresh_sign_in_link(coordinator_client):
    user = make_user(Role.PANEL_MEMBER, email="forgetful@example.test")
    member = MemberFactory(user=user, email=user.email)
    url = reverse("panels_staff:member_send_link", args=[member.pk])
    assert coordinator_client.get(url).status_code == 405
    coordinator_client.post(url)
    call_command("send_outbox")
    assert mail.outbox[0].to == ["forgetful@example.test"]
    assert "/panel/set-password/" in mail.outbox[0].body


def test_an_applicant_may_give_a_phone_number_instead_of_an_email(anon_client):
    response = anon_client.post(JOIN, application(email="", phone=""))
    assert "Enter an email address or a telephone number" in response.content.decode()
    anon_client.post(JOIN, application(email="", phone="01632 960 555"))
    assert Member.objects.get().phone == "01632 960 555"


def test_accepting_an_applicant_without_email_makes_no_account(coordinator_client):
    member = MemberFactory(status=MemberStatus.APPLIED, email="", phone="01632 960 555")
    coordinator_client.post(reverse("panels_staff:member_detail", args=[member.pk]), {"decision": "active"})
    member.refresh_from_db()
    assert member.status == MemberStatus.ACTIVE and member.user is None

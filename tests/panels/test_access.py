"""Every panel staff and member URL × every role → the expected status (one table)."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from panels.models import Ask, Feedback, Meeting, Member, MemberStatus
from startforlife.models import User
from startforlife.permissions import Role
from tests.conftest import client_for, make_user
from tests.panels.factories import AskFactory, FeedbackFactory, MemberFactory

pytestmark = pytest.mark.django_db

COORD = {Role.PANEL_COORDINATOR}
REPORTS = {Role.PANEL_COORDINATOR, Role.LEADER}
OWNERS = {Role.EDITOR, Role.PUBLISHER}
SIGN_OFF = {Role.LEADER}

# name, args (filled from the demo), who gets 200
STAFF_PAGES = [
    ("panels_staff:dashboard", None, COORD),
    ("panels_staff:feedback_queue", None, COORD),
    ("panels_staff:feedback_detail", "feedback", COORD),
    ("panels_staff:safeguarding_list", None, SIGN_OFF),
    ("panels_staff:safeguarding_sign_off", "flagged", SIGN_OFF),
    ("panels_staff:my_feedback", None, OWNERS),
    ("panels_staff:themes", None, COORD),
    ("panels_staff:phrases", None, COORD),
    ("panels_staff:applications", None, COORD),
    ("panels_staff:roster", None, COORD),
    ("panels_staff:member_detail", "member", COORD),
    ("panels_staff:asks", None, COORD),
    ("panels_staff:ask_add", None, COORD),
    ("panels_staff:ask_edit", "ask", COORD),
    ("panels_staff:ask_results", "ask", COORD),
    ("panels_staff:meetings", None, COORD),
    ("panels_staff:meeting_add", None, COORD),
    ("panels_staff:meeting_edit", "meeting", COORD),
    ("panels_staff:actions", None, COORD),
    ("panels_staff:action_add", None, COORD),
    ("panels_staff:population", None, COORD),
    ("panels_staff:reports", None, REPORTS),
    ("panels_staff:reports_csv", None, REPORTS),
]


@pytest.fixture
def demo():
    call_command("seed_demo", verbosity=0)


@pytest.fixture
def objects():
    FeedbackFactory()
    FeedbackFactory(safeguarding_flag=True)
    MemberFactory(status=MemberStatus.APPLIED)
    AskFactory()
    Meeting.objects.create(title="Winter panel", starts_at=timezone.now(), place="Riverside")


def _args(kind):
    if kind is None:
        return []
    obj = {
        "feedback": lambda: Feedback.objects.filter(safeguarding_flag=False).first(),
        "flagged": lambda: Feedback.objects.awaiting_sign_off().first(),
        "member": lambda: Member.objects.filter(status=MemberStatus.APPLIED).first(),
        "ask": lambda: Ask.objects.first(),
        "meeting": lambda: Meeting.objects.first(),
    }[kind]()
    return [obj.pk]


@pytest.mark.parametrize("role", [*Role, None], ids=lambda r: r.name if r else "anonymous")
@pytest.mark.parametrize(("name", "kind", "allowed"), STAFF_PAGES, ids=[p[0] for p in STAFF_PAGES])
def test_staff_pages_by_role(objects, name, kind, allowed, role):
    url = reverse(name, args=_args(kind))
    if role is None:
        response = Client().get(url)
        assert response.status_code == 302 and reverse("sign_in") in response["Location"]
        return
    client = client_for(make_user(role))
    expected = 200 if role in allowed else 403
    assert client.get(url).status_code == expected


def test_the_leader_sees_aggregates_but_no_member_names(demo):
    leader = client_for(make_user(Role.LEADER, email="the-leader@example.test"))
    html = leader.get(reverse("panels_staff:reports")).content.decode()
    csv = leader.get(reverse("panels_staff:reports_csv")).content.decode()
    assert "Who is on the panel" in html
    names = [m.full_name for m in Member.objects.exclude(full_name="")]
    assert names
    for name in names:
        assert name not in html and name not in csv
    assert leader.get(reverse("panels_staff:roster")).status_code == 403


def test_nobody_sees_equality_answers_individually(demo):
    coordinator = client_for(make_user(Role.PANEL_COORDINATOR, email="c2@example.test"))
    editor = client_for(make_user(Role.EDITOR, email="e2@example.test"))
    member = Member.objects.filter(status=MemberStatus.ACTIVE).exclude(full_name="").first()
    page = coordinator.get(reverse("panels_staff:member_detail", args=[member.pk])).content.decode()
    for label in ("Bangladeshi", "Ethnic", "LGBT", "disabled"):
        assert label not in page
    assert editor.get(reverse("panels_staff:reports")).status_code == 403
    assert editor.get(reverse("panels_staff:member_detail", args=[member.pk])).status_code == 403


def test_report_pages_query_counts_do_not_grow_with_data(demo, django_assert_max_num_queries):
    coordinator = client_for(make_user(Role.PANEL_COORDINATOR, email="c3@example.test"))
    for name, limit in (
        ("panels_staff:feedback_queue", 10),
        ("panels_staff:reports", 20),
        ("panels_staff:roster", 8),
        ("panels_staff:asks", 8),
        ("panels_staff:actions", 9),
    ):
        with django_assert_max_num_queries(limit):
            assert coordinator.get(reverse(name)).status_code == 200


def test_public_pages_are_public(objects):
    client = Client()
    for name in ("about", "feedback", "join", "you_said_we_did"):
        assert client.get(reverse(f"panels:{name}")).status_code == 200


def test_the_demo_member_sees_their_panel_page(demo):
    user = User.objects.get(email="member@brackenford.example")
    html = client_for(user).get(reverse("panels:member_home")).content.decode()
    assert "When could you come to sessions?" in html


@pytest.mark.parametrize(
    ("role", "expected", "not_expected"),
    [
        (Role.PANEL_COORDINATOR, "Run the Parent and Carer Panel", "Safeguarding concerns to sign off"),
        (Role.LEADER, "Safeguarding concerns to sign off", "Run the Parent and Carer Panel"),
        (Role.EDITOR, "Feedback about your pages", "Parent and Carer Panel report"),
    ],
)
def test_the_dashboard_include_shows_each_role_its_panel_links(role, expected, not_expected):
    from django.template import Context, Template

    html = Template('{% include "panels/staff/includes/dashboard_links.html" %}').render(
        Context({"user": make_user(role)})
    )
    assert expected in html and not_expected not in html


def test_public_and_member_pages_query_counts(demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        assert Client().get(reverse("panels:you_said_we_did")).status_code == 200
    member = client_for(User.objects.get(email="member@brackenford.example"))
    with django_assert_max_num_queries(12):
        html = member.get(reverse("panels:member_home")).content.decode()
    assert "Minutes: Winter panel" in html


POST_ONLY = [
    ("panels_staff:feedback_delete", "feedback"),
    ("panels_staff:theme_toggle", "theme"),
    ("panels_staff:phrase_toggle", "phrase"),
    ("panels_staff:member_set_active", "active_member"),
    ("panels_staff:member_send_link", "active_member"),
]


@pytest.mark.parametrize(("name", "kind"), POST_ONLY, ids=[p[0] for p in POST_ONLY])
def test_state_changes_need_post_and_the_coordinator(objects, name, kind, coordinator_client, leader_client):
    from panels.models import SafeguardingPhrase, Theme

    obj = {
        "feedback": lambda: Feedback.objects.filter(safeguarding_flag=False).first(),
        "theme": lambda: Theme.objects.first(),
        "phrase": lambda: SafeguardingPhrase.objects.first(),
        "active_member": lambda: MemberFactory(user=make_user(Role.PANEL_MEMBER, email="pm@example.test")),
    }[kind]()
    url = reverse(name, args=[obj.pk])
    assert coordinator_client.get(url).status_code == 405
    assert leader_client.post(url).status_code == 403
    assert Client().post(url).status_code == 302  # to sign in
    assert coordinator_client.post(url).status_code == 302


def test_feedback_from_a_signed_in_member_is_linked_to_them(panel_member, panel_member_client):
    import uuid

    member = MemberFactory(user=panel_member)
    panel_member_client.post(
        reverse("panels:feedback"),
        {"submission_token": str(uuid.uuid4()), "topic": "general", "could_be_better": "More seats"},
    )
    assert Feedback.objects.get().member == member

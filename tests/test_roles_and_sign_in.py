import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from startforlife.models import User
from startforlife.permissions import MATRIX, Role, has_permission
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db


def test_every_role_exists_as_a_group_after_migrating():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}


@pytest.mark.parametrize(
    ("role", "permission", "expected"),
    [
        (Role.EDITOR, "offers.edit", True),
        (Role.EDITOR, "offers.publish", False),
        (Role.PUBLISHER, "offers.publish", True),
        (Role.LEADER, "offers.view_staff", True),
        (Role.LEADER, "offers.edit", False),
        (Role.LEADER, "panels.view_reports", True),
        (Role.LEADER, "panels.coordinate", False),
        (Role.PANEL_COORDINATOR, "panels.coordinate", True),
        (Role.PANEL_COORDINATOR, "offers.edit", False),
        (Role.PANEL_MEMBER, "manage.enter", False),
        (Role.PANEL_MEMBER, "panels.take_part", True),
    ],
)
def test_permission_matrix(role, permission, expected):
    assert has_permission(make_user(role), permission) is expected


def test_superusers_may_do_everything_and_inactive_users_nothing():
    superuser = make_user(None, is_superuser=True)
    former_editor = make_user(Role.EDITOR, is_active=False)

    assert all(has_permission(superuser, name) for name in MATRIX)
    assert not any(has_permission(former_editor, name) for name in MATRIX)


def test_an_unknown_permission_is_a_programming_error():
    with pytest.raises(KeyError):
        has_permission(make_user(Role.EDITOR), "offers.delete_everything")


def test_staff_sign_in_with_email_and_password(anon_client):
    make_user(Role.EDITOR, email="priya@example.test")

    response = anon_client.post(
        reverse("sign_in"), {"username": "Priya@Example.test", "password": "correct-horse-battery"}
    )

    assert response.status_code == 302
    assert response.url == reverse("account_home")


def test_a_wrong_password_and_an_unknown_email_get_the_same_message(anon_client):
    make_user(Role.EDITOR, email="priya@example.test")

    wrong_password = anon_client.post(reverse("sign_in"), {"username": "priya@example.test", "password": "nope"})
    unknown_email = anon_client.post(reverse("sign_in"), {"username": "nobody@example.test", "password": "nope"})

    message = b"Enter a correct email address and password"
    assert message in wrong_password.content and message in unknown_email.content
    assert b"There is a problem" in wrong_password.content


def test_an_empty_sign_in_form_says_what_to_enter(anon_client):
    response = anon_client.post(reverse("sign_in"), {"username": "", "password": ""})

    assert b"Enter your email address" in response.content
    assert b"Enter your password" in response.content


def test_signing_out_ends_the_session(editor_client):
    response = editor_client.post(reverse("sign_out"))

    assert response.status_code == 302
    assert editor_client.get(reverse("manage_dashboard")).status_code == 302


def test_signing_out_needs_a_post(editor_client):
    assert editor_client.get(reverse("sign_out")).status_code == 405


def test_the_staff_workspace_sends_anonymous_visitors_to_sign_in(anon_client):
    response = anon_client.get(reverse("manage_dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign_in") + "?next=/manage/")


def test_pages_not_marked_public_need_signing_in(anon_client):
    response = anon_client.get(reverse("account_home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("sign_in"))


@pytest.mark.parametrize(
    ("client_fixture", "status"),
    [
        ("editor_client", 200),
        ("publisher_client", 200),
        ("coordinator_client", 200),
        ("leader_client", 200),
        ("panel_member_client", 403),
    ],
)
def test_staff_workspace_by_role(request, client_fixture, status):
    client = request.getfixturevalue(client_fixture)

    assert client.get(reverse("manage_dashboard")).status_code == status


def test_django_admin_is_for_superusers_only(editor_client):
    superuser = make_user(None, email="root@example.test", is_superuser=True, is_staff=True)
    admin_client = client_for(superuser)

    assert editor_client.get("/django-admin/").status_code == 302
    assert admin_client.get("/django-admin/").status_code == 200


def test_passwords_are_hashed_with_argon2():
    user = make_user(Role.EDITOR)

    assert user.password.startswith("argon2")


def test_seed_demo_creates_one_account_per_role_and_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = {"users": User.objects.count(), "groups": Group.objects.count()}
    passwords = dict(User.objects.values_list("email", "password"))

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert {"users": User.objects.count(), "groups": Group.objects.count()} == counts
    assert dict(User.objects.values_list("email", "password")) == passwords
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists()


def test_a_failed_sign_in_says_error_in_the_page_title(anon_client):
    html = anon_client.post(reverse("sign_in"), {"username": "", "password": ""}).content.decode()

    assert "<title>Error: Sign in" in html
    assert html.count("govuk-error-summary__title") == 1

"""Two-factor sign-in, lockouts and session limits (OWASP ASVS L2)."""

import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from startforlife.permissions import Role
from tests.conftest import client_for, make_user

pytestmark = pytest.mark.django_db
PASSWORD = "correct-horse-battery"


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra):
    return client.post(reverse("sign_in"), {"username": email, "password": password}, **extra)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_staff_must_set_up_an_authenticator_before_reaching_the_workspace(anon_client):
    make_user(Role.EDITOR, email="priya@example.test")
    sign_in(anon_client, "priya@example.test")

    response = anon_client.get(reverse("manage_dashboard"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("two_factor_setup"))
    assert b"Set up your authenticator app" in response.content
    assert b"data:image/svg+xml" in response.content  # the QR code


def test_setting_up_an_authenticator_shows_recovery_codes_once_then_lets_staff_in(anon_client):
    editor = make_user(Role.EDITOR, email="priya@example.test")
    sign_in(anon_client, "priya@example.test")
    anon_client.get(reverse("two_factor_setup"))
    device = TOTPDevice.objects.get(user=editor)

    response = anon_client.post(reverse("two_factor_setup") + "?next=/manage/", {"code": current_code(device)})
    codes_page = anon_client.get(response.url)
    again = anon_client.get(response.url)

    assert b"Save your recovery codes" in codes_page.content
    assert StaticToken.objects.filter(device__user=editor).count() == 10
    assert again.status_code == 302  # shown once only
    assert anon_client.get(reverse("manage_dashboard")).status_code == 200


def test_a_wrong_code_gets_a_clear_error(anon_client):
    make_user(Role.EDITOR, email="priya@example.test")
    sign_in(anon_client, "priya@example.test")
    anon_client.get(reverse("two_factor_setup"))

    response = anon_client.post(reverse("two_factor_setup"), {"code": "000000"})

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert b"The code is not right" in response.content
    assert anon_client.get(reverse("manage_dashboard")).status_code == 302


def test_staff_with_an_authenticator_give_a_code_at_each_sign_in(anon_client):
    editor = make_user(Role.EDITOR, email="priya@example.test")
    device = TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    sign_in(anon_client, "priya@example.test")

    blocked = anon_client.get(reverse("manage_dashboard"))
    anon_client.post(reverse("two_factor_verify"), {"code": current_code(device)})

    assert blocked.url.startswith(reverse("two_factor_verify"))
    assert anon_client.get(reverse("manage_dashboard")).status_code == 200


def test_a_recovery_code_works_once(anon_client):
    editor = make_user(Role.EDITOR, email="priya@example.test")
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    recovery = editor.staticdevice_set.create(name="Recovery codes")
    recovery.token_set.create(token="12345678")

    sign_in(anon_client, "priya@example.test")
    anon_client.post(reverse("two_factor_verify"), {"code": "1234 5678"})
    first = anon_client.get(reverse("manage_dashboard")).status_code
    anon_client.post(reverse("sign_out"))
    sign_in(anon_client, "priya@example.test")
    anon_client.post(reverse("two_factor_verify"), {"code": "12345678"})
    second = anon_client.get(reverse("manage_dashboard")).status_code

    assert (first, second) == (200, 302)


def test_panel_members_are_offered_two_factor_but_not_made_to(anon_client):
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    sign_in(anon_client, "jordan@example.test")

    assert anon_client.get(reverse("account_home")).status_code == 200
    assert anon_client.get(reverse("two_factor_setup")).status_code == 200


def test_public_pages_stay_open_while_a_second_factor_is_owed(anon_client):
    make_user(Role.EDITOR, email="priya@example.test")
    sign_in(anon_client, "priya@example.test")

    assert anon_client.get("/").status_code == 200


def test_signing_in_gives_a_new_session_id(anon_client):
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    anon_client.get(reverse("sign_in"))
    anon_client.session.save()
    before = anon_client.session.session_key

    sign_in(anon_client, "jordan@example.test")

    assert anon_client.session.session_key != before


def test_five_failures_lock_the_account_for_that_address_for_15_minutes(anon_client):
    make_user(Role.EDITOR, email="priya@example.test")
    for _ in range(5):
        sign_in(anon_client, "priya@example.test", "wrong-password")

    locked = sign_in(anon_client, "priya@example.test")
    other_address = sign_in(Client(), "priya@example.test", REMOTE_ADDR="192.0.2.7")

    assert b"Sign in is locked for 15 minutes" in locked.content
    assert "_auth_user_id" not in anon_client.session
    assert other_address.status_code == 302  # the lock is per account and address


def test_the_lockout_page_is_the_same_for_an_unknown_account(anon_client):
    for _ in range(5):
        sign_in(anon_client, "nobody@example.test", "wrong-password")

    assert b"Sign in is locked for 15 minutes" in sign_in(anon_client, "nobody@example.test").content


def test_staff_are_signed_out_after_30_minutes_idle(editor_client):
    session = editor_client.session
    session["last_seen"] = int(time.time()) - 31 * 60
    session.save()

    response = editor_client.get(reverse("manage_dashboard"))

    assert response.url.startswith(reverse("sign_in"))
    assert editor_client.get(reverse("manage_dashboard")).status_code == 302


def test_staff_are_signed_out_8_hours_after_signing_in_even_when_busy(editor_client):
    session = editor_client.session
    session["signed_in_at"] = int(time.time()) - 8 * 60 * 60 - 1
    session.save()

    assert editor_client.get(reverse("manage_dashboard")).url.startswith(reverse("sign_in"))


def test_disabling_an_account_ends_its_sessions(editor, editor_client):
    other_browser = client_for(editor)
    editor.is_active = False
    editor.save()

    assert editor_client.get(reverse("manage_dashboard")).status_code == 302
    assert other_browser.get(reverse("manage_dashboard")).status_code == 302


def test_signing_out_ends_every_session_of_that_person(editor):
    laptop, phone = client_for(editor), client_for(editor)

    laptop.post(reverse("sign_out"))

    assert phone.get(reverse("manage_dashboard")).status_code == 302

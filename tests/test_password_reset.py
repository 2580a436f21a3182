"""Forgot your password: no user enumeration, one-use links, sessions ended, second factor kept."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from panels.models import OutboxMessage
from startforlife import password_reset
from startforlife.permissions import Role
from tests.conftest import client_for, make_user
from tests.test_hostile_input import PAYLOADS, assert_handled_safely

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "kettle-lantern-orchard"
FORGOT = reverse("password_reset")


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


def ask_for_link(client: Client, email: str, **extra):
    return client.post(FORGOT, {"email": email}, **extra)


def emailed_link(to: str) -> str:
    body = OutboxMessage.objects.get(kind=OutboxMessage.Kind.PASSWORD_RESET, to=to).body
    return re.search(r"https?://\S+(/sign-in/reset-password/\S+/)", body).group(1)


def choose_password(client: Client, link: str, password: str = NEW_PASSWORD):
    form_url = client.get(link).url  # Django swaps the token for a session key, out of the address bar
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def without_per_request_values(html: bytes) -> str:
    text = html.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'nonce="[^"]+"', "", text)


def test_the_sign_in_page_offers_a_reset(anon_client):
    page = anon_client.get(reverse("sign_in")).content.decode()

    assert f'href="{FORGOT}"' in page
    assert "Forgot your password?" in page


def test_the_answer_is_the_same_whether_or_not_there_is_an_account():
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    known, unknown = Client(), Client()

    known_response = ask_for_link(known, "jordan@example.test")
    unknown_response = ask_for_link(unknown, "nobody@example.test")
    known_page, unknown_page = known.get(known_response.url), unknown.get(unknown_response.url)

    assert (known_response.status_code, known_response.url) == (unknown_response.status_code, unknown_response.url)
    assert known_page.status_code == unknown_page.status_code == 200
    assert without_per_request_values(known_page.content) == without_per_request_values(unknown_page.content)
    assert b"Check your email" in known_page.content
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["jordan@example.test"]


def test_no_email_for_a_disabled_account(anon_client):
    make_user(Role.EDITOR, email="priya@example.test", is_active=False)

    response = ask_for_link(anon_client, "priya@example.test")

    assert response.url == reverse("password_reset_sent")
    assert not OutboxMessage.objects.exists()


def test_the_email_is_plain_english_with_a_one_hour_link(anon_client):
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")

    ask_for_link(anon_client, "JORDAN@example.test ")

    message = OutboxMessage.objects.get()
    assert message.subject == "Reset your Start for Life password"
    assert "It works once, for 60 minutes" in message.body
    assert "If you did not ask, you can ignore this email" in message.body
    assert emailed_link("jordan@example.test")


def test_a_new_member_whose_welcome_link_ran_out_can_set_a_password_this_way(anon_client):
    member = make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    member.set_unusable_password()
    member.save()
    ask_for_link(anon_client, "jordan@example.test")

    choose_password(anon_client, emailed_link("jordan@example.test"))

    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


def test_the_link_sets_a_new_password_once(anon_client):
    member = make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    ask_for_link(anon_client, "jordan@example.test")
    link = emailed_link("jordan@example.test")

    done = choose_password(anon_client, link)
    signed_in = anon_client.post(reverse("sign_in"), {"username": "jordan@example.test", "password": NEW_PASSWORD})
    again = Client().get(link, follow=True)

    member.refresh_from_db()
    assert done.url == reverse("sign_in")
    assert member.check_password(NEW_PASSWORD)
    assert signed_in.status_code == 302
    assert again.status_code == 200
    assert b"This link does not work" in again.content
    assert b"Ask for a new link" in again.content


def test_an_expired_link_gets_a_clear_page_not_an_error(anon_client, monkeypatch):
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    ask_for_link(anon_client, "jordan@example.test")
    link = emailed_link("jordan@example.test")
    later = password_reset.reset_tokens._now() + timedelta(minutes=61)
    monkeypatch.setattr(password_reset.reset_tokens, "_now", lambda: later)

    response = anon_client.get(link, follow=True)

    assert response.status_code == 200
    assert b"This link does not work" in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/sign-in/reset-password/MQ/abc-123/",
        "/sign-in/reset-password/%ff%fe/set-password/",
        "/sign-in/reset-password/OTk5OTk5OTk5OTk5OTk5OTk5OTk5/xyz/",
        "/sign-in/reset-password/bm90LWEtbnVtYmVy/1-2-3/",
    ],
)
def test_a_made_up_link_gets_a_clear_page_not_an_error(path):
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")

    response = Client(raise_request_exception=False).get(path, follow=True)

    assert response.status_code == 200
    assert b"This link does not work" in response.content


def test_a_welcome_link_is_not_a_reset_link():
    from panels.services import password_link

    member = make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    token_path = password_link(member).split("/set-password/")[1]

    response = Client().get(f"/sign-in/reset-password/{token_path}", follow=True)

    assert b"This link does not work" in response.content


@pytest.mark.parametrize(
    ("password", "again", "error"),
    [
        ("short-one", "short-one", "This password is too short"),
        ("password1234", "password1234", "This password is too common"),
        (NEW_PASSWORD, NEW_PASSWORD + "x", "The passwords do not match"),
        ("", "", "Enter a new password"),
    ],
)
def test_the_new_password_follows_the_portals_rules(anon_client, password, again, error):
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    ask_for_link(anon_client, "jordan@example.test")
    form_url = anon_client.get(emailed_link("jordan@example.test")).url

    response = anon_client.post(form_url, {"new_password1": password, "new_password2": again})

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert error in response.content.decode()
    assert b"onpaste" not in response.content  # pasting from a password manager is allowed


def test_resetting_ends_every_session_of_that_person(editor):
    laptop, phone = client_for(editor), client_for(editor)
    stranger = Client()
    ask_for_link(stranger, editor.email)

    choose_password(stranger, emailed_link(editor.email))

    assert laptop.get(reverse("manage_dashboard")).status_code == 302
    assert phone.get(reverse("manage_dashboard")).status_code == 302
    assert "_auth_user_id" not in stranger.session  # a reset never signs anyone in


def test_staff_still_give_their_second_factor_after_a_reset(anon_client):
    editor = make_user(Role.EDITOR, email="priya@example.test")
    TOTPDevice.objects.create(user=editor, name="Phone", confirmed=True)
    ask_for_link(anon_client, "priya@example.test")
    choose_password(anon_client, emailed_link("priya@example.test"))

    anon_client.post(reverse("sign_in"), {"username": "priya@example.test", "password": NEW_PASSWORD})
    response = anon_client.get(reverse("manage_dashboard"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("two_factor_verify"))


def test_one_address_gets_at_most_three_emails_an_hour():
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    responses = [ask_for_link(Client(), "jordan@example.test", REMOTE_ADDR=f"192.0.2.{n}") for n in range(5)]

    assert {r.url for r in responses} == {reverse("password_reset_sent")}  # the same answer every time
    assert OutboxMessage.objects.count() == password_reset.EMAILS_PER_ADDRESS_PER_HOUR


def test_one_connection_cannot_walk_a_list_of_addresses(anon_client):
    limit = password_reset.REQUESTS_PER_CONNECTION_PER_HOUR
    for n in range(limit):
        assert ask_for_link(anon_client, f"person{n}@example.test").status_code == 302

    response = ask_for_link(anon_client, "one-more@example.test")

    assert response.status_code == 429
    assert b"Sorry, too many requests from your connection" in response.content


@pytest.mark.parametrize("email", ["", "not-an-email", "a" * 250 + "@example.test"])
def test_a_wrong_email_address_gets_a_govuk_error(anon_client, email):
    response = ask_for_link(anon_client, email)

    assert response.status_code == 200
    assert b"There is a problem" in response.content
    assert not OutboxMessage.objects.exists()


def test_the_email_goes_to_the_address_as_stored_never_as_typed(anon_client):
    make_user(Role.PANEL_MEMBER, email="mike@example.test")

    response = ask_for_link(anon_client, "MIKE@example.teſt")  # a long ſ, which upper-cases to S

    assert response.url == reverse("password_reset_sent")
    assert list(OutboxMessage.objects.values_list("to", flat=True)) == ["mike@example.test"]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_choosing_a_password_handles_hostile_input(anon_client, payload):
    make_user(Role.PANEL_MEMBER, email="jordan@example.test")
    ask_for_link(anon_client, "jordan@example.test")
    form_url = anon_client.get(emailed_link("jordan@example.test")).url
    anon_client.raise_request_exception = False

    response = anon_client.post(form_url, {"new_password1": payload, "new_password2": payload})

    assert_handled_safely(response)
    assert payload.encode() not in response.content  # a password is never shown back

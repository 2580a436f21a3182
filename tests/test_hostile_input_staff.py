"""Every staff, coordinator and member form, walked with hostile input by the people who use it:
a clear 4xx or the form again with a GOV.UK error (and nothing saved), or a save whose pages
show the input escaped. Never a 500, never a stored script run."""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client

from hubs.models import Session
from hubs.staff_sessions import SessionForm
from panels.models import AskKind, MemberStatus
from startforlife import workflow
from startforlife.models import ChangeRequestSource
from startforlife.permissions import Role
from tests.conftest import client_for, make_user
from tests.panels.factories import AskFactory, FeedbackFactory, MemberFactory
from tests.staff.factories import HubFactory, ServiceFactory, SessionFactory
from tests.test_hostile_input import PAYLOADS, SCRIPT, assert_handled_safely, fields_of

# Every table a staff form writes to: compared before and after a refused submission.
WATCHED = [
    "offers.Service",
    "hubs.Hub",
    "hubs.Session",
    "startforlife.ChangeRequest",
    "startforlife.AuditEntry",
    "panels.Ask",
    "panels.Answer",
    "panels.Meeting",
    "panels.Action",
    "panels.Theme",
    "panels.SafeguardingPhrase",
    "panels.PopulationFigure",
    "panels.Member",
    "panels.Feedback",
    "panels.OutboxMessage",
]

# (persona, path of the page with the form, path it posts to if not the same)
STAFF_FORMS = {
    "new service": ("editor", "/manage/offer/new/", None),
    "service edit": ("editor", "/manage/offer/{service}/edit/", None),
    "service review settings": ("publisher", "/manage/offer/{service}/review-settings/", None),
    "new hub": ("editor", "/manage/family-hubs/new/", None),
    "hub edit": ("editor", "/manage/family-hubs/{hub}/edit/", None),
    "opening times and closures": ("editor", "/manage/family-hubs/{hub}/opening-times/", None),
    "new session": ("editor", "/manage/family-hubs/{hub}/sessions/new/", None),
    "session edit": ("editor", "/manage/family-hubs/{hub}/sessions/{session}/edit/", None),
    "session date cancelled": ("editor", "/manage/family-hubs/{hub}/sessions/{session}/cancelled-dates/", None),
    "change approved with a comment": ("publisher", "/manage/offer/changes/{change}/", None),
    "change sent back": ("publisher", "/manage/offer/changes/{change}/", "/manage/offer/changes/{change}/reject/"),
    "new question": ("coordinator", "/manage/panel/asks/new/", None),
    "question edit": ("coordinator", "/manage/panel/asks/{ask}/", None),
    "new meeting": ("coordinator", "/manage/panel/meetings/new/", None),
    "new you said we did": ("coordinator", "/manage/panel/you-said-we-did/new/", None),
    "population figure": ("coordinator", "/manage/panel/population/", None),
    "new theme": ("coordinator", "/manage/panel/themes/", None),
    "new safeguarding phrase": ("coordinator", "/manage/panel/safeguarding-phrases/", None),
    "application decision": ("coordinator", "/manage/panel/members/{application}/", None),
    "feedback moderation": ("coordinator", "/manage/panel/feedback/{feedback}/", None),
    "safeguarding sign-off": ("leader", "/manage/panel/safeguarding/{feedback}/sign-off/", None),
    "panel member's answer": ("panel_member", "/panel/asks/{ask}/", None),
}


ROLES = {
    "editor": Role.EDITOR,
    "publisher": Role.PUBLISHER,
    "coordinator": Role.PANEL_COORDINATOR,
    "leader": Role.LEADER,
    "panel_member": Role.PANEL_MEMBER,
}


@pytest.fixture
def world(db):
    """One of everything the forms are about; `world["client"](persona)` signs that person in."""
    cache.clear()
    author = make_user(None, email="author@example.test")
    hub = HubFactory()
    service = ServiceFactory(hubs=[hub])
    change = workflow.propose(
        item=service, values={"summary": "A proposed summary."}, by=author, source=ChangeRequestSource.EDIT
    )
    ids = {
        "service": service.pk,
        "hub": hub.pk,
        "session": SessionFactory(hub=hub).pk,
        "change": change.pk,
        "ask": AskFactory(kind=AskKind.FREE_TEXT).pk,
        "application": MemberFactory(status=MemberStatus.APPLIED).pk,
        "feedback": FeedbackFactory(safeguarding_flag=True).pk,
    }

    def client(persona: str) -> Client:
        user = make_user(ROLES[persona])
        if persona == "panel_member":
            MemberFactory(user=user, email=user.email)
        return client_for(user)

    return {"ids": ids, "client": client}


def snapshot() -> dict[str, list]:
    return {name: list(apps.get_model(name).objects.order_by("pk").values()) for name in WATCHED}


def _form(world, name):
    persona, path, post_path = STAFF_FORMS[name]
    client = world["client"](persona)
    client.raise_request_exception = False
    path = path.format(**world["ids"])
    page = client.get(path)
    assert page.status_code == 200, f"{name}: {path} answered {page.status_code}"
    fields = fields_of(page.content.decode())
    return client, path, (post_path or fields.action or path).format(**world["ids"]), fields


@pytest.mark.parametrize("name", STAFF_FORMS)
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_staff_form_handles_hostile_input(world, name, payload):
    client, path, post_path, fields = _form(world, name)
    assert fields.text_fields, f"no text fields found on {path}"
    before = snapshot()

    response = client.post(post_path, {**fields.fixed, **{field: payload for field in fields.text_fields}})

    assert_handled_safely(response)
    if response.status_code == 200:
        # Refused: the form again, with a GOV.UK error, and nothing saved, not even in part.
        assert b"There is a problem" in response.content, f"{name}: a 200 that is not a form with errors"
        assert snapshot() == before
    elif response.status_code == 302:
        # Saved: the page it leads to, and the form again, show the input escaped.
        assert_handled_safely(client.get(response.url))
        assert_handled_safely(client.get(path))
    else:
        assert 400 <= response.status_code < 500
        assert snapshot() == before


@pytest.mark.parametrize("name", STAFF_FORMS)
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"name": "<script>alert(1)</script>"}', "application/json"),
        (b"\xff\xfe\x00garbage", "application/octet-stream"),
        ("name=%ff%fe&title=%00", "application/x-www-form-urlencoded"),
        (b"--x\r\nContent-Disposition: form-data; name=\r\n\r\n", "multipart/form-data; boundary=x"),
    ],
    ids=["json", "binary", "broken form encoding", "broken multipart"],
)
def test_staff_forms_answer_wrong_content_types_clearly(world, name, body, content_type):
    client, path, post_path, _ = _form(world, name)
    before = snapshot()

    response = client.post(post_path, body, content_type=content_type)

    # Django reads such a body as an empty (or mangled) form: refused like one, or, where the
    # form needs nothing (approving a change), saved, and shown safely.
    assert response.status_code < 500
    if response.status_code == 302:
        assert_handled_safely(client.get(response.url))
    else:
        assert snapshot() == before


def test_script_saved_by_staff_is_shown_escaped_on_the_public_pages(world):
    client = world["client"]("editor")
    session = Session.objects.get(pk=world["ids"]["session"])
    form = SessionForm(instance=session, hub=session.hub)
    data = {name: form[name].value() for name in form.fields if form[name].value() not in (None, [])}
    path = f"/manage/family-hubs/{session.hub_id}/sessions/{session.pk}/edit/"

    response = client.post(path, {**data, "title": SCRIPT})
    hub_page = Client().get(f"/family-hubs/{session.hub.slug}/")
    whats_on = Client().get("/family-hubs/whats-on/")

    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).title == SCRIPT
    assert SCRIPT.encode() not in hub_page.content
    assert SCRIPT.encode() not in whats_on.content
    assert b"&lt;script&gt;" in hub_page.content + whats_on.content


def test_a_refused_edit_keeps_the_saved_name_in_the_heading(world):
    client = world["client"]("editor")
    session = Session.objects.get(pk=world["ids"]["session"])
    path = f"/manage/family-hubs/{session.hub_id}/sessions/{session.pk}/edit/"

    response = client.post(path, {"title": "A name that was never saved", "start_time": "not a time"})

    assert b"There is a problem" in response.content
    assert f"Edit {session.title}</h1>".encode() in response.content


def test_a_refused_service_edit_keeps_the_saved_name_in_the_heading(world):
    from offers.models import Service
    from tests.staff.helpers import form_data

    client = world["client"]("editor")
    service = Service.objects.get(pk=world["ids"]["service"])
    data = form_data(service, name="A name that was never saved", version="stale-or-broken", email="not an email")

    response = client.post(f"/manage/offer/{service.pk}/edit/", data)

    assert b"There is a problem" in response.content
    assert b"A name that was never saved</h1>" not in response.content
    assert b"A name that was never saved</a>" not in response.content  # the breadcrumbs


@pytest.mark.parametrize("query", ["status=%ff%fe", "status=%00", "next=%c0%af", "page=-1", "q=%ff"])
@pytest.mark.parametrize(
    ("persona", "path"),
    [
        ("coordinator", "/manage/panel/feedback/"),
        ("editor", "/manage/"),
        ("editor", "/manage/offer/"),
        ("editor", "/manage/family-hubs/"),
        ("leader", "/manage/panel/reports/"),
    ],
)
def test_broken_query_strings_on_staff_pages_never_cause_a_server_error(world, persona, path, query):
    client = world["client"](persona)
    client.raise_request_exception = False

    assert client.get(f"{path}?{query}").status_code < 500

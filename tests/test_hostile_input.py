"""Every public form, walked with hostile input: a clear 4xx or a safely escaped page,
never a 500, never a stored script."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache
from django.test import Client

from startforlife.models import User
from startforlife.permissions import Role
from tests.conftest import client_for, make_user
from tests.hubs.factories import HubFactory
from tests.offers.factories import ServiceFactory

SCRIPT = '<script>alert("owned")</script><img src=x onerror=alert(1)>'
PAYLOADS = {
    "script": SCRIPT,
    "sql": "'; DROP TABLE offers_service; -- \" OR 1=1",
    "100 kB": "x" * 100_000,
    "nul byte": "before\x00after",
    "emoji": "Baby 👶🏽 group 🍼",
    "non-Latin": "مرحبا 你好 Здравствуйте",
}

HONEYPOT = "website"

# (path, method) of every public form, as parents and applicants reach them.
PUBLIC_FORMS = [
    ("/offer/search/", "get"),
    ("/offer/my-timeline/", "get"),
    ("/family-hubs/nearest/", "get"),
    ("/panel/feedback/?service=infant-feeding", "post"),
    ("/panel/feedback/?hub=riverside-family-hub", "post"),
    ("/panel/join/", "post"),
    ("/sign-in/", "post"),
    ("/sign-in/forgot-password/", "post"),
]


TEXT_INPUTS = {"text", "email", "tel", "search", "number", "password", "url", "date", "time", "datetime-local"}


class Form:
    def __init__(self, action: str = ""):
        self.action = action
        self.text_fields: list[str] = []
        self.fixed: dict[str, str] = {}


class MainForms(HTMLParser):
    """The forms inside <main>, each with its free-text fields and a value for every other field."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self.current: Form | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = Form(attrs.get("action") or "")
            self.forms.append(self.current)
        if self.current is None or not attrs.get("name"):
            return
        name, kind = attrs["name"], attrs.get("type", "text")
        if name == HONEYPOT:
            return  # left empty, as people leave it: the hostile input must reach the real checks
        if tag == "textarea" or (tag == "input" and kind in TEXT_INPUTS):
            self.current.text_fields.append(name)
        elif tag == "input" and kind == "hidden":
            self.current.fixed[name] = attrs.get("value", "")
        elif tag == "input" and kind == "radio":  # the first choice; tick boxes stay unticked
            self.current.fixed.setdefault(name, attrs.get("value", "on"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def fields_of(html: str) -> Form:
    """The page's main form: the one in <main> with the most free-text fields."""
    parser = MainForms()
    parser.feed(html[html.index('id="main-content"') :])
    return max(parser.forms, key=lambda form: len(form.text_fields), default=Form())


@pytest.fixture
def demo(db):
    """What the forms are about: a published service and hub, and the panel's coordinator."""
    hub = HubFactory(slug="riverside-family-hub", name="Riverside Family Hub")
    ServiceFactory(slug="infant-feeding", name="Infant feeding support").hubs.add(hub)
    make_user(Role.PANEL_COORDINATOR, email="coordinator@brackenford.example")


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    settings.PANEL_RATE_LIMIT_PER_HOUR = 10_000
    cache.clear()


def assert_handled_safely(response):
    assert response.status_code < 500
    assert SCRIPT.encode() not in response.content


@pytest.mark.parametrize(("path", "method"), PUBLIC_FORMS)
@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_every_public_form_handles_hostile_input(demo, path, method, payload):
    client = Client(raise_request_exception=False)
    fields = fields_of(client.get(path).content.decode())
    assert fields.text_fields, f"no text fields found on {path}"
    data = {**fields.fixed, **{name: payload for name in fields.text_fields}}

    response = getattr(client, method)(path, data)

    assert_handled_safely(response)
    if response.status_code == 302:
        assert_handled_safely(client.get(response.url))


def test_stored_feedback_with_script_is_shown_escaped_to_staff(demo):
    client = Client()
    path = "/panel/feedback/?service=infant-feeding"
    fields = fields_of(client.get(path).content.decode())
    response = client.post(path, {**fields.fixed, "what_worked": SCRIPT, "could_be_better": SCRIPT})
    assert response.status_code == 302
    coordinator = client_for(User.objects.get(email="coordinator@brackenford.example"))
    coordinator.get("/manage/panel/feedback/")  # the queue is where stored feedback is read

    queue = coordinator.get("/manage/panel/feedback/")

    assert queue.status_code == 200
    assert SCRIPT.encode() not in queue.content
    assert b"&lt;script&gt;" in queue.content


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["q=%ff%fe%fd", "q=%00", "stage=%ff", "postcode=%c0%af", "page=-1", "page=99999999999999999999", "hub=%00"],
)
@pytest.mark.parametrize("path", ["/offer/search/", "/family-hubs/nearest/", "/family-hubs/whats-on/"])
def test_broken_query_strings_never_cause_a_server_error(path, query):
    response = Client(raise_request_exception=False).get(f"{path}?{query}")

    assert response.status_code < 500


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/panel/feedback/?service=infant-feeding", "/panel/join/", "/sign-in/", "/sign-in/forgot-password/"]
)
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ('{"what_worked": "json"}', "application/json"),
        (b"\xff\xfe\x00garbage", "application/octet-stream"),
        ("a=%ff%fe", "application/x-www-form-urlencoded"),
    ],
)
def test_wrong_content_types_get_a_clear_answer(path, body, content_type):
    response = Client(raise_request_exception=False).post(path, body, content_type=content_type)

    assert response.status_code < 500

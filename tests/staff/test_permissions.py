"""Every /manage/ URL of the staff workspace × every role × the status code it must get."""

import pytest
from django.test import Client
from django.urls import reverse

from startforlife import workflow
from startforlife.models import ChangeRequest
from startforlife.permissions import Role
from tests.conftest import client_for, make_user
from tests.staff.factories import HubFactory, ServiceFactory, SessionFactory

pytestmark = pytest.mark.django_db

ANON = "anonymous"
ROLES = [ANON, Role.EDITOR, Role.PUBLISHER, Role.PANEL_COORDINATOR, Role.LEADER, Role.PANEL_MEMBER]
# Who may: V = view (editor, publisher, leader), E = edit (editor, publisher), P = publish (publisher).
ALLOWED = {
    "V": {Role.EDITOR, Role.PUBLISHER, Role.LEADER},
    "E": {Role.EDITOR, Role.PUBLISHER},
    "P": {Role.PUBLISHER},
    "D": {Role.EDITOR, Role.PUBLISHER, Role.LEADER, Role.PANEL_COORDINATOR},  # the dashboard
}


def _urls(app: str, prefix: str) -> list[tuple[str, str, str, str, int]]:
    """(method, url name, which args, who, status when allowed)."""
    ns = f"{app}_staff"
    return [
        ("get", f"{ns}:{prefix}_list", "", "V", 200),
        ("get", f"{ns}:{prefix}_create", "", "E", 200),
        ("post", f"{ns}:{prefix}_create", "", "E", 200),  # empty form: errors shown
        ("get", f"{ns}:{prefix}_export", "", "V", 200),
        ("get", f"{ns}:{prefix}_import", "", "E", 200),
        ("get", f"{ns}:{prefix}_detail", "item", "V", 200),
        ("get", f"{ns}:{prefix}_edit", "item", "E", 200),
        ("post", f"{ns}:{prefix}_publish", "draft", "P", 302),
        ("post", f"{ns}:{prefix}_archive", "item", "P", 302),
        ("post", f"{ns}:{prefix}_confirm_reviewed", "item", "E", 302),
        ("get", f"{ns}:{prefix}_review_settings", "item", "E", 200),
        ("post", f"{ns}:{prefix}_restore", "version", "E", 302),
        ("get", f"{ns}:change_detail", "change", "V", 200),
        ("post", f"{ns}:change_approve", "change", "P", 302),
        ("post", f"{ns}:change_reject", "change", "P", 200),  # no comment: errors shown
    ]


URLS = [
    ("get", "manage_dashboard", "", "D", 200),
    *_urls("offers", "service"),
    *_urls("hubs", "hub"),
    ("get", "hubs_staff:hub_hours", "item", "E", 200),
    ("post", "hubs_staff:hub_hours", "item", "E", 200),  # no edit token: refused, form shown again
    ("get", "hubs_staff:hub_sessions", "item", "V", 200),
    ("get", "hubs_staff:session_create", "item", "E", 200),
    ("post", "hubs_staff:session_create", "item", "E", 200),  # empty form: errors shown
    ("get", "hubs_staff:session_edit", "session", "E", 200),
    ("post", "hubs_staff:session_delete", "session", "E", 302),
    ("get", "hubs_staff:session_cancellations", "session", "E", 200),
    ("post", "hubs_staff:session_cancellations", "session", "E", 200),  # no date: errors shown
    ("post", "hubs_staff:session_reinstate", "cancellation", "E", 302),
]


def _args(kind: str, app: str) -> list:
    factory = ServiceFactory if app == "offers" else HubFactory
    if kind == "":
        return []
    if kind == "draft":
        return [factory(publication_state="draft").pk]
    item = factory()
    if kind == "item":
        return [item.pk]
    if kind == "version":
        return [item.pk, item.history.earliest("history_date").history_id]
    if kind == "session":
        return [item.pk, SessionFactory(hub=item).pk]
    if kind == "cancellation":
        session = SessionFactory(hub=item)
        return [item.pk, session.pk, session.cancellations.create(date=session.starts_on).pk]
    change = ChangeRequest.objects.create(
        content_type=workflow._content_type(item), object_id=item.pk, data={"name": "Proposed name"}
    )
    return [change.pk]


@pytest.mark.parametrize("role", ROLES, ids=str)
@pytest.mark.parametrize(("method", "name", "kind", "who", "ok_status"), URLS, ids=[f"{u[0]} {u[1]}" for u in URLS])
def test_every_staff_url_answers_each_role_as_the_matrix_says(role, method, name, kind, who, ok_status):
    client = client_for(make_user(role)) if role != ANON else Client()
    url = reverse(name, args=_args(kind, name.split("_")[0]))
    response = getattr(client, method)(url)
    if role == ANON:
        assert response.status_code == 302
        assert response.url.startswith(reverse("sign_in"))
    elif role in ALLOWED[who]:
        assert response.status_code == ok_status
    else:
        assert response.status_code == 403


@pytest.mark.parametrize(
    ("name", "kind"),
    [(u[1], u[2]) for u in URLS if u[0] == "post" and not u[1].endswith(("_create", "_hours", "_cancellations"))],
)
def test_state_changes_refuse_get(publisher_client, name, kind):
    url = reverse(name, args=_args(kind, name.split("_")[0]))
    assert publisher_client.get(url).status_code == 405


@pytest.mark.parametrize(
    "name",
    ["offers_staff:service_detail", "offers_staff:service_edit", "hubs_staff:hub_detail", "offers_staff:change_detail"],
)
def test_a_bad_id_is_a_404_not_a_500(publisher_client, name):
    assert publisher_client.get(reverse(name, args=[987654])).status_code == 404


def test_a_change_to_a_hub_is_not_found_through_the_services_pages(publisher_client):
    hub = HubFactory()
    change = ChangeRequest.objects.create(
        content_type=workflow._content_type(hub), object_id=hub.pk, data={"name": "X"}
    )
    assert publisher_client.get(reverse("offers_staff:change_detail", args=[change.pk])).status_code == 404
    assert publisher_client.post(reverse("offers_staff:change_approve", args=[change.pk])).status_code == 404


def test_state_changes_need_a_csrf_token(publisher):
    client = client_for(publisher)
    client.handler.enforce_csrf_checks = True
    service = ServiceFactory(publication_state="draft")
    assert client.post(reverse("offers_staff:service_publish", args=[service.pk])).status_code == 403
    service.refresh_from_db()
    assert service.publication_state == "draft"

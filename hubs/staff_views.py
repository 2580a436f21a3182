"""Staff pages for hubs under /manage/. The shared behaviour is in startforlife.workspace;
each view here names the permission it needs and the HTTP methods it accepts."""

from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hubs import staff_hours, staff_sessions
from hubs.staff_forms import HubForm
from startforlife import workspace
from startforlife.permissions import permission_required

WS = workspace.Workspace(
    form_class=HubForm,
    app="hubs",
    namespace="hubs_staff",
    prefix="hub",
    noun="hub",
    plural="hubs",
    item_pages=(("Change opening times", "hub_hours"), ("Timetable sessions", "hub_sessions")),
)


@require_GET
@permission_required("hubs.view_staff")
def hub_list(request):
    return workspace.item_list(request, WS)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def hub_create(request):
    return workspace.item_create(request, WS)


@require_GET
@permission_required("hubs.view_staff")
def hub_detail(request, pk):
    return workspace.item_detail(request, WS, pk)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def hub_edit(request, pk):
    return workspace.item_edit(request, WS, pk)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def hub_hours(request, pk):
    return staff_hours.edit(request, WS, pk)


@require_GET
@permission_required("hubs.view_staff")
def hub_sessions(request, pk):
    return staff_sessions.session_list(request, WS, pk)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def session_create(request, pk):
    return staff_sessions.session_form(request, WS, pk)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def session_edit(request, pk, session_pk):
    return staff_sessions.session_form(request, WS, pk, session_pk)


@require_POST
@permission_required("hubs.edit")
def session_delete(request, pk, session_pk):
    return staff_sessions.session_delete(request, WS, pk, session_pk)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def session_cancellations(request, pk, session_pk):
    return staff_sessions.session_cancellations(request, WS, pk, session_pk)


@require_POST
@permission_required("hubs.edit")
def session_reinstate(request, pk, session_pk, cancellation_pk):
    return staff_sessions.session_reinstate(request, WS, pk, session_pk, cancellation_pk)


@require_POST
@permission_required("hubs.publish")
def hub_publish(request, pk):
    return workspace.item_publish(request, WS, pk)


@require_POST
@permission_required("hubs.publish")
def hub_archive(request, pk):
    return workspace.item_archive(request, WS, pk)


@require_POST
@permission_required("hubs.edit")
def hub_confirm_reviewed(request, pk):
    return workspace.item_confirm_reviewed(request, WS, pk)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def hub_review_settings(request, pk):
    return workspace.item_review_settings(request, WS, pk)


@require_POST
@permission_required("hubs.edit")
def hub_restore(request, pk, history_id):
    return workspace.item_restore(request, WS, pk, history_id)


@require_GET
@permission_required("hubs.view_staff")
def change_detail(request, pk):
    return workspace.change_detail(request, WS, pk)


@require_POST
@permission_required("hubs.publish")
def change_approve(request, pk):
    return workspace.change_approve(request, WS, pk)


@require_POST
@permission_required("hubs.publish")
def change_reject(request, pk):
    return workspace.change_reject(request, WS, pk)


@require_GET
@permission_required("hubs.view_staff")
def hub_export(request):
    return workspace.export_csv(request, WS)


@require_http_methods(["GET", "POST"])
@permission_required("hubs.edit")
def hub_import(request):
    return workspace.import_csv(request, WS)

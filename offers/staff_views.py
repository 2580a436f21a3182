"""Staff pages for services under /manage/. The shared behaviour is in startforlife.workspace;
each view here names the permission it needs and the HTTP methods it accepts."""

from django.views.decorators.http import require_GET, require_http_methods, require_POST

from offers.staff_forms import ServiceForm
from startforlife import workspace
from startforlife.permissions import permission_required

WS = workspace.Workspace(
    form_class=ServiceForm, app="offers", namespace="offers_staff", prefix="service", noun="service", plural="services"
)


@require_GET
@permission_required("offers.view_staff")
def service_list(request):
    return workspace.item_list(request, WS)


@require_http_methods(["GET", "POST"])
@permission_required("offers.edit")
def service_create(request):
    return workspace.item_create(request, WS)


@require_GET
@permission_required("offers.view_staff")
def service_detail(request, pk):
    return workspace.item_detail(request, WS, pk)


@require_http_methods(["GET", "POST"])
@permission_required("offers.edit")
def service_edit(request, pk):
    return workspace.item_edit(request, WS, pk)


@require_POST
@permission_required("offers.publish")
def service_publish(request, pk):
    return workspace.item_publish(request, WS, pk)


@require_POST
@permission_required("offers.publish")
def service_archive(request, pk):
    return workspace.item_archive(request, WS, pk)


@require_POST
@permission_required("offers.edit")
def service_confirm_reviewed(request, pk):
    return workspace.item_confirm_reviewed(request, WS, pk)


@require_http_methods(["GET", "POST"])
@permission_required("offers.edit")
def service_review_settings(request, pk):
    return workspace.item_review_settings(request, WS, pk)


@require_POST
@permission_required("offers.edit")
def service_restore(request, pk, history_id):
    return workspace.item_restore(request, WS, pk, history_id)


@require_GET
@permission_required("offers.view_staff")
def change_detail(request, pk):
    return workspace.change_detail(request, WS, pk)


@require_POST
@permission_required("offers.publish")
def change_approve(request, pk):
    return workspace.change_approve(request, WS, pk)


@require_POST
@permission_required("offers.publish")
def change_reject(request, pk):
    return workspace.change_reject(request, WS, pk)


@require_GET
@permission_required("offers.view_staff")
def service_export(request):
    return workspace.export_csv(request, WS)


@require_http_methods(["GET", "POST"])
@permission_required("offers.edit")
def service_import(request):
    return workspace.import_csv(request, WS)

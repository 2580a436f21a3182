from django.shortcuts import render
from django.views.decorators.http import require_GET

from startforlife.permissions import has_permission, permission_required


@require_GET
@permission_required("manage.enter")
def dashboard(request):
    sections = {
        name: has_permission(request.user, permission)
        for name, permission in {
            "offer": "offers.view_staff",
            "hubs": "hubs.view_staff",
            "panel": "panels.coordinate",
            "reports": "panels.view_reports",
        }.items()
    }
    return render(request, "startforlife/manage_dashboard.html", {"sections": sections})

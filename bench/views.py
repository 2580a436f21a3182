"""The bare reference page: every page's throughput is compared with this one."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from hubs.models import Hub


@login_not_required
@require_GET
def reference(request):
    """One query and a small template, through the same middleware as every page."""
    hub = Hub.objects.published().order_by("pk").first()
    return render(request, "bench/reference.html", {"hub": hub})

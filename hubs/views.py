from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from hubs.models import Hub


@login_not_required
@require_GET
def directory(request):
    return render(request, "hubs/directory.html", {"hubs": Hub.objects.published()})


@login_not_required
@require_GET
def hub_detail(request, slug):
    hub = get_object_or_404(Hub.objects.published(), slug=slug)
    return render(request, "hubs/hub_detail.html", {"hub": hub})

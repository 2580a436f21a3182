from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from offers.models import Service
from startforlife.stages import STAGE_ENTRY_POINTS, Stage


@login_not_required
@require_GET
def offer(request):
    services = Service.objects.published()
    return render(request, "offers/offer.html", {"services": services})


@login_not_required
@require_GET
def service_detail(request, slug):
    service = get_object_or_404(Service.objects.published(), slug=slug)
    return render(request, "offers/service_detail.html", {"service": service})


@login_not_required
@require_GET
def stage(request, stage):
    if stage not in Stage.values:
        raise Http404
    label, hint = STAGE_ENTRY_POINTS[Stage(stage)]
    services = Service.objects.published()
    return render(request, "offers/stage.html", {"stage_label": label, "services": services})

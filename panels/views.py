from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def about(request):
    return render(request, "panels/about.html")


@login_not_required
@require_GET
def feedback(request):
    return render(request, "panels/feedback.html")

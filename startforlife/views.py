import logging
import mimetypes
import sys

import markdown
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hubs.models import Hub
from startforlife.forms import SignInForm
from startforlife.permissions import has_permission
from startforlife.stages import STAGE_ENTRY_POINTS
from startforlife.two_factor import two_factor_exempt

logger = logging.getLogger(__name__)

DATABASE_DOWN_ERRORS = (OperationalError, InterfaceError)
STATEMENT = settings.BASE_DIR / "docs" / "accessibility-statement.md"


@login_not_required
@require_GET
def home(request):
    stages = [
        {"label": label, "hint": hint, "url": reverse("offers:stage", kwargs={"stage": stage.value})}
        for stage, (label, hint) in STAGE_ENTRY_POINTS.items()
    ]
    return render(request, "startforlife/home.html", {"stages": stages})


@login_not_required
@require_GET
def accessibility(request):
    """The accessibility statement, kept in the repository as docs/accessibility-statement.md."""
    text = Template(STATEMENT.read_text()).render(Context({"portal": settings.PORTAL}))
    html = markdown.markdown(text)
    return render(request, "startforlife/accessibility.html", {"statement": mark_safe(html)})  # noqa: S308 (our own file)


@login_not_required
@require_GET
def privacy(request):
    return render(request, "startforlife/privacy.html")


@login_not_required
@require_GET
def cookies(request):
    return render(request, "startforlife/cookies.html")


@login_not_required
@require_GET
def contact(request):
    return render(request, "startforlife/contact.html")


@login_not_required
@never_cache
def healthz(request):
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        logger.warning("Health check failed: the database is unreachable")
        return JsonResponse({"status": "unavailable", "database": False}, status=503)
    return JsonResponse({"status": "ok", "database": True})


def account_home(request):
    """Where signing in lands: the areas of the portal this person may use."""
    return render(
        request,
        "startforlife/account_home.html",
        {
            "can_enter_manage": has_permission(request.user, "manage.enter"),
            "can_take_part": has_permission(request.user, "panels.take_part"),
        },
    )


class SignInView(auth_views.LoginView):
    template_name = "registration/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


sign_in = login_not_required(SignInView.as_view())


class SignOutView(auth_views.LogoutView):
    """Signing out ends every session of this person, on every device, not just this one."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            request.user.end_all_sessions()
        return super().post(request, *args, **kwargs)


sign_out = two_factor_exempt(SignOutView.as_view())


# Error pages. They render without the request's context processors on purpose: when the
# database is down, even reading the session would fail again.
def _error_page(template: str, status: int) -> HttpResponse:
    try:
        html = render_to_string(template, {"portal": settings.PORTAL})
    except Exception:
        # Last resort (static files or templates broken too): still no stack trace.
        logger.exception("Could not render the %s page", status)
        html = PLAIN_ERROR_PAGE.format(phone=escape(settings.PORTAL["COUNCIL_PHONE"]))
    return HttpResponse(html, status=status)


PLAIN_ERROR_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Sorry, there is a problem with the service</title></head><body>
<h1>Sorry, there is a problem with the service</h1><p>Try again later.</p>
<p>If you need help now, call {phone}. If a child is in danger now, call 999.</p></body></html>"""


@login_not_required
def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


@login_not_required
def server_error(request):
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_DOWN_ERRORS):
        response = _error_page("503.html", 503)
        response["Retry-After"] = "120"
        return response
    return _error_page("500.html", 500)


@login_not_required
def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


# Uploads are only hub photos, and only images are accepted (hubs.staff_forms).
MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp"}


@login_not_required
@require_GET
def media(request, path):
    """Uploaded files, from Django's storage (a shared volume or object store in production).

    Anyone may see the photo of a published hub; staff who manage hubs may also see photos
    still waiting for approval. Nothing else is served, whatever the path.
    """
    content_type, _ = mimetypes.guess_type(path)
    if content_type not in MEDIA_TYPES or "\x00" in path:
        raise Http404
    staff = has_permission(request.user, "hubs.view_staff")
    if not (staff or Hub.objects.published().filter(photo=path).exists()):
        raise Http404
    try:
        photo = default_storage.open(path)
    except (OSError, ValueError, SuspiciousFileOperation):  # missing, a NUL byte, or outside the folder
        raise Http404 from None
    response = FileResponse(photo, content_type=content_type)
    # A new photo gets a new name (hubs.staff_forms), so a published one can be cached a day.
    response["Cache-Control"] = "private, no-store" if staff else "public, max-age=86400"
    return response

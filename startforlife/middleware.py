import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from startforlife.two_factor import needs_two_factor


class SignInSecurityMiddleware:
    """Staff session limits and mandatory two-factor sign-in.

    - Staff are signed out after STAFF_SESSION_IDLE_SECONDS without a request and
      STAFF_SESSION_ABSOLUTE_SECONDS after signing in, whatever they do.
    - Anyone who needs a second factor (all staff; panel members who turned it on) reaches
      only public pages and the two-factor pages until they give one. Views opt out with
      `@login_not_required` (public) or `two_factor_exempt` (the two-factor pages, sign-out).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and needs_two_factor(user):
            now = int(time.time())
            started = request.session.setdefault("signed_in_at", now)
            last_seen = request.session.get("last_seen", now)
            if (
                now - last_seen > settings.STAFF_SESSION_IDLE_SECONDS
                or now - started > settings.STAFF_SESSION_ABSOLUTE_SECONDS
            ):
                logout(request)
                messages.info(request, "You were signed out to keep your account safe. Sign in again to carry on.")
                return redirect(f"{reverse('sign_in')}?next={request.path}")
            if now - last_seen >= 60:
                # A minute's precision is plenty for a 30-minute limit, and saves a write per request.
                request.session["last_seen"] = now
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        public = not getattr(view_func, "login_required", True)
        if public or getattr(view_func, "two_factor_exempt", False):
            return None
        user = request.user
        if user.is_authenticated and needs_two_factor(user) and not user.is_verified():
            return redirect(f"{reverse('two_factor_verify')}?next={request.path}")
        return None

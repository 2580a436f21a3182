from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, for lockouts and rate limits.

    Behind the council's load balancer (BEHIND_PROXY=true) the address is the last hop it
    appended to X-Forwarded-For; anything before that could be typed by the visitor.
    """
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def sign_in_username(request: HttpRequest, credentials: dict | None) -> str:
    """The email address a sign-in attempt was for, as django-axes counts failures by it."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return username.strip().lower()[:254]

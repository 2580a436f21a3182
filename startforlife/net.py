import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone

RATE_WINDOW_SECONDS = 60 * 60


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


def over_hourly_limit(scope: str, identity: str, limit: int) -> bool:
    """Count one more attempt by `identity` (an address, an email) in `scope`; True once it is
    over `limit` this hour.

    Built on Django's cache (Redis when several app servers run), keyed by a keyed hash so
    no address is stored in the cache in clear.
    """
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{identity}".encode()).hexdigest()[:32]
    window = int(timezone.now().timestamp()) // RATE_WINDOW_SECONDS
    key = f"rate:{scope}:{digest}:{window}"
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > limit

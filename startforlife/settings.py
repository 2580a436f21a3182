"""Settings for the Start for Life portal.

Everything comes from environment variables (12-factor), read through the small typed
helpers below; nonsense raises ImproperlyConfigured at start-up rather than at 3am.
The README's settings table lists every variable. Defaults are the secure ones, except
for the local demo mode: with no DATABASE_URL the portal runs on an embedded PostgreSQL
on the developer's own machine, where plain HTTP and a generated secret key are fine.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from startforlife import database

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def env_bool(name: str, default: bool) -> bool:
    value = env_str(name).lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env_str(name)
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# The local demo mode: no DATABASE_URL means the embedded PostgreSQL on this machine.
LOCAL_DEMO = database.uses_embedded_database()

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    if LOCAL_DEMO:
        # Local demo only: generate once and keep it in the git-ignored data folder.
        path = database.DATA_DIR / "secret_key"
        if not path.exists():
            database.DATA_DIR.mkdir(exist_ok=True)
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()
    raise ImproperlyConfigured(
        "Set the SECRET_KEY environment variable: a long random string, kept secret. "
        'For example: python -c "import secrets; print(secrets.token_urlsafe(50))"'
    )


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "startforlife",
    "offers",
    "hubs",
    "panels",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "csp",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "startforlife.middleware.SignInSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "startforlife.urls"
WSGI_APPLICATION = "startforlife.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "startforlife.context_processors.portal",
                "startforlife.content.lazy_content_version",
            ],
        },
    },
]

DATABASES = {"default": database.database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is given (several app servers share it), else per-process memory.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Each worker's own memory. Public pages are cached fragments (ADR 0060): one per hub,
    # service, postcode and filter asked for; Django's default of 300 entries would push out
    # the big ones (what's on's fortnight, a feed) under varied traffic.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}}}

AUTH_USER_MODEL = "startforlife.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses sign-in while an account+address is locked out
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "sign_in"
LOGIN_REDIRECT_URL = "account_home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".data" / "media")))
# Without collectstatic (make run, tests) whitenoise serves straight from the finders.
WHITENOISE_USE_FINDERS = env_bool("WHITENOISE_USE_FINDERS", True)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"
CRISPY_FAIL_SILENTLY = not DEBUG

# Security. HTTPS defaults on except in the local demo, which is served on plain loopback HTTP.
HTTPS = env_bool("HTTPS", not LOCAL_DEMO)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("HSTS_SECONDS", 63072000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("HSTS_PRELOAD", True)
if env_bool("BEHIND_PROXY", False):
    # Only behind a proxy that sets this header itself; otherwise clients could spoof it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Staff sessions end after 30 minutes without activity and 8 hours after signing in at most
# (startforlife.middleware); every session ends with the browser or after 8 hours.
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60)
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 30 * 60)
STAFF_SESSION_ABSOLUTE_SECONDS = env_int("STAFF_SESSION_ABSOLUTE_SECONDS", 8 * 60 * 60)

# Sign-in throttling (django-axes): 5 failures for one account from one address locks that
# pair for 15 minutes. The lockout page says the same whether or not the account exists.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "startforlife.net.client_ip"
AXES_USERNAME_CALLABLE = "startforlife.net.sign_in_username"
AXES_VERBOSE = False

CSRF_FAILURE_VIEW = "startforlife.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *env_list("CSP_IMG_SRC")],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Email. Without EMAIL_HOST, mail is printed to the console (local demo).
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = 10
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "startforlife@brackenford.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The council and its programme: shown to parents, so never hard-coded in templates.
PORTAL = {
    "PROGRAMME_NAME": env_str("PROGRAMME_NAME", "Start for Life"),
    "COUNCIL_NAME": env_str("COUNCIL_NAME", "Brackenford Borough Council"),
    "COUNCIL_SHORT_NAME": env_str("COUNCIL_SHORT_NAME", "Brackenford"),
    "COUNCIL_LOGO_TEXT": env_str("COUNCIL_LOGO_TEXT", "Brackenford Council"),
    "COUNCIL_PHONE": env_str("COUNCIL_PHONE", "01632 960 000"),
    "COUNCIL_EMAIL": env_str("COUNCIL_EMAIL", "families@brackenford.example"),
    "COUNCIL_WEBSITE": env_str("COUNCIL_WEBSITE", "https://www.brackenford.example"),
    "COUNCIL_ADDRESS": env_str("COUNCIL_ADDRESS", "Civic Centre, Market Street, Brackenford BF1 1AA"),
    "CONTACT_HOURS": env_str("CONTACT_HOURS", "Monday to Friday, 9am to 5pm"),
    "LEADER_NAME": env_str("LEADER_NAME", "Dr Amara Okafor"),
    "LEADER_ROLE": env_str("LEADER_ROLE", "Start for Life leader, Director of Family Services"),
}

# Two-factor sign-in (django-otp): the name authenticator apps show for this portal.
OTP_TOTP_ISSUER = f"{PORTAL['COUNCIL_LOGO_TEXT']} {PORTAL['PROGRAMME_NAME']}"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Failed requests are logged by Django itself; keep the database-down path quiet
        # apart from one line per request.
        "django.db.backends": {"level": "WARNING"},
        "pgserver": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        # WeasyPrint (the offer's PDF booklet) reports every step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# --- hubs ---
# The map above the hub directory. Empty (the default): no map, the list alone. For example
# https://tile.openstreetmap.org/{z}/{x}/{y}.png (read the tile server's usage policy first).
MAP_TILE_URL = env_str("MAP_TILE_URL")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "© OpenStreetMap contributors")


def _tile_origin(url: str) -> str:
    """The CSP source for the tiles: https://{s}.tile.example/... → https://*.tile.example"""
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "subdomain"))
    if parts.scheme not in {"https", "http"} or not parts.hostname:
        raise ImproperlyConfigured(f"MAP_TILE_URL must be an http(s) address, not {url!r}")
    host = parts.netloc.replace("subdomain", "*")
    return f"{parts.scheme}://{host}"


if MAP_TILE_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(_tile_origin(MAP_TILE_URL))

# Local authority codes (ONS, like E06000016) of the council's own area. A postcode loaded by
# import_postcodes but outside these is "out of area". Empty: every loaded postcode is in the area.
# The local demo's made-up Brackenford is E06099001 (its neighbour, postcodes BF9, is E06099002).
HUBS_LOCAL_AUTHORITY_CODES = env_list("HUBS_LOCAL_AUTHORITY_CODES", "E06099001" if LOCAL_DEMO else "")

# --- panels ---
# Safeguarding signposting on every panel form, and who is alerted when feedback may disclose harm.
PANEL_SAFEGUARDING_EMAIL = env_str("PANEL_SAFEGUARDING_EMAIL", "safeguarding@brackenford.example")
PANEL_MASH_PHONE = env_str("PANEL_MASH_PHONE", "01632 960 111")
PANEL_MASH_HOURS = env_str("PANEL_MASH_HOURS", "Monday to Thursday 8:30am to 5pm, Friday 8:30am to 4:30pm")
PANEL_EMERGENCY_DUTY_PHONE = env_str("PANEL_EMERGENCY_DUTY_PHONE", "01632 960 999")
# The version of the panel's privacy notice that applicants consent to; change it when the notice changes.
PANEL_PRIVACY_NOTICE_VERSION = env_str("PANEL_PRIVACY_NOTICE_VERSION", "2026-11")
# Contact details on feedback and identities of inactive members are removed after this many months.
PANEL_RETENTION_MONTHS = env_int("PANEL_RETENTION_MONTHS", 24)
# Public panel forms accept at most this many submissions per address per hour.
PANEL_RATE_LIMIT_PER_HOUR = env_int("PANEL_RATE_LIMIT_PER_HOUR", 10)

# --- oruk ---
# The Open Referral UK API (/api/oruk/): requests a minute from one address, and page sizes.
ORUK_API_RATE = env_int("ORUK_API_RATE", 120)
ORUK_API_PAGE_SIZE = env_int("ORUK_API_PAGE_SIZE", 50)
ORUK_API_MAX_PAGE_SIZE = env_int("ORUK_API_MAX_PAGE_SIZE", 200)

# --- staff workspace ---
# crispy-forms-gds gives GOV.UK classes only to text inputs, selects and text areas; these are
# the other inputs the portal's forms use (the error borders are added in startforlife.forms).
CRISPY_CLASS_CONVERTERS = {
    "numberinput": "govuk-input",
    "emailinput": "govuk-input",
    "urlinput": "govuk-input",
    "dateinput": "govuk-input",
    "datetimeinput": "govuk-input",
    "timeinput": "govuk-input",
    "fileinput": "govuk-file-upload",
    "photoinput": "govuk-file-upload",
}

# --- bench ---
# Only for `make bench`: adds /bench/reference/, the bare page every page is compared with.
if env_bool("BENCH_REFERENCE", False):
    INSTALLED_APPS.append("bench")
    ROOT_URLCONF = "bench.urls"

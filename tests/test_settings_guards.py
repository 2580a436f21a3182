"""Settings refuse nonsense at start-up, and production settings pass Django's deploy checks.

These run Django in a child process with a controlled environment, as a server would start.
"""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DATABASE_URL": "postgres://portal@127.0.0.1:1/portal",  # nothing listens on port 1
    "SECRET_KEY": "x" * 20 + "-production-secret-key-for-the-deploy-check-7d9f2a",
    "ALLOWED_HOSTS": "startforlife.brackenford.example",
}


def run_django(code: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "HTTPS"}}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "startforlife.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}

    result = run_django("pass", env)

    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_nonsense_booleans_are_refused():
    result = run_django("pass", {**PRODUCTION_ENV, "DEBUG": "maybe"})

    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_debug_is_off_and_cookies_are_secure_by_default():
    code = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE)"
    )

    result = run_django(code, PRODUCTION_ENV)

    assert result.stdout.split() == ["False", "True", "True", "True", "True", "True", "Lax"], result.stderr


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k not in {"DEBUG", "HTTPS"}}, **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture
def server_without_database(unused_port):
    """The portal served by gunicorn, as in production, pointed at a database that is not there."""
    env = {
        **os.environ,
        **PRODUCTION_ENV,
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "WHITENOISE_USE_FINDERS": "1",
    }
    env["DATABASE_URL"] = f"postgres://portal@127.0.0.1:{unused_port}/portal"
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        # Production serves hashed static files; `make test` collects them, a bare pytest may not have.
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "startforlife.wsgi", "--bind", f"127.0.0.1:{unused_port + 1}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{unused_port + 1}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/cookies/", timeout=1)  # noqa: S310 (loopback only)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def unused_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return port


def test_database_down_gives_a_styled_503_quickly(server_without_database):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server_without_database + "/offer/", timeout=5)  # noqa: S310 (loopback only)
    elapsed = time.monotonic() - started

    body = error.value.read().decode()
    assert error.value.code == 503
    assert error.value.headers["Retry-After"]
    assert "Sorry, there is a problem with the service" in body
    assert "01632 960 000" in body
    assert "Traceback" not in body and "OperationalError" not in body
    assert elapsed < 2


def test_health_check_reports_the_database_down(server_without_database):
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(server_without_database + "/healthz", timeout=5)  # noqa: S310 (loopback only)

    assert error.value.code == 503


def test_redis_url_gives_every_app_server_one_shared_cache():
    # The backend's client library must be installed, or the first cached page is a 500.
    code = (
        "from django.core.cache import caches; import redis; "
        "print(type(caches['default']).__name__, caches['default']._servers)"
    )

    result = run_django(code, {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/15"})

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["RedisCache", "['redis://127.0.0.1:6379/15']"]


def test_the_cache_round_trips_through_redis_when_one_is_running():
    code = (
        "from django.core.cache import cache; cache.set('settings-test', {'a': [1, 2]}, 5); "
        "print(cache.get('settings-test')); cache.delete('settings-test')"
    )

    result = run_django(code, {**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/15"})

    if "ConnectionError" in result.stderr or "Connection refused" in result.stderr:
        pytest.skip("No Redis on 127.0.0.1:6379 (the portal does not need one; this checks it works with one)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{'a': [1, 2]}"

"""Real-browser tests: the portal served by gunicorn with production settings and the demo
content, driven by Debian's Chromium through Playwright, checked by axe-core and the Nu Html
Checker.

Without Chromium (or Java, for the HTML checker) these tests are skipped with a message naming
the package to install; `.ci/run` installs them and sets REQUIRE_BROWSER=1, which turns any
such skip into a failure so CI always runs them.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings
from django_otp.oath import hotp

from startforlife.demo import DEMO_PASSWORD, DEMO_TOTP_KEY

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
REQUIRE_BROWSER = os.environ.get("REQUIRE_BROWSER", "") not in {"", "0", "false"}

# Figures for the end-of-run summary (see pytest_terminal_summary in tests/conftest.py).
FIGURES = {
    "journeys passed": 0,
    "pages checked by axe": 0,
    "axe violations": 0,
    "pages checked by vnu": 0,
    "vnu errors": 0,
}


def missing(what: str, package: str):
    message = f"{what} is not installed: install Debian's '{package}' package to run the browser checks"
    if REQUIRE_BROWSER:
        pytest.fail(message + " (REQUIRE_BROWSER is set, so this is a failure)", pytrace=False)
    pytest.skip("!!! " + message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url(name: str) -> str:
    db = settings.DATABASES["default"]
    host = urllib.parse.quote(db["HOST"] or "localhost", safe="")
    auth = urllib.parse.quote(db["USER"] or "postgres", safe="")
    if db.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{name}"


def _run_admin_sql(sql: str) -> None:
    """CREATE/DROP DATABASE, which PostgreSQL refuses inside a transaction."""
    db = settings.DATABASES["default"]
    connection = psycopg2.connect(
        dbname="postgres",
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"] or None,
        port=db.get("PORT") or None,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql)
    finally:
        connection.close()


def _portal_database() -> str:
    return f"browser_{os.getpid()}"


def portal_query(sql: str, params=()) -> list[tuple]:
    """Reads the served portal's database: for what a person would find in their inbox."""
    db = settings.DATABASES["default"]
    connection = psycopg2.connect(
        dbname=_portal_database(),
        user=db["USER"],
        password=db.get("PASSWORD") or None,
        host=db["HOST"] or None,
        port=db.get("PORT") or None,
    )
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()
    finally:
        connection.close()


def open_reset_link(portal: str, page, email: str) -> None:
    """Asks for a password reset link for `email` and follows it, as its owner would: the
    link is read from the email the portal queued. Leaves the page on "Choose a new password"."""
    page.goto(portal + "/sign-in/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send the link").click()
    page.get_by_role("heading", name="Check your email").wait_for()
    [(body,)] = portal_query(
        "SELECT body FROM panels_outboxmessage WHERE kind = 'password_reset' AND \"to\" = %s ORDER BY id DESC LIMIT 1",
        [email],
    )
    page.goto(portal + re.search(r"/sign-in/reset-password/\S+/", body).group(0))
    page.get_by_role("heading", name="Choose a new password").wait_for()


@pytest.fixture(scope="session")
def portal():
    """The portal with demo content, served by gunicorn on loopback as in production."""
    name = _portal_database()
    _run_admin_sql(f'DROP DATABASE IF EXISTS "{name}"')
    _run_admin_sql(f'CREATE DATABASE "{name}"')
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(name),
        "SECRET_KEY": "browser-tests-" + "k" * 40,
        "HTTPS": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "DEBUG": "false",
    }
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        subprocess.run([*manage, "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True)
    log = (ROOT / "test-artifacts").joinpath("gunicorn.log")
    log.parent.mkdir(exist_ok=True)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "startforlife.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 (loopback only)
            break
        except (urllib.error.URLError, OSError):  # refused, reset or timed out while it boots
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(f"The portal did not start; see {log}") from None
            time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=10)
    _run_admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        missing("Chromium", "chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def _new_page(chromium, viewport, javascript=True):
    context = chromium.new_context(
        viewport=viewport, java_script_enabled=javascript, locale="en-GB", timezone_id="Europe/London"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


@pytest.fixture
def page(chromium):
    page = _new_page(chromium, DESKTOP)
    yield page
    page.context.close()


@pytest.fixture
def phone_page(chromium):
    page = _new_page(chromium, PHONE)
    yield page
    page.context.close()


@pytest.fixture(params=["desktop", "phone"])
def any_page(chromium, request):
    """The same test at a desktop width and at a phone's 375 px."""
    page = _new_page(chromium, DESKTOP if request.param == "desktop" else PHONE)
    yield page
    page.context.close()


@pytest.fixture(params=["desktop", "phone", "phone without JavaScript"])
def public_page(chromium, request):
    """A parent's journey: at a desktop width, at 375 px, and at 375 px with JavaScript off."""
    viewport = DESKTOP if request.param == "desktop" else PHONE
    page = _new_page(chromium, viewport, javascript=request.param != "phone without JavaScript")
    yield page
    page.context.close()


@pytest.fixture
def no_js_page(chromium):
    page = _new_page(chromium, PHONE, javascript=False)
    yield page
    page.context.close()


class Screenshots:
    """Saves a screenshot of each step of a journey (git-ignored test artifacts)."""

    def __init__(self, name: str):
        self.folder = ARTIFACTS / name
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.count = 0

    def __call__(self, page, step: str):
        self.count += 1
        page.screenshot(path=self.folder / f"{self.count:02d}-{step}.png", full_page=True)


@pytest.fixture
def screenshots(request):
    return Screenshots(request.node.name.replace("/", "_").replace("[", "-").rstrip("]"))


def sign_in(page, base: str, email: str, password: str = DEMO_PASSWORD):
    """Signs in as a demo account, giving the demo authenticator's code when asked for one."""
    page.goto(base + "/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if "/two-factor/" in page.url or page.get_by_role("heading", name="Enter the code").count():
        page.get_by_label("Code").fill(_next_code(email))
        page.get_by_role("button", name="Continue").click()


_SIGNED_IN: dict[str, dict] = {}


def signed_in_page(chromium, base: str, email: str, viewport=DESKTOP):
    """A new browser tab signed in as a demo account, reusing the cookies of an earlier sign-in
    (signing in again would wait for a fresh authenticator code)."""
    context = chromium.new_context(
        viewport=viewport, locale="en-GB", timezone_id="Europe/London", storage_state=_SIGNED_IN.get(email)
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(base + "/account/")
    if "/sign-in/" in page.url:
        sign_in(page, base, email)
        _SIGNED_IN[email] = context.storage_state()
    return page


_LAST_STEP: dict[str, int] = {}


def _next_code(email: str) -> str:
    """The demo authenticator's code, never the same one twice for an account.

    django-otp rightly refuses a code that was already used, and journeys sign the same demo
    account in several times a minute; the server accepts the next 30-second step too.
    """
    step = max(int(time.time()) // 30, _LAST_STEP.get(email, -1) + 1)
    wait = (step - 1) * 30 - time.time()
    if wait > 0:
        time.sleep(wait + 0.5)
    _LAST_STEP[email] = step
    return f"{hotp(DEMO_TOTP_KEY, step):06d}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Lets fixtures see whether the test itself passed (for the journeys count)."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)

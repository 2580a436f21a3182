"""The benchmark (`make bench`): the portal at council scale, served as in production.

1. A database of its own (`bench_<scale>` on the embedded PostgreSQL, or BENCH_DATABASE_URL),
   migrated, with the demo content and `generate_load_data --scale BENCH_SCALE` (once).
2. Queries per page: each page fetched once through Django's test client, counted with
   CaptureQueriesContext, against that same database.
3. gunicorn (DEBUG off, whitenoise, collected static, like `make serve`) on loopback, driven by
   wrk at 16 connections for BENCH_SECONDS per page, the bare reference page in the same run.
4. A table printed and written to bench/results.md. The ratio to the reference is the headline.

Settings: BENCH_SCALE (1), BENCH_SECONDS (10), BENCH_CONNECTIONS (16), BENCH_WORKERS (2),
BENCH_ONLY (comma-separated page names, to rerun a few).
"""

import datetime as dt
import gzip
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SCALE = os.environ.get("BENCH_SCALE", "1")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
ONLY = [name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()]
# A page slower than this for one request is timed alone, not put under load (it would
# queue minutes of work behind it and spoil the next page's figures).
TOO_SLOW_FOR_LOAD = 3.0
STAFF_EMAIL = "publisher@brackenford.example"


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    if os.environ.get("BENCH_DATABASE_URL"):
        return os.environ["BENCH_DATABASE_URL"]
    import urllib.parse

    from startforlife.database import DATA_DIR, _embedded_database_config

    _embedded_database_config()  # starts the embedded server if it is not running
    import pgserver

    name = "bench_" + SCALE.replace(".", "_")
    server = pgserver.get_server(DATA_DIR / "pg", cleanup_mode=None)
    if name not in server.psql("SELECT datname FROM pg_database;"):
        server.psql(f"CREATE DATABASE {name};")
    return f"postgres://postgres@{urllib.parse.quote(str(DATA_DIR / 'pg'), safe='')}/{name}"


PORT = _free_port()
ENV = {
    "DATABASE_URL": _database_url(),
    "SECRET_KEY": "benchmark-only-" + "k" * 40,
    "HTTPS": "false",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "127.0.0.1",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "WHITENOISE_USE_FINDERS": "false",
    "BENCH_REFERENCE": "true",
    # The open data API answers 429 after 120 requests a minute from one address: the benchmark
    # measures the page, not the throttle.
    "ORUK_API_RATE": "100000000",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENV)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "startforlife.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from offers.models import Service  # noqa: E402
from startforlife.models import User  # noqa: E402


def prepare_database() -> None:
    call_command("migrate", "--no-input", verbosity=0)
    if not Service.objects.filter(slug__startswith="load-").exists():
        call_command("seed_demo")
        call_command("generate_load_data", "--scale", SCALE)
    # Fresh planner statistics, as autovacuum would keep them in production: without them
    # PostgreSQL guesses one row per table after the bulk load and picks poor plans (the
    # machine's server may run with autovacuum off).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    if not (ROOT / "staticfiles" / "staticfiles.json").exists():
        call_command("collectstatic", "--no-input", verbosity=0)


def staff_session() -> str:
    """A signed-in, verified session for a demo publisher, as after the two-factor step."""
    user = User.objects.get(email=STAFF_EMAIL)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.filter(user=user).first().persistent_id
    session.save()
    return session.session_key


def pages() -> list[tuple[str, str, bool]]:
    """(name, path, signed in) for every page the issue lists; the reference first."""
    year = dt.date.today().year
    found = [
        ("reference", "/bench/reference/", False),
        ("home", reverse("home"), False),
        ("offer", reverse("offers:offer"), False),
        ("service", reverse("offers:service_detail", args=["health-visiting"]), False),
        ("search, 2 filters", reverse("offers:search") + "?stage=baby&category=parenting_support", False),
        ("browse by stage", reverse("offers:stage", args=["baby"]), False),
        ("timeline", reverse("offers:timeline") + f"?born=born&date_0=1&date_1=3&date_2={year}", False),
        ("nearest hubs", reverse("hubs:nearest") + "?postcode=BF1+1AA", False),
        ("hub", reverse("hubs:hub_detail", args=["brackenford-central-family-hub"]), False),
        ("what's on", reverse("hubs:whats_on"), False),
    ]
    try:
        found.append(("ORUK services", reverse("oruk:services"), False))
    except NoReverseMatch:
        found.append(("ORUK services", "/api/oruk/services", False))
    found += [
        ("offer PDF", reverse("offers:offer_pdf"), False),
        ("staff dashboard", reverse("manage_dashboard"), True),
    ]
    # A name with a comma ("search, 2 filters") is chosen by what comes before it ("search").
    return [page for page in found if not ONLY or {page[0], page[0].split(",")[0]} & {*ONLY, "reference"}]


def static_weight(html: str) -> int:
    """Compressed bytes of the CSS, JS and fonts a first visit to this HTML downloads."""
    total, seen = 0, set()
    assets = re.findall(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    while assets:
        url = assets.pop()
        if url in seen:
            continue
        seen.add(url)
        path = ROOT / "staticfiles" / url.removeprefix("/static/")
        if not path.exists():
            continue
        compressed = next((p for p in (Path(f"{path}.br"), Path(f"{path}.gz")) if p.exists()), path)
        total += compressed.stat().st_size
        if path.suffix == ".css":
            for ref in re.findall(r"url\(['\"]?([^'\")]+\.woff2)", path.read_text(errors="ignore")):
                assets.append("/static/" + str((path.parent / ref).resolve().relative_to(ROOT / "staticfiles")))
    return total


def count_queries(plan, cookie: str) -> dict:
    results = {}
    for name, path, signed_in in plan:
        client = Client(HTTP_HOST="127.0.0.1")
        if signed_in:
            client.cookies[settings.SESSION_COOKIE_NAME] = cookie
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        html = body.decode(errors="ignore") if "html" in response.get("Content-Type", "") else ""
        results[name] = {
            "status": response.status_code,
            "queries": len(queries),
            "bytes": len(body),
            "gzip": len(gzip.compress(body)),
            "weight": len(gzip.compress(body)) + static_weight(html) if html else None,
        }
    connection.close()
    return results


def start_server() -> subprocess.Popen:
    log = ROOT / "bench" / "gunicorn.log"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "startforlife.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            WORKERS,
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env={**os.environ, **ENV},
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)  # noqa: S310 (loopback)
            return server
        except OSError:  # refused, reset, or timed out while the workers boot on a busy machine
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError(f"gunicorn did not start; see {log}") from None
            time.sleep(0.3)


def timed_get(url: str, cookie: str | None) -> tuple[float, int]:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={cookie}"} if cookie else {})  # noqa: S310
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310 (loopback)
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.perf_counter() - started, status


def load(url: str, cookie: str | None) -> dict:
    script = str(ROOT / "bench" / "report.lua")
    command = ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "-s", script]
    if cookie:
        command += ["-H", f"Cookie: sessionid={cookie}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH "))
    figures = json.loads(line.removeprefix("BENCH "))
    figures["rps"] = figures["requests"] / figures["seconds"]
    return figures


def measure(plan, cookie: str) -> dict:
    results = {}
    for name, path, signed_in in plan:
        url = f"http://127.0.0.1:{PORT}{path}"
        session = cookie if signed_in else None
        # Warm each worker's caches (the local-memory cache is per process): a few requests,
        # stopping at the first quick one.
        for _attempt in range(int(WORKERS) + 2):
            seconds, status = timed_get(url, session)
            if seconds < TOO_SLOW_FOR_LOAD / 10:
                break
        if status == 404:
            results[name] = {"skipped": "not found (404): not built yet"}
        elif seconds > TOO_SLOW_FOR_LOAD:
            results[name] = {"skipped": f"{seconds:.1f} s for one request; not put under load"}
        else:
            results[name] = load(url, session)
        say(f"  {name}: {results[name]}")
    return results


def table(plan, queries: dict, timings: dict) -> str:
    reference = timings["reference"]["rps"]
    rows = [
        f"Scale {SCALE}, {CONNECTIONS} connections, {SECONDS} s a page, gunicorn {WORKERS} workers, "
        f"{os.cpu_count()} CPUs, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "| Page | req/s | vs ref | p50 ms | p95 ms | p99 ms | queries | KiB | KiB gz | first visit KiB gz |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _path, _signed_in in plan:
        q, t = queries[name], timings[name]
        weight = f"{q['weight'] / 1024:.0f}" if q["weight"] else ""
        sizes = f"{q['queries']} | {q['bytes'] / 1024:.0f} | {q['gzip'] / 1024:.0f} | {weight}"
        if "skipped" in t:
            rows.append(f"| {name} | {t['skipped']} | | | | | {sizes} |")
            continue
        failed = f" ({t['non2xx']} non-2xx, {t['errors']} errors)" if t["non2xx"] or t["errors"] else ""
        rows.append(
            f"| {name}{failed} | {t['rps']:.0f} | {t['rps'] / reference:.0%} | {t['p50']:.0f} | {t['p95']:.0f} "
            f"| {t['p99']:.0f} | {sizes} |"
        )
    return "\n".join(rows) + "\n"


def main() -> None:
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    say(f"Preparing the benchmark database (scale {SCALE})…")
    prepare_database()
    cookie = staff_session()
    plan = pages()
    say("Counting queries…")
    queries = count_queries(plan, cookie)
    say(f"Serving on 127.0.0.1:{PORT} and loading each page for {SECONDS} s…")
    server = start_server()
    try:
        load(f"http://127.0.0.1:{PORT}/bench/reference/", None)  # warms every worker up
        timings = measure(plan, cookie)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker slow to stop must not lose the figures
            server.kill()
            server.wait()
    report = table(plan, queries, timings)
    say("\n" + report)
    (ROOT / "bench" / "results.md").write_text("# Benchmark results\n\n" + report)


if __name__ == "__main__":
    main()

"""Where the portal's PostgreSQL lives.

`DATABASE_URL` names a real server (production, CI, a developer's own PostgreSQL).
Without it the portal starts an embedded PostgreSQL from the `pgserver` wheel in the
git-ignored `.data/pg` folder, so a fresh machine needs no database server at all.
The embedded server keeps running after the process that started it exits, so `make run`
and `make test` share it; `make db-stop` stops it.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"
EMBEDDED_DATABASE_NAME = "startforlife"


def uses_embedded_database() -> bool:
    return not os.environ.get("DATABASE_URL", "").strip()


def database_config() -> dict:
    """The `DATABASES["default"]` dict for whichever server applies."""
    if not uses_embedded_database():
        return dj_database_url.parse(os.environ["DATABASE_URL"].strip(), conn_max_age=60, conn_health_checks=True)
    return _embedded_database_config()


def _embedded_database_config() -> dict:
    import warnings

    # pgserver's platformdirs warns when XDG_RUNTIME_DIR is unset (servers, CI); harmless.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver

        DATA_DIR.mkdir(exist_ok=True)
        server = pgserver.get_server(DATA_DIR / "pg", cleanup_mode=None)
    if EMBEDDED_DATABASE_NAME not in server.psql("SELECT datname FROM pg_database;"):
        server.psql(f"CREATE DATABASE {EMBEDDED_DATABASE_NAME};")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": EMBEDDED_DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        # A Unix socket in the data folder: no TCP port, so nothing clashes with a real server.
        "HOST": str(DATA_DIR / "pg"),
        "PORT": "",
        "CONN_MAX_AGE": 0,
    }


def stop_embedded_database() -> None:
    import subprocess

    pg_data = DATA_DIR / "pg"
    if not (pg_data / "postmaster.pid").exists():
        return
    import pgserver._commands as commands

    user = "pgserver" if os.geteuid() == 0 else None
    subprocess.run(
        [str(commands.POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(pg_data), "-m", "fast", "stop"],
        check=False,
        user=user,
    )

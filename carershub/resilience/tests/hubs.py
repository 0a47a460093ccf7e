"""Throwaway hubs for the backup and migration tests: each with its own new database (an SQLite
file or a PostgreSQL database with a unique name) and its own folder for uploaded files, driven
through manage.py in a separate process, as an administrator would. Safe to run in parallel."""

import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings

from carershub.resilience.tests import world

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
TIMEOUT = 300


@dataclass
class Hub:
    folder: Path
    database_url: str

    @property
    def media(self):
        return self.folder / "test-files"  # MEDIA_ROOT in config/settings/test.py

    def manage(self, *args, input=None, expect_success=True):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": self.database_url,
            "CARERSHUB_VAR_DIR": str(self.folder),
            "AUDIT_CHECKPOINT_PATH": str(self.folder / "audit" / "checkpoints.jsonl"),
        }
        finished = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            input=input,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        if expect_success and finished.returncode != 0:
            pytest.fail(
                f"manage.py {' '.join(args)} exited with "
                f"{finished.returncode}:\n{finished.stdout}\n{finished.stderr}"
            )
        return finished

    def python(self, code):
        """Run Python inside the hub (``show(value)`` hands a value back) and return what it
        showed.
        """
        preamble = "from carershub.resilience.tests.world import show\n"
        return world.parse(self.manage("shell", "--no-imports", "-c", preamble + code).stdout)

    def snapshot(self):
        return self.python("from carershub.resilience.tests import world; show(world.snapshot())")


@contextmanager
def sqlite_hub(folder):
    folder.mkdir(parents=True, exist_ok=True)
    yield Hub(folder=folder, database_url=f"sqlite:///{folder / 'carershub.sqlite3'}")


def suite_runs_on_postgresql():
    return (os.environ.get("DATABASE_URL") or "").startswith(("postgres://", "postgresql://"))


def _server_url():
    """The PostgreSQL server the suite uses, or the local one; its maintenance database."""
    url = os.environ.get("DATABASE_URL") or ""
    if not suite_runs_on_postgresql():
        url = DEFAULT_SERVER
    parts = urlsplit(url)
    return parts._replace(path="/postgres", query="").geturl(), parts


def _admin_connection():
    import psycopg

    url, _ = _server_url()
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as error:
        pytest.skip(f"No PostgreSQL server to make throwaway databases on ({url}): {error}")


@contextmanager
def postgresql_hub(folder):
    """A hub on a new PostgreSQL database, dropped afterwards."""
    from psycopg import sql

    folder.mkdir(parents=True, exist_ok=True)
    name = f"carershub_restore_{uuid.uuid4().hex[:16]}"
    with _admin_connection() as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    _, parts = _server_url()
    url = parts._replace(path="/" + quote(name), query="").geturl()
    try:
        yield Hub(folder=folder, database_url=url)
    finally:
        with _admin_connection() as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


HUBS = {"sqlite": sqlite_hub, "postgresql": postgresql_hub}

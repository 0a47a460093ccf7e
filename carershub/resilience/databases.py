"""Dumping and restoring the hub's database, SQLite or PostgreSQL, without stopping the hub.

SQLite is copied with its online backup API (a consistent snapshot while others write), never
as a file copy: a copy of a live file, or of the file without its write-ahead log, can be torn.
PostgreSQL goes through its own tools, pg_dump, pg_restore and psql, given the connection details
in their environment so that a password never appears in a process list.
"""

import glob
import os
import re
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connection, connections

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
DUMP_NAMES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}
VENDOR_NAMES = {SQLITE: "SQLite", POSTGRESQL: "PostgreSQL"}


class DatabaseError(Exception):
    """The database could not be dumped or restored; the message says why in plain English."""


def vendor():
    if connection.vendor not in DUMP_NAMES:
        raise DatabaseError(f"Backups work with SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def dump(path):
    """Write a consistent copy of the whole database to ``path``."""
    if vendor() == SQLITE:
        _sqlite_dump(path)
    else:
        _run("pg_dump", "--format=custom", "--no-password", f"--file={path}")


def check_dump(path):
    """Refuse a dump the database could not load (checked before anything is replaced)."""
    if vendor() == SQLITE:
        try:
            with closing(_read_only(path)) as db:
                result = db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as error:
            raise DatabaseError(f"The database in the backup cannot be read: {error}") from error
        if result != "ok":
            raise DatabaseError(f"The database in the backup is damaged: {result}")
    else:
        _run("pg_restore", "--list", str(path), capture=True)


def restore(path):
    """Replace the whole database with the dump at ``path``: all of it, or (on error) none of it."""
    connections.close_all()
    if vendor() == SQLITE:
        _sqlite_restore(path)
    else:
        _postgresql_restore(path)
    connections.close_all()


# --- SQLite ----------------------------------------------------------------------------------


def _sqlite_name():
    name = str(connection.settings_dict["NAME"])
    if name == ":memory:" or "mode=memory" in name:
        raise DatabaseError("An in-memory SQLite database cannot be backed up or restored")
    return name


def _read_only(path):
    return sqlite3.connect(f"{Path(path).absolute().as_uri()}?mode=ro", uri=True)


def _sqlite_dump(path):
    name = _sqlite_name()
    if not Path(name).exists():
        raise DatabaseError(f"There is no database at {name}")
    with (
        closing(sqlite3.connect(name, timeout=20)) as source,
        closing(sqlite3.connect(path)) as target,
    ):
        source.backup(target)
        # One self-contained file, without a write-ahead log beside it.
        target.execute("PRAGMA journal_mode=DELETE")


def _sqlite_restore(path):
    # The backup API again, the other way: it writes every page in one transaction, so readers
    # see the old database or the new one, and the live write-ahead log stays consistent (replacing
    # the file under a running hub would pair the new file with the old log).
    name = _sqlite_name()
    Path(name).parent.mkdir(parents=True, exist_ok=True)
    try:
        with (
            closing(_read_only(path)) as source,
            closing(sqlite3.connect(name, timeout=20)) as target,
        ):
            source.backup(target)
    except sqlite3.Error as error:
        raise DatabaseError(
            f"The database could not be restored, and was left as it was: {error}"
        ) from error


# --- PostgreSQL ------------------------------------------------------------------------------


def _postgresql_restore(path):
    # pg_restore writes the script (--clean --if-exists --no-owner) and psql runs it as one
    # transaction, after dropping every foreign key there is now and the tables made since the
    # backup: --clean drops only what the dump holds, and a newer table, or a newer column of an
    # older table, with a foreign key to a restored table would stop it (ADR 16). The dump makes
    # its own foreign keys again; migrate then brings the rest forward.
    listing = _run("pg_restore", "--list", str(path), capture=True)
    in_backup = set(
        re.findall(r"^\d+; \d+ \d+ TABLE (?!DATA )\S+ (\S+) ", listing, flags=re.MULTILINE)
    )
    made_since = sorted(set(connection.introspection.table_names()) - in_backup)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT format('ALTER TABLE %s DROP CONSTRAINT IF EXISTS %I;', conrelid::regclass, "
            "conname) FROM pg_constraint WHERE contype = 'f' AND connamespace = "
            "current_schema()::regnamespace ORDER BY 1"
        )
        drop_foreign_keys = [row[0] for row in cursor.fetchall()]
    connection.close()
    script = Path(path).with_name("restore.sql")
    _run("pg_restore", "--clean", "--if-exists", "--no-owner", f"--file={script}", str(path))
    transaction_script = Path(path).with_name("restore-in-one-transaction.sql")
    with open(transaction_script, "wb") as out, open(script, "rb") as restore_script:
        for statement in drop_foreign_keys:
            out.write(f"{statement}\n".encode())
        for table in made_since:
            out.write(
                f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE;\n".encode()
            )
        shutil.copyfileobj(restore_script, out)
    script.unlink()
    _run(
        "psql",
        "--no-psqlrc",
        "--quiet",
        "--single-transaction",
        "--set=ON_ERROR_STOP=1",
        "--no-password",
        f"--file={transaction_script}",
    )
    transaction_script.unlink()


def tool(name):
    """The path of a PostgreSQL client program, from PATH or where Debian installs it."""
    found = shutil.which(name)
    if found:
        return found
    candidates = glob.glob(f"/usr/lib/postgresql/*/bin/{name}")
    if candidates:
        return max(candidates, key=lambda p: int(re.search(r"/postgresql/(\d+)", p).group(1)))
    raise DatabaseError(
        f"The PostgreSQL program {name} was not found. Install the PostgreSQL client tools "
        "(for example the postgresql-client package), "
        "the same major version as the server or later."
    )


def connection_environment():
    """libpq's environment variables for the hub's database: no password on any command line."""
    settings = connection.settings_dict
    options = settings.get("OPTIONS") or {}
    values = {
        "PGDATABASE": settings.get("NAME"),
        "PGUSER": settings.get("USER"),
        "PGPASSWORD": settings.get("PASSWORD"),
        "PGHOST": settings.get("HOST"),
        "PGPORT": settings.get("PORT"),
        "PGSSLMODE": options.get("sslmode"),
        "PGSSLROOTCERT": options.get("sslrootcert"),
        "PGSSLCERT": options.get("sslcert"),
        "PGSSLKEY": options.get("sslkey"),
        "PGPASSFILE": options.get("passfile"),
        "PGSERVICE": options.get("service"),
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update({k: str(v) for k, v in values.items() if v not in (None, "")})
    return env


def _run(program, *args, capture=False):
    command = [tool(program), *args]
    try:
        finished = subprocess.run(
            command,
            env=connection_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as error:
        raise DatabaseError(f"{program} could not be started: {error}") from error
    if finished.returncode != 0:
        detail = (finished.stderr or finished.stdout).strip()
        raise DatabaseError(f"{program} failed (exit code {finished.returncode}): {detail}")
    return finished.stdout if capture else None

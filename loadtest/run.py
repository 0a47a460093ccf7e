"""`make load`: the hub under load, in a throwaway PostgreSQL database, results in BENCHMARKS.md.

Makes a database of its own (carershub_load_<time>), migrates it, loads the demo partnership at a
realistic size, adds signed-in staff (manage.py prepare_load_test), starts gunicorn with the
production settings on a free loopback port, runs loadtest/locustfile.py headless, stops the
server, writes the results between the load-test markers in BENCHMARKS.md and drops the database
(unless --keep). Never part of `make test` or CI: it takes minutes and wants a quiet machine.
"""

import argparse
import csv
import datetime as dt
import json
import os
import platform
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BENCHMARKS = ROOT / "BENCHMARKS.md"
START, END = "<!-- load-test:start -->", "<!-- load-test:end -->"
PREFIX = "carershub_load_"
# Each journey and its steps, in the order they happen (the locustfile's request names).
JOURNEYS = [
    ("Search the register (40%)", ["search the register: /carers/?q="]),
    ("Open a carer (30%)", ["open a carer: /carers/[reference]/"]),
    (
        "Log a contact (15%)",
        ["log a contact: open the form", "log a contact: save", "log a contact: back to the carer"],
    ),
    (
        "Update a support plan (10%)",
        [
            "update a support plan: open the form",
            "update a support plan: save",
            "update a support plan: back to the plan",
        ],
    ),
    (
        "Public directory (anonymous)",
        [
            "public: /services/?q=",
            "public: /services/",
            "public: /services/[id]/",
            "public: /openreferral/services",
        ],
    ),
]


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200, help="signed-in staff (default 200)")
    parser.add_argument(
        "--public-users",
        type=int,
        default=10,
        help="anonymous directory visitors besides (default 10)",
    )
    parser.add_argument(
        "--spawn-rate", type=float, default=20, help="users started a second (default 20)"
    )
    parser.add_argument(
        "--run-time", default="3m", help="how long the load lasts, as locust reads it (default 3m)"
    )
    parser.add_argument(
        "--carers", type=int, default=5000, help="demo carers in the register (default 5,000)"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1) + 1,
        help="gunicorn workers (default 2 x cores + 1, gunicorn's own rule of thumb)",
    )
    parser.add_argument(
        "--server-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL database to connect to while creating and dropping the test's own",
    )
    parser.add_argument("--keep", action="store_true", help="keep the test database afterwards")
    parser.add_argument(
        "--no-write", action="store_true", help="print the results without writing BENCHMARKS.md"
    )
    return parser.parse_args()


def database_url(server_url, name):
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def own_database_name():
    """The hub's own database here, which the test must never touch."""
    url = os.environ.get("DATABASE_URL", "")
    return urlsplit(url).path.lstrip("/") if url.startswith("postgres") else ""


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def step(message):
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", flush=True)


def run(command, env, timeout):
    try:
        subprocess.run(command, env=env, cwd=ROOT, check=True, timeout=timeout)
    except subprocess.CalledProcessError as failed:
        raise SystemExit(
            f"Stopped: {' '.join(map(str, command[1:4]))} failed (exit status {failed.returncode})"
        ) from None


def wait_until_serving(url, server, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before serving: see its log above")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(1)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def machine(admin_url):
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown CPU",
    )
    memory = next(
        (
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    with psycopg.connect(admin_url) as connection:
        server = connection.execute("SHOW server_version").fetchone()[0]
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory / 1024 / 1024:.1f} GiB RAM; Linux "
        f"{platform.release()}; Python {platform.python_version()}; PostgreSQL {server}"
    )


def read_stats(prefix):
    with open(f"{prefix}_stats.csv", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    failures = []
    if Path(f"{prefix}_failures.csv").exists():
        with open(f"{prefix}_failures.csv", encoding="utf-8") as file:
            failures = list(csv.DictReader(file))
    return rows, failures


def table(rows):
    def line(label, row):
        cells = [
            row["Request Count"],
            row["Failure Count"],
            f"{float(row['Requests/s']):.1f}",
            row["50%"],
            row["95%"],
            row["99%"],
            row["100%"],
        ]
        return f"| {label} | " + " | ".join(cells) + " |"

    out = [
        "| Journey step | Requests | Failures | Requests/s | p50 ms | p95 ms | p99 ms | Max ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    by_name = {r["Name"]: r for r in rows}
    for journey, steps in JOURNEYS:
        for row in (by_name[name] for name in steps if name in by_name):
            out.append(line(f"{journey}: {row['Type']} {row['Name'].split(': ', 1)[1]}", row))
    known = {name for _, steps in JOURNEYS for name in steps} | {"Aggregated"}
    out.extend(line(f"Other: {r['Type']} {r['Name']}", r) for r in rows if r["Name"] not in known)
    total = next(r for r in rows if r["Name"] == "Aggregated")
    out.append(line("**All requests**", total))
    return "\n".join(out), total


def section(*, args, command, rows, failures, facts):
    results, total = table(rows)
    verdict = (
        "No request failed."
        if total["Failure Count"] == "0"
        else f"**{total['Failure Count']} requests failed:**\n\n"
        + "\n".join(
            f"- {f['Method']} {f['Name']}: {f['Error']} ({f['Occurrences']} times)"
            for f in failures
        )
    )
    return f"""{START}
## Load: {args.users} signed-in staff and the public directory, PostgreSQL, production server

Measured {facts["when"]} with `{command}`.

- Machine: {facts["machine"]}; load average (1 minute) {facts["load_before"]} when the load \
started, {facts["load_after"]} when it ended (other work shares this machine: a high load shows as \
a high p95)
- Server: gunicorn {facts["gunicorn"]} with `config.settings.production` on 127.0.0.1 (plain HTTP \
as behind a TLS proxy: `X-Forwarded-Proto: https`), {args.workers} sync workers (2 x cores + 1), \
persistent database connections (60 s); no background worker running
- Data: the demo partnership with {facts["size"]["carers"]:,} carers, \
{facts["size"]["support_plans"]:,} support plans and {facts["size"]["staff"]:,} staff accounts; \
database {facts["database_size"]} before the load
- Load: {args.users} staff, each signed in with a session of their own (made by `manage.py \
prepare_load_test`, as the two-step sign-in leaves it), choosing a journey every 2 to 8 s: search \
the register (weight 40; names, references, postcodes), open a carer (30; mostly one just found), \
log a contact (15; open the form, 2 to 8 s to fill it in, save, back to the carer), update their \
own support plan (10; likewise); and {args.public_users} anonymous visitors to `/services/` (a \
search, then a service) and `/openreferral/services`, also every 2 to 8 s. Started at \
{args.spawn_rate:g} users a second; {args.run_time} in all. A form the hub refused, any status but \
the expected one, or a page without what it should show, counts as a failure.

{results}

{verdict}
{END}"""


def write_section(text):
    current = BENCHMARKS.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: text, current)
    else:
        updated = current.rstrip("\n") + "\n\n" + text + "\n"
    BENCHMARKS.write_text(updated, encoding="utf-8")


def main():
    args = arguments()
    name = f"{PREFIX}{dt.datetime.now():%Y%m%d_%H%M%S}_{secrets.token_hex(2)}"
    if name == own_database_name() or not name.startswith(PREFIX):
        raise SystemExit(f"Refusing to use {name}: it is the hub's own database")
    url = database_url(args.server_url, name)
    work = Path(tempfile.mkdtemp(prefix="carershub-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(
            50
        ),  # the sessions are signed with it: one key for all steps
        "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode("ascii"),
        "LOOKUP_HASH_KEYS": secrets.token_urlsafe(32),
        "DATABASE_URL": url,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "LOG_LEVEL": "WARNING",
        # Files the server would write go here, not into the hub's own var/;
        # pages need no static files.
        "CARERSHUB_VAR_DIR": str(work / "var"),
    }
    (work / "var" / "staticfiles").mkdir(parents=True)
    command = "make load" + (
        f" LOAD_ARGS={shlex.quote(' '.join(sys.argv[1:]))}" if sys.argv[1:] else ""
    )
    server = None
    with psycopg.connect(args.server_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        step(f"Database {name}: migrating")
        run(
            [BIN / "python", "manage.py", "migrate", "--noinput", "--verbosity", "0"],
            env,
            timeout=300,
        )
        step(f"Loading the demo partnership with {args.carers:,} carers")
        run(
            [BIN / "python", "manage.py", "seed_demo", "--carers", str(args.carers)],
            env,
            timeout=300,
        )
        step(f"Signing in {args.users} staff")
        data = work / "data.json"
        run(
            [
                BIN / "python",
                "manage.py",
                "prepare_load_test",
                "--staff",
                str(args.users),
                "--out",
                data,
            ],
            env,
            timeout=120,
        )
        with psycopg.connect(url) as connection:
            database_size = connection.execute(
                "SELECT pg_size_pretty(pg_database_size(current_database()))"
            ).fetchone()[0]
        port = free_port()
        host = f"http://127.0.0.1:{port}"
        step(f"Starting gunicorn ({args.workers} workers) on {host}")
        server = subprocess.Popen(
            [
                BIN / "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "60",
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        wait_until_serving(f"{host}/services/", server)
        step(
            f"Load: {args.users} staff and {args.public_users} public visitors for {args.run_time}"
        )
        load_before = f"{os.getloadavg()[0]:.2f}"
        when = dt.date.today()
        result = subprocess.run(
            [
                BIN / "locust",
                "-f",
                "loadtest/locustfile.py",
                "--headless",
                "-u",
                str(args.users + args.public_users),
                "-r",
                str(args.spawn_rate),
                "-t",
                args.run_time,
                "--host",
                host,
                "--csv",
                work / "load",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            env={
                **env,
                "LOAD_TEST_DATA": str(data),
                "LOAD_TEST_PUBLIC_USERS": str(args.public_users),
            },
            cwd=ROOT,
            timeout=3600,
        )
        load_after = f"{os.getloadavg()[0]:.2f}"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        gunicorn_version = (
            subprocess.run([BIN / "gunicorn", "--version"], capture_output=True, text=True)
            .stdout.split()[-1]
            .strip("()")
        )
        rows, failures = read_stats(work / "load")
        text = section(
            args=args,
            command=command,
            rows=rows,
            failures=failures,
            facts={
                "when": f"{when:%-d %B %Y}",
                "machine": machine(args.server_url),
                "load_before": load_before,
                "load_after": load_after,
                "gunicorn": gunicorn_version,
                "database_size": database_size,
                "size": json.loads(data.read_text(encoding="utf-8"))["data_size"],
            },
        )
        print("\n" + text)
        if not args.no_write:
            write_section(text)
            step(f"Results written to {BENCHMARKS.name}")
        return result.returncode
    finally:
        if server is not None and server.poll() is None:
            server.kill()
            server.wait()
        if args.keep:
            step(f"Kept the database ({url}) and Locust's CSV files ({work})")
        else:
            with psycopg.connect(args.server_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            shutil.rmtree(work, ignore_errors=True)
            step(f"Dropped {name}")


if __name__ == "__main__":
    sys.exit(main())

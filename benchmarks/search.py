"""Benchmark search on a register of fictional carers, in a database of its own; write
BENCHMARKS.md.

    python -m benchmarks.search                       # SQLite, 100,000 carers, in var/bench.sqlite3
    # 1,000,000 carers
    python -m benchmarks.search --database-url postgres://postgres@127.0.0.1:5432/carershub_search_bench

The benchmark database is created, filled in bulk, measured and dropped again (``--keep`` keeps it
for the next run, which then reuses it). It is never the hub's own database: the command refuses a
URL that names the database the hub is configured with, and a database holding any partnership
other than the benchmark's.
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

DEFAULT_SIZES = {"postgresql": 1_000_000, "sqlite": 100_000}


def _vendor(config):
    return (
        "postgresql"
        if "postgresql" in config["ENGINE"]
        else "sqlite"
        if "sqlite" in config["ENGINE"]
        else ""
    )


def _same_database(a, b):
    def identity(config):
        name = config.get("NAME") or ""
        if "sqlite" in config["ENGINE"]:
            name = str(Path(name).resolve())
        return (_vendor(config), config.get("HOST") or "", str(config.get("PORT") or ""), name)

    return identity(a) == identity(b)


def _without_password(url):
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _server_connection(config):
    import psycopg

    return psycopg.connect(
        dbname="postgres",
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        autocommit=True,
    )


class Command(BaseCommand):
    help = (
        "Benchmark carer search in a separate database of fictional carers and write BENCHMARKS.md."
    )
    # the module run again inside the benchmark database (other benchmarks reuse this one)
    name = "benchmarks.search"
    size_option = "carers"
    size_help = "How many carers (default 1,000,000 on PostgreSQL, 100,000 on SQLite)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--database-url",
            default=f"sqlite:///{settings.VAR_DIR / 'bench.sqlite3'}",
            help="The benchmark's own database (default: var/bench.sqlite3). Never the hub's.",
        )
        parser.add_argument(f"--{self.size_option}", type=int, help=self.size_help)
        parser.add_argument(
            "--repeat", type=int, default=200, help="Runs of each search (default 200)."
        )
        parser.add_argument(
            "--keep", action="store_true", help="Keep the benchmark database for the next run."
        )
        parser.add_argument(
            "--output",
            default=str(settings.BASE_DIR / "BENCHMARKS.md"),
            help="Where to write results.",
        )
        parser.add_argument(
            "--no-write",
            action="store_true",
            help="Print the results without writing BENCHMARKS.md.",
        )
        parser.add_argument(
            "--inner", action="store_true", help="(internal) run inside the benchmark database."
        )

    def handle(self, *args, **options):
        if options["inner"]:
            return self.measure(**options)
        url = options["database_url"]
        config = dj_database_url.parse(url)
        vendor = _vendor(config)
        if not vendor:
            raise CommandError("The benchmark runs on PostgreSQL or SQLite")
        if _same_database(config, settings.DATABASES["default"]):
            raise CommandError(
                "That is the hub's own database: give the benchmark a database of its own"
            )
        if vendor == "postgresql":
            with _server_connection(config) as server:
                exists = server.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
                ).fetchone()
                if not exists:
                    server.execute(f'CREATE DATABASE "{config["NAME"]}"')
        else:
            Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        command = [
            sys.executable,
            "-m",
            self.name,
            "--inner",
            "--database-url",
            url,
            "--repeat",
            str(options["repeat"]),
            "--output",
            options["output"],
        ]
        if options[self.size_option]:
            command += [f"--{self.size_option}", str(options[self.size_option])]
        if options["no_write"]:
            command.append("--no-write")
        if options["keep"]:
            command.append("--keep")
        env = {**os.environ, "DATABASE_URL": url}
        try:
            finished = subprocess.run(command, env=env, check=False, cwd=settings.BASE_DIR)
        finally:
            if not options["keep"]:
                self.drop(config, vendor)
        if finished.returncode:
            raise CommandError("The benchmark failed (see above)")

    def drop(self, config, vendor):
        if vendor == "postgresql":
            with _server_connection(config) as server:
                server.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}" WITH (FORCE)')
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(config["NAME"] + suffix).unlink(missing_ok=True)
        self.stdout.write("Benchmark database dropped (use --keep to keep it).")

    def measure(self, *, database_url, carers, repeat, output, no_write, keep, **options):
        from django.db import connection

        from benchmarks import search_data as benchmark

        settings.DEBUG = False  # no query log: it would be timed too
        vendor = connection.vendor
        count = carers or DEFAULT_SIZES[vendor]
        say = self.stdout.write
        call_command("migrate", verbosity=0)
        try:
            existing = benchmark.existing_size()
        except RuntimeError as refused:
            raise CommandError(str(refused)) from refused
        build_seconds = 0
        if existing is None:
            say(f"Building a register of {count:,} fictional carers ({vendor})")
            started = time.perf_counter()
            benchmark.build(count, progress=say)
            benchmark.analyse()
            build_seconds = time.perf_counter() - started
            say(f"Built in {build_seconds / 60:.1f} minutes")
        elif existing != count:
            raise CommandError(
                f"The kept benchmark database holds {existing:,} carers, not {count:,}: "
                "run without --keep once to drop it, or pass --carers {existing}"
            )
        else:
            say(f"Reusing the kept benchmark database of {existing:,} carers")
            benchmark.analyse()

        actor = benchmark.bench_actor()
        load_before = benchmark.load_average()
        results = []
        for label, text, runs in benchmark.queries_to_run():
            runs = min(runs or repeat, repeat)
            timing = benchmark.time_query(actor, text, runs)
            timing.update(label=label, text=text, repeat=runs)
            results.append(timing)
            say(
                f"  {label:<34} {timing['results']:>8,} results  p50 {timing['p50']:6.1f} ms  "
                f"p95 {timing['p95']:6.1f} ms"
                f"  (raw SQL p50 {timing['raw_p50']:6.1f} ms  p95 {timing['raw_p95']:6.1f} ms)"
            )
        load = (load_before, benchmark.load_average())
        slowest = max((r for r in results if r["text"]), key=lambda r: r["p95"])
        plan = benchmark.explain(actor, slowest["text"]) if vendor == "postgresql" else ""
        shown_url = _without_password(database_url)
        command = f"python -m benchmarks.search --database-url {shown_url}" + (
            f" --carers {carers}" if carers else ""
        )
        if os.environ.get("PGOPTIONS") and vendor == "postgresql":
            command = f"PGOPTIONS='{os.environ['PGOPTIONS']}' {command}"
        body = benchmark.report(
            vendor=vendor,
            count=count,
            results=results,
            command=command,
            build_seconds=build_seconds,
            plan=plan,
            load=load,
        )
        title = (
            f"Search on {'PostgreSQL' if vendor == 'postgresql' else 'SQLite'}, {count:,} carers"
        )
        section = vendor
        if vendor == "postgresql" and not benchmark.jit_enabled():
            title += ", JIT compilation off"
            section += "-jit-off"
        if no_write:
            say(body)
        else:
            benchmark.write_section(output, section, title, body)
            say(f"Results written to {output}")


if __name__ == "__main__":
    from benchmarks import main

    main(Command)

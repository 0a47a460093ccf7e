"""Benchmark the Open Referral API's service search on a directory of fictional services, in a
database of its own; write the results into BENCHMARKS.md.

    # SQLite, 10,000 services, var/bench-directory.sqlite3
    python -m benchmarks.directory
    python -m benchmarks.directory --database-url postgres://postgres@127.0.0.1:5432/carershub_directory_bench

Target (the directory issue): GET /openreferral/services?search=... p95 <= 50 ms at 10,000 services.
"""

import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from benchmarks import search as bench

TARGET_MS = 50


class Command(bench.Command):
    help = "Benchmark the Open Referral API's service search and write BENCHMARKS.md."
    name = "benchmarks.directory"
    size_option = "services"
    size_help = "How many services (default 10,000)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(
            database_url=f"sqlite:///{settings.VAR_DIR / 'bench-directory.sqlite3'}"
        )

    def measure(self, *, database_url, services, repeat, output, no_write, keep, **options):
        from django.db import connection

        from benchmarks import directory_data as benchmark
        from benchmarks import search_data as search_benchmark

        settings.DEBUG = False
        settings.HUB_PARTNERSHIP_SLUG = benchmark.SLUG
        settings.ALLOWED_HOSTS = ["127.0.0.1"]
        vendor = connection.vendor
        count = services or 10_000
        say = self.stdout.write
        call_command("migrate", verbosity=0)
        try:
            existing = benchmark.existing_size()
        except RuntimeError as refused:
            raise CommandError(str(refused)) from refused
        build_seconds = 0
        if existing is None:
            say(f"Building a directory of {count:,} fictional services ({vendor})")
            started = time.perf_counter()
            benchmark.build(count, progress=say)
            build_seconds = time.perf_counter() - started
        elif existing != count:
            raise CommandError(
                f"The kept benchmark database holds {existing:,} services, not {count:,}"
            )
        benchmark.analyse()
        client = benchmark.bench_client()
        load_before = search_benchmark.load_average()
        rows = []
        for label, query in benchmark.queries_to_run():
            timing = benchmark.time_request(client, query, repeat)
            timing.update(label=label, query=query)
            rows.append(timing)
            say(
                f"  {label:<42} {timing['results']:>6,} results  p50 {timing['p50']:6.1f} ms  "
                f"p95 {timing['p95']:6.1f} ms  (raw SQL p50 {timing['raw_p50']:5.1f} ms  p95 "
                f"{timing['raw_p95']:5.1f} ms)"
            )
        load = (load_before, search_benchmark.load_average())
        body = self.report(vendor, count, rows, repeat, build_seconds, load, database_url, services)
        title = (
            "Directory: Open Referral service search on "
            f"{'PostgreSQL' if vendor == 'postgresql' else 'SQLite'}, {count:,} services"
        )
        if no_write:
            say(body)
        else:
            search_benchmark.write_section(output, f"directory-{vendor}", title, body)
            say(f"Results written to {output}")

    def report(self, vendor, count, rows, repeat, build_seconds, load, database_url, services):
        from benchmarks import search_data as search_benchmark

        machine = search_benchmark.machine()
        database = search_benchmark.database()["version"]
        command = (
            f"python -m benchmarks.directory --database-url {bench._without_password(database_url)}"
        )
        if services:
            command += f" --services {services}"
        worst = max(r["p95"] for r in rows)
        lines = [
            f"Measured {time.strftime('%Y-%m-%d')} with `{command}` (`make bench` runs it).",
            "",
            f"- Machine: {machine['cpu']}, {machine['cores']} cores, {machine['ram']} RAM, "
            f"{machine['os']}, Python {machine['python']}; {database}; load average {load[0]} "
            f"before, {load[1]} after.",
            f"- Data: {count:,} services of {max(1, count // 20):,} providers, 70% with a place, "
            f"two taxonomy terms each (built in {build_seconds:.0f} s).",
            f"- Each request {repeat} times through Django's test client (URL routing, the view, "
            "the JSON answer, middleware); the baseline runs the "
            "same SQL statements raw on a cursor.",
            f"- Target: p95 <= {TARGET_MS} ms. Slowest p95 here: {worst:.1f} ms "
            f"({'met' if worst <= TARGET_MS else 'NOT met'}).",
            "",
            "| GET /openreferral/services?... | results | queries | p50 ms | p95 ms | raw SQL "
            "p50 ms | raw SQL p95 ms |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {r['label']} (`{r['query']}`) | {r['results']:,} | {r['queries']} | "
            f"{r['p50']:.1f} | {r['p95']:.1f} | {r['raw_p50']:.1f} | {r['raw_p95']:.1f} |"
            for r in rows
        ]
        return "\n".join(lines) + "\n"


if __name__ == "__main__":
    from benchmarks import main

    main(Command)

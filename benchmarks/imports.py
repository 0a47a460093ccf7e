"""How long a big import takes: ``run_import_benchmark()`` imports 100,000 fictional carers.

It runs in a throwaway database (Django's test database machinery), so the hub's own data is
never touched; BENCHMARKS.md records the results. ``fictional_export`` makes the file; the
tests use it too.
"""

import csv
import datetime as dt
import io
import random
import sys
import tempfile
import time
from pathlib import Path

GIVEN = [
    "Ada",
    "Bex",
    "Chidi",
    "Dev",
    "Ewa",
    "Fatima",
    "Gareth",
    "Hui",
    "Imran",
    "Joan",
    "Kwame",
    "Zoë",
]
FAMILY = [
    "Foxglove",
    "Yarrow",
    "Okafor",
    "Patel",
    "Nowak",
    "Begum",
    "Jones",
    "Li",
    "Khan",
    "O'Brien",
    "Mensah",
]
TOWNS = ["Ashvale", "Brookford", "Castlemere", "Dunmoor"]
HEADINGS = [
    "Client ID",
    "Forename",
    "Surname",
    "DOB",
    "NHS No",
    "Address 1",
    "Town",
    "Postcode",
    "Telephone",
    "Email",
]


def fictional_nhs_number(n):
    """The n-th valid NHS number in the range kept for testing (999 000 0000 to 999 999 9999),
    or "" when n's digits would need the check digit 10, which no NHS number has."""
    digits = [9, 9, 9] + [int(d) for d in f"{n % 1_000_000:06d}"]
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
    if check == 10:
        return ""
    return "".join(map(str, digits)) + str(0 if check == 11 else check)


def fictional_rows(count, *, seed=1, start=1):
    """Rows of a fictional case system's export (with HEADINGS), every one valid and distinct."""
    rng = random.Random(seed)
    for n in range(start, start + count):
        born = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 365 * 65))
        yield [
            f"CP{n:07d}",
            rng.choice(GIVEN),
            rng.choice(FAMILY),
            born.strftime("%d/%m/%Y"),
            fictional_nhs_number(n) if rng.random() < 0.7 else "",
            f"{rng.randint(1, 200)} Mill Lane",
            rng.choice(TOWNS),
            f"ZZ{rng.randint(1, 99)} "
            f"{rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            # Ofcom's drama range, so every number passes the phone number rule and reaches nobody.
            f"01632 960{rng.randint(1000000000, 1999999999) % 1000:03d}",
            f"carer{n}@example.com",
        ]


def fictional_export(count, *, seed=1, start=1, extra_rows=()):
    """The bytes of a CSV export of ``count`` fictional carers (UTF-8 with Excel's BOM)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADINGS)
    writer.writerows(fictional_rows(count, seed=seed, start=start))
    writer.writerows(extra_rows)
    return out.getvalue().encode("utf_8_sig")


def run_import_benchmark(rows=100_000, *, stdout=None, use_current_database=False):
    """Import ``rows`` fictional carers, then the same file again; return the timings in seconds.

    By default it creates and destroys its own test database. A caller that has already set one
    up (a ``bench`` command running several benchmarks) passes ``use_current_database=True``.
    """
    stdout = stdout or sys.stdout
    if use_current_database:
        return _measure(rows, stdout)
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    with tempfile.TemporaryDirectory() as folder:
        if connection.vendor == "sqlite":
            # A file in WAL mode, as the hub runs, rather than SQLite's in-memory test database.
            connection.settings_dict.setdefault("TEST", {})["NAME"] = str(
                Path(folder) / "bench.sqlite3"
            )
        old = setup_databases(verbosity=0, interactive=False)
        try:
            return _measure(rows, stdout)
        finally:
            teardown_databases(old, verbosity=0)


def _measure(rows, stdout):
    from django.db import connection

    from carershub.accounts.actor import Actor
    from carershub.carers.models import Carer
    from carershub.imports import services
    from carershub.partnerships.models import Organisation, OrganisationType, Partnership

    partnership = Partnership.objects.create(
        name="Benchmark partnership", slug=f"bench-{time.time_ns()}"
    )
    hub = Organisation.objects.create(
        partnership=partnership, name="Benchmark hub", type=OrganisationType.HUB_PROVIDER
    )
    actor = Actor(organisation=hub)
    data = fictional_export(rows)

    def one_run():
        started = time.perf_counter()
        run = services.start_import(
            actor,
            organisation=hub,
            data=data,
            filename="bench.csv",
            source_system="CarePoint",
            keep_file=False,
        )
        run = services.check_rows(run, actor, data=data)
        checked = time.perf_counter()
        run = services.publish(run, actor)
        published = time.perf_counter()
        return run, checked - started, published - checked

    first, first_check, first_publish = one_run()
    again, again_check, again_publish = one_run()
    result = {
        "database": connection.vendor,
        "rows": rows,
        "added": first.added_count,
        "check_seconds": round(first_check, 1),
        "publish_seconds": round(first_publish, 1),
        "total_seconds": round(first_check + first_publish, 1),
        "rerun_added": again.added_count,
        "rerun_total_seconds": round(again_check + again_publish, 1),
        "carers_in_register": Carer.unscoped.filter(holding_organisation=hub).count(),
    }
    stdout.write(
        f"Import of {rows:,} carers on {result['database']}: checked in "
        f"{result['check_seconds']} s, "
        f"published in {result['publish_seconds']} s (total {result['total_seconds']} s); the "
        "same file "
        f"again added {result['rerun_added']} in {result['rerun_total_seconds']} s\n"
    )
    return result


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    django.setup()
    run_import_benchmark()

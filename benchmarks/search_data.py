"""The search benchmark behind ``make bench``: a register of fictional carers built in bulk in a
database of its own, the searches a hub worker makes timed through the page's own selector and
as the same raw SQL, and the results written to BENCHMARKS.md.

Never run by the tests (they count queries; timings belong here). The register is built with
COPY on PostgreSQL and prepared INSERTs on SQLite, never with a save per row.
"""

import datetime as dt
import os
import platform
import random
import re
import statistics
import time
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Membership, Role, User
from carershub.carers import selectors
from carershub.carers.models import Carer, ConsentToShare
from carershub.core.encryption import lookup_hash
from carershub.core.references import make_reference
from carershub.partnerships.models import Organisation, OrganisationType, Partnership
from carershub.search import services
from carershub.search.models import CarerSearchKey

SLUG = "benchmark"
OTHER_SLUG = "benchmark-elsewhere"
TARGET_P95_MS = 100

# Roughly the shape of names in an English region: a few very common family names (Smith is
# about 1.3% of people), a long tail of rare ones, some names with accents and apostrophes, and
# some written in Urdu.
FAMILY = [
    "Smith",
    "Jones",
    "Williams",
    "Taylor",
    "Brown",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Johnson",
    "Roberts",
    "Robinson",
    "Thompson",
    "Wright",
    "Walker",
    "White",
    "Edwards",
    "Hughes",
    "Green",
    "Hall",
    "Lewis",
    "Harris",
    "Clarke",
    "Patel",
    "Jackson",
    "Wood",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Morris",
    "Moore",
    "Clark",
    "Lee",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Allen",
    "James",
    "Scott",
    "Phillips",
    "Watson",
    "Davis",
    "Parker",
    "Price",
    "Bennett",
    "Young",
    "Griffiths",
    "Mitchell",
    "Kelly",
    "Cook",
    "Carter",
    "Richardson",
    "Bailey",
    "Collins",
    "Bell",
    "Shaw",
    "Murphy",
    "Miller",
    "Cox",
    "Richards",
    "Khan",
    "Marshall",
    "Anderson",
    "Simpson",
    "Ellis",
    "Adams",
    "Singh",
    "Begum",
    "Wilkinson",
    "Foster",
    "Chapman",
    "Powell",
    "Webb",
    "Rogers",
    "Gray",
    "Mason",
    "Ali",
    "Hunt",
    "Hussain",
    "Campbell",
    "Matthews",
    "Owen",
    "Palmer",
    "Holmes",
    "Mills",
    "Barnes",
    "Knight",
    "Lloyd",
    "Butler",
    "Russell",
    "Barker",
    "Fisher",
    "Stevens",
    "Jenkins",
    "Murray",
    "Dixon",
    "Harvey",
    "O'Brien",
    "O'Connor",
    "O'Neill",
    "McDonald",
    "Nowak",
    "Kowalski",
    "Wiśniewski",
    "Okafor",
    "Mensah",
    "Nguyen",
    "Chen",
    "Smith-Jones",
    "Bradshaw",
    "Akhtar",
    "Mahmood",
    "Iqbal",
    "Rahman",
    "Sharma",
    "Kaur",
    "Gill",
    "Sandhu",
    "Fernández",
    "García",
    "Müller",
    "Brontë",
    "Doyle",
    "Byrne",
    "Quinn",
    "Walsh",
    "Ryan",
    "Foxglove",
]
GIVEN = [
    "John",
    "David",
    "Michael",
    "Paul",
    "Andrew",
    "Mark",
    "James",
    "Peter",
    "Robert",
    "Richard",
    "Stephen",
    "Christopher",
    "Daniel",
    "Mohammed",
    "Thomas",
    "Matthew",
    "Anthony",
    "William",
    "Ian",
    "Gary",
    "Susan",
    "Sarah",
    "Margaret",
    "Elizabeth",
    "Mary",
    "Karen",
    "Julie",
    "Helen",
    "Patricia",
    "Linda",
    "Jennifer",
    "Emma",
    "Claire",
    "Nicola",
    "Lisa",
    "Joanne",
    "Rachel",
    "Laura",
    "Michelle",
    "Amanda",
    "Jean",
    "Barbara",
    "Christine",
    "Janet",
    "Ann",
    "Sandra",
    "Jacqueline",
    "Angela",
    "Pauline",
    "Anne",
    "Fatima",
    "Aisha",
    "Priya",
    "Amir",
    "Imran",
    "Tariq",
    "Yusuf",
    "Ayesha",
    "Sana",
    "Bilal",
    "Hamza",
    "Zoë",
    "Chloë",
    "Siân",
    "Seán",
    "Renée",
    "José",
    "Łukasz",
    "Małgorzata",
    "Agnieszka",
    "Zofia",
    "Niamh",
    "Aoife",
    "Ciarán",
    "Eilidh",
    "Rhys",
    "Dylan",
    "Cerys",
    "Ffion",
    "Gethin",
    "Hana",
    "Ada",
    "Bea",
    "Cai",
    "Dev",
    "Elif",
    "Fern",
    "Idris",
    "Kemi",
    "Leon",
    "Maya",
    "Nia",
    "Omar",
    "Rosa",
    "Wren",
    "Zara",
    "Jo",
    "Al",
    "Ed",
    "Li",
    "Oliver",
    "Jack",
    "Harry",
    "George",
    "Noah",
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Emily",
    "Sophie",
    "Grace",
    "Lily",
    "Freya",
    "Ella",
    "Charlotte",
]
URDU_GIVEN = [
    "محمد",
    "احمد",
    "علی",
    "فاطمہ",
    "عائشہ",
    "زینب",
    "حسن",
    "حسین",
    "عمران",
    "نادیہ",
    "صائمہ",
    "بلال",
]
URDU_FAMILY = ["علی", "خان", "حسین", "شاہ", "بیگم", "اقبال", "چوہدری", "ملک", "قریشی", "رضا"]
_STARTS = [
    "Ash",
    "Black",
    "Brad",
    "Brook",
    "Bur",
    "Cald",
    "Car",
    "Chad",
    "Clay",
    "Cran",
    "Dal",
    "Dun",
    "Eld",
    "Fair",
    "Farn",
    "Fen",
    "Gar",
    "Glen",
    "Grey",
    "Hal",
    "Hart",
    "Haw",
    "Hol",
    "Hun",
    "Kel",
    "Ken",
    "Kirk",
    "Lang",
    "Lid",
    "Lock",
    "Mar",
    "Mid",
    "Mor",
    "New",
    "Nor",
    "Oak",
    "Pen",
    "Pres",
    "Rad",
    "Red",
    "Rid",
    "Ros",
    "Sal",
    "Shel",
    "Stan",
    "Stock",
    "Sut",
    "Thorn",
    "Tre",
    "Wal",
    "War",
    "Wes",
    "Whit",
    "Wil",
    "Wood",
    "Wy",
]
_MIDDLES = ["", "", "a", "e", "er", "in", "on", "el", "ing"]
_ENDS = [
    "bury",
    "by",
    "combe",
    "den",
    "dale",
    "field",
    "ford",
    "gate",
    "ham",
    "hill",
    "hurst",
    "ington",
    "land",
    "ley",
    "low",
    "mere",
    "more",
    "ridge",
    "shaw",
    "stead",
    "stone",
    "ton",
    "well",
    "wick",
    "win",
    "wood",
    "worth",
    "cott",
    "brook",
    "croft",
]
_SYLLABLES = [
    "ka",
    "ri",
    "na",
    "lo",
    "me",
    "sa",
    "ta",
    "ne",
    "li",
    "ra",
    "da",
    "mi",
    "jo",
    "el",
    "an",
    "is",
    "ya",
    "be",
    "ro",
    "vi",
    "ze",
    "ha",
    "lu",
    "che",
]
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
SHOWN = [("John", "Smith"), ("Zoë", "O'Brien"), ("محمد", "علی")]


def _zipf_weights(n, offset):
    return [1 / (rank + offset) for rank in range(n)]


class Names:
    """Deterministic fictional names with a realistic spread of common and rare ones."""

    def __init__(self, rng):
        self.rng = rng
        self.family_tail = sorted({s + m + e for s in _STARTS for m in _MIDDLES for e in _ENDS})
        self.family_weights = _zipf_weights(len(FAMILY), 4)
        self.given_weights = _zipf_weights(len(GIVEN), 8)

    def family(self):
        # A fifth of people have one of the common family names (Smith about 1.4%).
        if self.rng.random() < 0.2:
            return self.rng.choices(FAMILY, self.family_weights)[0]
        return self.rng.choice(self.family_tail)

    def given(self):
        # Nearly half have one of the common given names (John about 2%).
        if self.rng.random() < 0.45:
            return self.rng.choices(GIVEN, self.given_weights)[0]
        return "".join(
            self.rng.choice(_SYLLABLES) for _ in range(self.rng.choice([2, 2, 3]))
        ).capitalize()


def nhs_number(n):
    """The n-th valid NHS number counting up from 900 000 000x, or "" if its check digit is 10."""
    digits = [int(d) for d in f"{900_000_000 + n:09d}"]
    check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
    if check == 10:
        return ""
    return "".join(map(str, digits)) + str(0 if check == 11 else check)


def _columns(model, explicit):
    """(column, field, prepared default) for every concrete field of a model. Fields not given
    take their own default, so fields added later by other work still load."""
    now = timezone.now()
    columns = []
    for field in model._meta.concrete_fields:
        if field.primary_key and field.name not in explicit:
            continue  # numbered by the database
        if field.name in explicit:
            default = None
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = now
        elif field.has_default():
            default = field.get_default()
        elif field.null:
            default = None
        else:
            default = ""
        columns.append((field.column, field, field.get_db_prep_save(default, connection)))
    return columns


def _load(model, explicit, rows):
    """Bulk-load rows (dicts of field name -> value): COPY on PostgreSQL, executemany on SQLite."""
    columns = _columns(model, explicit)
    names = ", ".join(column for column, _, _ in columns)
    table = model._meta.db_table

    def prepared(row):
        return [
            field.get_db_prep_save(row[field.name], connection) if field.name in row else default
            for _, field, default in columns
        ]

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(prepared(row))
        else:
            sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
            batch = []
            for row in rows:
                batch.append(prepared(row))
                if len(batch) == 10_000:
                    cursor.executemany(sql, batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)


def _carer_rows(count, rng, hub, elsewhere, key_workers):
    names = Names(rng)
    today = dt.date(2026, 11, 23)
    references = set()
    for pk in range(1, count + 1):
        urdu = rng.random() < 0.02
        given, family = (
            (rng.choice(URDU_GIVEN), rng.choice(URDU_FAMILY))
            if urdu
            else (names.given(), names.family())
        )
        shown = pk <= len(SHOWN)  # the names the benchmark searches for exist at every size
        if shown:
            given, family = SHOWN[pk - 1]
        outward = f"ZZ{rng.randint(1, 99)}" if rng.random() < 0.5 else f"ZY{rng.randint(1, 99)}"
        status = rng.choices(["active", "closed", "ex_carer"], [85, 10, 5])[0]
        merged = pk > 1 and rng.random() < 0.005 and not shown
        if merged:
            status = "closed"
        reference = make_reference("C", rng)
        while reference in references:  # at a million, about one pair of random references clash
            reference = make_reference("C", rng)
        references.add(reference)
        hours = rng.choice([None, 5, 12, 20, 35, 50, 70, 100])
        nhs = nhs_number(pk) if rng.random() < 0.7 else ""
        yield {
            "id": pk,
            "reference": reference,
            "holding_organisation": elsewhere.pk if rng.random() < 0.05 and not shown else hub.pk,
            "given_name": given,
            "family_name": family,
            "date_of_birth": today - dt.timedelta(days=rng.randint(8 * 365, 95 * 365)),
            "nhs_number": nhs,
            "nhs_number_lookup": lookup_hash(nhs),
            "postcode": f"{outward} "
            f"{rng.randint(1, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}",
            "hours_band": ""
            if hours is None
            else ("19_or_less" if hours <= 19 else "20_to_49" if hours <= 49 else "50_or_more"),
            "hours_per_week": hours,
            "status": status,
            "closed_reason": "duplicate"
            if merged
            else ("no_longer_caring" if status == "closed" else ""),
            "merged_into": pk - 1 if merged else None,
            "key_worker": rng.choice(key_workers).pk if status == "active" else None,
            "lawful_basis": "public_task",
        }


@transaction.atomic
def build(count, seed=2026, progress=print):
    """Create the benchmark partnership, its staff and ``count`` carers, with their search keys."""
    rng = random.Random(seed)
    partnership = Partnership.objects.create(name="Benchmark Carers Partnership", slug=SLUG)
    hub = Organisation.objects.create(
        partnership=partnership, name="Benchmark Carers Centre", type=OrganisationType.HUB_PROVIDER
    )
    hospital = Organisation.objects.create(
        partnership=partnership, name="Benchmark Hospital", type=OrganisationType.HOSPITAL_TRUST
    )
    other = Partnership.objects.create(name="Elsewhere Carers Partnership", slug=OTHER_SLUG)
    elsewhere = Organisation.objects.create(
        partnership=other, name="Elsewhere Carers Centre", type=OrganisationType.HUB_PROVIDER
    )
    workers = [
        User.objects.create_user(f"worker{n}@bench.invalid", full_name=f"Worker {n}")
        for n in range(40)
    ]
    Membership.objects.bulk_create(
        Membership(user=u, organisation=hub, role=Role.SUPPORT_WORKER) for u in workers
    )
    manager = User.objects.create_user("manager@bench.invalid", full_name="Bench Manager")
    Membership.objects.create(user=manager, organisation=hub, role=Role.HUB_MANAGER)

    started = time.perf_counter()
    explicit = [
        "id",
        "reference",
        "holding_organisation",
        "given_name",
        "family_name",
        "date_of_birth",
        "nhs_number",
        "nhs_number_lookup",
        "postcode",
        "hours_band",
        "hours_per_week",
        "status",
        "closed_reason",
        "merged_into",
        "key_worker",
        "lawful_basis",
    ]
    _load(Carer, explicit, _carer_rows(count, rng, hub, elsewhere, workers))
    progress(f"  {count:,} carers loaded in {time.perf_counter() - started:.0f} s")

    started = time.perf_counter()
    consent_rng = random.Random(seed + 1)
    consents = (
        {
            "carer": pk,
            "organisation": hospital.pk,
            "purposes": ["care_and_support"],
            "given_by": "carer",
            "competence": "adult",
            "given_on": dt.date(2026, 1, 1),
            "recorded_by": manager.pk,
        }
        for pk in range(1, count + 1)
        if consent_rng.random() < 0.1
    )
    _load(
        ConsentToShare,
        ["carer", "organisation", "purposes", "given_by", "competence", "given_on", "recorded_by"],
        consents,
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (Carer, ConsentToShare):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) "
                    f"FROM {table}))"
                )
    progress(f"  consents to share loaded in {time.perf_counter() - started:.0f} s")

    started = time.perf_counter()

    def report(done, written):
        if done % 200_000 == 0 or done == count:
            progress(
                f"  indexed {done:,} carers ({written:,} keys) after "
                f"{time.perf_counter() - started:.0f} s"
            )

    services.rebuild_index(progress=report)
    return hub


def analyse():
    """Fresh planner statistics (and, on PostgreSQL, the visibility map index-only scans need)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for model in (Carer, ConsentToShare, CarerSearchKey):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        else:
            cursor.execute("ANALYZE")


def existing_size():
    """Carers in the benchmark partnership, None if this database is not a benchmark database,
    and an error if it holds anything else (it may be someone's real register)."""
    slugs = set(Partnership.objects.values_list("slug", flat=True))
    if not slugs:
        return None
    if not slugs <= {SLUG, OTHER_SLUG}:
        raise RuntimeError(
            "This database holds partnerships other than the benchmark's: refusing to use it"
        )
    return Carer.unscoped.count()


def bench_actor():
    hub = Organisation.objects.get(partnership__slug=SLUG, type=OrganisationType.HUB_PROVIDER)
    user = (
        User.objects.filter(memberships__organisation=hub, memberships__role=Role.SUPPORT_WORKER)
        .order_by("pk")
        .first()
    )
    return actor_for(user, hub.pk)


def queries_to_run():
    """The searches timed: what hub workers type, with real values from the built register."""
    held = Carer.unscoped.filter(
        merged_into__isnull=True, holding_organisation__partnership__slug=SLUG
    )
    sample = held.exclude(nhs_number="").order_by("pk")[held.count() // 2]
    nhs = sample.nhs_number
    born = sample.date_of_birth
    return [
        ("Name with two typos", "Jonh Smiht", None),
        ("Full name", "John Smith", None),
        ("Part of a name", "smi", None),
        ("Parts of two names", "joh smi", None),
        ("Name without accent or apostrophe", "Zoe OBrien", None),
        ("Name in Urdu", "محمد علی", None),
        ("Common family name", "Smith", None),
        ("Reference, lower case", sample.reference.lower(), None),
        ("NHS number with spaces", f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}", None),
        ("Postcode", sample.postcode.replace(" ", "").lower(), None),
        ("Outward code", sample.postcode.split()[0], None),
        ("Date of birth", f"{born.day}/{born.month}/{born.year}", None),
        (
            "Family name and date of birth",
            f"{sample.family_name} {born.day} {born.month} {born.year}",
            None,
        ),
        ("Not a search: everyone, first page", "", 20),
    ]


class _Recorder:
    """Collects the SQL and parameters of the statements a call makes."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append((sql, params))
        return execute(sql, params, many, context)


def _percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def time_query(actor, text, repeat):
    """Time the page's selector (count and page of results, as the page evaluates them) and the
    same SQL statements run raw on a cursor. Milliseconds."""

    def through_selector():
        page = selectors.find_carers(actor, text, 1)
        rows = list(page.object_list)
        return page.paginator.count, rows

    recorder = _Recorder()
    with connection.execute_wrapper(recorder):
        count, _ = through_selector()
    statements = recorder.statements

    def raw():
        with connection.cursor() as cursor:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()

    for _ in range(5):  # warm the caches and the connection
        through_selector()
        raw()
    selector_ms, raw_ms = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        through_selector()
        selector_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        raw()
        raw_ms.append((time.perf_counter() - started) * 1000)
    return {
        "results": count,
        "statements": len(statements),
        "p50": statistics.median(selector_ms),
        "p95": _percentile(selector_ms, 95),
        "raw_p50": statistics.median(raw_ms),
        "raw_p95": _percentile(raw_ms, 95),
    }


def explain(actor, text):
    """The plan of each statement a search makes, for the record (PostgreSQL only)."""
    recorder = _Recorder()
    with connection.execute_wrapper(recorder):
        page = selectors.find_carers(actor, text, 1)
        list(page.object_list)
    plans = []
    with connection.cursor() as cursor:
        for n, (sql, params) in enumerate(recorder.statements, start=1):
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
            plans.append(f"-- Statement {n}\n" + "\n".join(row[0] for row in cursor.fetchall()))
    return "\n\n".join(plans)


def machine():
    cpu = platform.processor() or platform.machine()
    try:
        text = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"^model name\s*:\s*(.+)$", text, re.M).group(1).strip()
    except (OSError, AttributeError):
        pass
    ram = ""
    try:
        kb = int(
            re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M).group(1)
        )
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }


def database():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = f"PostgreSQL {cursor.fetchone()[0]}"
            sizes = {}
            for model in (Carer, CarerSearchKey):
                cursor.execute("SELECT pg_total_relation_size(%s)", [model._meta.db_table])
                sizes[model._meta.db_table] = cursor.fetchone()[0]
            settings_shown = []
            for setting in ("shared_buffers", "work_mem", "jit"):
                cursor.execute(f"SHOW {setting}")
                settings_shown.append(f"{setting} {cursor.fetchone()[0]}")
            version += f" ({', '.join(settings_shown)}; server defaults otherwise)"
        else:
            import sqlite3

            version = f"SQLite {sqlite3.sqlite_version}"
            sizes = {"file": Path(connection.settings_dict["NAME"]).stat().st_size}
    return {"version": version, "sizes": sizes, "keys": CarerSearchKey.unscoped.count()}


def jit_enabled():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        return cursor.fetchone()[0] == "on"


def _mb(n):
    return f"{n / 1024 / 1024:,.0f} MB"


def load_average():
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def report(*, vendor, count, results, command, build_seconds, plan="", load=("?", "?")):
    """The BENCHMARKS.md section for one database."""
    m, db = machine(), database()
    misses = [r for r in results if r["p95"] > TARGET_P95_MS]
    lines = [
        f"Measured {timezone.localdate():%-d %B %Y} with `{command}`.",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; {m['os']}; Python "
        f"{m['python']}; load average {load[0]} when the searches started, {load[1]} when they "
        "ended (other work shares this machine: a high load shows as a high p95)",
        f"- Database: {db['version']}",
        f"- Data: {count:,} fictional carers (5% held by another organisation, "
        "0.5% merged, 10% with a consent "
        f"to share), {db['keys']:,} search keys; "
        + ", ".join(f"{name} {_mb(size)}" for name, size in db["sizes"].items())
        + (
            f"; built in {build_seconds / 60:.1f} minutes"
            if build_seconds
            else "; reused from an earlier run"
        ),
        "- Each search run as many times as the Runs column says, after 5 warm-up runs, as the "
        "carers page runs it: `find_carers` for the first page of 25, ranked, with the number of "
        "matches (the selector); then the same SQL statements, with the same parameters, on a "
        "raw cursor (raw SQL). The difference is Django's share: parsing the query, building the "
        "SQL, making model instances.",
        "",
        "| Search | Typed | Results | Runs | Statements | p50 ms | p95 ms "
        "| Raw SQL p50 ms | Raw SQL p95 ms |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        flag = " ⚠" if r["p95"] > TARGET_P95_MS else ""
        lines.append(
            f"| {r['label']} | {'`' + r['text'] + '`' if r['text'] else '(nothing)'} | "
            f"{r['results']:,} | {r['repeat']} | {r['statements']} | {r['p50']:.1f} | "
            f"{r['p95']:.1f}{flag} | {r['raw_p50']:.1f} | {r['raw_p95']:.1f} |"
        )
    lines.append("")
    searches = [r for r in results if r["text"]]
    missed = [r for r in misses if r["text"]]
    if missed:
        lines.append(
            f"**{len(missed)} of {len(searches)} searches missed the target of p95 ≤ "
            f"{TARGET_P95_MS} ms** (marked ⚠): "
            + ", ".join(r["label"].lower() for r in missed)
            + "."
        )
    else:
        lines.append(f"Every search met the target of p95 ≤ {TARGET_P95_MS} ms.")
    if any(not r["text"] for r in misses):
        lines.append(
            "The list of everyone (the carers page before anything is typed) is much slower: see "
            "the notes at the end of this file."
        )
    if plan:
        lines += [
            "",
            "<details><summary>Plans of the slowest search's statements</summary>",
            "",
            "```",
            plan,
            "```",
            "",
            "</details>",
        ]
    return "\n".join(lines)


def write_section(path, vendor, title, body):
    """Replace this database's section of BENCHMARKS.md, keeping everything else in the file."""
    path = Path(path)
    start, end = f"<!-- search-bench:{vendor}:start -->", f"<!-- search-bench:{vendor}:end -->"
    section = f"{start}\n## {title}\n\n{body}\n{end}"
    text = path.read_text() if path.exists() else ""
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = (text.rstrip() + "\n\n" if text else "") + section + "\n"
    path.write_text(text)

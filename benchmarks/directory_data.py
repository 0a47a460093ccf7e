"""The directory benchmark: a directory of fictional services, built in bulk, and the Open
Referral API's service search timed through the whole framework (URL, view, JSON) beside the same
SQL statements run raw. Run by ``python -m benchmarks.directory`` (``make bench``)."""

import random
import time
import uuid

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks.search_data import _percentile
from carershub.directory import postcodes
from carershub.directory.models import Location, Provider, Service, ServiceAtLocation, TaxonomyTerm
from carershub.directory.services import words_of
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, term_id
from carershub.partnerships.models import Partnership

SLUG = "directory-bench"
BATCH = 2000
# Real postcodes across one city, for the places (only their positions are used).
POSTCODES = [
    "LS1 1UR",
    "LS6 1AA",
    "LS2 9JT",
    "LS7 3HB",
    "LS8 1HQ",
    "LS9 6AB",
    "LS11 5AA",
    "LS12 1AA",
    "LS13 1AA",
    "LS15 8AA",
    "LS16 5AA",
    "LS17 5AA",
]
TOPICS = [
    "carers cafe",
    "sitting service",
    "benefits advice",
    "counselling",
    "dementia support group",
    "young carers club",
    "moving and handling course",
    "employment support",
    "telecare",
    "community transport",
    "hospital discharge support",
    "emergency planning",
    "advocacy",
    "yoga for carers",
    "bereavement support",
]
PLACES = [
    "Leeds",
    "Headingley",
    "Chapeltown",
    "Armley",
    "Harehills",
    "Beeston",
    "Pudsey",
    "Seacroft",
    "Otley",
]


def existing_size():
    partnership = Partnership.objects.filter(slug=SLUG).first()
    if Partnership.objects.exclude(slug=SLUG).exists():
        raise RuntimeError(
            "This database holds a partnership other than the benchmark's: it is not the "
            "benchmark's own database"
        )
    return Service.objects.filter(partnership=partnership).count() if partnership else None


def build(count, seed=2026, progress=print):
    rng = random.Random(seed)
    terms = [term_id(CATEGORIES, code) for code, _, _ in CATEGORIES["terms"]] + [
        term_id(WHO_FOR, code) for code, _, _ in WHO_FOR["terms"]
    ]
    names = dict(TaxonomyTerm.objects.filter(pk__in=terms).values_list("pk", "name"))
    places = {code: postcodes.locate(code) for code in POSTCODES}
    with transaction.atomic():
        partnership = Partnership.objects.create(name="Directory benchmark", slug=SLUG)
        providers = Provider.objects.bulk_create(
            Provider(
                partnership=partnership,
                name=f"{rng.choice(PLACES)} Carers Trust {n}",
                description="A charity supporting carers.",
            )
            for n in range(max(1, count // 20))
        )
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        with transaction.atomic():
            batch, links, chosen_terms = [], [], []
            for n in range(made, made + size):
                provider = rng.choice(providers)
                topic = rng.choice(TOPICS)
                name = f"{rng.choice(PLACES)} {topic} {n}"
                description = (
                    f"A {topic} for unpaid carers in {rng.choice(PLACES)}, run by {provider.name}."
                )
                picked = rng.sample(terms, 2)
                service = Service(
                    id=uuid.uuid4(),
                    partnership=partnership,
                    provider=provider,
                    name=name,
                    description=description,
                    minimum_age=rng.choice([None, 8, 16, 18]),
                    search_text=words_of(
                        name, provider.name, description, *(names[t] for t in picked)
                    ),
                )
                batch.append(service)
                chosen_terms += [(service.id, t) for t in picked]
                if rng.random() < 0.7:
                    code = rng.choice(POSTCODES)
                    place = places[code]
                    location = Location(
                        id=uuid.uuid4(),
                        partnership=partnership,
                        name=f"{rng.choice(PLACES)} centre",
                        address_1="1 Test Street",
                        city="Leeds",
                        postal_code=code,
                        easting=place.easting + rng.randint(-3000, 3000),
                        northing=place.northing + rng.randint(-3000, 3000),
                    )
                    links.append((service, location))
            Service.objects.bulk_create(batch)
            Service.terms.through.objects.bulk_create(
                Service.terms.through(service_id=s, taxonomyterm_id=t) for s, t in chosen_terms
            )
            Location.objects.bulk_create(location for _, location in links)
            ServiceAtLocation.objects.bulk_create(
                ServiceAtLocation(service=s, location=loc) for s, loc in links
            )
        made += size
        progress(f"  {made:,} services")


def analyse():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def queries_to_run():
    """(label, query string) for GET /openreferral/services."""
    return [
        ("no search (first page)", "search="),
        ("one common word: carers", "search=carers"),
        ("one word: dementia", "search=dementia"),
        ("two words: sitting service", "search=sitting+service"),
        ("place and topic: headingley counselling", "search=headingley+counselling"),
        ("no match: zebra", "search=zebra"),
        ("word and category", f"search=support&taxonomy_term_id={term_id(CATEGORIES, 'breaks')}"),
        ("third page of a common word", "search=carers&page=3"),
    ]


def time_request(client, query, repeat):
    """Milliseconds for the whole request, and for its SQL statements run raw on a cursor."""
    url = f"/openreferral/services?{query}"
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    statements = [q["sql"] for q in captured.captured_queries]
    whole, raw = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        whole.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
        raw.append((time.perf_counter() - started) * 1000)
    return {
        "results": response.json()["total_items"],
        "queries": len(statements),
        "p50": _percentile(whole, 50),
        "p95": _percentile(whole, 95),
        "raw_p50": _percentile(raw, 50),
        "raw_p95": _percentile(raw, 95),
    }


def bench_client():
    return Client(HTTP_HOST="127.0.0.1")

"""Reads of the directory: the one search behind the public pages and the Open Referral API."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, Q

from carershub.directory import postcodes
from carershub.directory.models import (
    Schedule,
    Service,
    ServiceAtLocation,
    ServiceStatus,
    TaxonomyTerm,
)
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, taxonomy_id

DAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


class BadFilter(ValueError):
    """A filter the caller gave cannot be used (e.g. a postcode that does not exist)."""


@dataclass
class ServiceFilters:
    """What to look for. Every field is optional; each one given narrows the results."""

    search: str = ""
    term_ids: list = field(default_factory=list)  # any of these terms
    taxonomy_id: str = ""
    minimum_age: float | None = None  # services whose minimum age is at least this
    maximum_age: float | None = None  # services whose maximum age is at most this
    age: int | None = None  # services open to someone of this age
    day: str = ""  # "MO" .. "SU"
    start_time: dt.time | None = None  # a schedule opening at or after this
    end_time: dt.time | None = None  # a schedule closing at or before this
    organization_id: str = ""
    modified_after: dt.datetime | None = None
    postcode: str = ""
    proximity: float | None = None  # metres from the postcode
    include_closed: bool = False


def day_code(text):
    """'MO', 'monday', 'Mon' -> 'MO'; raises BadFilter for anything else."""
    value = (text or "").strip().upper()
    for code, name in DAYS.items():
        if value in (code, name.upper(), name.upper()[:3]):
            return code
    raise BadFilter(f"'{text}' is not a day of the week: use MO, TU, WE, TH, FR, SA or SU")


def services(partnership, filters=None):
    """Services of the partnership's directory matching ``filters``, alphabetical, or nearest
    first when a postcode is given (each then has ``distance`` in metres, or None if it has no
    place to go to). Raises BadFilter for a postcode that cannot be found."""
    filters = filters or ServiceFilters()
    query = Service.objects.filter(partnership=partnership)
    if not filters.include_closed:
        query = query.published()
    for word in filters.search.lower().split():
        query = query.filter(search_text__contains=word)
    if filters.term_ids:
        query = query.filter(
            pk__in=Service.terms.through.objects.filter(
                taxonomyterm_id__in=filters.term_ids
            ).values("service_id")
        )
    if filters.taxonomy_id:
        query = query.filter(
            pk__in=Service.terms.through.objects.filter(
                taxonomyterm__taxonomy_id=filters.taxonomy_id
            ).values("service_id")
        )
    if filters.minimum_age is not None:
        query = query.filter(minimum_age__gte=filters.minimum_age)
    if filters.maximum_age is not None:
        query = query.filter(maximum_age__lte=filters.maximum_age)
    if filters.age is not None:
        query = query.filter(
            Q(minimum_age__isnull=True) | Q(minimum_age__lte=filters.age),
            Q(maximum_age__isnull=True) | Q(maximum_age__gte=filters.age),
        )
    if filters.day or filters.start_time or filters.end_time:
        schedules = Schedule.objects.all()
        if filters.day:
            schedules = schedules.filter(byday__contains=day_code(filters.day))
        if filters.start_time:
            schedules = schedules.filter(opens_at__gte=filters.start_time)
        if filters.end_time:
            schedules = schedules.filter(closes_at__lte=filters.end_time)
        query = query.filter(
            Q(pk__in=schedules.filter(service__isnull=False).values("service_id"))
            | Q(
                pk__in=schedules.filter(service_at_location__isnull=False).values(
                    "service_at_location__service_id"
                )
            )
        )
    if filters.organization_id:
        query = query.filter(provider_id=filters.organization_id)
    if filters.modified_after:
        query = query.filter(last_modified__gte=filters.modified_after)
    return query.order_by("name", "pk")


def near(service_query, postcode, proximity=None):
    """[(service, metres or None)] nearest first: services with no place (online, phone) last.
    Raises BadFilter if the postcode (or first half of one) is not known."""
    place = postcodes.locate_area(postcode)
    if place is None:
        raise BadFilter(f"We could not find the postcode '{postcode}'")
    links = ServiceAtLocation.objects.filter(
        service__in=service_query, location__easting__isnull=False
    ).values_list("service_id", "location__easting", "location__northing")
    if proximity is not None:  # a square first (uses the grid index), then the circle in Python
        links = links.filter(
            location__easting__range=(place.easting - proximity, place.easting + proximity),
            location__northing__range=(place.northing - proximity, place.northing + proximity),
        )
    nearest = {}
    for service_id, east, north in links:
        metres = postcodes.distance_metres((place.easting, place.northing), (east, north))
        if proximity is not None and metres > proximity:
            continue
        if service_id not in nearest or metres < nearest[service_id]:
            nearest[service_id] = metres
    found = {s.pk: s for s in service_query.filter(pk__in=list(nearest))}
    ordered = sorted(found.values(), key=lambda s: (nearest[s.pk], s.name))
    if proximity is None:
        rest = service_query.exclude(pk__in=list(nearest))
        return [(s, nearest[s.pk]) for s in ordered] + [(s, None) for s in rest]
    return [(s, nearest[s.pk]) for s in ordered]


def with_everything(query):
    """The service with all it links to, in a fixed number of queries (for full records)."""
    return query.select_related("provider").prefetch_related(
        "terms__taxonomy",
        "schedules",
        "cost_options",
        "languages",
        "service_areas",
        "contacts",
        "funding",
        Prefetch(
            "service_at_locations",
            queryset=ServiceAtLocation.objects.select_related("location").prefetch_related(
                "location__accessibility", "schedules"
            ),
        ),
    )


def categories():
    return TaxonomyTerm.objects.filter(taxonomy_id=taxonomy_id(CATEGORIES)).order_by("name")


def who_for_terms():
    return TaxonomyTerm.objects.filter(taxonomy_id=taxonomy_id(WHO_FOR)).order_by("name")


def due_for_review(partnership, today=None):
    return (
        Service.objects.filter(partnership=partnership)
        .due_for_review(today)
        .select_related("provider")
        .order_by(F("assured_date").asc(nulls_first=True), "name")
    )


def status_counts(partnership):
    return {
        s: Service.objects.filter(partnership=partnership, status=s).count()
        for s in ServiceStatus.values
    }

"""Import another directory's Open Referral UK feed (or a file of its JSON) into a partnership's
directory, updating what an earlier import brought in rather than adding copies.

All or nothing: every service is checked against the profile's schema and the hub's limits
first; if any is wrong, nothing is saved and every problem is listed. Records are matched on
(where they came from, their id in that feed), so the feed's own ids stay the key across runs.
"""

import datetime as dt
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models, transaction

from carershub.audit import services as auditor
from carershub.core.statistics import refresh_statistics
from carershub.directory import schemas, services
from carershub.directory.models import (
    Accessibility,
    CostOption,
    Funding,
    Language,
    Location,
    LocationType,
    Provider,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    ServiceContact,
    Taxonomy,
    TaxonomyTerm,
)

PER_PAGE = 100
TIMEOUT_SECONDS = 30
MAX_PAGES = 10_000


class FeedProblem(Exception):
    """The feed could not be read, or what it holds cannot be imported. ``problems`` lists each."""

    def __init__(self, problems):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("; ".join(self.problems))


@dataclass
class ImportResult:
    added: list = field(default_factory=list)
    updated: list = field(default_factory=list)

    @property
    def total(self):
        return len(self.added) + len(self.updated)


# --- Reading -------------------------------------------------------------------------------------


def is_url(text):
    return urllib.parse.urlsplit(text).scheme in ("http", "https")


def source_name(location):
    """What the import's records remember they came from: the feed's address, or the file's name."""
    if is_url(location):
        return _feed_base(location)
    return f"file:{Path(location).name}"


def read(location, progress=None):
    """The services in a feed (its base URL, e.g. https://example.org/openreferral) or a JSON file
    holding one service, a page of them or a list of them."""
    if is_url(location):
        return list(_read_feed(_feed_base(location), progress))
    path = Path(location)
    if not path.is_file():
        raise FeedProblem(f"There is no file at {path}")
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedProblem(f"{path.name} is not JSON: {exc}") from exc
    return _services_in(document, path.name)


def _services_in(document, name):
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, dict) and "id" in document:
        return [document]
    if isinstance(document, list):
        return document
    raise FeedProblem(f"{name} holds neither a service, a page of services nor a list of them")


def _feed_base(url):
    url = url.rstrip("/")
    return url[: -len("/services")] if url.endswith("/services") else url


def _get_json(url):
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "CarersHub/1"}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310 (http(s) only)
            return json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        raise FeedProblem(f"{url} answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise FeedProblem(f"Could not reach {url}: {getattr(exc, 'reason', exc)}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FeedProblem(f"{url} did not answer with JSON: {exc}") from exc


def _read_feed(base, progress):
    """Each service in full: the list pages give the ids, each service's own address the rest."""
    for number in range(1, MAX_PAGES + 1):
        page = _get_json(
            f"{base}/services?{urllib.parse.urlencode({'page': number, 'per_page': PER_PAGE})}"
        )
        contents = _services_in(page, f"{base}/services")
        if progress and number == 1:
            progress(0, page.get("total_items"))
        for summary in contents:
            if not isinstance(summary, dict) or not summary.get("id"):
                raise FeedProblem(f"Page {number} of {base}/services has an entry without an id")
            yield _get_json(f"{base}/services/{urllib.parse.quote(str(summary['id']), safe='')}")
            if progress:
                progress(1, None)
        if page.get("last_page", True) or not contents:
            return
    raise FeedProblem(f"{base}/services has more than {MAX_PAGES} pages")


# --- Checking ------------------------------------------------------------------------------------


def check(documents):
    """Every problem with these services, in plain English ([] if they can be imported)."""
    problems = []
    seen = set()
    for index, document in enumerate(documents):
        label = _label(index, document)
        if not isinstance(document, dict):
            problems.append(f"{label}: is not a JSON object")
            continue
        problems += [f"{label}: {p}" for p in schemas.problems(schemas.SERVICE, document)]
        problems += [f"{label}: {p}" for p in _too_long(document)]
        identifier = document.get("id")
        if isinstance(identifier, str):  # other types are reported by the schema check
            if identifier in seen:
                problems.append(f"{label}: the id {identifier} appears twice in the feed")
            seen.add(identifier)
    return problems


def _label(index, document):
    name = document.get("name") if isinstance(document, dict) else None
    return f"Service {index + 1}" + (f" ({name})" if name else "")


# Where each part of a service is kept, to check values fit before anything is saved.
_LIMITS = {
    "schedules": Schedule,
    "service_areas": ServiceArea,
    "languages": Language,
    "cost_options": CostOption,
    "contacts": ServiceContact,
    "funding": Funding,
}
_RENAMED = {"transportation": "transport"}  # the standard's name -> the hub's column


def _list(value):
    """The value if it is a list, else nothing (the schema check reports the wrong type)."""
    return value if isinstance(value, list) else []


def _too_long(document):
    found = []

    def visit(model, values, where):
        for key, value in values.items():
            if not isinstance(value, str):
                continue
            try:
                column = model._meta.get_field(_RENAMED.get(key, key))
            except FieldDoesNotExist:  # not kept by the hub, or kept under another name
                continue
            limit = column.max_length if isinstance(column, models.CharField) else None
            if limit and len(value) > limit:
                found.append(f"{where}{key} is longer than the {limit} characters the hub keeps")

    visit(Service, document, "")
    if isinstance(document.get("organization"), dict):
        visit(Provider, document["organization"], "organization.")
    for key in ("schedules", "service_areas", "languages", "cost_options", "contacts", "funding"):
        for i, item in enumerate(_list(document.get(key))):
            if isinstance(item, dict):
                visit(_LIMITS[key], item, f"{key}[{i}].")
    for i, link in enumerate(_list(document.get("service_at_locations"))):
        location = link.get("location") if isinstance(link, dict) else None
        if isinstance(location, dict):
            visit(Location, location, f"service_at_locations[{i}].location.")
            for j, address in enumerate(_list(location.get("addresses"))):
                if isinstance(address, dict):
                    visit(Location, address, f"service_at_locations[{i}].location.addresses[{j}].")
    return found


# --- Saving --------------------------------------------------------------------------------------


def import_services(partnership, documents, *, source, actor=None):
    """Check, then save every service in one transaction. Raises FeedProblem, saving nothing."""
    problems = check(documents)
    if problems:
        raise FeedProblem(problems)
    result = ImportResult()
    with transaction.atomic():
        for document in documents:
            service, created = _save_service(partnership, document, source, actor)
            (result.added if created else result.updated).append(service)
        refresh_statistics(*apps.get_app_config("directory").get_models())
    return result


def _text(value):
    return value.strip() if isinstance(value, str) else ""


def _date(value):
    try:
        return dt.date.fromisoformat(value[:10]) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _time(value):
    try:
        return dt.time.fromisoformat(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def _decimal(value, places=2):
    if value is None or isinstance(value, bool):
        return None
    try:
        return round(Decimal(str(value)), places)
    except InvalidOperation:
        return None


def _age(value):
    number = _decimal(value, 0)
    return int(number) if number is not None and 0 <= number <= 150 else None


def _raising_version(fields):
    """``update_or_create`` arguments that also raise the version of a record already there, so a
    staff page opened before the import refuses to save over what it brought in."""
    return {"defaults": {**fields, "version": models.F("version") + 1}, "create_defaults": fields}


def _save_provider(partnership, document, source, actor):
    fields = {
        "name": _text(document.get("name")) or "Unnamed organisation",
        "description": _text(document.get("description")),
        "email": _text(document.get("email")),
        "website": _text(document.get("website")),
        "logo": _text(document.get("logo")),
        "uri": _text(document.get("uri")),
    }
    for identifier in document.get("organization_identifiers") or []:
        scheme = _text(identifier.get("identifier_scheme")).upper()
        if scheme == "GB-CHC":
            fields["charity_number"] = _text(identifier.get("identifier"))
        elif scheme == "GB-COH":
            fields["company_number"] = _text(identifier.get("identifier"))
    provider, created = Provider.objects.update_or_create(
        partnership=partnership,
        source=source,
        source_id=str(document["id"]),
        **_raising_version(fields),
    )
    (auditor.created if created else auditor.updated)(actor, provider, fields=sorted(fields))
    return provider


def _save_term(document, source):
    taxonomy = None
    detail = document.get("taxonomy_detail")
    taxonomy_key = document.get("taxonomy_id") or (detail or {}).get("id")
    name = _text(document.get("taxonomy")) or _text((detail or {}).get("name"))
    if taxonomy_key or name:
        taxonomy, _ = Taxonomy.objects.update_or_create(
            source=source,
            source_id=str(taxonomy_key or name),
            defaults={
                "name": name or "Imported taxonomy",
                "description": _text((detail or {}).get("description")) or f"Terms from {source}",
                "uri": _text((detail or {}).get("uri")),
            },
        )
    term, _ = TaxonomyTerm.objects.update_or_create(
        source=source,
        source_id=str(document["id"]),
        defaults={
            "taxonomy": taxonomy,
            "name": _text(document.get("name")) or "Unnamed term",
            "description": _text(document.get("description")),
            "code": _text(document.get("code"))[:100] or _text(document.get("term"))[:100],
            "term_uri": _text(document.get("term_uri")),
        },
    )
    return term


def _save_service(partnership, document, source, actor):
    organization = document.get("organization")
    if isinstance(organization, dict) and organization.get("id"):
        provider = _save_provider(partnership, organization, source, actor)
    else:
        provider = _save_provider(
            partnership,
            {
                "id": document.get("organization_id") or f"service:{document['id']}",
                "name": "Unknown organisation",
            },
            source,
            actor,
        )
    fields = {
        "provider": provider,
        "name": _text(document.get("name")),
        "description": _text(document.get("description")),
        "url": _text(document.get("url")),
        "email": _text(document.get("email")),
        "status": document.get("status"),
        "fees": _text(document.get("fees")),
        "accreditations": _text(document.get("accreditations")),
        "eligibility_description": _text(document.get("eligibility_description")),
        "minimum_age": _age(document.get("minimum_age")),
        "maximum_age": _age(document.get("maximum_age")),
        "alert": _text(document.get("alert")),
        "assured_date": _date(document.get("assured_date")),
        "assurer_email": _text(document.get("assurer_email")),
        "phone": next(
            (_text(p.get("number")) for p in document.get("phones") or [] if isinstance(p, dict)),
            "",
        ),
    }
    if (
        fields["minimum_age"] is not None
        and fields["maximum_age"] is not None
        and fields["maximum_age"] < fields["minimum_age"]
    ):
        fields["maximum_age"] = (
            None  # the feed has them the wrong way round: keep the safer minimum
        )
    service, created = Service.objects.update_or_create(
        partnership=partnership,
        source=source,
        source_id=str(document["id"]),
        **_raising_version(fields),
    )
    # What hangs off the service is replaced as a whole: the feed is the truth for its services.
    for related in (
        "schedules",
        "cost_options",
        "languages",
        "service_areas",
        "contacts",
        "funding",
    ):
        getattr(service, related).all().delete()
    _save_children(service, document)
    _save_places(partnership, service, document, source)
    service.terms.set(
        [
            _save_term(a["taxonomy_term"], source)
            for a in document.get("attributes") or []
            if isinstance(a, dict)
            and isinstance(a.get("taxonomy_term"), dict)
            and a["taxonomy_term"].get("id")
        ]
    )
    services.refresh_search_text(service)
    (auditor.created if created else auditor.updated)(
        actor, service, fields=sorted(k for k in fields if k != "provider")
    )
    return service, created


def _schedule(values, **link):
    return Schedule(
        valid_from=_date(values.get("valid_from")),
        valid_to=_date(values.get("valid_to")),
        dtstart=_date(values.get("dtstart")),
        freq=_text(values.get("freq")) or "WEEKLY",
        interval=int(values["interval"])
        if isinstance(values.get("interval"), int | float) and values["interval"] > 0
        else 1,
        byday=_text(values.get("byday")),
        bymonthday=_text(values.get("bymonthday")),
        opens_at=_time(values.get("opens_at")),
        closes_at=_time(values.get("closes_at")),
        description=_text(values.get("description")),
        attending_type=_text(values.get("attending_type")),
        schedule_link=_text(values.get("schedule_link")),
        notes=_text(values.get("notes")),
        **link,
    )


def _save_children(service, document):
    Schedule.objects.bulk_create(
        _schedule(s, service=service) for s in document.get("schedules") or []
    )
    CostOption.objects.bulk_create(
        CostOption(
            service=service,
            option=_text(c.get("option")),
            amount=_decimal(c.get("amount")),
            currency=_text(c.get("currency"))[:3] or "GBP",
            amount_description=_text(c.get("amount_description")),
            valid_from=_date(c.get("valid_from")),
            valid_to=_date(c.get("valid_to")),
        )
        for c in document.get("cost_options") or []
    )
    Language.objects.bulk_create(
        Language(
            service=service,
            name=_text(lang.get("name")) or _text(lang.get("code")) or "Not named",
            code=_text(lang.get("code")),
            note=_text(lang.get("note")),
        )
        for lang in document.get("languages") or []
        if lang.get("name") or lang.get("code")
    )
    ServiceArea.objects.bulk_create(
        ServiceArea(
            service=service,
            name=_text(a.get("name")) or _text(a.get("service_area")),
            description=_text(a.get("description")),
            extent=_text(a.get("extent")),
            extent_type=_text(a.get("extent_type")),
            uri=_text(a.get("uri")),
        )
        for a in document.get("service_areas") or []
    )
    ServiceContact.objects.bulk_create(
        ServiceContact(
            service=service,
            name=_text(c.get("name")),
            title=_text(c.get("title")),
            department=_text(c.get("department")),
            email=_text(c.get("email")),
            phone=next(
                (_text(p.get("number")) for p in c.get("phones") or [] if isinstance(p, dict)), ""
            ),
        )
        for c in document.get("contacts") or []
    )
    Funding.objects.bulk_create(
        Funding(service=service, source=_text(f.get("source")))
        for f in document.get("funding") or []
        if _text(f.get("source"))
    )


def _save_places(partnership, service, document, source):
    keep = []
    for link_document in document.get("service_at_locations") or []:
        place = link_document.get("location")
        if not isinstance(place, dict) or not place.get("id"):
            continue
        address = next((a for a in place.get("addresses") or [] if isinstance(a, dict)), {})
        location_type = (
            place.get("location_type")
            if place.get("location_type") in LocationType.values
            else "physical"
        )
        location = Location.objects.filter(
            partnership=partnership, source=source, source_id=str(place["id"])
        ).first()
        location = location or Location(
            partnership=partnership, source=source, source_id=str(place["id"])
        )
        for name, value in {
            "location_type": location_type,
            "name": _text(place.get("name")),
            "description": _text(place.get("description")),
            "url": _text(place.get("url")),
            "address_1": _text(address.get("address_1")),
            "address_2": _text(address.get("address_2")),
            "city": _text(address.get("city")),
            "region": _text(address.get("region")) or _text(address.get("state_province")),
            "postal_code": _text(address.get("postal_code")),
            "country": _text(address.get("country"))[:2] or "GB",
            "latitude": _decimal(place.get("latitude"), 6),
            "longitude": _decimal(place.get("longitude"), 6),
            "external_identifier": _text(place.get("external_identifier")),
            "external_identifier_type": _text(place.get("external_identifier_type")),
            "transport": _text(place.get("transportation")),
        }.items():
            setattr(location, name, value)
        if location.latitude is not None and not -90 <= location.latitude <= 90:
            location.latitude = location.longitude = (
                None  # not a place on Earth: worked out from the postcode
            )
        services.place_location(location)
        if not location._state.adding:
            location.version = models.F("version") + 1
        location.save()
        location.accessibility.all().delete()
        Accessibility.objects.bulk_create(
            Accessibility(
                location=location,
                description=_text(a.get("description")) or _text(a.get("accessibility")),
                details=_text(a.get("details")),
                url=_text(a.get("url")),
            )
            for a in place.get("accessibility") or []
            if isinstance(a, dict)
        )
        link, _ = ServiceAtLocation.objects.update_or_create(
            service=service,
            location=location,
            defaults={
                "source_id": str(link_document.get("id") or ""),
                "description": _text(link_document.get("description")),
            },
        )
        link.schedules.all().delete()
        Schedule.objects.bulk_create(
            _schedule(s, service_at_location=link) for s in link_document.get("schedules") or []
        )
        keep.append(link.pk)
    service.service_at_locations.exclude(pk__in=keep).delete()

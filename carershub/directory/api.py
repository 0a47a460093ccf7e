"""The Open Referral UK 3.0 API: the partnership's directory as HSDS-UK JSON, open to anyone.

Read only, no sign-in, no personal data. Every answer allows any origin (CORS) so other
directories and apps can read it from a browser. A parameter that cannot be used gets a 400 with
a plain-English ``error`` rather than being ignored.
"""

import datetime as dt
import json
import math
import uuid
from functools import lru_cache, wraps
from pathlib import Path

from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from carershub.directory import oruk, postcodes, selectors
from carershub.directory.models import Provider, ServiceAtLocation, Taxonomy, TaxonomyTerm
from carershub.directory.selectors import BadFilter, ServiceFilters
from carershub.partnerships.selectors import current_partnership

PER_PAGE = 50
MAX_NUMBER = 1_000_000  # no page, age or distance the hub could answer is beyond this
MAX_PER_PAGE = 500
OPENAPI_FILE = Path(__file__).parent / "oruk_schemas" / "openapi.json"


class BadParameter(ValueError):
    pass


def api_view(view):
    """GET only (any other method is a 405, not a CSRF refusal: nothing here changes anything);
    JSON errors; open to every origin."""

    @csrf_exempt
    @require_GET
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except (BadParameter, BadFilter) as problem:
            response = JsonResponse({"error": str(problem)}, status=400)
        except Http404:
            response = JsonResponse({"error": "Not found"}, status=404)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


def _json(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def _partnership():
    partnership = current_partnership()
    if partnership is None:
        raise Http404
    return partnership


def _number(request, name, kind=float, minimum=None):
    if name not in request.GET:
        return None
    raw = request.GET[name].strip()
    try:
        value = kind(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a number, not '{raw}'") from None
    if not math.isfinite(value):
        raise BadParameter(f"{name} must be a number, not '{raw}'")
    if minimum is not None and value < minimum:
        raise BadParameter(f"{name} must be {minimum} or more")
    if value > MAX_NUMBER:
        raise BadParameter(f"{name} must be {MAX_NUMBER:,} or less")
    return value


def _time(request, name):
    if name not in request.GET:
        return None
    raw = request.GET[name].strip()
    try:
        return dt.time.fromisoformat(raw)
    except ValueError:
        raise BadParameter(f"{name} must be a time like 09:30, not '{raw}'") from None


def _datetime(request, name):
    if name not in request.GET:
        return None
    raw = request.GET[name].strip()
    try:
        value = parse_datetime(raw) or dt.datetime.combine(dt.date.fromisoformat(raw), dt.time())
    except ValueError:
        value = None
    if value is None:
        raise BadParameter(f"{name} must be a date and time like 2026-01-31T09:00:00Z, not '{raw}'")
    try:  # in UTC: PostgreSQL refuses offsets Python allows (beyond 15:59)
        return value.astimezone(dt.UTC) if value.tzinfo else value.replace(tzinfo=dt.UTC)
    except OverflowError:
        raise BadParameter(f"{name} is too far in the past or future") from None


def _paging(request):
    number = _number(request, "page", int, minimum=1) or 1
    per_page = _number(request, "per_page", int, minimum=1) or PER_PAGE
    return number, min(per_page, MAX_PER_PAGE)


def _paged(items, request, to_json, count=None):
    """One page of a query (or list) in the 3.0 shape."""
    number, per_page = _paging(request)
    total = (
        count if count is not None else (len(items) if isinstance(items, list) else items.count())
    )
    start = (number - 1) * per_page
    rows = items[start : start + per_page]
    return oruk.page([to_json(row) for row in rows], number=number, per_page=per_page, total=total)


def _uuids(request, name):
    """Each value given for an id parameter; present but not a UUID (even empty) is refused."""
    values = request.GET.getlist(name)
    for value in values:
        try:
            uuid.UUID(value)
        except ValueError:
            raise BadParameter(f"{name} must be a UUID, not '{value}'") from None
    return values


def _filters(request):
    return ServiceFilters(
        search=request.GET.get("search", "").replace("\x00", ""),  # PostgreSQL text cannot hold NUL
        term_ids=_uuids(request, "taxonomy_term_id"),
        taxonomy_id=next(iter(_uuids(request, "taxonomy_id")), ""),
        minimum_age=_number(request, "minimum_age"),
        maximum_age=_number(request, "maximum_age"),
        day=selectors.day_code(request.GET["day"]) if "day" in request.GET else "",
        start_time=_time(request, "start_time"),
        end_time=_time(request, "end_time"),
        organization_id=next(iter(_uuids(request, "organization_id")), ""),
        modified_after=_datetime(request, "modified_after"),
    )


def _one(query, pk):
    try:
        uuid.UUID(str(pk))
    except ValueError:
        raise Http404 from None
    found = query.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@api_view
def root(request):
    return _json(
        {
            "version": oruk.VERSION,
            "profile": oruk.PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("openreferral:openapi")),
        }
    )


@lru_cache(maxsize=1)
def _openapi():
    """The profile's OpenAPI description with the hub's additions: the organisation endpoints and
    the organization_id and modified_after parameters on /services."""
    spec = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    spec["info"]["title"] = "Carers Hub directory: Open Referral UK API"
    # Say exactly what the hub accepts, so a client
    # (or a fuzzer) can tell a good request from a bad one.
    parameters = spec["components"]["parameters"]
    for name in ("page", "per_page"):
        parameters[name]["schema"].update(minimum=1, maximum=MAX_NUMBER)
    for name in ("minimum_age", "maximum_age"):
        parameters[name]["schema"]["maximum"] = MAX_NUMBER
    parameters["day"]["schema"]["enum"] = list(selectors.DAYS)
    for name in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
        parameters[name]["schema"]["format"] = "uuid"
    parameters["modified_after"]["schema"]["format"] = "date-time"
    parameters["proximity"]["schema"] = {
        "type": "number",
        "minimum": 0,
        "maximum": MAX_NUMBER,
        "description": "Metres",
    }
    # The profile gives these times the type "time", which is not a JSON Schema type.
    for name in ("start_time", "end_time"):
        spec["components"]["parameters"][name]["schema"] = {
            "type": "string",
            "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
            "example": "09:30",
        }
    services = spec["paths"]["/services"]["get"]
    services["parameters"] += [
        {"$ref": "#/components/parameters/organization_id"},
        {"$ref": "#/components/parameters/modified_after"},
    ]
    schemas = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/"
    spec["paths"]["/organizations"] = {
        "get": {
            "summary": "Paginated listing of organizations.",
            "operationId": "getPaginatedListOfOrganizations",
            "parameters": [
                {"$ref": "#/components/parameters/page"},
                {"$ref": "#/components/parameters/per_page"},
            ],
            "responses": {
                "200": {
                    "description": "A page of organizations.",
                    "content": {
                        "application/json": {
                            "schema": {
                                "properties": {
                                    "contents": {
                                        "type": "array",
                                        "items": {"$ref": schemas + "organization_list.json"},
                                    }
                                },
                                "allOf": [{"$ref": "#/components/schemas/Page"}],
                            }
                        }
                    },
                }
            },
        }
    }
    spec["paths"]["/organizations/{id}"] = {
        "parameters": [
            {"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}
        ],
        "get": {
            "summary": "An organization with its services.",
            "operationId": "getOrganizationById",
            "responses": {
                "200": {
                    "description": "The organization.",
                    "content": {
                        "application/json": {"schema": {"$ref": schemas + "organization.json"}}
                    },
                }
            },
        },
    }
    for item in spec["paths"].values():
        operation = item["get"]
        operation["responses"]["400"] = {"$ref": "#/components/responses/BadParameter"}
        if "{id}" in json.dumps(item.get("parameters", [])) or item.get("parameters"):
            operation["responses"]["404"] = {"$ref": "#/components/responses/NotFound"}
    error = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}
    spec["components"]["responses"] = {
        "BadParameter": {
            "description": "A parameter could not be used; `error` says why.",
            "content": {"application/json": {"schema": error}},
        },
        "NotFound": {
            "description": "There is no such record.",
            "content": {"application/json": {"schema": error}},
        },
    }
    return spec


@api_view
def openapi(request):
    return _json(_openapi())


@api_view
def services(request):
    query = selectors.services(_partnership(), _filters(request)).select_related("provider")
    return _json(_paged(query, request, oruk.service_summary))


@api_view
def service(request, service_id):
    query = selectors.with_everything(selectors.services(_partnership()))
    return _json(oruk.service(_one(query, service_id)))


@api_view
def taxonomies(request):
    return _json(_paged(Taxonomy.objects.order_by("name", "pk"), request, oruk.taxonomy))


@api_view
def taxonomy(request, taxonomy_id):
    return _json(oruk.taxonomy(_one(Taxonomy.objects.all(), taxonomy_id)))


@api_view
def taxonomy_terms(request):
    query = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "pk")
    for taxonomy_id in _uuids(request, "taxonomy_id"):
        query = query.filter(taxonomy_id=taxonomy_id)
    return _json(_paged(query, request, oruk.taxonomy_term))


@api_view
def taxonomy_term(request, term_id):
    return _json(oruk.taxonomy_term(_one(TaxonomyTerm.objects.select_related("taxonomy"), term_id)))


@api_view
def organizations(request):
    query = Provider.objects.filter(partnership=_partnership()).order_by("name", "pk")
    return _json(_paged(query, request, oruk.organization))


@api_view
def organization(request, organization_id):
    partnership = _partnership()
    provider = _one(Provider.objects.filter(partnership=partnership), organization_id)
    offered = selectors.with_everything(
        selectors.services(partnership, ServiceFilters(organization_id=provider.pk))
    )
    return _json(oruk.organization(provider, full=True, services=offered))


def _links(partnership):
    return (
        ServiceAtLocation.objects.filter(service__in=selectors.services(partnership))
        .select_related("location", "service__provider")
        .prefetch_related("location__accessibility", "schedules")
    )


@api_view
def service_at_locations(request):
    partnership = _partnership()
    filters = _filters(request)
    links = _links(partnership).filter(service__in=selectors.services(partnership, filters))
    postcode = request.GET.get("postcode", "").strip()
    proximity = _number(request, "proximity", minimum=0)
    if not postcode:
        if proximity is not None:
            raise BadParameter("proximity needs a postcode to measure from")
        query = links.order_by("service__name", "pk")
        return _json(
            _paged(query, request, lambda link: oruk.service_at_location(link, with_service=True))
        )
    measured = _nearest_first(links, postcode, proximity)
    return _json(
        _paged(
            measured,
            request,
            lambda pair: oruk.service_at_location(pair[0], with_service=True, distance=pair[1]),
        )
    )


def _nearest_first(links, postcode, proximity):
    place = postcodes.locate_area(postcode)
    if place is None:
        raise BadParameter(f"postcode '{postcode}' was not found")
    links = links.filter(location__easting__isnull=False)
    if proximity is not None:
        links = links.filter(
            location__easting__range=(place.easting - proximity, place.easting + proximity),
            location__northing__range=(place.northing - proximity, place.northing + proximity),
        )
    measured = [
        (
            link,
            postcodes.distance_metres(
                (place.easting, place.northing), (link.location.easting, link.location.northing)
            ),
        )
        for link in links
    ]
    if proximity is not None:
        measured = [pair for pair in measured if pair[1] <= proximity]
    return sorted(measured, key=lambda pair: (pair[1], pair[0].service.name))


@api_view
def service_at_location(request, link_id):
    link = _one(_links(_partnership()), link_id)
    return _json(oruk.service_at_location(link, with_service=True))

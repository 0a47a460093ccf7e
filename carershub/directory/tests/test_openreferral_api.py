"""The Open Referral UK 3.0 API: every endpoint's answers checked against the profile's schemas
(the hub's own copy), the paging shape, the filters, and what it refuses."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from carershub.directory import schemas
from carershub.directory.models import (
    Accessibility,
    CostOption,
    Funding,
    Language,
    Schedule,
    ServiceArea,
    ServiceContact,
    ServiceStatus,
)
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, taxonomy_id, term_id
from carershub.directory.tests.factories import ProviderFactory, ServiceFactory, place_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _this_partnership(settings, partnership):
    settings.HUB_PARTNERSHIP_SLUG = partnership.slug


@pytest.fixture
def full_service(partnership):
    """A service with one of everything HSDS-UK can say about it."""
    provider = ProviderFactory(
        partnership=partnership,
        name="Testshire Carers Trust",
        email="hello@trust.example",
        website="https://trust.example",
        charity_number="1234567",
    )
    service = ServiceFactory(
        provider=provider,
        name="Carers cafe",
        description="A friendly cafe.",
        url="https://trust.example/cafe",
        email="cafe@trust.example",
        phone="0113 496 0000",
        fees="Free",
        minimum_age=18,
        maximum_age=120,
        eligibility_description="Adult carers",
        assured_date=dt.date(2026, 10, 1),
        assurer_email="checker@hub.example",
        alert="No cafe in August",
        terms=[term_id(CATEGORIES, "groups"), term_id(WHO_FOR, "adult-carers")],
    )
    Schedule.objects.create(
        service=service,
        freq="WEEKLY",
        byday="TU",
        opens_at=dt.time(10),
        closes_at=dt.time(12),
        description="Every Tuesday, 10am to midday",
        attending_type="in_person",
    )
    link = place_service(
        service,
        "LS6 1AA",
        name="Headingley Community Centre",
        city="Leeds",
        transport="Buses 1 and 6 stop outside",
    )
    Accessibility.objects.create(location=link.location, description="Step-free entrance")
    Schedule.objects.create(
        service_at_location=link,
        freq="MONTHLY",
        byday="1TH",
        opens_at=dt.time(18),
        closes_at=dt.time(20),
    )
    CostOption.objects.create(service=service, option="Per session", amount=Decimal("2.50"))
    Language.objects.create(service=service, name="Welsh", code="cy")
    ServiceArea.objects.create(service=service, name="Leeds", uri="E08000035")
    ServiceContact.objects.create(
        service=service, name="Sam Organiser", title="Cafe lead", phone="0113 496 0001"
    )
    Funding.objects.create(service=service, source="Testshire Council")
    return service


def get(client, name, *args, **params):
    response = client.get(reverse(f"openreferral:{name}", args=args), params)
    return response


# Fields the schemas require, so present even when the hub has nothing to put in them.
REQUIRED_EVEN_IF_EMPTY = {"description", "state_province", "city"}


def assert_no_nulls_or_empties(document, where="$"):
    if isinstance(document, dict):
        for key, value in document.items():
            assert value is not None, f"{where}.{key} is null"
            assert value not in ("", [], {}) or key in REQUIRED_EVEN_IF_EMPTY, (
                f"{where}.{key} is empty"
            )
            assert_no_nulls_or_empties(value, f"{where}.{key}")
    elif isinstance(document, list):
        for index, value in enumerate(document):
            assert_no_nulls_or_empties(value, f"{where}[{index}]")


def test_the_root_says_which_version_and_where_the_openapi_description_is(client):
    response = get(client, "root")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["version"] == "HSDS-UK-3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"] == "http://testserver/openreferral/openapi.json"
    spec = client.get(body["openapi_url"]).json()
    assert spec["openapi"].startswith("3.")
    assert {"/services", "/services/{id}", "/organizations", "/service_at_locations"} <= set(
        spec["paths"]
    )
    names = {
        p.get("$ref", "").rsplit("/", 1)[-1]
        for p in spec["paths"]["/services"]["get"]["parameters"]
    }
    assert {
        "search",
        "page",
        "per_page",
        "taxonomy_term_id",
        "taxonomy_id",
        "minimum_age",
        "maximum_age",
        "start_time",
        "end_time",
        "day",
        "organization_id",
        "modified_after",
    } <= names


def test_a_full_service_matches_the_service_schema_and_leaves_out_empty_fields(
    client, full_service
):
    response = get(client, "service", full_service.pk)
    assert response.status_code == 200
    body = response.json()
    assert schemas.problems(schemas.SERVICE, body) == []
    assert_no_nulls_or_empties(body)
    assert body["organization"]["organization_identifiers"][0]["identifier"] == "1234567"
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} == {
        "Carers groups",
        "Adult carers",
    }
    place = body["service_at_locations"][0]
    assert place["location"]["addresses"][0]["postal_code"] == "LS6 1AA"
    assert (
        53.8 < place["location"]["latitude"] < 53.9 and -1.6 < place["location"]["longitude"] < -1.5
    )
    assert place["schedules"][0]["byday"] == "1TH"
    assert body["schedules"][0]["attending_type"] == "In person"
    assert body["cost_options"][0]["amount"] == 2.5
    assert body["languages"][0] == {
        "id": str(full_service.languages.get().pk),
        "service_id": str(full_service.pk),
        "name": "Welsh",
        "code": "cy",
    }
    assert "accreditations" not in body  # empty, so left out


def test_the_service_list_is_in_the_paging_shape_with_list_items(client, full_service, partnership):
    for number in range(4):
        ServiceFactory(provider=full_service.provider, name=f"Group {number}")
    body = get(client, "services", per_page=2, page=2).json()
    assert schemas.page_problems(schemas.SERVICE_LIST, body) == []
    assert body["total_items"] == 5 and body["total_pages"] == 3 and body["page_number"] == 2
    assert (
        body["size"] == 2 and not body["first_page"] and not body["last_page"] and not body["empty"]
    )
    assert "schedules" not in body["contents"][0]  # one-to-one fields only
    last = get(client, "services", per_page=2, page=3).json()
    assert last["last_page"] and last["size"] == 1
    beyond = get(client, "services", per_page=2, page=9).json()
    assert beyond["size"] == 0 and beyond["contents"] == [] and not beyond["empty"]
    nothing = get(client, "services", search="zebra").json()
    assert nothing["empty"] and nothing["total_items"] == 0 and nothing["total_pages"] == 1


def test_every_filter_the_profile_declares_narrows_the_services(client, full_service):
    other = ServiceFactory(
        provider=ProviderFactory(partnership=full_service.partnership),
        name="Young carers club",
        description="Games and days out.",
        minimum_age=8,
        maximum_age=17,
        terms=[term_id(WHO_FOR, "young-carers")],
    )
    Schedule.objects.create(service=other, byday="SA", opens_at=dt.time(14), closes_at=dt.time(16))

    def found(**params):
        body = get(client, "services", **params).json()
        assert schemas.page_problems(schemas.SERVICE_LIST, body) == []
        return sorted(s["name"] for s in body["contents"])

    assert found() == ["Carers cafe", "Young carers club"]
    assert found(search="cafe") == ["Carers cafe"]
    assert found(search="ca\x00fe") == ["Carers cafe"]  # a NUL once made PostgreSQL fail
    assert found(taxonomy_term_id=str(term_id(WHO_FOR, "young-carers"))) == ["Young carers club"]
    assert found(taxonomy_id=str(taxonomy_id(CATEGORIES))) == ["Carers cafe"]
    assert found(minimum_age=18) == ["Carers cafe"]
    assert found(maximum_age=17) == ["Young carers club"]
    assert found(day="SA") == ["Young carers club"]
    assert found(day="TH") == ["Carers cafe"]  # the monthly evening session at the centre
    assert found(start_time="13:00") == [
        "Carers cafe",
        "Young carers club",
    ]  # 18:00 at the centre, 14:00 Saturday
    assert found(start_time="15:00") == ["Carers cafe"]
    assert found(end_time="12:00") == ["Carers cafe"]
    assert found(organization_id=str(other.provider_id)) == ["Young carers club"]
    assert found(modified_after="2999-01-01T00:00:00Z") == []
    assert found(modified_after="0608-02-04T08:40:32.3-23:56") == [
        "Carers cafe",
        "Young carers club",
    ]  # once a 500 on PostgreSQL
    assert found(modified_after=(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()) == [
        "Carers cafe",
        "Young carers club",
    ]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"page": "two"}, "page must be a number"),
        ({"page": "0"}, "page must be 1 or more"),
        ({"per_page": "-5"}, "per_page must be 1 or more"),
        ({"minimum_age": "old"}, "minimum_age must be a number"),
        ({"start_time": "teatime"}, "start_time must be a time"),
        ({"day": "someday"}, "is not a day of the week"),
        ({"modified_after": "yesterday"}, "modified_after must be a date and time"),
        ({"taxonomy_term_id": "breaks"}, "taxonomy_term_id must be a UUID"),
        ({"organization_id": "42"}, "organization_id must be a UUID"),
    ],
)
def test_a_parameter_that_cannot_be_used_is_refused_in_plain_english(client, params, message):
    response = get(client, "services", **params)
    assert response.status_code == 400
    assert message in response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_closed_unknown_and_other_partnerships_services_are_not_found(
    client, full_service, other_hub
):
    closed = ServiceFactory(provider=full_service.provider, status=ServiceStatus.DEFUNCT)
    elsewhere = ServiceFactory(provider=ProviderFactory(partnership=other_hub.partnership))
    for pk in (closed.pk, elsewhere.pk, "not-a-uuid", "3f7b145d-84af-42d7-8fae-eaca714b02b2"):
        response = get(client, "service", pk)
        assert response.status_code == 404, pk
        assert response["Access-Control-Allow-Origin"] == "*"
    listed = {s["id"] for s in get(client, "services").json()["contents"]}
    assert listed == {str(full_service.pk)}


def test_taxonomies_and_terms_match_their_schemas(client):
    body = get(client, "taxonomies").json()
    assert schemas.page_problems(schemas.TAXONOMY, body) == []
    assert {t["name"] for t in body["contents"]} >= {
        "Carers Hub categories",
        "Carers Hub: who it is for",
    }
    one = get(client, "taxonomy", taxonomy_id(CATEGORIES)).json()
    assert schemas.problems(schemas.TAXONOMY, one) == []
    terms = get(client, "taxonomy_terms", per_page=100).json()
    assert schemas.page_problems(schemas.TAXONOMY_TERM, terms) == []
    assert "Breaks" in {t["name"] for t in terms["contents"]}
    only_who_for = get(
        client, "taxonomy_terms", taxonomy_id=str(taxonomy_id(WHO_FOR)), per_page=100
    ).json()
    assert {t["taxonomy"] for t in only_who_for["contents"]} == {"Carers Hub: who it is for"}
    term = get(client, "taxonomy_term", term_id(CATEGORIES, "breaks")).json()
    assert schemas.problems(schemas.TAXONOMY_TERM, term) == [] and term["code"] == "breaks"


def test_organizations_match_their_schemas_and_list_their_services(client, full_service):
    body = get(client, "organizations").json()
    assert schemas.page_problems(schemas.ORGANIZATION_LIST, body) == []
    one = get(client, "organization", full_service.provider_id).json()
    assert schemas.problems(schemas.ORGANIZATION, one) == []
    assert [s["name"] for s in one["services"]] == ["Carers cafe"]


def test_services_at_locations_match_their_schemas_and_measure_from_a_postcode(
    client, full_service
):
    city = ServiceFactory(provider=full_service.provider, name="City drop-in")
    place_service(city, "LS1 1UR")
    body = get(client, "service_at_locations").json()
    assert schemas.page_problems(schemas.SERVICE_AT_LOCATION_LIST, body) == []
    assert body["total_items"] == 2
    near = get(client, "service_at_locations", postcode="ls1 1ur").json()
    assert schemas.page_problems(schemas.SERVICE_AT_LOCATION_LIST, near) == []
    assert [(p["service"]["name"], p["distance"]) for p in near["contents"]] == [
        ("City drop-in", 0),
        ("Carers cafe", 2445),
    ]
    within = get(client, "service_at_locations", postcode="LS1 1UR", proximity="1000").json()
    assert [p["service"]["name"] for p in within["contents"]] == ["City drop-in"]
    one = get(client, "service_at_location", full_service.service_at_locations.get().pk).json()
    assert schemas.problems(schemas.SERVICE_AT_LOCATION, one) == []
    assert get(client, "service_at_locations", postcode="ZZ1 1ZZ").status_code == 400
    assert get(client, "service_at_locations", proximity="500").status_code == 400


def test_listing_services_takes_the_same_number_of_queries_for_many(
    client, full_service, django_assert_max_num_queries
):
    for number in range(30):
        ServiceFactory(
            provider=ProviderFactory(partnership=full_service.partnership), name=f"Service {number}"
        )
    with django_assert_max_num_queries(6):
        assert get(client, "services", per_page=40).status_code == 200
    with django_assert_max_num_queries(20):
        assert get(client, "service", full_service.pk).status_code == 200


def test_only_get_is_answered(client):
    assert client.post(reverse("openreferral:services")).status_code == 405

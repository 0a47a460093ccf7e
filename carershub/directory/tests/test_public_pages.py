"""The public directory pages: finding a service and a service's own page, for anyone."""

import datetime as dt
import re
from decimal import Decimal
from html import unescape

import pytest
from django.urls import reverse

from carershub.directory import postcodes, services
from carershub.directory.models import (
    Accessibility,
    CostOption,
    Language,
    LocationType,
    Schedule,
    ServiceContact,
    ServiceStatus,
)
from carershub.directory.public_forms import POSTCODE_NOT_FOUND
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, term_id
from carershub.directory.tests.factories import ProviderFactory, ServiceFactory, place_service

pytestmark = pytest.mark.django_db

FIND = reverse("directory:find")
BREAKS = str(term_id(CATEGORIES, "breaks"))
GROUPS = str(term_id(CATEGORIES, "groups"))
YOUNG_CARERS = str(term_id(WHO_FOR, "young-carers"))
ADULT_CARERS = str(term_id(WHO_FOR, "adult-carers"))


@pytest.fixture
def provider(partnership):
    return ProviderFactory(partnership=partnership, name="Leeds Carers Trust")


def page_url(service):
    return reverse("directory:service", kwargs={"service_id": service.pk})


def found(response):
    """The names of the services listed, in order."""
    return [
        unescape(n)
        for n in re.findall(r'data-testid="result-name">([^<]*)</a>', response.content.decode())
    ]


def distances(response):
    return re.findall(r'data-testid="distance">([^<]*)<', response.content.decode())


def next_page(response):
    match = re.search(
        r'govuk-pagination__next">\s*<a[^>]* href="([^"]+)"', response.content.decode()
    )
    return unescape(match.group(1))


@pytest.fixture(params=["anonymous", "signed in"])
def visitor(request, client, sign_in, make_staff, hub):
    """Anyone can use the directory: someone not signed in, and a member of staff."""
    if request.param == "signed in":
        from carershub.accounts.models import Role

        sign_in(make_staff(Role.SUPPORT_WORKER, hub), hub)
    return client


def test_everyone_can_search_the_directory(visitor, provider):
    ServiceFactory(
        provider=provider,
        name="Sitting service",
        description="Someone sits with your mum.",
        terms=[term_id(CATEGORIES, "breaks")],
    )
    response = visitor.get(FIND)
    assert response.status_code == 200
    assert (
        "<title>Find services for carers - Testshire Carers Partnership</title>"
        in response.content.decode()
    )
    assert found(response) == ["Sitting service"]
    assert "1 service" in response.content.decode()
    assert "Run by Leeds Carers Trust" in response.content.decode()


def test_words_narrow_the_results(client, provider):
    ServiceFactory(provider=provider, name="Sitting service")
    ServiceFactory(provider=provider, name="Benefits clinic")
    response = client.get(FIND, {"q": "benefits"})
    assert found(response) == ["Benefits clinic"]
    assert 'value="benefits"' in response.content.decode()


def test_categories_match_any_ticked_and_who_it_is_for_must_match_too(client, provider):
    ServiceFactory(
        provider=provider,
        name="Young carers break",
        terms=[term_id(CATEGORIES, "breaks"), term_id(WHO_FOR, "young-carers")],
    )
    ServiceFactory(
        provider=provider,
        name="Adult carers group",
        terms=[term_id(CATEGORIES, "groups"), term_id(WHO_FOR, "adult-carers")],
    )
    ServiceFactory(
        provider=provider, name="Money advice", terms=[term_id(CATEGORIES, "benefits-and-money")]
    )
    assert found(client.get(FIND, {"category": [BREAKS, GROUPS]})) == [
        "Adult carers group",
        "Young carers break",
    ]
    assert found(client.get(FIND, {"category": [BREAKS, GROUPS], "who_for": ADULT_CARERS})) == [
        "Adult carers group"
    ]
    assert found(client.get(FIND, {"who_for": [YOUNG_CARERS]})) == ["Young carers break"]


def test_age_keeps_services_open_to_someone_that_age(client, provider):
    ServiceFactory(provider=provider, name="Young carers club", minimum_age=8, maximum_age=17)
    ServiceFactory(provider=provider, name="Adult group", minimum_age=18)
    ServiceFactory(provider=provider, name="Helpline")
    assert found(client.get(FIND, {"age": "12"})) == ["Helpline", "Young carers club"]


def test_an_age_that_is_not_a_number_is_an_error_and_the_other_filters_still_apply(
    client, provider
):
    ServiceFactory(provider=provider, name="Sitting service")
    ServiceFactory(provider=provider, name="Benefits clinic")
    response = client.get(FIND, {"q": "sitting", "age": "twelve"})
    assert response.status_code == 200
    assert "Age must be a number, like 16" in response.content.decode()
    assert found(response) == ["Sitting service"]


def test_near_a_postcode_lists_nearest_first_with_miles_and_the_postcode_licence(client, provider):
    place_service(ServiceFactory(provider=provider, name="Headingley group"), "LS6 1AA")
    place_service(ServiceFactory(provider=provider, name="City centre group"), "LS1 1UR")
    ServiceFactory(provider=provider, name="Phone line")
    response = client.get(FIND, {"postcode": "ls11ur"})
    assert found(response) == ["City centre group", "Headingley group", "Phone line"]
    assert distances(response) == ["Less than 0.1 miles away", "1.5 miles away"]
    page = response.content.decode()
    assert "3 services, nearest to LS1 1UR first" in page
    assert postcodes.ATTRIBUTION.replace("©", "&copy;") in page or postcodes.ATTRIBUTION in page


def test_without_a_postcode_there_are_no_distances_and_no_licence(client, provider):
    place_service(ServiceFactory(provider=provider, name="City centre group"), "LS1 1UR")
    page = client.get(FIND).content.decode()
    assert "miles away" not in page
    assert "Open Government Licence" not in page


def test_a_postcode_not_found_is_an_error_on_the_postcode_and_the_other_filters_still_apply(
    client, provider
):
    place_service(
        ServiceFactory(
            provider=provider, name="City centre group", terms=[term_id(CATEGORIES, "groups")]
        ),
        "LS1 1UR",
    )
    ServiceFactory(provider=provider, name="Sitting service", terms=[term_id(CATEGORIES, "breaks")])
    response = client.get(FIND, {"postcode": "ZZ1 1ZZ", "category": GROUPS})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(POSTCODE_NOT_FOUND) == 2  # the error summary and the field
    assert 'href="#id_postcode"' in page
    assert "<title>Error: Find services for carers" in page
    assert 'value="ZZ1 1ZZ"' in page
    assert found(response) == ["City centre group"]
    assert "Open Government Licence" not in page


def test_results_come_25_to_a_page_and_the_next_page_keeps_the_filters(client, provider):
    for n in range(27):
        ServiceFactory(
            provider=provider, name=f"Carers group {n:02d}", terms=[term_id(CATEGORIES, "groups")]
        )
    ServiceFactory(provider=provider, name="Sitting service")
    first = client.get(FIND, {"q": "group", "category": GROUPS})
    assert len(found(first)) == 25
    assert "27 services" in first.content.decode()
    next_href = next_page(first)
    assert "q=group" in next_href and f"category={GROUPS}" in next_href and "page=2" in next_href
    second = client.get(FIND + next_href)
    assert found(second) == ["Carers group 25", "Carers group 26"]


def test_near_a_postcode_is_paginated_too(client, provider):
    for n in range(26):
        place_service(ServiceFactory(provider=provider, name=f"Group {n:02d}"), "LS6 1AA")
    response = client.get(FIND, {"postcode": "LS1 1UR", "page": "2"})
    assert len(found(response)) == 1
    assert distances(response) == ["1.5 miles away"]


def test_closed_and_other_partnerships_services_are_not_listed(client, provider, other_hub):
    ServiceFactory(provider=provider, name="Old group", status=ServiceStatus.DEFUNCT)
    ServiceFactory(provider=provider, name="Stopped group", status=ServiceStatus.INACTIVE)
    ServiceFactory(provider=provider, name="Paused group", status=ServiceStatus.TEMPORARILY_CLOSED)
    ServiceFactory(
        provider=ProviderFactory(partnership=other_hub.partnership), name="Elsewhere group"
    )
    response = client.get(FIND)
    assert found(response) == ["Paused group"]
    assert "Temporarily closed" in response.content.decode()


def test_searching_costs_the_same_queries_however_many_services_match(
    client, provider, django_assert_max_num_queries
):
    def add(count):
        for _ in range(count):
            service = ServiceFactory(
                provider=ProviderFactory(partnership=provider.partnership),
                terms=[term_id(CATEGORIES, "groups"), term_id(WHO_FOR, "adult-carers")],
            )
            place_service(service, "LS6 1AA")

    add(2)
    with django_assert_max_num_queries(12) as few:
        client.get(FIND, {"postcode": "LS1 1UR", "category": GROUPS, "who_for": ADULT_CARERS})
    add(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(FIND, {"postcode": "LS1 1UR", "category": GROUPS, "who_for": ADULT_CARERS})
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(FIND, {"q": "cafe"})


# The service's own page ------------------------------------------------------------------------


@pytest.fixture
def cafe(provider):
    service = ServiceFactory(
        provider=provider,
        name="Carers cafe",
        description="A friendly cafe.\n\nBring the person you care for.",
        alert="No cafe on 24 December.",
        eligibility_description="Anyone who looks after someone.",
        minimum_age=18,
        fees="Free, with a small charge for lunch.",
        phone="0113 496 0000",
        email="cafe@leeds-carers.example",
        url="https://leeds-carers.example/cafe",
        assured_date=dt.date(2026, 10, 3),
        terms=[term_id(CATEGORIES, "groups"), term_id(WHO_FOR, "adult-carers")],
    )
    link = services.add_location(
        None,
        service,
        name="Headingley Community Centre",
        address_1="1 Otley Road",
        city="Leeds",
        postal_code="LS6 1AA",
        transport="Bus 1 stops outside.",
    )
    Accessibility.objects.create(location=link.location, description="Step-free entrance")
    Schedule.objects.create(
        service_at_location=link,
        freq="MONTHLY",
        byday="1TU",
        opens_at=dt.time(10),
        closes_at=dt.time(12),
    )
    online = services.add_location(
        None,
        service,
        location_type=LocationType.VIRTUAL,
        name="Online",
        url="https://meet.example/cafe",
    )
    Schedule.objects.create(
        service_at_location=online,
        byday="TH",
        opens_at=dt.time(19),
        closes_at=dt.time(20),
        attending_type="online",
    )
    CostOption.objects.create(service=service, option="Lunch", amount=Decimal("3.50"))
    Language.objects.create(service=service, name="Urdu", code="ur")
    ServiceContact.objects.create(
        service=service, name="Priya Shah", title="Cafe organiser", phone="07700 900123"
    )
    return service


def test_everyone_can_see_a_service_with_everything_about_it(visitor, cafe):
    response = visitor.get(page_url(cafe))
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Carers cafe - Testshire Carers Partnership</title>" in page
    assert page.index("No cafe on 24 December.") < page.index("A friendly cafe.")
    for text in [
        "Bring the person you care for.",
        "Adult carers",
        "Aged 18 and over",
        "Anyone who looks after someone.",
        "First Tuesday of the month, 10am to midday",
        "Every Thursday, 7pm to 8pm (online)",
        "1 Otley Road",
        "LS6 1AA",
        "Bus 1 stops outside.",
        "Step-free entrance",
        "Free, with a small charge for lunch.",
        "Lunch: £3.50",
        "Urdu",
        "0113 496 0000",
        "cafe@leeds-carers.example",
        "https://leeds-carers.example/cafe",
        "Priya Shah, Cafe organiser",
        "07700 900123",
        "https://meet.example/cafe",
        "This information was last checked on 3 October 2026",
        "Run by Leeds Carers Trust",
    ]:
        assert text in page, text


def test_something_wrong_emails_the_helpline_about_the_page(client, cafe):
    page = client.get(page_url(cafe)).content.decode()
    assert (
        'href="mailto:helpline@testshire.example?subject=Something%20wrong%20with%20Carers%20cafe'
        in page
    )
    assert "Tell the hub" in page


def test_something_wrong_goes_to_the_helpline_page_when_the_hub_has_no_email(
    client, cafe, partnership
):
    partnership.helpline_email = ""
    partnership.save()
    page = client.get(page_url(cafe)).content.decode()
    assert f'href="{reverse("helpline:contact")}">Tell the hub' in page


def test_a_service_never_checked_says_so(client, provider):
    service = ServiceFactory(provider=provider)
    assert "has not been checked by the hub yet" in client.get(page_url(service)).content.decode()


def test_a_temporarily_closed_service_warns_first(client, provider):
    service = ServiceFactory(provider=provider, status=ServiceStatus.TEMPORARILY_CLOSED)
    response = client.get(page_url(service))
    assert response.status_code == 200
    assert "This service is temporarily closed" in response.content.decode()


@pytest.mark.parametrize("status", [ServiceStatus.INACTIVE, ServiceStatus.DEFUNCT])
def test_a_closed_service_is_not_found(visitor, provider, status):
    service = ServiceFactory(provider=provider, status=status)
    assert visitor.get(page_url(service)).status_code == 404


def test_another_partnerships_service_is_not_found(visitor, provider, other_hub):
    elsewhere = ServiceFactory(provider=ProviderFactory(partnership=other_hub.partnership))
    assert visitor.get(page_url(elsewhere)).status_code == 404


def test_a_service_page_costs_the_same_queries_however_much_it_has(
    client, cafe, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20) as few:
        client.get(page_url(cafe))
    for n in range(5):
        link = services.add_location(None, cafe, name=f"Library {n}", postal_code="LS1 1UR")
        Accessibility.objects.create(location=link.location, description="Hearing loop")
        Schedule.objects.create(service_at_location=link, byday="MO")
        Language.objects.create(service=cafe, name=f"Language {n}")
        CostOption.objects.create(service=cafe, option=f"Option {n}", amount=Decimal(n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(page_url(cafe))


def test_the_start_page_links_to_the_directory(client, partnership):
    assert f'href="{FIND}"' in client.get(reverse("home:start")).content.decode()


# The demo directory -----------------------------------------------------------------------------


def test_the_demo_directory_has_services_near_worcester_postcodes_and_some_due_for_review(
    client, partnership, hub, manager
):
    from carershub.demo import data
    from carershub.demo.directory import seed_directory
    from carershub.directory import selectors

    made = seed_directory(partnership, {data.HUB: hub})
    assert len(made) >= 20
    assert {t.pk for s in made for t in s.terms.all()} >= {
        term_id(CATEGORIES, c)
        for c in [
            "breaks",
            "benefits-and-money",
            "emotional-support",
            "groups",
            "young-carers",
            "training",
            "employment",
            "technology",
            "transport",
            "hospital",
            "emergency-planning",
        ]
    }
    assert [s.status for s in made].count(ServiceStatus.TEMPORARILY_CLOSED) == 1
    assert len(selectors.due_for_review(partnership)) == 3
    response = client.get(FIND, {"postcode": "WR1 2EY"})
    assert "miles away" in distances(response)[0]
    assert found(response)[0] == "Carers cafe"

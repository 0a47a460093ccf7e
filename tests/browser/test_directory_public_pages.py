"""The public directory in a browser: searching, filtering, "near me" and a service's page."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from carershub.directory import postcodes, services
from carershub.directory.models import (
    Accessibility,
    CostOption,
    Language,
    Schedule,
    ServiceStatus,
    Taxonomy,
    TaxonomyTerm,
)
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, create_vocabularies, term_id
from carershub.directory.tests.factories import ProviderFactory, ServiceFactory, place_service


@pytest.fixture
def directory(partnership):
    """A few services in Leeds (real postcodes, for their position) and one by phone."""
    # Live-server tests empty the database between tests, taking the migration's vocabularies too.
    create_vocabularies(Taxonomy, TaxonomyTerm)
    provider = ProviderFactory(partnership=partnership, name="Leeds Carers Trust")
    cafe = ServiceFactory(
        provider=provider,
        name="Carers cafe",
        description="A friendly cafe for carers.",
        alert="No cafe on 24 December.",
        minimum_age=18,
        fees="Free.",
        phone="0113 496 0000",
        assured_date=dt.date(2026, 10, 3),
        terms=[term_id(CATEGORIES, "groups"), term_id(WHO_FOR, "adult-carers")],
    )
    link = services.add_location(
        None,
        cafe,
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
    CostOption.objects.create(service=cafe, option="Lunch", amount=Decimal("3.50"))
    Language.objects.create(service=cafe, name="Urdu", code="ur")
    city = ServiceFactory(
        provider=provider,
        name="City centre sitting service",
        terms=[term_id(CATEGORIES, "breaks")],
        description="Someone sits with the person you care for.",
    )
    place_service(city, "LS1 1UR")
    ServiceFactory(
        provider=provider,
        name="Young carers club",
        minimum_age=8,
        maximum_age=17,
        description="Games and trips for young carers.",
        status=ServiceStatus.TEMPORARILY_CLOSED,
        terms=[term_id(CATEGORIES, "young-carers"), term_id(WHO_FOR, "young-carers")],
    )
    ServiceFactory(
        provider=provider,
        name="Benefits phone line",
        description="Advice about money.",
        terms=[term_id(CATEGORIES, "benefits-and-money")],
    )
    return cafe


def results(page):
    return page.get_by_test_id("result-name")


def test_anyone_can_search_the_directory_by_words(
    page, directory, hub_url, expect_page, check_accessibility
):
    page.goto(hub_url("home:start"))
    page.get_by_role("link", name="Find services for carers").click()

    expect_page(page, hub_url("directory:find"), "Find services for carers")
    expect(page.get_by_test_id("result-count")).to_have_text("4 services")
    check_accessibility(page)

    page.get_by_label("Search for a service").fill("sitting")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_test_id("result-count")).to_have_text("1 service")
    expect(results(page)).to_have_text(["City centre sitting service"])
    expect(page.get_by_label("Search for a service")).to_have_value("sitting")
    check_accessibility(page)


def test_filters_narrow_the_results_without_javascript(browser, live_server, directory, hub_url):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(hub_url("directory:find"))
        filters = page.get_by_test_id("filters")
        filters.get_by_role("group", name="Who it is for").get_by_label(
            "Young carers", exact=True
        ).check()
        filters.get_by_role("button", name="Apply filters").click()
        expect(results(page)).to_have_text(["Young carers club"])
        expect(page.get_by_text("Temporarily closed")).to_be_visible()

        page.goto(hub_url("directory:find"))
        page.get_by_label("For someone aged").fill("30")
        page.get_by_role("button", name="Apply filters").click()
        expect(results(page)).to_have_text(
            ["Benefits phone line", "Carers cafe", "City centre sitting service"]
        )
    finally:
        context.close()


def test_filters_by_category_and_who_it_is_for_are_accessible(
    page, directory, hub_url, check_accessibility
):
    page.goto(hub_url("directory:find"))
    filters = page.get_by_test_id("filters")
    filters.get_by_role("group", name="Category").get_by_label("Carers groups").check()
    filters.get_by_role("group", name="Category").get_by_label("Breaks").check()
    filters.get_by_role("group", name="Who it is for").get_by_label(
        "Adult carers", exact=True
    ).check()
    filters.get_by_role("button", name="Apply filters").click()

    expect(results(page)).to_have_text(["Carers cafe"])
    expect(filters.get_by_role("group", name="Category").get_by_label("Breaks")).to_be_checked()
    expect(page.get_by_role("link", name="Clear filters")).to_be_visible()
    check_accessibility(page)


def test_near_a_postcode_lists_the_nearest_first_with_distances_and_the_licence(
    page, directory, hub_url, check_accessibility
):
    page.goto(hub_url("directory:find"))
    page.get_by_label("Postcode").fill("ls1 1ur")
    page.get_by_role("button", name="Search").click()

    expect(page.get_by_test_id("result-count")).to_have_text("4 services, nearest to LS1 1UR first")
    expect(results(page).first).to_have_text("City centre sitting service")
    expect(page.get_by_test_id("distance")).to_have_text(
        ["Less than 0.1 miles away", "1.5 miles away"]
    )
    expect(page.get_by_test_id("attribution")).to_contain_text(postcodes.ATTRIBUTION)
    check_accessibility(page)


def test_a_postcode_that_cannot_be_found_is_an_error_and_keeps_the_other_filters(
    page, directory, hub_url, expect_error_summary, check_accessibility
):
    page.goto(hub_url("directory:find"))
    page.get_by_label("Search for a service").fill("cafe")
    page.get_by_label("Postcode").fill("ZZ1 1ZZ")
    page.get_by_role("button", name="Search").click()

    expect_error_summary(
        page, "We could not find that postcode. Check it and try again, or leave it blank"
    )
    expect(results(page)).to_have_text(["Carers cafe"])
    expect(page.get_by_label("Postcode")).to_have_value("ZZ1 1ZZ")
    expect(page.get_by_test_id("attribution")).to_have_count(0)
    check_accessibility(page)


def test_a_service_page_shows_the_alert_first_and_everything_a_carer_needs(
    page, directory, hub_url, expect_page, check_accessibility
):
    page.goto(hub_url("directory:find"))
    page.get_by_role("link", name="Carers cafe").click()

    expect_page(page, hub_url("directory:service", service_id=directory.pk), "Carers cafe")
    expect(page).to_have_title(re.compile(r"^Carers cafe - "))
    expect(page.locator(".govuk-warning-text").first).to_contain_text("No cafe on 24 December.")
    expect(page.get_by_test_id("who-for")).to_contain_text("Aged 18 and over")
    place = page.get_by_test_id("place")
    expect(place).to_contain_text("First Tuesday of the month, 10am to midday")
    expect(place).to_contain_text("1 Otley Road")
    expect(place).to_contain_text("Step-free entrance")
    expect(page.get_by_test_id("costs")).to_contain_text("Lunch: £3.50")
    expect(page.get_by_test_id("languages")).to_contain_text("Urdu")
    expect(page.get_by_test_id("last-checked")).to_have_text(
        "This information was last checked on 3 October 2026."
    )
    expect(page.get_by_role("link", name="Tell the hub")).to_have_attribute(
        "href", re.compile(r"^mailto:helpline@testshire\.example\?subject=Something%20wrong")
    )
    check_accessibility(page)

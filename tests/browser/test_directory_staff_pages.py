"""Keeping the directory in a browser: add a provider and a service, its place and times, check the
entry, the "due for review" list, the lists a service has, and two people changing one service at
once. Every page and every form's error state passes axe."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from carershub.accounts.actor import actor_for
from carershub.directory import services
from carershub.directory.models import Provider, Service, Taxonomy, TaxonomyTerm
from carershub.directory.taxonomy import create_vocabularies
from carershub.directory.tests.factories import ProviderFactory, ServiceFactory

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"


@pytest.fixture
def vocabularies(db):
    """The hub's categories: a live server's database is emptied between tests,
    data migrations too.
    """
    create_vocabularies(Taxonomy, TaxonomyTerm)


@pytest.fixture
def provider(partnership):
    return ProviderFactory(partnership=partnership, name="Leeds Carers Trust")


@pytest.fixture
def service(provider):
    return ServiceFactory(provider=provider, name="Carers cafe", description="A monthly cafe")


def test_adding_a_provider_and_a_service_its_place_and_times_then_checking_it(
    page,
    live_server,
    worker,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.get_by_role("link", name="Directory").click()
    expect_page(
        page,
        hub_url("directory:staff_services"),
        "Directory of services",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(page.get_by_text("There are no services in the directory yet")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Add a service").click()
    expect_page(
        page, hub_url("directory:staff_add_service"), "Add a service", signed_in_as=WORKER_AT_HUB
    )
    check_accessibility(page)
    page.get_by_role("button", name="Add service").click()
    expect_error_summary(page, "Choose the provider", "Enter the name of the service")
    check_accessibility(page)

    page.get_by_role("link", name="add the provider first").click()
    expect_page(
        page,
        hub_url("directory:staff_add_provider") + "?then=service",
        "Add a provider",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("Name", exact=True).fill("Headingley Carers Group")
    page.get_by_label("Website (optional)").fill("not a website")
    page.get_by_role("button", name="Add provider").click()
    expect_error_summary(
        page,
        "Enter what the organisation does",
        "Enter a web address in the correct format, like https://www.example.org.uk",
    )
    expect(page.get_by_label("Name", exact=True)).to_have_value("Headingley Carers Group")
    check_accessibility(page)
    page.get_by_label("What the organisation does").fill("A group of carers who meet weekly")
    page.get_by_label("Website (optional)").fill("https://hcg.example.org")
    page.get_by_role("button", name="Add provider").click()

    expect(page.locator("h1")).to_have_text("Add a service")
    expect(page.get_by_text("Headingley Carers Group added as a provider")).to_be_visible()
    expect(page.get_by_label("Provider")).to_have_value(str(Provider.objects.get().pk))
    page.get_by_label("Name of the service").fill("Young carers club")
    page.get_by_label("Youngest age (optional)").fill("12")
    page.get_by_label("Oldest age (optional)").fill("8")
    page.get_by_role("button", name="Add service").click()
    expect_error_summary(page, "Oldest age must be the same as or more than the youngest age")
    check_accessibility(page)
    page.get_by_label("Oldest age (optional)").fill("17")
    page.get_by_role("button", name="Add service").click()

    service = Service.objects.get()
    service_url = hub_url("directory:staff_service", service_id=service.pk)
    expect_page(page, service_url, "Young carers club", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Young carers club added to the directory")).to_be_visible()
    expect(page.get_by_text("This entry has never been checked")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Add a place").click()
    expect_page(
        page,
        hub_url("directory:staff_add_place", service_id=service.pk),
        "Add a place",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Add place").click()
    expect_error_summary(page, "Enter the first line of the address", "Enter the postcode")
    check_accessibility(page)
    page.get_by_label("At a place people go to").check()
    page.get_by_label("Address line 1").fill("1 Test Street")
    page.get_by_label("Postcode").fill("ls6 1aa")
    page.get_by_label("Accessibility (optional)").fill("Step-free entrance")
    page.get_by_role("button", name="Add place").click()
    expect_page(page, service_url, "Young carers club", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Place added")).to_be_visible()
    place = page.locator(".govuk-summary-card", has_text="1 Test Street")
    expect(place).to_contain_text("LS6 1AA")
    expect(place).to_contain_text("Step-free entrance")
    check_accessibility(page)

    page.get_by_role("link", name="Add when it runs").click()
    expect_page(
        page,
        hub_url("directory:staff_add_item", service_id=service.pk, kind="schedules"),
        "Add when it runs",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("Every month").check()
    page.get_by_label("Opens at (optional)").fill("6pm")
    page.get_by_label("Closes at (optional)").fill("5pm")
    page.get_by_role("button", name="Add").click()
    expect_error_summary(
        page,
        "Choose which week of the month, or give a date of the month",
        "The closing time must be after the opening time",
        "Select how people take part",
    )
    expect(page.get_by_label("Opens at (optional)")).to_have_value("6pm")
    check_accessibility(page)
    page.get_by_label("Which week of the month? (if monthly)").select_option(label="First")
    page.get_by_label("Tuesday").check()
    page.get_by_label("Closes at (optional)").fill("8pm")
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Add").click()
    expect_page(page, service_url, "Young carers club", signed_in_as=WORKER_AT_HUB)
    expect(page.locator("dt", has_text="First Tuesday of the month, 6pm to 8pm")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="I have checked this entry").click()
    expect_page(page, service_url, "Young carers club", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Young carers club marked as checked today")).to_be_visible()
    expect(page.get_by_test_id("last-checked")).to_contain_text(worker.email)
    check_accessibility(page)
    service.refresh_from_db()
    assert service.assured_date == dt.date.today()


def test_the_due_for_review_list_and_checking_an_entry_from_it(
    page,
    live_server,
    worker,
    provider,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    ServiceFactory(
        provider=provider,
        name="Sitting service",
        assured_date=dt.date.today() - dt.timedelta(days=200),
    )
    ServiceFactory(provider=provider, name="Benefits clinic", assured_date=dt.date.today())
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("directory:staff_services"))
    check_accessibility(page)
    page.get_by_label("Search").fill("clinic")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("link", name="Sitting service")).to_have_count(0)
    expect(page.get_by_role("link", name="Benefits clinic")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="Due for review (1)").click()
    expect_page(
        page,
        hub_url("directory:staff_due_for_review"),
        "Services due for review",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(page.get_by_role("link", name="Benefits clinic")).to_have_count(0)
    check_accessibility(page)
    page.get_by_role("link", name="Sitting service").click()
    expect(page.get_by_text("This entry is due for review")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="I have checked this entry").click()
    page.goto(hub_url("directory:staff_due_for_review"))
    expect(page.get_by_text("Every service has been checked in the last 3 months")).to_be_visible()
    check_accessibility(page)


@pytest.mark.parametrize(
    "link, heading, fill, shown",
    [
        (
            "Add a cost",
            "Add a cost",
            {"What the cost is for": "Per session", "Amount in pounds (optional)": "5"},
            "Per session",
        ),
        (
            "Add a language",
            "Add a language",
            {"Language": "Welsh", "Language code (optional)": "cy"},
            "Welsh",
        ),
        (
            "Add a contact",
            "Add a contact",
            {"Name (optional)": "Jo Bloggs", "Email address (optional)": "jo@example.org"},
            "Jo Bloggs",
        ),
        (
            "Add an area",
            "Add an area it covers",
            {"Area": "Bradford and Keighley"},
            "Bradford and Keighley",
        ),
        (
            "Add who funds it",
            "Add who funds it",
            {"Who funds it": "Leeds City Council"},
            "Leeds City Council",
        ),
    ],
)
def test_adding_and_removing_what_a_service_has(
    page,
    live_server,
    worker,
    service,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
    link,
    heading,
    fill,
    shown,
):
    service_url = hub_url("directory:staff_service", service_id=service.pk)
    sign_in_as(page, live_server, worker)
    page.goto(service_url)
    page.get_by_role("link", name=link).click()
    expect(page.locator("h1")).to_have_text(heading)
    check_accessibility(page)
    page.get_by_role("button", name="Add").click()
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    check_accessibility(page)
    for label, value in fill.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Add").click()
    expect_page(page, service_url, "Carers cafe", signed_in_as=WORKER_AT_HUB)
    row = page.locator(".govuk-summary-list__row", has_text=shown)
    expect(row).to_be_visible()
    check_accessibility(page)
    row.get_by_role("link", name="Remove").click()
    expect(page.locator("h1")).to_contain_text("Remove this")
    check_accessibility(page)
    page.get_by_role("button", name="Remove").click()
    expect_page(page, service_url, "Carers cafe", signed_in_as=WORKER_AT_HUB)
    expect(page.locator(".govuk-summary-list__row", has_text=shown)).to_have_count(0)


def test_categories_providers_and_two_people_changing_one_service(
    vocabularies,
    new_page,
    live_server,
    worker,
    manager,
    hub,
    service,
    provider,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    expect_refused_save,
    check_accessibility,
):
    first, second = new_page(), new_page()
    sign_in_as(first, live_server, worker)
    sign_in_as(second, live_server, manager)
    service_url = hub_url("directory:staff_service", service_id=service.pk)

    first.goto(service_url)
    first.get_by_role("link", name="Change what it is about").click()
    expect(first.locator("h1")).to_have_text("Categories and who it is for")
    check_accessibility(first)
    first.get_by_label("Breaks").check()
    first.get_by_label("Parent carers").check()
    first.get_by_role("button", name="Save").click()
    expect_page(first, service_url, "Carers cafe", signed_in_as=WORKER_AT_HUB)
    expect(first.locator(".govuk-summary-list__row", has_text="What it is about")).to_contain_text(
        "Breaks"
    )

    edit_url = hub_url("directory:staff_edit_service", service_id=service.pk)
    first.goto(edit_url)
    second.goto(edit_url)
    check_accessibility(first)
    first.get_by_label("Name of the service").fill("Carers coffee morning")
    first.get_by_role("button", name="Save").click()
    expect(first.get_by_text("Service details saved")).to_be_visible()

    second.get_by_label("Name of the service").fill("Carers cafe and chat")
    second.get_by_label("Email address (optional)").fill("cafe@")
    second.get_by_role("button", name="Save").click()
    expect_error_summary(
        second, "Enter an email address in the correct format, like name@example.com"
    )
    check_accessibility(second)
    second.get_by_label("Email address (optional)").fill("cafe@example.org")
    second.get_by_role("button", name="Save").click()
    expect_refused_save(second, "service", "Carers coffee morning", "Carers cafe and chat")
    expect(second.get_by_label("Name of the service")).to_have_value("Carers cafe and chat")
    check_accessibility(second)
    second.get_by_role("button", name="Save").click()
    expect(second.get_by_text("Service details saved")).to_be_visible()
    service.refresh_from_db()
    assert service.name == "Carers cafe and chat"

    second.goto(hub_url("directory:staff_providers"))
    expect(second.locator("h1")).to_have_text("Providers")
    check_accessibility(second)
    second.get_by_role("link", name="Leeds Carers Trust").click()
    expect(second.locator("h1")).to_have_text("Change Leeds Carers Trust")
    check_accessibility(second)
    second.get_by_label("Name", exact=True).fill("")
    second.get_by_role("button", name="Save").click()
    expect_error_summary(second, "Enter the name of the provider")
    check_accessibility(second)


def test_a_place_whose_postcode_is_not_found_is_kept_with_a_warning(
    page,
    live_server,
    worker,
    hub,
    service,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    link = services.add_location(
        actor_for(worker, hub.pk), service, address_1="2 Test Street", postal_code="LS6 1AA"
    )
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("directory:staff_service", service_id=service.pk))
    page.locator(".govuk-summary-card", has_text="2 Test Street").get_by_role(
        "link", name="Change"
    ).click()
    expect(page.locator("h1")).to_have_text("Change a place")
    check_accessibility(page)
    page.get_by_label("Postcode").fill("ZZ99 9ZZ")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("we could not find the postcode ZZ99 9ZZ")).to_be_visible()
    check_accessibility(page)
    link.location.refresh_from_db()
    assert link.location.postal_code == "ZZ99 9ZZ"

    page.locator(".govuk-summary-card", has_text="2 Test Street").get_by_role(
        "link", name="Remove"
    ).click()
    expect(page.locator("h1")).to_have_text("Remove this place?")
    check_accessibility(page)
    page.get_by_role("button", name="Remove").click()
    expect(page.get_by_text("Place removed")).to_be_visible()
    expect(page.locator(".govuk-summary-card", has_text="2 Test Street")).to_have_count(0)


def test_two_people_changing_one_place_through_two_services_that_run_there(
    new_page,
    live_server,
    worker,
    manager,
    hub,
    service,
    provider,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    expect_refused_save,
    check_accessibility,
):
    link = services.add_location(
        actor_for(worker, hub.pk),
        service,
        name="Headingley Community Centre",
        address_1="2 Test Street",
        postal_code="LS6 1AA",
    )
    location = link.location
    sitting = ServiceFactory(provider=provider, name="Sitting service")
    sitting.service_at_locations.create(location=location)
    first, second = new_page(), new_page()
    sign_in_as(first, live_server, worker)
    sign_in_as(second, live_server, manager)

    first.goto(
        hub_url("directory:staff_edit_place", service_id=sitting.pk, location_id=location.pk)
    )
    second.goto(
        hub_url("directory:staff_edit_place", service_id=service.pk, location_id=location.pk)
    )
    expect(first.locator("h1")).to_have_text("Change a place")
    expect(first.get_by_text("Other services run here too")).to_be_visible()
    check_accessibility(first)
    first.get_by_label("Name of the place (optional)").fill("Headingley Community Hall")
    first.get_by_role("button", name="Save").click()
    expect_page(
        first,
        hub_url("directory:staff_service", service_id=sitting.pk),
        "Sitting service",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(first.get_by_text("Place saved")).to_be_visible()

    second.get_by_label("Name of the place (optional)").fill("Headingley Centre")
    second.get_by_label("Accessibility (optional)").fill("Lift to the first floor")
    second.get_by_label("Address line 1").fill("")
    second.get_by_role("button", name="Save").click()
    expect_error_summary(second, "Enter the first line of the address")
    check_accessibility(second)
    second.get_by_label("Address line 1").fill("2 Test Street")
    second.get_by_role("button", name="Save").click()
    expect_refused_save(second, "place", "Headingley Community Hall", "Headingley Centre")
    expect(second.get_by_label("Name of the place (optional)")).to_have_value("Headingley Centre")
    expect(second.get_by_label("Accessibility (optional)")).to_have_value("Lift to the first floor")
    check_accessibility(second)
    location.refresh_from_db()
    assert location.name == "Headingley Community Hall" and not location.accessibility.exists()

    second.get_by_role("button", name="Save").click()
    expect(second.locator("h1")).to_have_text("Carers cafe")
    expect(second.get_by_text("Place saved")).to_be_visible()
    location.refresh_from_db()
    assert location.name == "Headingley Centre"
    assert location.accessibility.get().description == "Lift to the first floor"

"""The register of carers in a browser: find, register, see a carer and who has seen them."""

import pytest
from playwright.sync_api import expect

from carershub.carers.models import Carer
from carershub.carers.tests.factories import CarerFactory

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"
MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub, given_name="Ada", family_name="Foxglove", postcode="ZZ1 1AA"
    )


def test_support_worker_carers_list_is_accessible(
    page, live_server, worker, carer, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)

    page.get_by_role("link", name="Find a carer").click()

    expect_page(page, hub_url("carers:list"), "Carers", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_role("link", name="Ada Foxglove")).to_be_visible()
    check_accessibility(page)


def test_support_worker_carers_search_with_no_results_is_accessible(
    page, live_server, worker, carer, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:list"))
    page.get_by_label("Name or reference").fill("Nobody")

    page.get_by_role("search", name="Carers").get_by_role("button", name="Search").click()

    expect_page(page, hub_url("carers:list") + "?q=Nobody", "Carers", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("No carers found matching “Nobody”")).to_be_visible()
    check_accessibility(page)


def test_support_worker_registers_a_carer_page_is_accessible(
    page, live_server, worker, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)

    page.get_by_role("link", name="Register a carer").click()

    expect_page(page, hub_url("carers:register"), "Register a carer", signed_in_as=WORKER_AT_HUB)
    check_accessibility(page)


def test_support_worker_registers_a_carer_page_is_accessible_in_its_error_state(
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
    page.goto(hub_url("carers:register"))
    date_of_birth = page.get_by_role("group", name="Date of birth")
    date_of_birth.get_by_label("Day").fill("31")
    date_of_birth.get_by_label("Month").fill("2")
    date_of_birth.get_by_label("Year").fill("1961")

    page.get_by_role("button", name="Register carer").click()

    expect_page(page, hub_url("carers:register"), "Register a carer", signed_in_as=WORKER_AT_HUB)
    expect_error_summary(
        page, "Enter their first name", "Enter their last name", "Date of birth must be a real date"
    )
    check_accessibility(page)


def test_support_worker_registers_a_carer_and_sees_their_record(
    page, live_server, worker, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:register"))
    page.get_by_label("First name").fill("Bea")
    page.get_by_label("Last name").fill("Bramble")
    date_of_birth = page.get_by_role("group", name="Date of birth")
    date_of_birth.get_by_label("Day").fill("27")
    date_of_birth.get_by_label("Month").fill("3")
    date_of_birth.get_by_label("Year").fill("1961")

    page.get_by_role("button", name="Register carer").click()

    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "Bea Bramble has been registered"
    )
    carer = Carer.unscoped.get(given_name="Bea", family_name="Bramble")
    expect_page(
        page, hub_url("carers:detail", carer.reference), "Bea Bramble", signed_in_as=WORKER_AT_HUB
    )
    expect(page.locator("main")).to_contain_text("27 March 1961")
    check_accessibility(page)


def test_hub_manager_carer_record_is_accessible(
    page, live_server, manager, carer, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("carers:list"))

    page.get_by_role("link", name="Ada Foxglove").click()

    expect_page(
        page, hub_url("carers:detail", carer.reference), "Ada Foxglove", signed_in_as=MANAGER_AT_HUB
    )
    check_accessibility(page)


def test_hub_manager_carer_audit_trail_is_accessible(
    page, live_server, manager, carer, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("carers:detail", carer.reference))

    page.get_by_role("link", name="Who has seen or changed this record").click()

    expect_page(
        page,
        hub_url("carers:activity", carer.reference),
        f"Who has seen or changed {carer.reference}",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(page.get_by_test_id("audit-trail")).to_contain_text("Morgan Manager")
    check_accessibility(page)

"""Privacy in a browser: a hub manager makes a carer's subject access export, places and lifts a
legal hold (with the error states), and reads the retention schedule. Every page passes axe."""

import datetime as dt
import io
import zipfile

import pytest
from playwright.sync_api import expect

from carershub.carers.tests.factories import CarerFactory
from carershub.privacy import defaults
from carershub.privacy.models import LegalHold, RetentionRule

MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1970, 5, 1),
    )


def test_a_manager_makes_the_subject_access_export(
    page,
    live_server,
    manager,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    sign_in_as(page, live_server, manager)
    url = hub_url("privacy:subject_access", reference=carer.reference)
    page.goto(url)
    expect_page(
        page,
        url,
        f"Create the subject access export for Ada Foxglove ({carer.reference})",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(page.locator(".govuk-warning-text")).to_contain_text("send it securely")
    check_accessibility(page)

    with page.expect_download() as download:
        page.get_by_role("button", name="Create and download the export").click()
    assert download.value.suggested_filename == f"{carer.reference}-subject-access.zip"
    archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
    assert {"records.json", "summary.html"} <= set(archive.namelist())


def test_a_manager_places_and_lifts_a_legal_hold(
    page,
    live_server,
    manager,
    carer,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, manager)
    url = hub_url("privacy:legal_hold", reference=carer.reference)
    page.goto(url)
    expect_page(page, url, "Legal hold", signed_in_as=MANAGER_AT_HUB)
    check_accessibility(page)

    page.get_by_role("button", name="Place a legal hold").click()
    expect_error_summary(page, "Enter why the record must be kept")
    check_accessibility(page)

    page.get_by_label("Why must the record be kept?").fill("A claim has been made")
    page.get_by_role("button", name="Place a legal hold").click()
    expect_page(page, url, "Legal hold", signed_in_as=MANAGER_AT_HUB)
    expect(page.locator(".govuk-inset-text")).to_have_text("This record is on legal hold.")
    check_accessibility(page)

    page.get_by_role("link", name="Lift the legal hold").click()
    lift_url = hub_url("privacy:lift_hold", reference=carer.reference)
    expect_page(page, lift_url, "Lift the legal hold", signed_in_as=MANAGER_AT_HUB)
    check_accessibility(page)
    page.get_by_role("button", name="Lift the legal hold").click()
    expect_error_summary(page, "Enter why the hold can be lifted")
    check_accessibility(page)

    page.get_by_label("Why can the hold be lifted?").fill("The claim was settled")
    page.get_by_role("button", name="Lift the legal hold").click()
    expect_page(page, url, "Legal hold", signed_in_as=MANAGER_AT_HUB)
    expect(page.get_by_role("heading", name="Lifted hold")).to_be_visible()
    check_accessibility(page)
    assert not LegalHold.objects.active().exists()


def test_a_manager_reads_the_retention_schedule(
    page,
    live_server,
    manager,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    defaults.load(RetentionRule)  # the live server's database is emptied between tests
    sign_in_as(page, live_server, manager)
    url = hub_url("privacy:retention_schedule")
    page.goto(url)
    expect_page(page, url, "Retention schedule", signed_in_as=MANAGER_AT_HUB)
    expect(page.get_by_role("rowheader", name="Young carer record")).to_be_visible()
    check_accessibility(page)

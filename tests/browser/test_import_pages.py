"""Importing carers in a browser: upload, columns, the check's results, progress and confirmation,
each page checked with axe, and the progress page's script moving on by itself."""

import pytest
from playwright.sync_api import expect

from carershub.accounts.actor import actor_for
from carershub.carers.models import Carer
from carershub.imports import services
from carershub.imports.models import ImportRun, Status
from carershub.imports.tests.helpers import export, person, row

MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def csv_file(data, name="carepoint-export.csv"):
    return {"name": name, "mimeType": "text/csv", "buffer": data}


def test_uploading_a_file_and_importing_it_is_accessible_at_every_step(
    page, live_server, manager, hub, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("imports:upload"))
    expect_page(
        page,
        hub_url("imports:upload"),
        "Import carers from another system",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(page)

    page.get_by_label("Upload the export").set_input_files(
        csv_file(export(row(), person(2), person(3, dob="31/02/1980"), person(4, given="=1+1")))
    )
    page.get_by_label("Which system is the file from?").fill("CarePoint")
    page.get_by_role("button", name="Upload and continue").click()
    run = ImportRun.unscoped.get()
    expect_page(
        page, hub_url("imports:columns", run.pk), "Check the columns", signed_in_as=MANAGER_AT_HUB
    )
    expect(page.get_by_label("Forename")).to_have_value("given_name")
    check_accessibility(page)

    page.get_by_role("button", name="Check the file").click()
    expect_page(
        page,
        hub_url("imports:results", run.pk),
        "Results of the check",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(
        page.get_by_role("cell", name="Date of birth is not a real date", exact=False)
    ).to_be_visible()
    expect(page.get_by_role("cell", name="First name starts with '='", exact=False)).to_be_visible()
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the rows with problems (CSV)").click()
    assert download.value.suggested_filename == f"rejected-rows-import-{run.pk}.csv"
    assert Carer.unscoped.count() == 0

    page.get_by_role("button", name="Import 2 carers").click()
    expect_page(
        page, hub_url("imports:done", run.pk), "Import complete", signed_in_as=MANAGER_AT_HUB
    )
    expect(page.get_by_text("2 carers added to the register")).to_be_visible()
    check_accessibility(page)
    assert Carer.unscoped.filter(holding_organisation=hub).count() == 2


def test_upload_and_column_mistakes_are_accessible(
    page, live_server, manager, hub, hub_url, sign_in_as, expect_error_summary, check_accessibility
):
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("imports:upload"))
    page.get_by_role("button", name="Upload and continue").click()
    expect_error_summary(
        page, "Select a CSV file or Excel workbook", "Enter the name of the system the file is from"
    )
    check_accessibility(page)

    page.get_by_label("Upload the export").set_input_files(
        csv_file(export(row(given="Zoë")) + "CP2,José,Núñez\r\n".encode("cp1252"))
    )
    page.get_by_label("Which system is the file from?").fill("CarePoint")
    page.get_by_role("button", name="Upload and continue").click()
    expect_error_summary(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The file mixes two text encodings"
    )
    check_accessibility(page)

    page.get_by_label("Upload the export").set_input_files(csv_file(export(row())))
    page.get_by_label("Which system is the file from?").fill("CarePoint")
    page.get_by_role("button", name="Upload and continue").click()
    page.get_by_label("Surname").select_option(label="First name")
    page.get_by_label("Client ID").select_option(label="Do not import")
    page.get_by_label("NHS No").select_option(label="Do not import")
    page.get_by_label("Postcode").select_option(label="Do not import")
    page.get_by_role("button", name="Check the file").click()
    expect_error_summary(
        page, "First name is already chosen for Forename: choose it for one column only"
    )
    # A detail no column holds is about the whole page, so it is not a link to one column.
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the column that holds the last name"
    )
    check_accessibility(page)


def test_the_progress_page_is_accessible_and_moves_on_by_itself_when_the_check_finishes(
    page, live_server, manager, hub, hub_url, sign_in_as, expect_page, check_accessibility
):
    actor = actor_for(manager, hub.pk)
    run = services.start_import(
        actor,
        organisation=hub,
        data=export(row(), person(2)),
        filename="big.csv",
        source_system="CarePoint",
    )
    ImportRun.unscoped.filter(pk=run.pk).update(
        status=Status.VALIDATING, rows_processed=1, total_rows=2
    )
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("imports:progress", run.pk))
    expect_page(
        page, hub_url("imports:progress", run.pk), "Checking the file", signed_in_as=MANAGER_AT_HUB
    )
    expect(page.get_by_label("Progress")).to_have_attribute("value", "50")
    expect(page.get_by_text("50% checked: 1 of 2 rows.")).to_be_visible()
    # The script is running: it hides the button that pages without JavaScript need.
    expect(page.get_by_role("button", name="Check progress")).to_be_hidden()
    check_accessibility(page)

    services.check_rows(run, actor)  # the worker finishes the check
    expect_page(
        page,
        hub_url("imports:results", run.pk),
        "Results of the check",
        signed_in_as=MANAGER_AT_HUB,
    )

    # A big import being published: a bar with no end, until it is done.
    services.claim_for_publishing(run)
    page.goto(hub_url("imports:progress", run.pk))
    expect_page(
        page,
        hub_url("imports:progress", run.pk),
        "Adding carers to the register",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(page)
    run.refresh_from_db()
    services.publish(run, actor)
    expect_page(
        page, hub_url("imports:done", run.pk), "Import complete", signed_in_as=MANAGER_AT_HUB
    )
    check_accessibility(page)


def test_the_progress_page_works_without_javascript(
    browser, live_server, manager, hub, hub_url, sign_in_as, expect_page
):
    actor = actor_for(manager, hub.pk)
    run = services.start_import(
        actor, organisation=hub, data=export(row()), filename="big.csv", source_system="X"
    )
    ImportRun.unscoped.filter(pk=run.pk).update(status=Status.VALIDATING)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        sign_in_as(page, live_server, manager)
        page.goto(hub_url("imports:progress", run.pk))
        expect(page.get_by_text("Waiting to start checking 1 row.")).to_be_visible()
        services.check_rows(run, actor)
        page.get_by_role("button", name="Check progress").click()
        expect_page(
            page,
            hub_url("imports:results", run.pk),
            "Results of the check",
            signed_in_as=MANAGER_AT_HUB,
        )
    finally:
        context.close()

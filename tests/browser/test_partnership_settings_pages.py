"""The partnership settings page in a browser: a hub manager changes the helpline's hours and a
target,
corrects a mistake, and the page passes axe at each step."""

from playwright.sync_api import expect

from carershub.partnerships.models import Partnership

MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"


def test_hub_manager_changes_the_helpline_hours_and_a_target_on_an_accessible_page(
    page,
    live_server,
    manager,
    partnership,
    sign_in_as,
    hub_url,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, manager)

    page.get_by_role("link", name="Partnership settings").click()

    expect_page(
        page, hub_url("partnerships:settings"), "Partnership settings", signed_in_as=MANAGER_AT_HUB
    )
    expect(page.get_by_label("Monday (optional)")).to_have_value("9am to 5pm")
    check_accessibility(page)

    page.get_by_label("Tuesday (optional)").fill("9am to 1pm, 2pm to 5pm")
    page.get_by_label("Days from a referral to starting the carer's assessment").fill("fortnight")
    page.get_by_role("button", name="Save settings").click()

    expect_error_summary(
        page,
        "Days from a referral to starting the carer's assessment must be a whole number of days "
        "between 1 and 365",
    )
    expect(page.get_by_label("Tuesday (optional)")).to_have_value("9am to 1pm, 2pm to 5pm")
    check_accessibility(page)

    page.get_by_label("Days from a referral to starting the carer's assessment").fill("21")
    page.get_by_role("button", name="Save settings").click()

    expect(page.get_by_text("Partnership settings saved")).to_be_visible()
    expect(page.get_by_label("Tuesday (optional)")).to_have_value("9am to 1pm, 2pm to 5pm")
    check_accessibility(page)
    saved = Partnership.objects.get(pk=partnership.pk)
    assert saved.assessment_start_days == 21
    assert saved.helpline_hours.filter(day=1).count() == 2

"""A public form sent too often, in a browser: the "try again later" page is accessible and says
when, and how to reach the helpline meanwhile."""

from playwright.sync_api import expect


def test_a_visitor_over_the_limit_is_told_when_to_try_again_and_how_else_to_get_help(
    page, hub, hub_url, expect_page, check_accessibility, settings
):
    settings.PUBLIC_FORM_RATE_LIMITS = {**settings.PUBLIC_FORM_RATE_LIMITS,
                                        "group_availability": {"address": "1/h"}}
    page.goto(hub_url("groups:availability"))
    page.get_by_role("button", name="Send").click()  # with mistakes: the error page counts too
    expect(page.locator(".govuk-error-summary")).to_be_visible()

    page.get_by_role("button", name="Send").click()

    expect_page(page, hub_url("groups:availability"), "Sorry, there have been too many attempts")
    expect(page.get_by_test_id("try-again")).to_contain_text("You can try again in")
    expect(page.get_by_text("0808 157 0000")).to_be_visible()
    check_accessibility(page)

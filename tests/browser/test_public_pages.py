"""Public pages in a browser: what anyone sees without signing in."""

from playwright.sync_api import expect


def test_start_page_describes_the_hub_with_the_helpline_from_data_and_is_accessible(
    page, partnership, hub_url, expect_page, check_accessibility
):
    page.goto(hub_url("home:start"))

    expect_page(page, hub_url("home:start"), "Support for unpaid carers")
    expect(page.locator("header")).to_contain_text("Testshire Carers Partnership")
    expect(page.get_by_text("0808 157 0000")).to_be_visible()
    expect(page.get_by_test_id("opening-times")).to_contain_text("Monday")
    expect(page.get_by_test_id("opening-times")).to_contain_text("9am to 5pm")
    check_accessibility(page)


def test_cookies_page_is_accessible(page, partnership, hub_url, expect_page, check_accessibility):
    page.goto(hub_url("home:start"))

    page.locator("footer").get_by_role("link", name="Cookies").click()

    expect_page(page, hub_url("core:cookies"), "Cookies")
    expect(page.get_by_role("table")).to_contain_text("sessionid")
    check_accessibility(page)


def test_accessibility_statement_is_accessible(
    page, partnership, hub_url, expect_page, check_accessibility
):
    page.goto(hub_url("home:start"))

    page.locator("footer").get_by_role("link", name="Accessibility statement").click()

    expect_page(page, hub_url("core:accessibility"), "Accessibility statement")
    expect(page.get_by_text("call the carers helpline on 0808 157 0000")).to_be_visible()
    check_accessibility(page)

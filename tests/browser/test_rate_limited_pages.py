"""A public form sent too often, in a browser: the "try again later" page is accessible, says
when, how to reach the helpline meanwhile, and shows back the message that could not be sent."""

from playwright.sync_api import expect


def test_a_visitor_over_the_limit_is_told_when_to_try_again_and_how_else_to_get_help(
    page, hub, hub_url, expect_page, expect_error_summary, check_accessibility, settings
):
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "helpline": {"address": "1/h"},
    }
    page.goto(hub_url("helpline:contact"))
    page.get_by_label("Your message").fill("I look after my mum and need some advice.")
    page.get_by_role("button", name="Send message").click()  # with mistakes: it counts all the same
    expect_error_summary(page, "Enter your name", "Select how we should contact you")

    page.get_by_label("Your name").fill("Ada Foxglove")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Phone number").fill("07700 900982")
    page.get_by_role("button", name="Send message").click()

    expect_page(page, hub_url("helpline:contact"), "Sorry, there have been too many attempts")
    expect(page.get_by_test_id("try-again")).to_contain_text("You can try again in")
    expect(page.get_by_text("0808 157 0000")).to_be_visible()
    expect(page.get_by_test_id("what-you-wrote")).to_contain_text(
        "I look after my mum and need some advice."
    )
    check_accessibility(page)

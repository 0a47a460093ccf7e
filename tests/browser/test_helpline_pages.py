"""The helpline page in a browser: when it is open, and a message that reaches the triage queue."""

import datetime as dt
import zoneinfo

from playwright.sync_api import expect

from carershub.helpline import selectors
from carershub.referrals.models import Referral, Source


def send(page):
    page.get_by_role("button", name="Send message").click()


def test_a_carer_sends_the_helpline_a_message_on_accessible_pages(
    page, hub, hub_url, expect_page, expect_error_summary, check_accessibility, monkeypatch
):
    # A Saturday: the test hub's helpline opens on Mondays only
    # (the live server runs in this process).
    saturday = dt.datetime(2025, 5, 10, 12, tzinfo=zoneinfo.ZoneInfo("Europe/London"))
    monkeypatch.setattr(selectors, "current_moment", lambda: saturday)
    page.goto(hub_url("home:start"))
    expect(page.get_by_test_id("helpline-status")).to_have_text("Closed - opens Monday at 9am")
    page.get_by_role("link", name="Send the helpline a message").click()

    expect_page(page, hub_url("helpline:contact"), "Contact the carers helpline")
    expect(page.get_by_text("0808 157 0000")).to_be_visible()
    expect(page.get_by_test_id("opening-times")).to_contain_text("9am to 5pm")
    expect(page.get_by_test_id("helpline-status")).to_have_text("Closed - opens Monday at 9am")
    check_accessibility(page)

    send(page)
    expect_error_summary(
        page, "Enter your name", "Select how we should contact you", "Enter your message"
    )
    check_accessibility(page)

    page.get_by_label("Your name").fill("Ada Foxglove")
    page.get_by_label("Phone", exact=True).check()
    page.get_by_label("Your message").fill("I look after my mum and need some advice.")
    send(page)
    expect_error_summary(page, "Enter a phone number so we can call you back")
    expect(page.get_by_label("Your name")).to_have_value("Ada Foxglove")
    expect(page.get_by_label("Your message")).to_have_value(
        "I look after my mum and need some advice."
    )
    check_accessibility(page)

    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("ada at home")
    send(page)
    expect_error_summary(
        page, "Enter an email address in the correct format, like name@example.com"
    )
    check_accessibility(page)

    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("Yes").check()
    send(page)

    expect_page(page, hub_url("helpline:sent"), "Message sent")
    referral = Referral.unscoped.get()
    expect(page.locator(".govuk-panel")).to_contain_text(referral.reference)
    assert (referral.source, referral.email, referral.phone) == (
        Source.HELPLINE_FORM,
        "ada@example.com",
        "",
    )
    check_accessibility(page)

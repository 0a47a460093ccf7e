"""Referrals in a browser: the public front door, a partner's referral and the triage queue."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.referrals.tests.factories import ReferralFactory

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"
WARD = "Jo Ward, Partner referrer at Testshire Hospital"


@pytest.fixture
def ward(make_staff, hospital):
    return make_staff(Role.PARTNER_REFERRER, hospital, full_name="Jo Ward")


def test_am_i_a_carer_is_accessible_from_start_to_answer(
    page, hub, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page.goto(hub_url("home:start"))
    page.get_by_role("link", name="Check if you are a carer").click()
    expect_page(page, hub_url("front_door:checker_start"), "Am I a carer?")
    check_accessibility(page)
    page.get_by_role("button", name="Start now").click()
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(
        page, "Select yes if you look after someone who could not manage without your help"
    )
    check_accessibility(page)
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    expect_page(page, hub_url("front_door:checker_result"), "You are a young carer")
    check_accessibility(page)


def fits(page, width):
    """The page does not scroll sideways at this width (WCAG 1.4.10 reflow)."""
    scrolled = page.evaluate("document.documentElement.scrollWidth")
    assert scrolled <= width, (
        f"{page.url} is {scrolled} pixels wide at {width}: it scrolls sideways"
    )


def test_a_carer_asks_for_support_on_accessible_question_pages(
    page, hub, hub_url, expect_page, expect_error_summary, check_accessibility
):
    # From the start page to the confirmation at 1280 pixels, then at 320 from the contact
    # questions on, with axe on every page and no page scrolling sideways.
    width = 1280
    page.set_viewport_size({"width": width, "height": 800})

    def on_page(name, heading, *args):
        expect_page(page, hub_url(name, *args), heading)
        fits(page, width)
        check_accessibility(page)

    def answer(group, choice):
        page.get_by_role("group", name=group).get_by_label(choice, exact=True).check()

    page.goto(hub_url("front_door:self_referral_start"))
    on_page("front_door:self_referral_start", "Ask the carers hub for support")
    expect(page.locator(".govuk-warning-text")).to_contain_text(
        "If you or someone else is in danger, call 999"
    )
    expect(page.get_by_test_id("privacy-link").get_by_role("link")).to_be_visible()
    page.get_by_role("button", name="Start now").click()
    on_page("front_door:self_referral", "What is your name?", "name")
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Enter your first name", "Enter your last name")
    check_accessibility(page)
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Foxglove")
    page.get_by_role("button", name="Continue").click()
    on_page("front_door:self_referral", "What is your date of birth?", "date-of-birth")
    page.get_by_label("Day").fill("27")
    page.get_by_label("Year").fill("1961")
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Date of birth must include a month")
    expect(page.get_by_label("Month")).to_have_class(re.compile("govuk-input--error"))
    expect(page.get_by_label("Day")).not_to_have_class(re.compile("govuk-input--error"))
    check_accessibility(page)
    page.get_by_label("Month").fill("3")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Enter an email address or a phone number so we can contact you")
    check_accessibility(page)

    width = 320
    page.set_viewport_size({"width": width, "height": 640})
    fits(page, width)
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("Phone number").fill("07700 900982")
    page.get_by_role("button", name="Continue").click()
    on_page("front_door:self_referral", "Is it safe for us to contact you?", "safe-contact")
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Select yes if it is safe for us to phone you")
    check_accessibility(page)
    answer("Is it safe for us to phone you?", "Yes")
    answer("Is it safe for us to send you a text message?", "No")
    answer("Is it safe for us to leave you a voicemail?", "No")
    page.get_by_role("button", name="Continue").click()
    on_page("front_door:self_referral", "Your language", "language")
    page.get_by_label("What language would you like us to use?").fill("Polish")
    answer("Do you need an interpreter?", "Yes")
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("What is your postcode?").fill("ZZ1 1AA")
    page.get_by_role("button", name="Continue").click()
    on_page("front_door:self_referral", "Who do you look after?", "caring")
    page.get_by_label("Their name").fill("Tom Foxglove")
    page.get_by_label("What are they to you?").fill("My husband")
    page.get_by_label("What help do they need from you?").fill("My husband, who has dementia.")
    page.get_by_role("button", name="Continue").click()
    on_page("front_door:self_referral", "Do you need support urgently?", "urgency")
    expect(page.locator(".govuk-warning-text")).to_contain_text("call 999")
    answer("Do you need support urgently?", "Yes")
    page.get_by_role("button", name="Continue").click()
    on_page("front_door:self_referral_check", "Check your answers before sending your request")

    # A change link returns to check your answers, by its back link or by continuing.
    page.get_by_role("link", name="Change language").click()
    expect(page.get_by_role("link", name="Back", exact=True)).to_have_attribute(
        "href", reverse("front_door:self_referral_check")
    )
    page.get_by_label("What language would you like us to use?").fill("Welsh")
    page.get_by_role("button", name="Continue").click()
    on_page("front_door:self_referral_check", "Check your answers before sending your request")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Welsh")
    page.get_by_role("button", name="Send request").click()
    on_page("front_door:self_referral_done", "Request sent")


def test_a_ward_refers_a_carer_on_an_accessible_form(
    page,
    live_server,
    ward,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, ward)
    page.get_by_role("link", name="Refer a carer").first.click()
    expect_page(page, hub_url("referrals:new"), "Refer a carer", signed_in_as=WARD)
    check_accessibility(page)
    page.get_by_role("button", name="Send referral").click()
    expect_error_summary(page, "Enter the carer's first name", "Enter who they care for and why")
    check_accessibility(page)
    page.get_by_label("Carer's first name").fill("Ada")
    page.get_by_label("Carer's last name").fill("Foxglove")
    page.get_by_label("Carer's phone number").fill("020 7946 0555")
    page.get_by_label("Who do they care for, and why?").fill("Her husband, going home tomorrow.")
    page.get_by_label("Urgent: the carer may not be able to carry on caring").check()
    page.get_by_label(
        "The carer knows about this referral and agreed to be contacted by the hub"
    ).check()
    page.get_by_role("button", name="Send referral").click()
    expect_page(page, hub_url("referrals:sent"), "Referral sent", signed_in_as=WARD)
    check_accessibility(page)
    page.get_by_role("link", name="See your referrals").click()
    expect_page(
        page, hub_url("referrals:queue"), "Referrals from Testshire Hospital", signed_in_as=WARD
    )
    check_accessibility(page)


def test_the_triage_queue_and_a_referral_are_accessible(
    page,
    live_server,
    worker,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    referral = ReferralFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        urgency="urgent",
        first_contact_due=timezone.localdate() - dt.timedelta(days=2),
    )
    sign_in_as(page, live_server, worker)
    page.get_by_role("link", name="Referrals to triage").click()
    expect_page(page, hub_url("referrals:queue"), "Referrals", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Contact overdue by 2 days")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Ada Foxglove").click()
    expect_page(
        page,
        hub_url("referrals:detail", referral.reference),
        "Referral for Ada Foxglove",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Save outcome").click()
    expect_error_summary(page, "Select the outcome of triage")
    check_accessibility(page)
    page.get_by_label("Registered as a carer").check()
    page.get_by_role("button", name="Save outcome").click()
    expect(page.locator("h1")).to_have_text("Ada Foxglove")

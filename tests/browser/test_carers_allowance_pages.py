"""The Carer's Allowance checker in a browser: every question, its mistakes,
check your answers and the result.
"""

import datetime as dt

import pytest
from playwright.sync_api import expect

from carershub.carers_allowance import selectors


@pytest.fixture(autouse=True)
def in_2026_27(monkeypatch):
    """The checker reads the 2026 to 2027 rules whatever the clock says
    (the live server shares this process).
    """
    monkeypatch.setattr(selectors, "today", lambda: dt.date(2026, 12, 7))


def continue_(page):
    page.get_by_role("button", name="Continue").click()


def test_a_carer_checks_carers_allowance_on_accessible_pages_and_may_get_it(
    page, hub, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page.goto(hub_url("carers_allowance:start"))
    expect_page(
        page, hub_url("carers_allowance:start"), "Check if you may be able to get Carer's Allowance"
    )
    check_accessibility(page)
    page.get_by_role("button", name="Start now").click()

    expect_page(page, hub_url("carers_allowance:question", "where-you-live"), "Where do you live?")
    check_accessibility(page)
    continue_(page)
    expect_error_summary(page, "Select where you live")
    check_accessibility(page)
    page.get_by_label("England").check()
    continue_(page)

    expect_page(page, hub_url("carers_allowance:question", "age"), "How old are you?")
    check_accessibility(page)
    page.get_by_label("How old are you?").fill("forty")
    continue_(page)
    expect_error_summary(page, "Enter your age in years, like 45")
    expect(page.get_by_label("How old are you?")).to_have_value("forty")
    check_accessibility(page)
    page.get_by_label("How old are you?").fill("45")
    continue_(page)

    expect_page(
        page,
        hub_url("carers_allowance:question", "benefits"),
        "Does the person you care for get any of these benefits?",
    )
    check_accessibility(page)
    continue_(page)
    expect_error_summary(
        page, "Select the benefits the person you care for gets, or select none of these"
    )
    check_accessibility(page)
    page.get_by_label("Attendance Allowance", exact=True).check()
    page.get_by_label("None of these").check()
    continue_(page)
    expect_error_summary(
        page, "Select the benefits they get, or select none of these, or select I'm not sure"
    )
    expect(page.get_by_label("Attendance Allowance", exact=True)).to_be_checked()
    check_accessibility(page)
    page.get_by_label("None of these").uncheck()
    continue_(page)

    expect_page(
        page,
        hub_url("carers_allowance:question", "hours"),
        "How many hours a week do you spend caring for them?",
    )
    check_accessibility(page)
    page.get_by_label("How many hours a week do you spend caring for them?").fill("200")
    continue_(page)
    expect_error_summary(page, "Enter a number of hours no more than 168, the hours in a week")
    check_accessibility(page)
    page.get_by_label("How many hours a week do you spend caring for them?").fill("35")
    continue_(page)

    expect_page(page, hub_url("carers_allowance:question", "education"), "Are you studying?")
    check_accessibility(page)
    page.get_by_label("Yes, on a part-time course").check()
    continue_(page)
    expect_error_summary(page, "Enter how many hours a week you study")
    check_accessibility(page)
    page.get_by_label("If your course is part-time, how many hours a week do you study?").fill("12")
    continue_(page)

    expect_page(
        page,
        hub_url("carers_allowance:question", "earnings"),
        "How much do you earn a week after deductions?",
    )
    check_accessibility(page)
    page.get_by_label("How much do you earn a week after deductions?").fill("lots")
    continue_(page)
    expect_error_summary(page, "Enter an amount in pounds, like 150 or 150.50")
    check_accessibility(page)
    page.get_by_label("How much do you earn a week after deductions?").fill("196")
    continue_(page)

    expect_page(page, hub_url("carers_allowance:check"), "Check your answers")
    check_accessibility(page)
    expect(page.locator(".govuk-summary-list")).to_contain_text("Yes, part-time, 12 hours a week")
    page.get_by_role("link", name="Change where you live").click()
    expect_page(
        page,
        hub_url("carers_allowance:question", "where-you-live") + "?change=1",
        "Where do you live?",
    )
    expect(page.get_by_label("England")).to_be_checked()
    page.get_by_label("Wales").check()
    continue_(page)
    expect_page(page, hub_url("carers_allowance:check"), "Check your answers")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Wales")
    page.get_by_role("button", name="See your result").click()

    expect_page(
        page, hub_url("carers_allowance:result"), "You may be able to get Carer's Allowance"
    )
    expect(page.get_by_test_id("reasons")).to_contain_text("You live in Wales.")
    expect(page.get_by_test_id("reasons")).to_contain_text("You earn £196 a week after deductions.")
    expect(page.get_by_role("link", name="Apply for Carer's Allowance on GOV.UK")).to_be_visible()
    page.get_by_text("Where these rules come from").click()
    expect(
        page.get_by_text("This check uses the rules that apply from 6 April 2026")
    ).to_be_visible()
    check_accessibility(page)


def test_a_carer_earning_too_much_is_told_why_and_pointed_to_carers_credit(
    page, hub, hub_url, expect_page, check_accessibility
):
    page.goto(hub_url("carers_allowance:question", "where-you-live"))
    page.get_by_label("England").check()
    continue_(page)
    page.get_by_label("How old are you?").fill("52")
    continue_(page)
    page.get_by_label("Personal Independence Payment (PIP) daily living component").check()
    continue_(page)
    page.get_by_label("How many hours a week do you spend caring for them?").fill("40")
    continue_(page)
    page.get_by_label("No").check()
    continue_(page)
    page.get_by_label("How much do you earn a week after deductions?").fill("250.50")
    continue_(page)
    page.get_by_role("button", name="See your result").click()

    expect_page(
        page, hub_url("carers_allowance:result"), "You may not be able to get Carer's Allowance"
    )
    expect(page.get_by_test_id("reasons")).to_have_text(
        "You earn £250.50 a week after deductions, which is more than the limit of £204 a week."
    )
    expect(
        page.get_by_role("heading", name="You may be able to get Carer's Credit")
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Contact the carers helpline").click()
    expect_page(page, hub_url("helpline:contact"), "Contact the carers helpline")


def test_the_checker_works_without_javascript(browser, live_server, hub, hub_url):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(hub_url("carers_allowance:start"))
        page.get_by_role("button", name="Start now").click()
        for label, value in [("Scotland", None), ("How old are you?", "30")]:
            if value is None:
                page.get_by_label(label).check()
            else:
                page.get_by_label(label).fill(value)
            continue_(page)
        page.get_by_label("I'm not sure").check()
        continue_(page)
        page.get_by_label("How many hours a week do you spend caring for them?").fill("50")
        continue_(page)
        page.get_by_label("Yes, on a full-time course").check()
        continue_(page)
        page.get_by_label("How much do you earn a week after deductions?").fill("0")
        continue_(page)
        page.get_by_role("button", name="See your result").click()
        expect(page.locator("h1")).to_have_text(
            "You may be able to get Carer Support Payment instead"
        )
        expect(page.get_by_test_id("reasons")).to_contain_text("You live in Scotland")
    finally:
        context.close()

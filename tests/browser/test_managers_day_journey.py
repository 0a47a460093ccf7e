"""A hub manager's day in a browser: from today's counts on the home page to the list a count
stands for, to a concern in it, to the carer's record with its alerts banner at the top. Walked at
1280 pixels and again at 320 (no page scrolls sideways), with axe on every page."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from carershub.carers.tests.factories import CarerFactory
from carershub.safeguarding.tests.factories import ConcernFactory

WIDE = {"width": 1280, "height": 900}
NARROW = {"width": 320, "height": 640}
COUNT = "Safeguarding, open concerns: someone at immediate risk, raised in the last 7 days"


@pytest.fixture
def concern(hub):
    carer = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1970, 5, 1),
        phone="07700 900123",
    )
    return ConcernFactory(carer=carer, immediate_risk=True)


def fits(page, size):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size["width"], f"{page.url} is {width} pixels wide: it scrolls sideways"


def walk(page, hub_url, concern, size, check_accessibility):
    page.set_viewport_size(size)
    page.goto(hub_url("home:staff_home"))
    fits(page, size)
    check_accessibility(page)
    row = page.get_by_role("row").filter(has_text=COUNT)
    row.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text("Safeguarding concerns")
    expect(page.get_by_role("table")).to_contain_text("Ada Foxglove")
    fits(page, size)
    check_accessibility(page)
    page.get_by_role("link", name=concern.reference).click()
    expect(page).to_have_title(
        f"Safeguarding concern {concern.reference} - Ada Foxglove - Testshire Carers Partnership"
    )
    fits(page, size)
    check_accessibility(page)
    page.get_by_role("link", name="Back to Ada Foxglove").click()
    banner = page.get_by_role("region", name="Alerts")
    expect(banner).to_contain_text(f"Open safeguarding concern {concern.reference}")
    expect(banner).to_contain_text("immediate risk")
    expect(page).to_have_title("Ada Foxglove - Testshire Carers Partnership")
    fits(page, size)
    check_accessibility(page)


def test_a_manager_goes_from_a_count_on_the_home_page_to_the_carers_record(
    page, live_server, manager, concern, hub_url, sign_in_as, check_accessibility
):
    sign_in_as(page, live_server, manager)
    page.set_viewport_size(WIDE)
    expect(page.get_by_role("navigation").get_by_role("link", name="Safeguarding")).to_be_visible()
    walk(page, hub_url, concern, WIDE, check_accessibility)
    walk(page, hub_url, concern, NARROW, check_accessibility)

"""Pages with tables on a 320 pixel wide screen (WCAG 1.4.10 reflow): the table scrolls sideways
in its own region, the page itself never does, and each page passes axe at that width."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from carershub.accounts.tests.factories import staff_actor
from carershub.carers.services import log_contact, record_consent
from carershub.carers.tests.factories import CarerFactory
from carershub.groups.tests.factories import GroupFactory, SessionFactory
from carershub.notifications.tests.factories import NotificationFactory
from carershub.referrals.tests.factories import ReferralFactory

NARROW = {"width": 320, "height": 640}
PAGE_WIDTH = "document.documentElement.scrollWidth"


def expect_no_sideways_scrolling(page, check_accessibility):
    expect(page.get_by_role("table").first).to_be_visible()
    width = page.evaluate(PAGE_WIDTH)
    assert width <= NARROW["width"], f"{page.url} is {width} pixels wide: it scrolls sideways"
    # The table scrolls in a region of its own, which a keyboard can reach to scroll it.
    region = page.get_by_role("region").filter(has=page.get_by_role("table")).first
    expect(region).to_have_attribute("tabindex", "0")
    check_accessibility(page)


def test_the_public_calendar_fits_a_narrow_screen(page, hub, hub_url, check_accessibility):
    cafe = GroupFactory(organisation=hub, name="Carers cafe and a chat with other carers")
    SessionFactory(group=cafe, venue="The Community Centre on the High Street")
    page.set_viewport_size(NARROW)
    page.goto(hub_url("groups:calendar"))
    expect(page.get_by_role("table")).to_contain_text("Carers cafe")
    expect_no_sideways_scrolling(page, check_accessibility)


@pytest.mark.parametrize(
    "address",
    [
        "carers:list",
        "carers:team_caseload",
        "referrals:queue",
        "accounts:team",
        "notifications:outbox",
    ],
)
def test_a_staff_list_fits_a_narrow_screen(
    address, page, live_server, manager, hub, hub_url, sign_in_as, check_accessibility
):
    CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove-Merriweather")
    ReferralFactory(holding_organisation=hub, given_name="Bea", family_name="Larch")
    NotificationFactory(organisation=hub, recipient="bea.larch-longer-address@testshire.example")
    sign_in_as(page, live_server, manager)
    page.set_viewport_size(NARROW)
    page.goto(hub_url(address))
    expect_no_sideways_scrolling(page, check_accessibility)


def test_tables_with_words_for_screen_readers_keep_them_inside_the_region(
    page, live_server, worker, hub, hospital, hub_url, sign_in_as, check_accessibility
):
    """A link or button in a table's last column carries words only a screen reader says; they
    are positioned out of sight, and must stay inside the scrolling region, not widen the page."""
    carer = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    actor = staff_actor(hub)
    record_consent(
        actor,
        carer,
        organisation=hospital,
        purposes=["hospital_discharge", "care_and_support"],
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    log_contact(
        staff_actor(hub),
        carer,
        kind="phone",
        direction="out",
        happened_on=dt.date.today(),
        purpose="Checking in after a hospital stay with a longer description",
        follow_up_due=dt.date.today(),
    )
    sign_in_as(page, live_server, worker)
    page.set_viewport_size(NARROW)
    for address in (hub_url("carers:detail", carer.reference), hub_url("carers:follow_ups")):
        page.goto(address + ("?who=everyone" if "follow" in address else ""))
        expect_no_sideways_scrolling(page, check_accessibility)


def test_a_word_longer_than_the_screen_breaks_instead_of_widening_the_page(
    page, live_server, manager, hub_url, sign_in_as, check_accessibility
):
    # The article form's hint names figures like ((carers_allowance.weekly_rate)): one long word.
    sign_in_as(page, live_server, manager)
    page.set_viewport_size(NARROW)
    page.goto(hub_url("advice:new"))
    expect(page.get_by_text("carers_allowance.weekly_rate").first).to_be_visible()
    width = page.evaluate(PAGE_WIDTH)
    assert width <= NARROW["width"], f"{page.url} is {width} pixels wide: it scrolls sideways"
    check_accessibility(page)

"""The outbox in a browser: a hub manager finds a letter held in the outbox and downloads it."""

import pytest
from playwright.sync_api import expect

from carershub.notifications import services

# Marked so that the outbox's browser tests are easy to run on their own:
# pytest tests/browser -m outbox
pytestmark = pytest.mark.outbox

MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"
ADDRESS = ["Ada Foxglove", "12 Primrose Lane", "Little Testing", "Testshire", "ZZ1 1AA"]
LETTER = {
    "partnership": "Testshire Carers Partnership",
    "full_name": "Ada Foxglove",
    "reference": "C-7KQ2-MX9P",
    "helpline_phone": "0808 157 0000",
}


@pytest.fixture
def held_letter(manager, hub, actor_of):
    letter = services.send_letter(
        address_lines=ADDRESS,
        template="carer_registered_letter",
        personalisation=LETTER,
        actor=actor_of(manager, hub),
    )
    services.deliver(letter.pk)
    return letter


def test_hub_manager_outbox_and_letter_pages_are_accessible(
    page, live_server, manager, held_letter, sign_in_as, hub_url, expect_page, check_accessibility
):
    sign_in_as(page, live_server, manager)

    page.get_by_role("navigation", name="Staff menu").get_by_role("link", name="Outbox").click()

    expect_page(page, hub_url("notifications:outbox"), "Outbox", signed_in_as=MANAGER_AT_HUB)
    expect(page.get_by_role("table")).to_contain_text("Ada Foxglove")
    check_accessibility(page)

    page.get_by_role("link", name="Carer registered (letter)").click()

    expect_page(
        page,
        hub_url("notifications:detail", notification_id=held_letter.pk),
        "Carer registered (letter)",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(page.get_by_test_id("message")).to_contain_text("Your carer reference is C-7KQ2-MX9P")
    check_accessibility(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download letter (PDF)").click()
    assert download.value.suggested_filename == f"letter-{held_letter.pk}.pdf"

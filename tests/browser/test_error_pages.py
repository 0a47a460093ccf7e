"""The error pages in a browser: 403, 404, 500 and a form sent without its CSRF cookie.

This module is also the URLconf of its 500 test: the hub's own URLs plus one that raises.
"""

import pytest
from django.urls import include, path
from playwright.sync_api import expect

from carershub.accounts.models import Role
from config.urls import handler403, handler404, handler500  # noqa: F401 - the URLconf's error pages


def _broken_view(request):
    raise RuntimeError("A deliberate failure, to show the 500 page")


urlpatterns = [
    path("test-only/broken/", _broken_view),
    path("", include("config.urls")),
]


def test_support_worker_opening_the_team_page_sees_an_accessible_permission_page(
    page, live_server, worker, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)

    response = page.goto(hub_url("accounts:team"))

    assert response.status == 403
    expect_page(
        page,
        hub_url("accounts:team"),
        "You do not have permission to see this page",
        signed_in_as="Sam Worker, Hub support worker at Testshire Carers Centre",
    )
    expect(page.get_by_role("link", name="Go to your home page")).to_be_visible()
    check_accessibility(page)


def test_unknown_address_shows_an_accessible_page_not_found(
    page, partnership, live_server, expect_page, check_accessibility
):
    response = page.goto(live_server.url + "/no-such-page/")

    assert response.status == 404
    expect_page(page, live_server.url + "/no-such-page/", "Page not found")
    check_accessibility(page)


@pytest.mark.urls(__name__)
def test_a_failing_page_shows_an_accessible_server_error_page_with_the_helpline(
    page, partnership, live_server, expect_page, check_accessibility
):
    response = page.goto(live_server.url + "/test-only/broken/")

    assert response.status == 500
    expect_page(
        page, live_server.url + "/test-only/broken/", "Sorry, there is a problem with the service"
    )
    expect(page.get_by_text("call the carers helpline on 0808 157 0000")).to_be_visible()
    check_accessibility(page)


def test_a_form_sent_without_its_csrf_cookie_shows_an_accessible_explanation(
    page, partnership, make_staff, hub, hub_url, expect_page, check_accessibility
):
    user = make_staff(Role.SUPPORT_WORKER, hub)
    page.goto(hub_url("accounts:sign_in"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill("anything at all")
    page.context.clear_cookies()  # as when the browser has dropped them, or another site posts

    page.get_by_role("button", name="Sign in").click()

    expect_page(page, hub_url("accounts:sign_in"), "Your form could not be sent")
    check_accessibility(page)

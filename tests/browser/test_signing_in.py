"""Signing in and out in a browser: the pages, their error states, and the journeys."""

from playwright.sync_api import expect

from carershub.accounts.models import Role
from carershub.accounts.tests.factories import PASSWORD, UserFactory, authenticator_for, fresh_code

MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"

# The focused element shows GOV.UK's focus style: a yellow outline, or a box-shadow underline.
FOCUS_IS_VISIBLE = """() => {
  const style = getComputedStyle(document.activeElement);
  const outlineShows = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && !/rgba\\(.*, 0\\)$|transparent/.test(style.outlineColor);
  return outlineShows || style.boxShadow !== "none";
}"""


def test_sign_in_page_is_accessible(page, partnership, hub_url, expect_page, check_accessibility):
    page.goto(hub_url("home:start"))

    page.get_by_role("link", name="Sign in to the hub").click()

    expect_page(page, hub_url("accounts:sign_in"), "Sign in")
    check_accessibility(page)


def test_sign_in_page_is_accessible_in_its_error_state(
    page, partnership, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page.goto(hub_url("accounts:sign_in"))

    page.get_by_role("button", name="Sign in").click()

    expect_page(page, hub_url("accounts:sign_in"), "Sign in")
    expect_error_summary(page, "Enter your email address", "Enter your password")
    check_accessibility(page)


def test_sign_in_with_a_wrong_password_is_accessible_in_its_error_state(
    page, manager, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page.goto(hub_url("accounts:sign_in"))
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill("not the password")

    page.get_by_role("button", name="Sign in").click()

    expect_page(page, hub_url("accounts:sign_in"), "Sign in")
    expect_error_summary(page, "Enter a correct email address and password")
    check_accessibility(page)


def test_hub_manager_signs_in_sees_the_staff_home_and_signs_out_with_the_mouse(
    page, manager, hub_url, expect_page, check_accessibility
):
    page.goto(hub_url("home:start"))
    page.get_by_role("link", name="Sign in to the hub").click()
    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    device = authenticator_for(manager)
    page.get_by_role("button", name="Sign in").click()

    expect_page(
        page, hub_url("accounts:sign_in_code"), "Enter the code from your authenticator app"
    )
    check_accessibility(page)
    page.get_by_label("Code from your authenticator app").fill(fresh_code(device))
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page, hub_url("home:staff_home"), "Welcome, Morgan Manager", signed_in_as=MANAGER_AT_HUB
    )
    expect(page.get_by_role("link", name="Manage your team")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("navigation", name="Staff menu").get_by_role("button", name="Sign out").click()

    expect_page(page, hub_url("accounts:sign_out"), "You have signed out")
    check_accessibility(page)
    page.goto(hub_url("home:staff_home"))
    expect(page).to_have_url(hub_url("accounts:sign_in") + "?next=/home/")


def test_support_worker_signs_in_using_only_the_keyboard(page, worker, hub_url, expect_page):
    device = authenticator_for(worker)
    page.goto(hub_url("accounts:sign_in"))

    def focused(name):
        expect(page.locator(":focus")).to_have_accessible_name(name)
        assert page.evaluate(FOCUS_IS_VISIBLE), f"The focus on {name!r} cannot be seen"

    page.keyboard.press("Tab")
    focused("Skip to main content")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")
    focused("Email address")
    page.keyboard.type(worker.email)
    page.keyboard.press("Tab")
    focused("Password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    focused("Show password")
    page.keyboard.press("Tab")
    focused("Sign in")
    page.keyboard.press("Enter")
    expect_page(
        page, hub_url("accounts:sign_in_code"), "Enter the code from your authenticator app"
    )
    # The skip link's #main-content comes along to the next page, so Tab starts from main.
    page.keyboard.press("Tab")
    focused("Code from your authenticator app")
    page.keyboard.type(fresh_code(device))
    page.keyboard.press("Tab")
    focused("Continue")
    page.keyboard.press("Enter")

    expect_page(
        page,
        hub_url("home:staff_home"),
        "Welcome, Sam Worker",
        signed_in_as="Sam Worker, Hub support worker at Testshire Carers Centre",
    )


def test_someone_in_two_organisations_chooses_one_after_signing_in(
    page, hub, hospital, hub_url, expect_page, check_accessibility
):
    user = UserFactory(full_name="Dana Dual")
    user.memberships.create(organisation=hub, role=Role.SUPPORT_WORKER)
    user.memberships.create(organisation=hospital, role=Role.PARTNER_REFERRER)
    device = authenticator_for(user)
    page.goto(hub_url("accounts:sign_in"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(fresh_code(device))
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("accounts:choose_organisation"),
        "Which organisation are you working for?",
        "Dana Dual",
    )
    check_accessibility(page)

    page.get_by_label("Testshire Hospital").check()
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("home:staff_home"),
        "Welcome, Dana Dual",
        signed_in_as="Dana Dual, Partner referrer at Testshire Hospital",
    )

    page.get_by_role("link", name="Change organisation").click()
    page.get_by_label("Testshire Carers Centre").check()
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("home:staff_home"),
        "Welcome, Dana Dual",
        signed_in_as="Dana Dual, Hub support worker at Testshire Carers Centre",
    )


def test_choose_organisation_page_is_accessible_in_its_error_state(
    page,
    live_server,
    hub,
    hospital,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    user = UserFactory(full_name="Dana Dual")
    user.memberships.create(organisation=hub, role=Role.SUPPORT_WORKER)
    user.memberships.create(organisation=hospital, role=Role.PARTNER_REFERRER)
    sign_in_as(page, live_server, user)
    expect(page).to_have_url(hub_url("accounts:choose_organisation"))

    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("accounts:choose_organisation"),
        "Which organisation are you working for?",
        "Dana Dual",
    )
    expect_error_summary(page, "Select the organisation you are working for")
    check_accessibility(page)


def test_someone_without_an_organisation_is_told_so_accessibly(
    page, live_server, partnership, hub_url, sign_in_as, expect_page, check_accessibility
):
    user = UserFactory(full_name="Nobody Yet")

    sign_in_as(page, live_server, user)

    expect_page(
        page,
        hub_url("accounts:choose_organisation"),
        "You are not part of an organisation",
        "Nobody Yet",
    )
    check_accessibility(page)


def test_too_many_wrong_passwords_lock_the_account_with_an_accessible_explanation(
    page, worker, hub_url, settings, expect_page, check_accessibility
):
    page.goto(hub_url("accounts:sign_in"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Email address").fill(worker.email)
        page.get_by_label("Password", exact=True).fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("h1")).to_be_visible()

    expect_page(page, hub_url("accounts:sign_in"), "Your account is locked")
    check_accessibility(page)


def _code_for_key_on_the_page(page):
    """What an authenticator app shows after the key on the set-up page is typed into it."""
    from base64 import b32decode

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from carershub.accounts.sign_in_codes import current_code

    key = page.get_by_test_id("authenticator-secret").inner_text().replace(" ", "")
    return current_code(TOTPDevice(key=b32decode(key).hex()))


def test_first_sign_in_sets_up_an_authenticator_and_shows_recovery_codes(
    page, worker, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page.goto(hub_url("accounts:sign_in"))
    page.get_by_label("Email address").fill(worker.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect_page(page, hub_url("accounts:set_up_authenticator"), "Set up your authenticator app")
    expect(page.get_by_role("img", name="QR code for your authenticator app")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Continue").click()

    expect_page(page, hub_url("accounts:set_up_authenticator"), "Set up your authenticator app")
    expect_error_summary(
        page, "The code is not right. Enter the code your authenticator app shows now"
    )
    check_accessibility(page)

    page.get_by_label("Code from your authenticator app").fill(_code_for_key_on_the_page(page))
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("accounts:new_recovery_codes"),
        "Save your recovery codes",
        signed_in_as="Sam Worker, Hub support worker at Testshire Carers Centre",
    )
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    check_accessibility(page)

    page.get_by_role("button", name="I have saved my recovery codes").click()

    expect_page(page, hub_url("home:staff_home"), "Welcome, Sam Worker", "Sam Worker")


def test_code_page_is_accessible_in_its_error_state(
    page, worker, hub_url, expect_page, expect_error_summary, check_accessibility
):
    authenticator_for(worker)
    page.goto(hub_url("accounts:sign_in"))
    page.get_by_label("Email address").fill(worker.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("button", name="Continue").click()

    expect_page(
        page, hub_url("accounts:sign_in_code"), "Enter the code from your authenticator app"
    )
    expect_error_summary(page, "Enter the 6-digit code from your authenticator app")
    check_accessibility(page)


def test_someone_without_their_phone_signs_in_with_a_recovery_code(
    page, worker, hub_url, expect_page, expect_error_summary, check_accessibility
):
    from carershub.accounts.sign_in_codes import replace_recovery_codes

    authenticator_for(worker)
    codes = replace_recovery_codes(None, worker)
    page.goto(hub_url("accounts:sign_in"))
    page.get_by_label("Email address").fill(worker.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Use a recovery code instead").click()

    expect_page(page, hub_url("accounts:sign_in_recovery_code"), "Enter a recovery code")
    check_accessibility(page)
    page.get_by_label("Recovery code").fill("not a code")
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(
        page, "The recovery code is not right, or it has been used. Check it and try again"
    )
    check_accessibility(page)

    page.get_by_label("Recovery code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()

    expect_page(page, hub_url("home:staff_home"), "Welcome, Sam Worker", "Sam Worker")
    expect(page.get_by_text("You have 9 left")).to_be_visible()
    check_accessibility(page)


def test_making_new_recovery_codes_is_accessible(
    page, live_server, worker, hub_url, sign_in_as, expect_page, check_accessibility
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("accounts:recovery_codes"))
    expect_page(page, hub_url("accounts:recovery_codes"), "Your recovery codes", "Sam Worker")
    check_accessibility(page)

    page.get_by_role("button", name="Make new recovery codes").click()

    expect_page(
        page, hub_url("accounts:new_recovery_codes"), "Save your recovery codes", "Sam Worker"
    )
    expect(page.get_by_test_id("recovery-codes").get_by_role("listitem")).to_have_count(10)
    check_accessibility(page)


def test_a_manager_resets_a_team_members_authenticator(
    page,
    live_server,
    manager,
    worker,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    authenticator_for(worker)
    sign_in_as(page, live_server, manager)
    page.goto(hub_url("accounts:member", worker.pk))
    check_accessibility(page)

    page.get_by_role("link", name="Reset authenticator app").click()

    expect_page(
        page,
        hub_url("accounts:reset_authenticator", worker.pk),
        "Reset Sam Worker's authenticator app",
        MANAGER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Continue").click()
    expect_error_summary(page, "Select yes if you want to reset their authenticator app")
    check_accessibility(page)

    page.get_by_label("Yes, reset their authenticator app").check()
    page.get_by_role("button", name="Continue").click()

    expect_page(page, hub_url("accounts:member", worker.pk), "Sam Worker", MANAGER_AT_HUB)
    expect(page.get_by_text("will set up their authenticator app again")).to_be_visible()
    check_accessibility(page)

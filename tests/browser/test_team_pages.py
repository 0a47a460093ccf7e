"""A hub manager's team pages in a browser, and accepting an invitation to join a team."""

import datetime as dt
from base64 import b32decode

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from carershub.accounts.models import Invitation, Role, User
from carershub.accounts.sign_in_codes import current_code
from carershub.accounts.tests.factories import UserFactory

MANAGER_AT_HUB = "Morgan Manager, Hub manager at Testshire Carers Centre"


@pytest.fixture
def signed_in_manager(page, live_server, manager, sign_in_as):
    sign_in_as(page, live_server, manager)
    return page


def test_hub_manager_team_page_is_accessible(
    signed_in_manager, worker, hub_url, expect_page, check_accessibility
):
    page = signed_in_manager

    page.get_by_role("navigation", name="Staff menu").get_by_role("link", name="Team").click()

    expect_page(page, hub_url("accounts:team"), "Your team", signed_in_as=MANAGER_AT_HUB)
    expect(page.get_by_role("table")).to_contain_text("Sam Worker")
    check_accessibility(page)


def test_hub_manager_team_member_page_is_accessible(
    signed_in_manager, worker, hub_url, expect_page, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:team"))

    page.get_by_role("link", name="Sam Worker").click()

    expect_page(
        page,
        hub_url("accounts:member", user_id=worker.pk),
        "Sam Worker",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(page)


def test_hub_manager_invites_a_colleague_page_is_accessible(
    signed_in_manager, hub_url, expect_page, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:team"))

    page.get_by_role("button", name="Invite someone").click()

    expect_page(
        page, hub_url("accounts:invite"), "Invite someone to your team", signed_in_as=MANAGER_AT_HUB
    )
    # Someone can hold several roles, so the roles are checkboxes, not radios.
    expect(page.get_by_role("group", name="Roles").get_by_role("checkbox")).to_have_count(len(Role))
    check_accessibility(page)
    page.get_by_text("What each role can do").click()
    expect(page.get_by_text("Runs the hub: manages staff")).to_be_visible()
    check_accessibility(page)


def test_hub_manager_invites_a_colleague_page_is_accessible_in_its_error_state(
    signed_in_manager, worker, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:invite"))
    page.get_by_label("Email address").fill(worker.email)

    page.get_by_role("button", name="Send invitation").click()

    expect_page(
        page, hub_url("accounts:invite"), "Invite someone to your team", signed_in_as=MANAGER_AT_HUB
    )
    expect_error_summary(
        page,
        "Enter their full name",
        "Someone with this email address is already in your team",
        "Select at least one role",
    )
    check_accessibility(page)


def test_hub_manager_changes_a_colleagues_roles_page_is_accessible(
    signed_in_manager, worker, hub_url, expect_page, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:member", user_id=worker.pk))

    page.get_by_role("link", name="Change roles").click()

    expect_page(
        page,
        hub_url("accounts:change_roles", user_id=worker.pk),
        "Change roles for Sam Worker",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(page.get_by_role("checkbox", name="Hub support worker")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Assessor")).not_to_be_checked()
    check_accessibility(page)


def test_hub_manager_changes_a_colleagues_roles_page_is_accessible_in_its_error_state(
    signed_in_manager, worker, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:change_roles", user_id=worker.pk))
    page.get_by_role("checkbox", name="Hub support worker").uncheck()

    page.get_by_role("button", name="Save roles").click()

    expect_page(
        page,
        hub_url("accounts:change_roles", user_id=worker.pk),
        "Change roles for Sam Worker",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect_error_summary(page, "Select at least one role")
    check_accessibility(page)


def test_hub_manager_deactivates_a_colleague_page_is_accessible(
    signed_in_manager, worker, hub_url, expect_page, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:member", user_id=worker.pk))

    page.get_by_role("button", name="Deactivate account").click()

    expect_page(
        page,
        hub_url("accounts:deactivate", user_id=worker.pk),
        "Deactivate Sam Worker's account",
        signed_in_as=MANAGER_AT_HUB,
    )
    check_accessibility(page)


def test_hub_manager_deactivates_a_colleague_page_is_accessible_in_its_error_state(
    signed_in_manager, worker, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:deactivate", user_id=worker.pk))

    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("accounts:deactivate", user_id=worker.pk),
        "Deactivate Sam Worker's account",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect_error_summary(page, "Select yes if you want to deactivate the account")
    check_accessibility(page)


def lock_out(page, hub_url, user, settings):
    """Too many wrong passwords for the user, typed into the sign-in page of this browser."""
    page.goto(hub_url("accounts:sign_in"))
    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.get_by_label("Email address").fill(user.email)
        page.get_by_label("Password", exact=True).fill("not the password")
        page.get_by_role("button", name="Sign in").click()
        expect(page.locator("h1")).to_be_visible()
    expect(page.locator("h1")).to_have_text("Your account is locked")


def test_hub_manager_unlocks_a_locked_out_colleague_who_then_signs_in(
    signed_in_manager,
    worker,
    new_page,
    live_server,
    settings,
    hub_url,
    expect_page,
    sign_in_as,
    check_accessibility,
):
    workers_browser = new_page()
    lock_out(workers_browser, hub_url, worker, settings)
    page = signed_in_manager
    page.goto(hub_url("accounts:team"))
    worker_row = page.get_by_role("row").filter(has_text="Sam Worker")
    expect(worker_row).to_contain_text("Locked out")
    check_accessibility(page)

    worker_row.get_by_role("link", name="Unlock Sam Worker's account").click()

    expect_page(
        page,
        hub_url("accounts:unlock", user_id=worker.pk),
        "Unlock Sam Worker's account",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(page.get_by_text("Sam Worker cannot sign in")).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Yes, unlock their account").check()
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("accounts:member", user_id=worker.pk),
        "Sam Worker",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "Sam Worker's account is unlocked: they can sign in again now"
    )
    expect(page.get_by_role("link", name="Unlock account")).to_have_count(0)
    check_accessibility(page)

    # In the browser that was locked out, the right password and code now sign them in.
    sign_in_as(workers_browser, live_server, worker)
    expect_page(
        workers_browser,
        hub_url("home:staff_home"),
        "Welcome, Sam Worker",
        signed_in_as="Sam Worker, Hub support worker at Testshire Carers Centre",
    )


def test_hub_manager_unlocks_a_colleague_page_is_accessible_in_its_error_state(
    signed_in_manager,
    worker,
    new_page,
    settings,
    hub_url,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    lock_out(new_page(), hub_url, worker, settings)
    page = signed_in_manager
    page.goto(hub_url("accounts:member", user_id=worker.pk))

    page.get_by_role("link", name="Unlock account").click()
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("accounts:unlock", user_id=worker.pk),
        "Unlock Sam Worker's account",
        signed_in_as=MANAGER_AT_HUB,
    )
    expect_error_summary(page, "Select yes if you want to unlock their account")
    check_accessibility(page)


@pytest.fixture
def invitation(hub, manager):
    """An invitation for someone new, as the invite service leaves it (no usable password yet)."""
    newcomer = UserFactory(full_name="Nia Newstarter", email="nia@testshire.example", password=None)
    newcomer.memberships.create(organisation=hub, role=Role.SUPPORT_WORKER)
    return Invitation.objects.create(
        user=newcomer,
        organisation=hub,
        invited_by=manager,
        expires_at=timezone.now() + dt.timedelta(days=7),
        for_new_account=True,
    )


def test_accept_invitation_page_is_accessible(
    page, invitation, hub_url, expect_page, check_accessibility
):
    page.goto(hub_url("accounts:accept_invitation", invitation.token))

    expect_page(
        page, hub_url("accounts:accept_invitation", invitation.token), "Create your password"
    )
    expect(page.get_by_text("invited to join Testshire Carers Centre")).to_be_visible()
    check_accessibility(page)


def test_accept_invitation_page_is_accessible_in_its_error_state(
    page, invitation, hub_url, expect_page, expect_error_summary, check_accessibility
):
    page.goto(hub_url("accounts:accept_invitation", invitation.token))
    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Type the password again").fill("different")

    page.get_by_role("button", name="Create password").click()

    expect_page(
        page, hub_url("accounts:accept_invitation", invitation.token), "Create your password"
    )
    expect_error_summary(page, "Password must be 12 characters or more")
    check_accessibility(page)


def test_invited_colleague_sets_a_password_and_signs_in(
    signed_in_manager, new_page, hub_url, expect_page, check_accessibility
):
    page = signed_in_manager
    page.goto(hub_url("accounts:invite"))
    page.get_by_label("Full name").fill("Nia Newstarter")
    page.get_by_label("Email address").fill("Nia@Testshire.example")
    page.get_by_label("Hub support worker").check()
    page.get_by_role("button", name="Send invitation").click()
    expect_page(page, hub_url("accounts:team"), "Your team", signed_in_as=MANAGER_AT_HUB)
    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "Invitation sent to nia@testshire.example"
    )
    check_accessibility(page)

    # The invited person, in their own browser, opens the link from their email.
    token = Invitation.objects.get(user=User.objects.get(email="nia@testshire.example")).token
    newcomer = new_page()
    newcomer.goto(hub_url("accounts:accept_invitation", token))
    newcomer.get_by_label("Create a password").fill("kestrel moorland lantern")
    newcomer.get_by_label("Type the password again").fill("kestrel moorland lantern")
    newcomer.get_by_role("button", name="Create password").click()

    expect_page(newcomer, hub_url("accounts:sign_in"), "Sign in")
    expect(newcomer.get_by_role("alert", name="Success")).to_contain_text(
        "Your password has been set"
    )
    check_accessibility(newcomer)
    newcomer.get_by_label("Email address").fill("nia@testshire.example")
    newcomer.get_by_label("Password", exact=True).fill("kestrel moorland lantern")
    newcomer.get_by_role("button", name="Sign in").click()
    # Their first sign-in: they set up an authenticator app (the key typed in, not scanned).
    expect_page(newcomer, hub_url("accounts:set_up_authenticator"), "Set up your authenticator app")
    key = newcomer.get_by_test_id("authenticator-secret").inner_text().replace(" ", "")
    code = current_code(TOTPDevice(key=b32decode(key).hex()))
    newcomer.get_by_label("Code from your authenticator app").fill(code)
    newcomer.get_by_role("button", name="Continue").click()
    newcomer.get_by_role("button", name="I have saved my recovery codes").click()
    expect_page(
        newcomer,
        hub_url("home:staff_home"),
        "Welcome, Nia Newstarter",
        signed_in_as="Nia Newstarter, Hub support worker at Testshire Carers Centre",
    )

    # The link works once: opened again, it explains that it has expired.
    newcomer.goto(hub_url("accounts:accept_invitation", token))
    expect_page(
        newcomer,
        hub_url("accounts:accept_invitation", token),
        "This invitation link has expired",
        signed_in_as="Nia Newstarter, Hub support worker at Testshire Carers Centre",
    )
    check_accessibility(newcomer)


def test_someone_with_an_account_elsewhere_accepts_an_offer_after_signing_in_as_themselves(
    page, live_server, manager, hospital, hub, make_staff, hub_url, expect_page, check_accessibility
):
    from carershub.accounts import services
    from carershub.accounts.actor import actor_for
    from carershub.accounts.tests.factories import PASSWORD, authenticator_for, fresh_code

    tara = make_staff(
        Role.PARTNER_REFERRER, hospital, full_name="Tara Trust", email="tara@trust.example"
    )
    device = authenticator_for(tara)
    services.invite_user(
        actor_for(manager, hub.pk),
        full_name="Tara Trust",
        email=tara.email,
        roles=[Role.SUPPORT_WORKER],
        accept_url_for=lambda token: token,
    )
    link = hub_url("accounts:accept_invitation", Invitation.objects.get(user=tara).token)

    page.goto(link)
    expect_page(page, link, "Sign in to join Testshire Carers Centre")
    check_accessibility(page)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Email address").fill(tara.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(fresh_code(device))
    page.get_by_role("button", name="Continue").click()

    expect_page(page, link, "Join Testshire Carers Centre", signed_in_as="Tara Trust")
    check_accessibility(page)
    page.get_by_role("button", name="Continue").click()
    expect(
        page.get_by_text("Select yes if you want to join the organisation").first
    ).to_be_visible()
    check_accessibility(page)
    page.get_by_label("Yes, join it").check()
    page.get_by_role("button", name="Continue").click()

    expect_page(
        page,
        hub_url("home:staff_home"),
        "Welcome, Tara Trust",
        signed_in_as="Tara Trust, Hub support worker at Testshire Carers Centre",
    )
    expect(page.get_by_role("alert", name="Success")).to_contain_text(
        "You have joined Testshire Carers Centre"
    )

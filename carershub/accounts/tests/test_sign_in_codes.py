"""The second sign-in step: setting up an authenticator app, codes, recovery codes and lockout."""

import logging
import time
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from carershub.accounts import half_signed_in, selectors, sign_in_codes
from carershub.accounts.models import Role
from carershub.accounts.tests.factories import PASSWORD, authenticator_for, fresh_code
from carershub.audit.models import AuditLog, Operation

CODE_PAGE = "/sign-in/code/"
SET_UP_PAGE = "/sign-in/set-up-authenticator/"
RECOVERY_PAGE = "/sign-in/recovery-code/"


def password_step(client, user, password=PASSWORD):
    return client.post(reverse("accounts:sign_in"), {"email": user.email, "password": password})


def is_signed_in(client):
    return "_auth_user_id" in client.session


def code_from_set_up_page(html):
    """What someone's authenticator app would show, from the key typed off the set-up page."""
    key = html.split('data-testid="authenticator-secret">')[1].split("<")[0].replace(" ", "")
    device = TOTPDevice(key=b32decode(key).hex())
    return sign_in_codes.current_code(device)


# --- Setting up an authenticator app -----------------------------------------------------------


@pytest.mark.django_db
def test_someone_without_an_authenticator_sets_one_up_after_their_password(client, worker):
    response = password_step(client, worker)
    assert response.url == SET_UP_PAGE
    html = client.get(SET_UP_PAGE).content.decode()
    assert "Set up your authenticator app" in html
    assert '<svg role="img"' in html and "<title>QR code for your authenticator app</title>" in html
    secret = html.split('data-testid="authenticator-secret">')[1].split("<")[0]
    assert (
        all(len(group) == 4 for group in secret.split(" ")) and len(secret.replace(" ", "")) == 32
    )
    assert 'autocomplete="one-time-code"' in html
    assert not is_signed_in(client)
    # The same secret on every visit, so a page reloaded after scanning still matches the app.
    assert secret in client.get(SET_UP_PAGE).content.decode()


@pytest.mark.django_db
def test_confirming_the_app_signs_in_and_shows_ten_recovery_codes_once(client, worker, hub):
    html = client.get(password_step(client, worker).url).content.decode()

    response = client.post(SET_UP_PAGE, {"code": code_from_set_up_page(html)})

    assert response.url == reverse("accounts:new_recovery_codes")
    assert is_signed_in(client)
    assert selectors.authenticator_of(worker) is not None
    page = client.get(response.url).content.decode()
    assert "Save your recovery codes" in page
    codes = page.split('data-testid="recovery-codes">')[1].split("</ul>")[0].count("<li>")
    assert codes == 10 == selectors.recovery_codes_left(worker)
    assert client.get(response.url).url == reverse("accounts:recovery_codes")  # shown once only
    row = AuditLog.objects.get(operation=Operation.SIGN_IN)
    assert row.context == {"second_step": "set_up"} and row.actor_organisation_id == hub.pk
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="otp_totp.totpdevice"
    ).exists()


@pytest.mark.django_db
def test_a_wrong_code_at_set_up_is_refused_with_an_error_summary(client, worker):
    client.get(password_step(client, worker).url)

    response = client.post(SET_UP_PAGE, {"code": "000000"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html and "The code is not right" in html
    assert not is_signed_in(client)
    assert selectors.authenticator_of(worker) is None


@pytest.mark.django_db
def test_the_qr_code_holds_the_secret_under_the_partnerships_name(worker, partnership):
    from carershub.accounts.presenters import AuthenticatorSetUpPresenter

    set_up = AuthenticatorSetUpPresenter(
        sign_in_codes.authenticator_being_set_up(worker), issuer=partnership.name
    )
    assert set_up.uri == (
        f"otpauth://totp/Testshire%20Carers%20Partnership%3A{worker.email.replace('@', '%40')}"
        f"?secret={set_up.secret}&issuer=Testshire%20Carers%20Partnership&algorithm=SHA1&digits=6&period=30"
    )
    assert set_up.secret_in_fours.replace(" ", "") == set_up.secret


@pytest.mark.django_db
def test_someone_with_an_authenticator_cannot_set_up_another_half_signed_in(client, worker):
    authenticator_for(worker)
    password_step(client, worker)
    assert client.get(SET_UP_PAGE).url == CODE_PAGE


# --- Signing in with a code ---------------------------------------------------------------------


@pytest.mark.django_db
def test_the_code_from_the_app_completes_sign_in(client, worker, hub):
    device = authenticator_for(worker)
    assert password_step(client, worker).url == CODE_PAGE
    assert not is_signed_in(client)
    assert "Enter the code from your authenticator app" in client.get(CODE_PAGE).content.decode()

    response = client.post(CODE_PAGE, {"code": fresh_code(device)})

    assert response.url == reverse("home:staff_home")
    assert is_signed_in(client)
    assert half_signed_in.SESSION_KEY not in client.session
    assert AuditLog.objects.get(operation=Operation.SIGN_IN).context == {
        "second_step": "authenticator"
    }


@pytest.mark.django_db
def test_a_wrong_code_is_refused_audited_and_logged(client, worker, caplog):
    authenticator_for(worker)
    password_step(client, worker)

    with caplog.at_level(logging.WARNING, logger="carershub.security"):
        response = client.post(CODE_PAGE, {"code": "123456"})

    html = response.content.decode()
    assert "There is a problem" in html and 'href="#id_code"' in html
    assert "The code is not right" in html
    assert not is_signed_in(client)
    row = AuditLog.objects.get(operation=Operation.SIGN_IN_FAILED)
    assert row.object_id == str(worker.pk) and row.context == {"step": "authenticator_code"}
    assert any(
        r.name == "carershub.security" and r.levelno == logging.WARNING for r in caplog.records
    )
    assert worker.email not in caplog.text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter the 6-digit code from your authenticator app"),
        ("12ab56", "using numbers only"),
        ("1234567", "using numbers only"),
    ],
)
def test_a_code_that_is_not_six_digits_says_what_to_type(client, worker, typed, message):
    authenticator_for(worker)
    password_step(client, worker)
    html = client.post(CODE_PAGE, {"code": typed}).content.decode()
    assert message in html and not is_signed_in(client)


@pytest.mark.django_db
def test_a_code_already_used_does_not_work_again(client, worker):
    device = authenticator_for(worker)
    code = fresh_code(device)
    password_step(client, worker)
    assert client.post(CODE_PAGE, {"code": code}).url == reverse("home:staff_home")
    client.post(reverse("accounts:sign_out"))

    password_step(client, worker)
    response = client.post(CODE_PAGE, {"code": code})

    assert "The code is not right" in response.content.decode()
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_an_expired_code_does_not_work(client, worker):
    device = authenticator_for(worker)
    two_minutes_ago = sign_in_codes.current_code(device, at=time.time() - 120)
    password_step(client, worker)
    response = client.post(CODE_PAGE, {"code": two_minutes_ago})
    assert "The code is not right" in response.content.decode()
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_half_signed_in_reaches_no_staff_page(client, worker, manager, hub):
    authenticator_for(worker)
    password_step(client, worker)
    for name, kwargs in [
        ("home:staff_home", {}),
        ("carers:list", {}),
        ("carers:register", {}),
        ("accounts:team", {}),
        ("accounts:member", {"user_id": manager.pk}),
        ("accounts:choose_organisation", {}),
        ("accounts:recovery_codes", {}),
        ("accounts:new_recovery_codes", {}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 302 and response.url.startswith("/sign-in/"), name
    assert client.post(reverse("carers:register"), {}).url.startswith("/sign-in/")
    assert not is_signed_in(client)


@pytest.mark.django_db
@pytest.mark.parametrize("page", [CODE_PAGE, RECOVERY_PAGE, SET_UP_PAGE])
def test_second_step_pages_send_everyone_else_away(client, worker, hub, sign_in, page):
    assert client.get(page).url == reverse("accounts:sign_in")
    sign_in(worker, hub)
    assert client.get(page).url == reverse("home:staff_home")


@pytest.mark.django_db
def test_the_half_signed_in_state_expires(client, worker):
    device = authenticator_for(worker)
    password_step(client, worker)
    session = client.session
    session[half_signed_in.SESSION_KEY]["since"] -= half_signed_in.LIFETIME_SECONDS + 1
    session.save()
    assert client.post(CODE_PAGE, {"code": fresh_code(device)}).url == reverse("accounts:sign_in")
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_deactivation_between_the_two_steps_stops_the_sign_in(
    client, worker, actor_of, manager, hub
):
    from carershub.accounts import services

    device = authenticator_for(worker)
    password_step(client, worker)
    services.deactivate_user(actor_of(manager, hub), worker)
    assert client.post(CODE_PAGE, {"code": fresh_code(device)}).url == reverse("accounts:sign_in")
    assert not is_signed_in(client)


# --- Recovery codes -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_recovery_code_signs_in_once_only(client, worker):
    authenticator_for(worker)
    codes = sign_in_codes.replace_recovery_codes(None, worker)
    password_step(client, worker)

    typed = " ".join([codes[0][:4].upper(), codes[0][4:].upper()])  # as read off a print-out
    response = client.post(RECOVERY_PAGE, {"code": typed})

    assert response.url == reverse("home:staff_home")
    assert is_signed_in(client)
    assert "You have 9 left" in client.get(response.url).content.decode()
    assert AuditLog.objects.get(operation=Operation.SIGN_IN).context == {
        "second_step": "recovery_code"
    }
    client.post(reverse("accounts:sign_out"))

    password_step(client, worker)
    html = client.post(RECOVERY_PAGE, {"code": codes[0]}).content.decode()
    assert "There is a problem" in html and "has been used" in html
    assert not is_signed_in(client)


@pytest.mark.django_db
def test_new_recovery_codes_replace_the_old_ones(client, worker, hub, sign_in):
    authenticator_for(worker)
    old = sign_in_codes.replace_recovery_codes(None, worker)
    signed_in = sign_in(worker, hub)
    assert (
        "You have 10 recovery codes left"
        in signed_in.get(reverse("accounts:recovery_codes")).content.decode()
    )

    response = signed_in.post(reverse("accounts:recovery_codes"))

    html = signed_in.get(response.url).content.decode()
    new = [
        line.split("<li>")[1].replace(" ", "") for line in html.split("</li>") if "<li>" in line
    ][-10:]
    assert set(new).isdisjoint(old)
    assert set(
        StaticToken.objects.filter(device__user=worker).values_list("token", flat=True)
    ) == set(new)
    assert not sign_in_codes.use_recovery_code(worker, old[0])
    assert sign_in_codes.use_recovery_code(worker, new[0])


# --- Lockout ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_five_wrong_codes_lock_the_account_like_wrong_passwords(client, worker, settings, caplog):
    device = authenticator_for(worker)
    password_step(client, worker)
    with caplog.at_level(logging.WARNING, logger="carershub.security"):
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            assert client.post(CODE_PAGE, {"code": "000000"}).status_code == 200
        response = client.post(CODE_PAGE, {"code": "000000"})

    assert response.status_code == 429 and "Your account is locked" in response.content.decode()
    assert half_signed_in.SESSION_KEY not in client.session
    assert password_step(client, worker).status_code == 429  # the right password is refused too
    assert client.post(CODE_PAGE, {"code": fresh_code(device)}).url == reverse("accounts:sign_in")
    assert not is_signed_in(client)
    assert AuditLog.objects.filter(
        operation=Operation.SIGN_IN_FAILED, object_id=str(worker.pk), context__locked_out=True
    ).exists()
    assert "Sign-in locked for user" in caplog.text


@pytest.mark.django_db
def test_wrong_passwords_and_wrong_codes_count_together(client, worker, settings):
    authenticator_for(worker)
    codes = sign_in_codes.replace_recovery_codes(None, worker)
    for _ in range(2):
        password_step(client, worker, "not the password")
    password_step(client, worker)
    client.post(CODE_PAGE, {"code": "000000"})
    client.post(RECOVERY_PAGE, {"code": "notacode"})
    response = client.post(RECOVERY_PAGE, {"code": "stillnot"})
    assert response.status_code == 429
    assert selectors.recovery_codes_left(worker) == len(codes)


# --- A manager resets someone's authenticator ---------------------------------------------------


@pytest.mark.django_db
def test_a_manager_resets_a_team_members_authenticator(client, sign_in, manager, worker, hub):
    authenticator_for(worker)
    sign_in_codes.replace_recovery_codes(None, worker)
    generation = worker.session_generation
    signed_in = sign_in(manager, hub)
    member_page = signed_in.get(reverse("accounts:member", args=[worker.pk])).content.decode()
    assert (
        "Authenticator app" in member_page
        and reverse("accounts:reset_authenticator", args=[worker.pk]) in member_page
    )
    url = reverse("accounts:reset_authenticator", args=[worker.pk])
    assert "Reset Sam Worker&#39;s authenticator app" in signed_in.get(url).content.decode()

    response = signed_in.post(url, {"confirm": "yes"})

    assert response.url == reverse("accounts:member", args=[worker.pk])
    assert selectors.authenticator_of(worker) is None and selectors.recovery_codes_left(worker) == 0
    worker.refresh_from_db()
    assert worker.session_generation == generation + 1  # signed out everywhere
    deleted = AuditLog.objects.filter(operation=Operation.DELETE, actor_user_id=manager.pk)
    assert {row.object_type for row in deleted} == {
        "otp_totp.totpdevice",
        "otp_static.staticdevice",
    }
    signed_in.post(reverse("accounts:sign_out"))
    assert password_step(client, worker).url == SET_UP_PAGE


@pytest.mark.django_db
def test_reset_needs_an_answer_and_no_keeps_the_app(sign_in, manager, worker, hub):
    authenticator_for(worker)
    signed_in = sign_in(manager, hub)
    url = reverse("accounts:reset_authenticator", args=[worker.pk])
    html = signed_in.post(url, {}).content.decode()
    assert (
        "There is a problem" in html
        and "Select yes if you want to reset their authenticator app" in html
    )
    signed_in.post(url, {"confirm": "no"})
    assert selectors.authenticator_of(worker) is not None


@pytest.mark.django_db
def test_only_managers_of_the_same_organisation_reset_an_authenticator(
    sign_in, make_staff, worker, hub, other_hub
):
    authenticator_for(worker)
    url = reverse("accounts:reset_authenticator", args=[worker.pk])
    colleague = make_staff(Role.SUPPORT_WORKER, hub)
    assert sign_in(colleague, hub).post(url, {"confirm": "yes"}).status_code == 403
    elsewhere = make_staff(Role.HUB_MANAGER, other_hub)
    assert sign_in(elsewhere, other_hub).post(url, {"confirm": "yes"}).status_code == 404
    assert selectors.authenticator_of(worker) is not None


@pytest.mark.django_db
def test_team_page_shows_who_has_set_up_an_authenticator_without_a_query_each(
    sign_in, manager, make_staff, hub, django_assert_max_num_queries
):
    for _ in range(3):
        authenticator_for(make_staff(Role.SUPPORT_WORKER, hub))
    signed_in = sign_in(manager, hub)
    signed_in.get(reverse("accounts:team"))
    for _ in range(5):
        authenticator_for(make_staff(Role.SUPPORT_WORKER, hub))
    with django_assert_max_num_queries(15):
        assert signed_in.get(reverse("accounts:team")).status_code == 200


# --- Turning the step off: a developer's machine only --------------------------------------------


@pytest.mark.django_db
def test_with_mfa_turned_off_the_password_alone_signs_in(client, worker, settings):
    settings.MFA_REQUIRED = False
    response = password_step(client, worker)
    assert response.url == reverse("home:staff_home") and is_signed_in(client)


def test_mfa_is_required_unless_a_developer_turns_it_off():
    from django.conf import settings

    assert settings.MFA_REQUIRED is True

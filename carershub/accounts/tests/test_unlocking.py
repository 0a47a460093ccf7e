"""A hub manager unlocks a team member locked out by too many wrong passwords or codes."""

import datetime as dt
import logging

import pytest
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.db.models import F
from django.test import Client, RequestFactory
from django.urls import reverse

from carershub.accounts import selectors
from carershub.accounts.models import Role
from carershub.accounts.tests.factories import PASSWORD, authenticator_for, fresh_code
from carershub.audit.models import AuditLog, Operation

SOMEWHERE_ELSE = "203.0.113.7"  # an address that is not the manager's


def try_to_sign_in(client, user, password=PASSWORD, **extra):
    return client.post(
        reverse("accounts:sign_in"), {"email": user.email, "password": password}, **extra
    )


def lock_out(user, address=SOMEWHERE_ELSE, failures=None):
    """Wrong passwords for the user through the sign-in page until django-axes locks them out."""
    from django.conf import settings

    client = Client(REMOTE_ADDR=address)
    for _ in range(settings.AXES_FAILURE_LIMIT if failures is None else failures):
        try_to_sign_in(client, user, "not the password")
    return client


def axes_says_locked(user, address=SOMEWHERE_ELSE):
    """django-axes' own answer for a sign-in as the user from that address."""
    request = RequestFactory().post(reverse("accounts:sign_in"), REMOTE_ADDR=address)
    return AxesProxyHandler.is_locked(request, {"email": user.email})


def unlock_url(user):
    return reverse("accounts:unlock", args=[user.pk])


def unlock_audits():
    return AuditLog.objects.filter(
        operation=Operation.UPDATE, object_type="accounts.user", context__unlocked=True
    )


def test_lockouts_are_read_from_django_axes_database_handler():
    # selectors.team_of reads the records this handler keeps;
    # another handler would need another read.
    assert isinstance(AxesProxyHandler.get_implementation(), AxesDatabaseHandler)


@pytest.mark.django_db
def test_team_page_shows_a_member_locked_out_from_another_address(
    manager, worker, make_staff, sign_in, hub
):
    colleague = make_staff(Role.ASSESSOR, hub, full_name="Ash Assessor")
    lock_out(worker)
    assert try_to_sign_in(Client(REMOTE_ADDR=SOMEWHERE_ELSE), worker).status_code == 429
    assert axes_says_locked(worker)

    html = sign_in(manager, hub).get(reverse("accounts:team")).content.decode()

    worker_row = html.split("Sam Worker")[1].split("</tr>")[0]
    assert "Locked out" in worker_row and unlock_url(worker) in worker_row
    colleague_row = html.split(colleague.full_name)[1].split("</tr>")[0]
    assert "Locked out" not in colleague_row and "Active" in colleague_row
    assert unlock_url(colleague) not in html


@pytest.mark.django_db
def test_fewer_failures_than_the_limit_do_not_lock_anyone_out(
    manager, worker, sign_in, hub, settings
):
    lock_out(worker, failures=settings.AXES_FAILURE_LIMIT - 1)
    assert not axes_says_locked(worker) and not selectors.is_locked_out(worker)
    assert (
        unlock_url(worker)
        not in sign_in(manager, hub).get(reverse("accounts:team")).content.decode()
    )


@pytest.mark.django_db
def test_failures_from_different_addresses_do_not_add_up_to_a_lockout(worker, settings):
    # django-axes counts per email address and address together (AXES_LOCKOUT_PARAMETERS).
    lock_out(worker, failures=settings.AXES_FAILURE_LIMIT - 1)
    lock_out(worker, address="198.51.100.9", failures=1)
    assert not axes_says_locked(worker) and not axes_says_locked(worker, "198.51.100.9")
    assert not selectors.is_locked_out(worker)


@pytest.mark.django_db
def test_a_lockout_that_has_run_out_is_not_shown(manager, worker, sign_in, hub):
    lock_out(worker)
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - dt.timedelta(hours=2))
    assert not axes_says_locked(worker) and not selectors.is_locked_out(worker)
    assert "Locked out" not in sign_in(manager, hub).get(reverse("accounts:team")).content.decode()


@pytest.mark.django_db
def test_member_page_offers_to_unlock_a_locked_out_member(manager, worker, sign_in, hub):
    member = reverse("accounts:member", args=[worker.pk])
    client = sign_in(manager, hub)
    assert unlock_url(worker) not in client.get(member).content.decode()
    lock_out(worker)
    html = client.get(member).content.decode()
    assert "Locked out" in html and unlock_url(worker) in html


@pytest.mark.django_db
def test_a_manager_unlocks_a_member_who_can_then_sign_in(manager, worker, sign_in, hub, caplog):
    device = authenticator_for(worker)
    workers_browser = lock_out(worker)
    assert try_to_sign_in(workers_browser, worker).status_code == 429
    client = sign_in(manager, hub)
    page = client.get(unlock_url(worker)).content.decode()
    assert "Unlock Sam Worker&#39;s account" in page and "too many attempts to sign in" in page

    with caplog.at_level(logging.WARNING, logger="carershub.security"):
        response = client.post(unlock_url(worker), {"confirm": "yes"})

    assert response.url == reverse("accounts:member", args=[worker.pk])
    assert "Sam Worker&#39;s account is unlocked" in client.get(response.url).content.decode()
    assert (
        not axes_says_locked(worker)
        and not AccessAttempt.objects.filter(username=worker.email).exists()
    )
    row = unlock_audits().get()
    assert row.actor_user_id == manager.pk and row.actor_organisation_id == hub.pk
    assert row.object_id == str(worker.pk) and row.context["failed_attempts_cleared"] == 1
    assert worker.email not in str(row.context)
    assert f"Sign-in unlocked for user {worker.pk} by user {manager.pk}" in caplog.text
    assert worker.email not in caplog.text
    assert "Locked out" not in client.get(reverse("accounts:team")).content.decode()
    # The worker, from the same browser that was locked out, signs in with both steps.
    password_step = try_to_sign_in(workers_browser, worker)
    assert password_step.url == reverse("accounts:sign_in_code")
    done = workers_browser.post(password_step.url, {"code": fresh_code(device)})
    assert done.url == reverse("home:staff_home")
    assert "_auth_user_id" in workers_browser.session


@pytest.mark.django_db
def test_opening_the_unlock_page_changes_nothing(manager, worker, sign_in, hub):
    lock_out(worker)
    assert sign_in(manager, hub).get(unlock_url(worker)).status_code == 200
    assert axes_says_locked(worker) and selectors.is_locked_out(worker)
    assert not unlock_audits().exists()


@pytest.mark.django_db
def test_unlock_needs_an_answer_and_no_keeps_the_account_locked(manager, worker, sign_in, hub):
    lock_out(worker)
    client = sign_in(manager, hub)
    html = client.post(unlock_url(worker), {}).content.decode()
    assert "There is a problem" in html and "Select yes if you want to unlock their account" in html
    assert client.post(unlock_url(worker), {"confirm": "no"}).url == reverse(
        "accounts:member", args=[worker.pk]
    )
    assert axes_says_locked(worker) and not unlock_audits().exists()


@pytest.mark.django_db
def test_unlocking_someone_who_is_not_locked_out_says_so(manager, worker, sign_in, hub):
    html = sign_in(manager, hub).get(unlock_url(worker)).content.decode()
    assert "Sam Worker is not locked out at the moment" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.PARTNER_REFERRER, Role.COMMISSIONER]
)
def test_only_managers_may_unlock(worker, make_staff, sign_in, hub, role):
    lock_out(worker)
    client = sign_in(make_staff(role, hub), hub)
    assert client.get(unlock_url(worker)).status_code == 403
    assert client.post(unlock_url(worker), {"confirm": "yes"}).status_code == 403
    assert axes_says_locked(worker) and not unlock_audits().exists()


@pytest.mark.django_db
def test_a_system_administrator_may_unlock(worker, make_staff, sign_in, hub):
    lock_out(worker)
    sign_in(make_staff(Role.SYSTEM_ADMIN, hub), hub).post(unlock_url(worker), {"confirm": "yes"})
    assert not axes_says_locked(worker)


@pytest.mark.django_db
def test_a_manager_elsewhere_gets_not_found(worker, make_staff, sign_in, hub, hospital, other_hub):
    lock_out(worker)
    for organisation in (
        hospital,
        other_hub,
    ):  # another organisation in the partnership, and another partnership
        client = sign_in(make_staff(Role.HUB_MANAGER, organisation), organisation)
        assert client.get(unlock_url(worker)).status_code == 404
        assert client.post(unlock_url(worker), {"confirm": "yes"}).status_code == 404
    assert axes_says_locked(worker) and not unlock_audits().exists()


@pytest.mark.django_db
def test_a_manager_cannot_unlock_themselves(manager, sign_in, hub):
    lock_out(manager)
    client = sign_in(manager, hub)
    assert client.post(unlock_url(manager), {"confirm": "yes"}).status_code == 403
    assert unlock_url(manager) not in client.get(reverse("accounts:team")).content.decode()
    assert axes_says_locked(manager)


@pytest.mark.django_db
def test_team_page_query_count_does_not_grow_with_locked_out_members(
    manager, make_staff, sign_in, hub, django_assert_max_num_queries
):
    client = sign_in(manager, hub)
    lock_out(make_staff(Role.SUPPORT_WORKER, hub))
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("accounts:team"))
    queries = len(few.captured_queries)  # read now: the next request empties the log
    for _ in range(4):
        lock_out(make_staff(Role.SUPPORT_WORKER, hub))
    with django_assert_max_num_queries(queries):
        html = client.get(reverse("accounts:team")).content.decode()
    assert html.count(">Unlock<") == 5

"""An account belongs to its owner: no organisation changes another's password, authenticator or
access (ADR 22).

Every path that touches another person's sign-in is walked here: inviting, the invitation link,
accepting, deactivating, resetting an authenticator, unlocking and changing roles.
"""

import pytest
from django.test import Client
from django.urls import reverse

from carershub.accounts import selectors, services, sign_in_codes
from carershub.accounts.actor import organisations_for
from carershub.accounts.models import FormerMembership, Invitation, Membership, Role, User
from carershub.accounts.tests.factories import PASSWORD, MembershipFactory, authenticator_for
from carershub.audit.models import AuditLog, Operation

NEW_PASSWORD = "kestrel moorland lantern"


@pytest.fixture
def trust_worker(make_staff, hospital):
    """A children's trust or hospital worker with a password and an authenticator of their own."""
    person = make_staff(
        Role.PARTNER_REFERRER, hospital, full_name="Tara Trust", email="tara@trust.example"
    )
    authenticator_for(person)
    sign_in_codes.replace_recovery_codes(None, person)
    return person


@pytest.fixture
def both_places(trust_worker, hub):
    """The trust worker also works for the hub (a membership they accepted)."""
    MembershipFactory(user=trust_worker, organisation=hub, role=Role.SUPPORT_WORKER)
    return trust_worker


def invite(client, email, roles=(Role.SUPPORT_WORKER,), full_name="Anyone"):
    return client.post(
        reverse("accounts:invite"), {"full_name": full_name, "email": email, "roles": list(roles)}
    )


def invitation_link(user):
    invitation = Invitation.objects.filter(user=user).latest("pk")
    return reverse("accounts:accept_invitation", args=[invitation.token]), invitation


def sign_in_state(user):
    user.refresh_from_db()
    return (
        user.password,
        user.is_active,
        user.session_generation,
        selectors.authenticator_of(user).pk if selectors.authenticator_of(user) else None,
        selectors.recovery_codes_left(user),
    )


# --- Inviting someone who already has an account ------------------------------------------------


@pytest.mark.django_db
def test_inviting_an_existing_account_only_offers_a_membership(manager, trust_worker, sign_in, hub):
    from carershub.notifications.models import Notification

    before = sign_in_state(trust_worker)
    response = invite(sign_in(manager, hub), "Tara@Trust.example", full_name="Someone Else")

    assert response.status_code == 302
    assert not Membership.objects.filter(user=trust_worker, organisation=hub).exists()
    assert sign_in_state(trust_worker) == before
    trust_worker.refresh_from_db()
    assert trust_worker.full_name == "Tara Trust"  # the inviter's spelling changes nothing
    _, invitation = invitation_link(trust_worker)
    assert invitation.for_new_account is False and invitation.roles == [Role.SUPPORT_WORKER]
    message = Notification.unscoped.get(recipient="tara@trust.example")
    assert message.template == "staff_membership_offer"
    assert "sign in as you usually do" in message.body


@pytest.mark.django_db
def test_an_offer_link_never_sets_a_password_or_reactivates(manager, trust_worker, sign_in, hub):
    invite(sign_in(manager, hub), trust_worker.email)
    link, invitation = invitation_link(trust_worker)
    before = sign_in_state(trust_worker)
    stranger = Client()

    page = stranger.get(link)
    posted = stranger.post(
        link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD, "confirm": "yes"}
    )

    assert (
        page.status_code == 200
        and "Sign in to join Testshire Carers Centre" in page.content.decode()
    )
    assert "Create a password" not in page.content.decode()
    assert posted.status_code == 200
    assert sign_in_state(trust_worker) == before
    assert not Membership.objects.filter(user=trust_worker, organisation=hub).exists()
    with pytest.raises(services.NotYours):
        services.accept_invitation(invitation, NEW_PASSWORD)
    assert sign_in_state(trust_worker) == before


@pytest.mark.django_db
def test_the_inviter_signed_in_cannot_accept_an_offer_for_someone_else(
    manager, trust_worker, sign_in, hub
):
    client = sign_in(manager, hub)
    invite(client, trust_worker.email)
    link, _ = invitation_link(trust_worker)

    page = client.get(link)
    posted = client.post(link, {"confirm": "yes"})

    assert (
        page.status_code == 403 and "This invitation is for someone else" in page.content.decode()
    )
    assert posted.status_code == 403
    assert not Membership.objects.filter(user=trust_worker, organisation=hub).exists()
    assert (
        not Membership.objects.filter(user=manager, organisation=hub)
        .exclude(role=Role.HUB_MANAGER)
        .exists()
    )


@pytest.mark.django_db
def test_the_owner_accepts_an_offer_after_signing_in_as_themselves(
    manager, trust_worker, sign_in, hub, hospital
):
    invite(sign_in(manager, hub), trust_worker.email, roles=[Role.SUPPORT_WORKER, Role.ASSESSOR])
    link, invitation = invitation_link(trust_worker)
    before = sign_in_state(trust_worker)
    owner = Client()
    signed_out = owner.get(link).content.decode()
    assert f"{reverse('accounts:sign_in')}?next={link}" in signed_out
    owner.force_login(trust_worker)

    page = owner.get(link)
    assert "Join Testshire Carers Centre" in page.content.decode()
    assert "Hub support worker, Assessor" in page.content.decode()
    missing = owner.post(link, {})
    assert "Select yes if you want to join the organisation" in missing.content.decode()
    assert not Membership.objects.filter(user=trust_worker, organisation=hub).exists()
    done = owner.post(link, {"confirm": "yes"})

    assert done.status_code == 302
    assert set(
        Membership.objects.filter(user=trust_worker, organisation=hub).values_list(
            "role", flat=True
        )
    ) == {Role.SUPPORT_WORKER, Role.ASSESSOR}
    assert set(organisations_for(trust_worker)) == {hub.pk, hospital.pk}
    assert sign_in_state(trust_worker) == before  # the same password and authenticator
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert AuditLog.objects.filter(
        operation=Operation.UPDATE, object_type="accounts.invitation", actor_user_id=trust_worker.pk
    ).exists()
    assert owner.get(link).status_code == 410  # the link works once


@pytest.mark.django_db
def test_someone_new_still_sets_their_first_password_from_the_link(manager, sign_in, hub, client):
    invite(sign_in(manager, hub), "nia@testshire.example", full_name="Nia Newstarter")
    user = User.objects.get(email="nia@testshire.example")
    link, invitation = invitation_link(user)
    assert invitation.for_new_account is True
    client.logout()
    client.post(link, {"password": NEW_PASSWORD, "password_again": NEW_PASSWORD})
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    # Once the account has a password, no link (even an unused one for a new account) sets another.
    invitation.accepted_at = None
    invitation.save()
    with pytest.raises(services.NotYours):
        services.accept_invitation(invitation, "another long passphrase here")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_an_account_deactivated_everywhere_cannot_be_invited_back_by_email(
    manager, make_staff, sign_in, hub, hospital
):
    gone = make_staff(Role.PARTNER_REFERRER, hospital, email="gone@trust.example", is_active=False)
    response = invite(sign_in(manager, hub), gone.email, full_name="Kept Name")
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        "has been deactivated, so it cannot join your team" in html and 'value="Kept Name"' in html
    )
    gone.refresh_from_db()
    assert gone.is_active is False and not Invitation.objects.filter(user=gone).exists()


@pytest.mark.django_db
def test_setting_up_a_partnership_for_an_existing_account_only_offers_it(trust_worker):
    from carershub.partnerships import services as partnerships

    before = sign_in_state(trust_worker)
    _, invitation = partnerships.create_partnership(
        name="Brookmoor Carers Partnership",
        slug="brookmoor",
        hub_name="Brookmoor Carers",
        admin_email=trust_worker.email,
        admin_name="Tara Trust",
    )
    assert invitation.sets_password is False
    assert sorted(invitation.roles) == sorted([Role.HUB_MANAGER, Role.SYSTEM_ADMIN])
    assert not Membership.objects.filter(
        user=trust_worker, organisation=invitation.organisation
    ).exists()
    assert sign_in_state(trust_worker) == before


# --- Deactivating ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_deactivating_ends_only_the_acting_organisations_roles(
    manager, both_places, sign_in, hub, hospital
):
    before = sign_in_state(both_places)
    client = sign_in(manager, hub)

    client.post(reverse("accounts:deactivate", args=[both_places.pk]), {"confirm": "yes"})

    assert not Membership.objects.filter(user=both_places, organisation=hub).exists()
    assert Membership.objects.filter(
        user=both_places, organisation=hospital, role=Role.PARTNER_REFERRER
    ).exists()
    assert sign_in_state(both_places) == before  # still active, same password, not signed out
    assert set(organisations_for(both_places)) == {hospital.pk}
    assert FormerMembership.objects.filter(
        user=both_places, organisation=hub, ended_by=manager
    ).exists()
    team = client.get(reverse("accounts:team")).content.decode()
    assert "Tara Trust" in team and "Deactivated" in team
    member = client.get(reverse("accounts:member", args=[both_places.pk]))
    assert member.status_code == 200
    assert reverse("accounts:deactivate", args=[both_places.pk]) not in member.content.decode()


@pytest.mark.django_db
def test_deactivating_in_the_only_organisation_deactivates_the_account(
    manager, worker, sign_in, hub
):
    sign_in(manager, hub).post(reverse("accounts:deactivate", args=[worker.pk]), {"confirm": "yes"})
    worker.refresh_from_db()
    assert worker.is_active is False and not worker.memberships.exists()


@pytest.mark.django_db
def test_deactivating_withdraws_the_organisations_unaccepted_offer(
    manager, trust_worker, sign_in, hub
):
    client = sign_in(manager, hub)
    invite(client, trust_worker.email)
    link, _ = invitation_link(trust_worker)
    MembershipFactory(
        user=trust_worker, organisation=hub, role=Role.ASSESSOR
    )  # accepted an earlier one
    client.post(reverse("accounts:deactivate", args=[trust_worker.pk]), {"confirm": "yes"})
    assert Client().get(link).status_code == 410


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "accounts:change_roles",
        "accounts:deactivate",
        "accounts:reset_authenticator",
        "accounts:unlock",
    ],
)
def test_a_deactivated_member_is_not_given_roles_or_changed_again(
    manager, both_places, sign_in, hub, page
):
    client = sign_in(manager, hub)
    client.post(reverse("accounts:deactivate", args=[both_places.pk]), {"confirm": "yes"})
    before = sign_in_state(both_places)

    response = client.post(
        reverse(page, args=[both_places.pk]), {"confirm": "yes", "roles": [Role.HUB_MANAGER]}
    )

    assert response.status_code == 403
    assert not Membership.objects.filter(user=both_places, organisation=hub).exists()
    assert sign_in_state(both_places) == before


# --- Resetting an authenticator and unlocking -----------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["accounts:reset_authenticator", "accounts:unlock"])
def test_a_manager_here_only_cannot_change_the_sign_in_of_someone_who_works_elsewhere_too(
    manager, both_places, sign_in, hub, page
):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username=both_places.email,
        ip_address="203.0.113.9",
        user_agent="x",
        failures_since_start=5,
        get_data="",
        post_data="",
        http_accept="",
        path_info="/",
    )
    before = sign_in_state(both_places)
    client = sign_in(manager, hub)

    assert client.get(reverse(page, args=[both_places.pk])).status_code == 403
    assert client.post(reverse(page, args=[both_places.pk]), {"confirm": "yes"}).status_code == 403

    assert sign_in_state(both_places) == before
    assert AccessAttempt.objects.filter(username=both_places.email).exists()
    member = client.get(reverse("accounts:member", args=[both_places.pk])).content.decode()
    assert reverse(page, args=[both_places.pk]) not in member
    assert "only a manager there as well as here can reset" in member


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HUB_MANAGER, Role.SYSTEM_ADMIN])
def test_a_manager_of_every_organisation_someone_works_for_may_reset_their_authenticator(
    manager, both_places, sign_in, hub, hospital, role
):
    MembershipFactory(user=manager, organisation=hospital, role=role)
    client = sign_in(manager, hub)
    assert (
        reverse("accounts:reset_authenticator", args=[both_places.pk])
        in client.get(reverse("accounts:member", args=[both_places.pk])).content.decode()
    )

    client.post(reverse("accounts:reset_authenticator", args=[both_places.pk]), {"confirm": "yes"})

    assert selectors.authenticator_of(both_places) is None


@pytest.mark.django_db
def test_a_referrer_elsewhere_does_not_count_as_managing_that_organisation(
    manager, both_places, sign_in, hub, hospital
):
    MembershipFactory(user=manager, organisation=hospital, role=Role.PARTNER_REFERRER)
    response = sign_in(manager, hub).post(
        reverse("accounts:reset_authenticator", args=[both_places.pk]), {"confirm": "yes"}
    )
    assert response.status_code == 403
    assert selectors.authenticator_of(both_places) is not None


# --- Changing roles ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_changing_roles_changes_only_the_acting_organisations_roles(
    manager, both_places, sign_in, hub, hospital
):
    sign_in(manager, hub).post(
        reverse("accounts:change_roles", args=[both_places.pk]), {"roles": [Role.ASSESSOR]}
    )
    assert list(
        Membership.objects.filter(user=both_places, organisation=hub).values_list("role", flat=True)
    ) == [Role.ASSESSOR]
    assert list(
        Membership.objects.filter(user=both_places, organisation=hospital).values_list(
            "role", flat=True
        )
    ) == [Role.PARTNER_REFERRER]
    both_places.refresh_from_db()
    assert both_places.check_password(PASSWORD) and both_places.is_active


@pytest.mark.django_db
def test_a_manager_cannot_reach_someone_who_only_works_elsewhere(
    manager, trust_worker, sign_in, hub
):
    client = sign_in(manager, hub)
    for page in [
        "accounts:member",
        "accounts:change_roles",
        "accounts:deactivate",
        "accounts:reset_authenticator",
        "accounts:unlock",
    ]:
        assert (
            client.post(reverse(page, args=[trust_worker.pk]), {"confirm": "yes"}).status_code
            == 404
        )
    assert sign_in_state(trust_worker)[1] is True


# --- Sending an invitation again, and the outbox --------------------------------------------------


@pytest.mark.django_db
def test_a_new_account_whose_first_link_expired_can_be_invited_again(manager, sign_in, hub, client):
    signed_in = sign_in(manager, hub)
    invite(signed_in, "nia@testshire.example", full_name="Nia Newstarter")
    user = User.objects.get(email="nia@testshire.example")
    first_link, _ = invitation_link(user)

    again = invite(signed_in, "nia@testshire.example", full_name="Nia Newstarter")

    assert again.status_code == 302
    second_link, second = invitation_link(user)
    assert second.sets_password and second_link != first_link
    client.logout()
    assert client.get(first_link).status_code == 410  # only the newest link works
    assert "Create your password" in client.get(second_link).content.decode()


@pytest.mark.django_db
def test_the_outbox_hides_a_sent_link_that_sets_a_first_password(manager, sign_in, hub):
    from carershub.notifications.models import Notification

    client = sign_in(manager, hub)
    invite(client, "nia@testshire.example", full_name="Nia Newstarter")
    _, invitation = invitation_link(User.objects.get(email="nia@testshire.example"))
    message = Notification.unscoped.get(recipient="nia@testshire.example")
    # Only the email itself carries the link: the hub keeps it encrypted until it goes,
    # never in the body.
    assert invitation.token not in message.body
    assert invitation.token in str(message.secret_personalisation)
    Notification.unscoped.filter(pk=message.pk).update(
        status="sent", backend="notify"
    )  # it went out

    html = client.get(reverse("notifications:detail", args=[message.pk])).content.decode()

    assert invitation.token not in html
    assert "link or code removed: only the recipient has it" in html

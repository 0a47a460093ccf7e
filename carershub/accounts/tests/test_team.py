import pytest
from django.urls import reverse

from carershub.accounts.models import Invitation, Membership, Role, User
from carershub.audit.models import AuditLog, Operation

TEAM_PAGES = ["accounts:team", "accounts:invite"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.HUB_MANAGER, Role.SYSTEM_ADMIN])
@pytest.mark.parametrize("page", TEAM_PAGES)
def test_managers_and_administrators_can_manage_their_team(make_staff, sign_in, hub, role, page):
    user = make_staff(role, hub)
    assert sign_in(user, hub).get(reverse(page)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.SUPPORT_WORKER, Role.ASSESSOR, Role.PARTNER_REFERRER, Role.COMMISSIONER]
)
@pytest.mark.parametrize("page", TEAM_PAGES)
def test_other_roles_cannot_manage_a_team(make_staff, sign_in, hub, role, page):
    user = make_staff(role, hub)
    response = sign_in(user, hub).get(reverse(page))
    assert response.status_code == 403
    assert "You do not have permission" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("page", TEAM_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(client, partnership, page):
    response = client.get(reverse(page))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:sign_in"))


@pytest.mark.django_db
def test_team_page_lists_only_the_acting_organisation_and_audits_the_list(
    manager, worker, make_staff, sign_in, hub, hospital
):
    outsider = make_staff(Role.PARTNER_REFERRER, hospital, full_name="Olive Outsider")
    html = sign_in(manager, hub).get(reverse("accounts:team")).content.decode()
    assert worker.full_name in html
    assert outsider.full_name not in html
    listed = set(
        AuditLog.objects.filter(
            operation=Operation.SEARCH, object_type="accounts.user"
        ).values_list("object_id", flat=True)
    )
    assert listed == {str(manager.pk), str(worker.pk)}


@pytest.mark.django_db
def test_team_page_query_count_does_not_grow_with_the_team(
    manager, make_staff, sign_in, hub, django_assert_max_num_queries
):
    client = sign_in(manager, hub)
    client.get(reverse("accounts:team"))
    for _ in range(3):
        make_staff(Role.SUPPORT_WORKER, hub)
    with django_assert_max_num_queries(12) as small:
        client.get(reverse("accounts:team"))
    for _ in range(15):
        make_staff(Role.ASSESSOR, hub)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("accounts:team"))


@pytest.mark.django_db
def test_manager_invites_someone_who_gets_an_email_and_sets_a_password(
    manager, sign_in, hub, client, smtp_server
):
    from carershub.notifications import services as notifications
    from carershub.notifications.message_templates import REDACTED
    from carershub.notifications.models import Notification

    response = sign_in(manager, hub).post(
        reverse("accounts:invite"),
        {
            "full_name": "Nia Newstarter",
            "email": "Nia@Testshire.example",
            "roles": [Role.SUPPORT_WORKER, Role.ASSESSOR],
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nia@testshire.example")
    assert set(user.memberships.values_list("role", flat=True)) == {
        Role.SUPPORT_WORKER,
        Role.ASSESSOR,
    }
    assert not user.has_usable_password()
    invitation = Invitation.objects.get(user=user)
    message = Notification.unscoped.get(template="staff_invitation")
    assert message.recipient == "nia@testshire.example"
    # The link reaches the new starter by email; the hub's copy of the message never holds it.
    assert (
        invitation.token not in message.body
        and message.personalisation["invitation_url"] == REDACTED
    )
    notifications.deliver(message.pk)
    assert invitation.token in smtp_server.link_to("nia@testshire.example", "/invitation")
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="accounts.user", object_id=str(user.pk)
    ).exists()

    client.logout()
    accept = reverse("accounts:accept_invitation", args=[invitation.token])
    weak = client.post(accept, {"password": "password", "password_again": "password"})
    assert "Password must be 12 characters or more" in weak.content.decode()
    done = client.post(
        accept,
        {"password": "kestrel moorland lantern", "password_again": "kestrel moorland lantern"},
    )
    assert done.url == reverse("accounts:sign_in")
    assert (
        client.post(
            reverse("accounts:sign_in"),
            {"email": "nia@testshire.example", "password": "kestrel moorland lantern"},
        ).status_code
        == 302
    )
    # The link works once.
    assert client.get(accept).status_code == 410


@pytest.mark.django_db
def test_invite_form_errors_keep_what_was_typed(manager, worker, sign_in, hub):
    response = sign_in(manager, hub).post(
        reverse("accounts:invite"), {"full_name": "Kept Name", "email": worker.email}
    )
    html = response.content.decode()
    assert "Someone with this email address is already in your team" in html
    assert "Select at least one role" in html
    assert 'value="Kept Name"' in html


@pytest.mark.django_db
def test_changing_roles_takes_effect_and_signs_the_person_out(
    manager, worker, sign_in, hub, client
):
    from django.test import Client

    worker_client = Client()
    worker_client.force_login(worker)
    assert worker_client.get(reverse("home:staff_home")).status_code == 200

    response = sign_in(manager, hub).post(
        reverse("accounts:change_roles", args=[worker.pk]), {"roles": [Role.ASSESSOR]}
    )
    assert response.status_code == 302
    assert list(
        Membership.objects.filter(user=worker, organisation=hub).values_list("role", flat=True)
    ) == [Role.ASSESSOR]
    assert worker_client.get(reverse("home:staff_home")).status_code == 302  # signed out
    assert AuditLog.objects.filter(
        operation=Operation.DELETE, object_type="accounts.membership"
    ).exists()
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="accounts.membership"
    ).exists()


@pytest.mark.django_db
def test_deactivating_an_account_stops_sign_in_and_keeps_the_record(manager, worker, sign_in, hub):
    client = sign_in(manager, hub)
    form = client.get(reverse("accounts:deactivate", args=[worker.pk]))
    assert form.status_code == 200
    missing = client.post(reverse("accounts:deactivate", args=[worker.pk]), {})
    assert "Select yes if you want to deactivate the account" in missing.content.decode()
    client.post(reverse("accounts:deactivate", args=[worker.pk]), {"confirm": "yes"})
    worker.refresh_from_db()
    assert worker.is_active is False and worker.deactivated_at is not None
    assert "Deactivated" in client.get(reverse("accounts:team")).content.decode()


@pytest.mark.django_db
def test_manager_cannot_manage_someone_outside_their_organisation(
    manager, make_staff, sign_in, hub, hospital
):
    outsider = make_staff(Role.PARTNER_REFERRER, hospital)
    client = sign_in(manager, hub)
    for name in ["accounts:member", "accounts:change_roles", "accounts:deactivate"]:
        assert client.get(reverse(name, args=[outsider.pk])).status_code == 404


@pytest.mark.django_db
def test_manager_cannot_deactivate_themselves(manager, sign_in, hub):
    response = sign_in(manager, hub).get(reverse("accounts:deactivate", args=[manager.pk]))
    assert response.status_code == 403


@pytest.mark.django_db
def test_viewing_a_team_member_is_audited(manager, worker, sign_in, hub):
    sign_in(manager, hub).get(reverse("accounts:member", args=[worker.pk]))
    row = AuditLog.objects.get(operation=Operation.READ, object_type="accounts.user")
    assert row.object_id == str(worker.pk) and row.actor_user_id == manager.pk

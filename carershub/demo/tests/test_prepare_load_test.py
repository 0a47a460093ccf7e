"""The load test's preparation: signed-in sessions made without the sign-in pages,
in its own database only.
"""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.accounts.tests.factories import MembershipFactory
from carershub.demo.management.commands.prepare_load_test import signed_in_session


def test_refuses_a_database_not_named_for_the_load_test(db, tmp_path):
    with pytest.raises(CommandError, match="Refusing"):
        call_command("prepare_load_test", "--staff", "1", "--out", str(tmp_path / "data.json"))
    assert not (tmp_path / "data.json").exists()


def test_a_prepared_session_is_signed_in_and_acting_for_the_organisation_given(
    client, make_staff, hub, hospital
):
    # Someone working for two organisations acts for neither until one is chosen.
    user = make_staff(Role.SUPPORT_WORKER, hub)
    MembershipFactory(user=user, organisation=hospital, role=Role.PARTNER_REFERRER)
    client.cookies[settings.SESSION_COOKIE_NAME] = signed_in_session(user, hub)

    response = client.get(reverse("carers:list"))

    assert response.status_code == 200
    assert response.wsgi_request.actor.user == user
    assert response.wsgi_request.actor.organisation == hub


def test_a_prepared_session_ends_when_the_password_changes(client, make_staff, hub):
    user = make_staff(Role.SUPPORT_WORKER, hub)
    client.cookies[settings.SESSION_COOKIE_NAME] = signed_in_session(user, hub)
    user.set_password("a-new-long-password-for-testing")
    user.save()

    response = client.get(reverse("carers:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))

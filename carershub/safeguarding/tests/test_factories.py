"""The concern factory raises a concern the way staff do, through the service."""

import pytest

from carershub.accounts.models import Role
from carershub.accounts.tests.factories import MembershipFactory
from carershub.notifications.models import Notification
from carershub.safeguarding.models import Status
from carershub.safeguarding.tests.factories import ConcernFactory


@pytest.mark.django_db
def test_a_concern_is_raised_open_and_its_hub_managers_are_told():
    manager = MembershipFactory(role=Role.HUB_MANAGER).user
    concern = ConcernFactory(carer__holding_organisation=manager.memberships.get().organisation)

    assert concern.status == Status.OPEN
    assert concern.reference
    assert Notification.unscoped.filter(
        template="safeguarding_concern_raised", recipient=manager.email
    ).exists()

import pytest

from carershub.accounts.models import Role
from carershub.carers.tests.factories import CarerFactory
from carershub.groups.tests.factories import GroupFactory, SessionFactory


@pytest.fixture
def assessor(make_staff, hub):
    return make_staff(Role.ASSESSOR, hub, full_name="Alex Assessor")


@pytest.fixture
def hub_actor(worker, actor_of, hub):
    return actor_of(worker, hub)


@pytest.fixture
def group(hub):
    return GroupFactory(organisation=hub, name="Ashvale carers cafe")


@pytest.fixture
def session(group):
    return SessionFactory(group=group, capacity=2)


@pytest.fixture
def make_carer(hub):
    def make(**fields):
        values = {
            "holding_organisation": hub,
            "email": "carer@example.com",
            "preferred_contact_method": "email",
            **fields,
        }
        return CarerFactory(**values)

    return make

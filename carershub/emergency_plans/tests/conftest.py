import pytest

from carershub.accounts.models import Role
from carershub.carers import services as carer_services
from carershub.carers.models.cared_for import Relationship
from carershub.carers.tests.factories import CarerFactory
from carershub.emergency_plans import services
from carershub.emergency_plans.tests.factories import EmergencyPlanFactory


@pytest.fixture
def assessor(make_staff, hub):
    return make_staff(Role.ASSESSOR, hub, full_name="Alex Assessor")


@pytest.fixture
def hub_actor(worker, actor_of, hub):
    return actor_of(worker, hub)


@pytest.fixture
def carer(hub, hub_actor):
    """Ada, who looks after her mother Bea."""
    carer = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    carer_services.add_cared_for_person(
        hub_actor,
        carer,
        given_name="Bea",
        family_name="Foxglove",
        relationship=Relationship.PARENT,
        lives_together=True,
    )
    return carer


@pytest.fixture
def bea(carer):
    return carer.relationships.get().cared_for


@pytest.fixture
def plan(carer, bea, hub_actor):
    return EmergencyPlanFactory(actor=hub_actor, carer=carer, cared_for=bea)


def add_contact(actor, plan, name="Jo Foxglove", **fields):
    values = {
        "relationship": "Granddaughter",
        "phone": "07700 900982",
        "can_hold_keys": True,
        **fields,
    }
    return services.add_contact(actor, plan, name=name, **values)


@pytest.fixture
def ready_plan(plan, hub_actor):
    """A draft with everything it needs to be made active."""
    add_contact(hub_actor, plan)
    return services.record_consent(hub_actor, plan, agrees=True)


@pytest.fixture
def active_plan(ready_plan, hub_actor):
    return services.make_active(hub_actor, ready_plan, expected_version=ready_plan.version)

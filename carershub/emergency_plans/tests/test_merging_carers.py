"""Merging two records of the same carer keeps one emergency plan per person they care for."""

import pytest

from carershub.carers import merging
from carershub.carers import services as carer_services
from carershub.carers.tests.factories import CarerFactory
from carershub.emergency_plans import services
from carershub.emergency_plans.models import EmergencyPlan


@pytest.mark.django_db
def test_two_open_plans_for_the_same_person_must_be_settled_before_a_merge(
    carer, bea, plan, hub, hub_actor, manager, actor_of
):
    duplicate = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    carer_services.link_cared_for_person(
        hub_actor, duplicate, bea, relationship="parent", lives_together=True
    )
    other = services.start_plan(hub_actor, duplicate, cared_for=bea)
    as_manager = actor_of(manager, hub)
    with pytest.raises(
        merging.MergeRefused, match="Both records have an open emergency plan for Bea Foxglove"
    ):
        merging.merge(as_manager, carer, duplicate)
    services.end_plan(hub_actor, other, reason="Made twice")
    merging.merge(as_manager, carer, duplicate)
    assert set(EmergencyPlan.unscoped.filter(carer=carer).values_list("status", flat=True)) == {
        "draft",
        "ended",
    }

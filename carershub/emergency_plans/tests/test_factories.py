"""The emergency plan factory starts a plan the way staff do, through the service."""

import pytest

from carershub.audit.models import AuditLog, Operation
from carershub.emergency_plans.models import PlanStatus
from carershub.emergency_plans.tests.factories import EmergencyPlanFactory


@pytest.mark.django_db
def test_an_emergency_plan_is_a_draft_for_the_person_the_carer_looks_after():
    plan = EmergencyPlanFactory()

    assert plan.status == PlanStatus.DRAFT
    assert plan.cared_for.given_name == "Bea"
    assert plan.carer.relationships.get().cared_for == plan.cared_for
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="emergency_plans.emergencyplan", object_id=plan.pk
    ).exists()

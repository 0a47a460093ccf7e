"""The test factories make assessments and support plans the way staff do, through the services."""

import pytest

from carershub.assessments.models import Status, SupportPlan
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.factories import (
    AssessmentFactory,
    CompletedAssessmentFactory,
    SupportPlanFactory,
)
from carershub.audit.models import AuditLog, Operation


@pytest.mark.django_db
def test_an_assessment_is_started_for_a_carer_caring_for_someone():
    assessment = AssessmentFactory()

    assert assessment.status == Status.IN_PROGRESS
    assert assessment.type == AssessmentType.ADULT_CARER
    assert [p.given_name for p in assessment.cared_for.all()] == ["Bea"]
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="assessments.assessment", object_id=assessment.pk
    ).exists()


@pytest.mark.django_db
def test_a_completed_assessment_has_every_section_answered_and_a_decision():
    assessment = CompletedAssessmentFactory(answers={"what-matters": {"outcomes_wanted": "Sleep"}})

    assert assessment.status == Status.COMPLETED
    assert assessment.answers["what-matters"]["outcomes_wanted"] == "Sleep"
    assert assessment.determination.decision == "eligible"


@pytest.mark.django_db
def test_a_support_plan_follows_a_completed_assessment():
    plan = SupportPlanFactory()

    assert SupportPlan.unscoped.get() == plan
    assert plan.assessment.status == Status.COMPLETED
    assert plan.carer == plan.assessment.carer

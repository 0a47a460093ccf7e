"""Assessments and support plans for tests, made through assessments.services as staff make them."""

import factory

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.accounts.tests.factories import MembershipFactory, staff_actor
from carershub.assessments import selectors, services
from carershub.assessments.models import Assessment, SupportPlan
from carershub.assessments.situations import AssessmentType
from carershub.carers.tests.factories import CaringCarerFactory


def adult_answers(carer, **changes):
    """Valid answers to every section of a carer's assessment: eligible through one outcome."""
    person = carer.relationships.first().cared_for_id
    answers = {
        "caring-role": {
            "cared_for": [str(person)],
            "tasks": ["personal_care", "medication"],
            "hours_per_week": "35",
            "care_is_necessary": "yes",
            "cared_for_has_eligible_needs": "not_known",
        },
        "able-and-willing": {
            "able_now": "yes",
            "willing_now": "yes",
            "able_in_future": "partly",
            "willing_in_future": "yes",
        },
        "own-health": {"health_at_risk": "no"},
        "outcomes": {
            "caring_for_child": "achieved",
            "caring_for_others": "achieved",
            "habitable_home": "achieved",
            "nutrition": "with_help",
            "relationships": "achieved",
            "work_training_education_volunteering": "achieved",
            "local_facilities": "achieved",
            "recreation": "achieved",
        },
        "wellbeing": {"significant_impact": "yes", "wellbeing_areas": ["health", "control"]},
        "work-education-recreation": {"doing_now": ["work"]},
        "what-matters": {"what_matters": "An evening a week to myself"},
        "people-involved": {"advocacy_needed": "no", "people": "My daughter"},
        "quality-of-life": {},
        "whole-family": {
            "child_involved": "no",
            "family_support": "A break for her husband's sister too",
        },
    }
    for slug, values in changes.items():
        answers[slug] = {**answers[slug], **values}
    return answers


def _assessor_at(organisation):
    return MembershipFactory(organisation=organisation, role=Role.ASSESSOR).user


class AssessmentFactory(factory.Factory):
    """An adult carer's assessment in progress, started by a support worker at the carer's hub."""

    class Meta:
        model = Assessment

    carer = factory.SubFactory(CaringCarerFactory)
    assessment_type = AssessmentType.ADULT_CARER
    actor = factory.LazyAttribute(lambda made: staff_actor(made.carer.holding_organisation))
    assessor = factory.LazyAttribute(lambda made: _assessor_at(made.carer.holding_organisation))

    @classmethod
    def _create(cls, model_class, *, actor, carer, assessment_type, assessor, **kwargs):
        return services.start_assessment(
            actor, carer, assessment_type=assessment_type, assessor=assessor, **kwargs
        )


class CompletedAssessmentFactory(AssessmentFactory):
    """An assessment with every section answered (``adult_answers``, changed by ``answers``) and
    completed by its assessor with ``decision``."""

    answers = factory.Dict({})
    decision = "eligible"
    deciding_actor = factory.LazyAttribute(
        lambda made: actor_for(made.assessor, made.carer.holding_organisation_id)
    )

    @classmethod
    def _create(cls, model_class, *, answers, decision, deciding_actor, **kwargs):
        assessment = super()._create(model_class, **kwargs)
        actor, carer = kwargs["actor"], kwargs["carer"]
        given = adult_answers(carer, **answers)
        for section, _ in selectors.sections_with_state(assessment):
            form = section.form_class(
                given[section.slug], carer=selectors.carer_with_network(carer)
            )
            assert form.is_valid(), form.errors
            assessment = services.save_section(
                actor,
                assessment,
                section,
                answers=form.answers(),
                completed=True,
                expected_version=assessment.version,
            )
        return services.complete_assessment(
            deciding_actor, assessment, expected_version=assessment.version, decision=decision
        )


class SupportPlanFactory(factory.Factory):
    """The draft support plan of a completed assessment, made by a support worker."""

    class Meta:
        model = SupportPlan

    assessment = factory.SubFactory(CompletedAssessmentFactory)
    actor = factory.LazyAttribute(lambda made: staff_actor(made.assessment.holding_organisation))

    @classmethod
    def _create(cls, model_class, *, actor, assessment):
        return services.create_plan(actor, assessment)

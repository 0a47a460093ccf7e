import datetime as dt

import pytest

from carershub.accounts.models import Role
from carershub.assessments import selectors, services
from carershub.assessments.situations import AssessmentType
from carershub.carers import services as carer_services
from carershub.carers.models.cared_for import Relationship
from carershub.carers.tests.factories import CarerFactory


def years_ago(years, today=None):
    today = today or dt.date.today()
    return today.replace(year=today.year - years) - dt.timedelta(days=10)


@pytest.fixture
def assessor(make_staff, hub):
    return make_staff(Role.ASSESSOR, hub, full_name="Alex Assessor")


@pytest.fixture
def hub_actor(worker, actor_of, hub):
    return actor_of(worker, hub)


@pytest.fixture
def make_carer_caring(hub, hub_actor):
    """make_carer_caring(carer_age, cared_for_age, relationship) -> a carer of the hub caring for one person."""

    def make(
        carer_age=52,
        cared_for_age=80,
        relationship=Relationship.PARENT,
        parental_responsibility=None,
        **fields,
    ):
        carer = CarerFactory(
            holding_organisation=hub,
            date_of_birth=years_ago(carer_age) if carer_age else None,
            **fields,
        )
        carer_services.add_cared_for_person(
            hub_actor,
            carer,
            given_name="Bea",
            family_name="Foxglove",
            relationship=relationship,
            lives_together=True,
            date_of_birth=years_ago(cared_for_age) if cared_for_age else None,
            parental_responsibility=parental_responsibility,
        )
        return carer

    return make


# The conditions of a transition assessment (Care Act s60, s63), all met.
TRANSITION_MET = {
    "likely_needs_after_18": "yes",
    "significant_benefit": "yes",
    "consent": "consented",
}


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


@pytest.fixture
def question_set(partnership):
    """The demo quality-of-life wording, loaded for the test partnership."""
    from pathlib import Path

    from carershub.assessments.loading import load_question_set

    demo = Path(__file__).resolve().parents[2] / "demo" / "quality_of_life.json"
    return load_question_set(partnership, demo.read_text(encoding="utf-8"))


@pytest.fixture
def completed(make_carer_caring, hub_actor, assessor, actor_of, hub):
    carer = make_carer_caring(given_name="Ada")
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    answers = adult_answers(
        carer, **{"what-matters": {"outcomes_wanted": "A night's sleep each week"}}
    )
    for section, _ in selectors.sections_with_state(assessment):
        form = section.form_class(answers[section.slug], carer=selectors.carer_with_network(carer))
        assert form.is_valid(), form.errors
        assessment = services.save_section(
            hub_actor,
            assessment,
            section,
            answers=form.answers(),
            completed=True,
            expected_version=assessment.version,
        )
    return services.complete_assessment(
        actor_of(assessor, hub),
        assessment,
        expected_version=assessment.version,
        decision="eligible",
    )


@pytest.fixture
def plan(completed, hub_actor):
    return services.create_plan(hub_actor, completed)

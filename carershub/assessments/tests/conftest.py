import datetime as dt

import pytest

from carershub.accounts.models import Role
from carershub.assessments.tests.factories import (
    CompletedAssessmentFactory,
    SupportPlanFactory,
)
from carershub.assessments.tests.factories import (
    adult_answers as adult_answers,  # kept here too for the tests that import it from conftest
)
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
    """make_carer_caring(carer_age, cared_for_age,
    relationship) -> a carer of the hub caring for one person.
    """

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


@pytest.fixture
def question_set(partnership):
    """The demo quality-of-life wording, loaded for the test partnership."""
    from pathlib import Path

    from carershub.assessments.loading import load_question_set

    demo = Path(__file__).resolve().parents[2] / "demo" / "quality_of_life.json"
    return load_question_set(partnership, demo.read_text(encoding="utf-8"))


@pytest.fixture
def completed(make_carer_caring, hub_actor, assessor, actor_of, hub):
    return CompletedAssessmentFactory(
        carer=make_carer_caring(given_name="Ada"),
        actor=hub_actor,
        assessor=assessor,
        deciding_actor=actor_of(assessor, hub),
        answers={"what-matters": {"outcomes_wanted": "A night's sleep each week"}},
    )


@pytest.fixture
def plan(completed, hub_actor):
    return SupportPlanFactory(assessment=completed, actor=hub_actor)

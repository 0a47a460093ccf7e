"""The duties a carers' law review checked through the hub's own functions: each test names the
section of the law it protects."""

import pytest
from django.urls import reverse

from carershub.assessments import selectors, services
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.conftest import adult_answers, years_ago
from carershub.carers import services as carer_services
from carershub.carers.models.cared_for import Relationship

pytestmark = pytest.mark.django_db


def save_all(actor, assessment, carer, answers):
    for section, _ in selectors.sections_with_state(assessment):
        form = section.form_class(answers[section.slug], carer=selectors.carer_with_network(carer))
        assert form.is_valid(), (section.slug, form.errors)
        assessment = services.save_section(actor, assessment, section, answers=form.answers(), completed=True,
                                           expected_version=assessment.version)
    return assessment


# Unknown ages -----------------------------------------------------------------------------------


def test_cared_for_person_without_a_date_of_birth_asks_for_it_never_refuses_care_act_s10(
        make_carer_caring, worker, sign_in, hub):
    carer = make_carer_caring(carer_age=45, cared_for_age=None)

    html = sign_in(worker, hub).get(reverse("assessments:start", args=[carer.reference])).content.decode()

    assert 'data-testid="to-record"' in html
    assert "record their date of birth to see which assessment applies" in html
    not_available = html.split("Not available for")[1] if "Not available for" in html else ""
    assert "Carer&#39;s assessment</strong>" not in not_available
    assert "Child&#39;s carer&#39;s transition assessment</strong>" not in not_available


def test_an_unknown_age_leaves_condition_a_open_never_failed_regulation_3_1_a(make_carer_caring, hub_actor,
                                                                            assessor):
    carer = make_carer_caring(carer_age=45, cared_for_age=80)
    carer_services.add_cared_for_person(hub_actor, carer, given_name="Cy", family_name="Foxglove",
                                        relationship=Relationship.OTHER_RELATIVE, lives_together=False,
                                        date_of_birth=None)
    carer_services.add_cared_for_person(hub_actor, carer, given_name="Di", family_name="Foxglove",
                                        relationship=Relationship.OTHER_RELATIVE, lives_together=False,
                                        date_of_birth=years_ago(10))
    assessment = services.start_assessment(hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER,
                                           assessor=assessor)
    about = [str(carer.relationships.get(cared_for__given_name=name).cared_for_id) for name in ("Cy", "Di")]
    answers = adult_answers(carer, **{"caring-role": {"cared_for": about}})
    assessment = save_all(hub_actor, assessment, carer, answers)

    suggestion = selectors.suggestion_for(assessment)

    assert suggestion.eligible is None
    assert suggestion.reasons[0].startswith("Condition (a) cannot be decided yet")
    assert not any(reason.startswith("Condition (a) is not met") for reason in suggestion.reasons)

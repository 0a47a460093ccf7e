"""The duties a carers' law review checked through the hub's own functions: each test names the
section of the law it protects."""

import pytest
from django.urls import reverse

from carershub.assessments import eligibility, selectors, services
from carershub.assessments.eligibility import Outcome, OutcomeAnswer
from carershub.assessments.forms import OutcomesForm
from carershub.assessments.sections import sections_for
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.conftest import TRANSITION_MET, adult_answers, years_ago
from carershub.carers import services as carer_services
from carershub.carers.models.cared_for import Relationship

pytestmark = pytest.mark.django_db


def save_all(actor, assessment, carer, answers):
    for section, _ in selectors.sections_with_state(assessment):
        form = section.form_class(answers[section.slug], carer=selectors.carer_with_network(carer))
        assert form.is_valid(), (section.slug, form.errors)
        assessment = services.save_section(
            actor,
            assessment,
            section,
            answers=form.answers(),
            completed=True,
            expected_version=assessment.version,
        )
    return assessment


# Unknown ages -----------------------------------------------------------------------------------


def test_cared_for_person_without_a_date_of_birth_asks_for_it_never_refuses_care_act_s10(
    make_carer_caring, worker, sign_in, hub
):
    carer = make_carer_caring(carer_age=45, cared_for_age=None)

    html = (
        sign_in(worker, hub)
        .get(reverse("assessments:start", args=[carer.reference]))
        .content.decode()
    )

    assert 'data-testid="to-record"' in html
    assert "record their date of birth to see which assessment applies" in html
    not_available = html.split("Not available for")[1] if "Not available for" in html else ""
    assert "Carer&#39;s assessment</strong>" not in not_available
    assert "Child&#39;s carer&#39;s transition assessment</strong>" not in not_available


def test_an_unknown_age_leaves_condition_a_open_never_failed_regulation_3_1_a(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring(carer_age=45, cared_for_age=80)
    carer_services.add_cared_for_person(
        hub_actor,
        carer,
        given_name="Cy",
        family_name="Foxglove",
        relationship=Relationship.OTHER_RELATIVE,
        lives_together=False,
        date_of_birth=None,
    )
    carer_services.add_cared_for_person(
        hub_actor,
        carer,
        given_name="Di",
        family_name="Foxglove",
        relationship=Relationship.OTHER_RELATIVE,
        lives_together=False,
        date_of_birth=years_ago(10),
    )
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    about = [
        str(carer.relationships.get(cared_for__given_name=name).cared_for_id)
        for name in ("Cy", "Di")
    ]
    answers = adult_answers(carer, **{"caring-role": {"cared_for": about}})
    assessment = save_all(hub_actor, assessment, carer, answers)

    suggestion = selectors.suggestion_for(assessment)

    assert suggestion.eligible is None
    assert suggestion.reasons[0].startswith("Condition (a) cannot be decided yet")
    assert not any(reason.startswith("Condition (a) is not met") for reason in suggestion.reasons)


# Outcomes ---------------------------------------------------------------------------------------

# SI 2015/313 regulation 3(2)(b)(i) to (viii), word for word.
REGULATION_3_2_B = [
    "Carrying out any caring responsibilities the carer has for a child",
    "Providing care to other persons for whom the carer provides care",
    "Maintaining a habitable home environment in the carer's home (whether or not this is also "
    "the home of the adult needing care)",
    "Managing and maintaining nutrition",
    "Developing and maintaining family or other personal relationships",
    "Engaging in work, training, education or volunteering",
    "Making use of necessary facilities or services in the local community, including "
    "recreational facilities or services",
    "Engaging in recreational activities",
]


def test_the_outcomes_are_in_the_full_wording_of_regulation_3_2_b():
    assert [outcome.label for outcome in Outcome] == REGULATION_3_2_B


def test_a_carer_with_no_children_is_not_unable_to_care_for_a_child_regulation_3_2_b_i(
    make_carer_caring,
):
    carer = make_carer_caring()
    form = OutcomesForm(
        {outcome.value: "achieved" for outcome in Outcome} | {"caring_for_child": "does_not_apply"},
        carer=selectors.carer_with_network(carer),
    )
    assert form.is_valid(), form.errors

    suggestion = eligibility.suggest(
        provides_necessary_care=True,
        cared_for_is_adult=True,
        health_at_risk=False,
        outcomes=form.answers(),
        significant_impact=True,
    )

    assert Outcome.CARING_FOR_CHILD not in suggestion.unable_outcomes
    assert suggestion.eligible is False
    assert "they can achieve every outcome that applies to them" in " ".join(suggestion.reasons)


@pytest.mark.parametrize("outcome", [o for o in Outcome if o not in eligibility.MAY_NOT_APPLY])
def test_outcomes_every_carer_has_never_offer_does_not_apply_regulation_3_2_b(
    make_carer_caring, outcome
):
    form = OutcomesForm(
        {o.value: "achieved" for o in Outcome} | {outcome.value: "does_not_apply"},
        carer=selectors.carer_with_network(make_carer_caring()),
    )

    assert not form.is_valid() and outcome.value in form.errors
    with pytest.raises(ValueError):
        eligibility.suggest(
            provides_necessary_care=True,
            cared_for_is_adult=True,
            health_at_risk=False,
            outcomes={outcome.value: OutcomeAnswer.DOES_NOT_APPLY.value},
            significant_impact=True,
        )


def test_the_outcomes_page_offers_does_not_apply_only_for_a_child_and_other_people(
    make_carer_caring, hub_actor, assessor, worker, sign_in, hub
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )

    html = (
        sign_in(worker, hub)
        .get(reverse("assessments:section", args=[assessment.reference, "outcomes"]))
        .content.decode()
        .replace("&#39;", "'")
    )

    assert html.count('value="does_not_apply"') == 2
    assert "Does not apply: they have no caring responsibilities for a child" in html
    assert (
        "Making use of necessary facilities or services in the local community, "
        "including recreational" in html
    )


# Parental responsibility ------------------------------------------------------------------------


def test_a_special_guardian_can_have_a_parent_carers_needs_assessment_children_act_s17zd(
    make_carer_caring, hub_actor, assessor
):
    grandmother = make_carer_caring(
        carer_age=62,
        cared_for_age=8,
        relationship=Relationship.OTHER_RELATIVE,
        parental_responsibility=True,
    )

    assessment = services.start_assessment(
        hub_actor, grandmother, assessment_type=AssessmentType.PARENT_CARER, assessor=assessor
    )

    assert assessment.type == AssessmentType.PARENT_CARER


def test_a_parent_without_parental_responsibility_cannot_have_a_parent_carers_assessment_s17zd(
    make_carer_caring, hub_actor, assessor
):
    from django.core.exceptions import ValidationError

    carer = make_carer_caring(
        carer_age=40,
        cared_for_age=8,
        relationship=Relationship.CHILD,
        parental_responsibility=False,
    )

    with pytest.raises(ValidationError) as refused:
        services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.PARENT_CARER, assessor=assessor
        )

    assert (
        "they do not have parental responsibility for anyone they care for"
        in refused.value.messages[0]
    )
    assert AssessmentType.CHILDS_CARER_TRANSITION in selectors.situations.offered_types(
        selectors.situation_of(hub_actor, carer)
    )


def test_parental_responsibility_not_recorded_is_asked_for_not_inferred_from_the_child_s17zd(
    make_carer_caring, worker, sign_in, hub
):
    carer = make_carer_caring(
        carer_age=40, cared_for_age=8, relationship=Relationship.CHILD, parental_responsibility=None
    )

    html = (
        sign_in(worker, hub)
        .get(reverse("assessments:start", args=[carer.reference]))
        .content.decode()
    )

    assert (
        "Whether the carer has parental responsibility for the child they care for is not recorded"
        in html
    )
    assert 'value="parent_carer"' not in html


def test_adding_a_child_asks_whether_the_carer_has_parental_responsibility(worker, sign_in, hub):
    from carershub.carers.models import CaringRelationship
    from carershub.carers.tests.factories import CarerFactory

    carer = CarerFactory(holding_organisation=hub, date_of_birth=years_ago(60))
    born = years_ago(8)
    form = {
        "given_name": "Kit",
        "family_name": "Foxglove",
        "date_of_birth-day": str(born.day),
        "date_of_birth-month": str(born.month),
        "date_of_birth-year": str(born.year),
        "relationship": "other_relative",
        "lives_together": "yes",
    }
    client = sign_in(worker, hub)

    missing = client.post(reverse("carers:add_cared_for", args=[carer.reference]), form)
    assert (
        "Select yes if the carer has parental responsibility for them" in missing.content.decode()
    )

    client.post(
        reverse("carers:add_cared_for", args=[carer.reference]),
        form | {"parental_responsibility": "yes"},
    )

    assert CaringRelationship.objects.get(carer=carer).parental_responsibility is True


# Not eligible -----------------------------------------------------------------------------------


def test_a_not_eligible_decision_records_written_information_and_advice_before_it_closes_s13_5(
    make_carer_caring, hub_actor, assessor, actor_of, hub, sign_in
):
    from django.core.exceptions import ValidationError

    from carershub.assessments.models import Assessment, Status

    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assessment = save_all(
        hub_actor,
        assessment,
        carer,
        adult_answers(carer, **{"wellbeing": {"significant_impact": "no"}}),
    )
    assert selectors.suggestion_for(assessment).decision == "not_eligible"
    client = sign_in(assessor, hub)

    refused = client.post(
        reverse("assessments:check", args=[assessment.reference]),
        {"decision": "not_eligible", "version": assessment.version},
    )
    assert (
        "Write the information and advice given about meeting or reducing their needs"
        in refused.content.decode()
    )
    with pytest.raises(ValidationError, match="s13"):
        services.complete_assessment(
            actor_of(assessor, hub),
            assessment,
            expected_version=assessment.version,
            decision="not_eligible",
        )
    assert Assessment.unscoped.get(pk=assessment.pk).status == Status.IN_PROGRESS

    done = client.post(
        reverse("assessments:check", args=[assessment.reference]),
        {
            "decision": "not_eligible",
            "version": assessment.version,
            "method": "phone",
            "participants": "carer_only",
            "information_and_advice": "The carers' group on Tuesdays; the breaks grant; ask "
            "again if things change",
        },
    )

    assert done.status_code == 302
    determination = Assessment.unscoped.get(pk=assessment.pk).determination
    assert determination.information_and_advice.startswith("The carers' group on Tuesdays")
    page = client.get(done.url).content.decode().replace("&#39;", "'")
    assert "Information and advice about meeting or reducing their needs" in page


def test_the_database_refuses_a_not_eligible_decision_without_information_and_advice_care_act_s13_5(
    completed,
):
    from django.db import IntegrityError, transaction

    from carershub.assessments.models import EligibilityDetermination

    with pytest.raises(IntegrityError), transaction.atomic():
        EligibilityDetermination.objects.filter(assessment=completed).update(
            decision="not_eligible", information_and_advice=""
        )


# Transition assessments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind, carer_age, cared_for_age",
    [
        (AssessmentType.YOUNG_CARER_TRANSITION, 16, 50),
        (AssessmentType.CHILDS_CARER_TRANSITION, 45, 16),
    ],
)
def test_a_transition_assessment_records_its_conditions_first_care_act_s60_s63(
    make_carer_caring, hub_actor, assessor, kind, carer_age, cared_for_age
):
    from carershub.assessments.forms import TransitionConditionsForm

    carer = make_carer_caring(carer_age=carer_age, cared_for_age=cared_for_age)
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=kind, assessor=assessor
    )

    first, _ = selectors.sections_with_state(assessment)[0]
    assert first.slug == "transition-conditions"
    form = TransitionConditionsForm({}, carer=selectors.carer_with_network(carer))
    assert not form.is_valid()
    assert {"likely_needs_after_18", "significant_benefit", "consent"} <= set(form.errors)


def test_best_interests_without_consent_needs_its_reasons_care_act_s63_3(make_carer_caring):
    from carershub.assessments.forms import TransitionConditionsForm

    network = selectors.carer_with_network(make_carer_caring(carer_age=16, cared_for_age=50))
    answers = {
        "likely_needs_after_18": "yes",
        "significant_benefit": "yes",
        "consent": "best_interests",
    }

    assert "best_interests_reasons" in TransitionConditionsForm(answers, carer=network).errors
    assert TransitionConditionsForm(
        answers | {"best_interests_reasons": "She cannot weigh it up; it will help"}, carer=network
    ).is_valid()


@pytest.mark.parametrize(
    "unmet",
    [{"likely_needs_after_18": "no"}, {"significant_benefit": "no"}, {"consent": "not_consented"}],
)
def test_a_refused_transition_request_has_written_reasons_and_cannot_complete_care_act_s60_4_s63_4(
    make_carer_caring, hub_actor, assessor, actor_of, hub, unmet
):
    from django.core.exceptions import ValidationError

    from carershub.assessments.forms import TransitionConditionsForm

    carer = make_carer_caring(carer_age=16, cared_for_age=50)
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.YOUNG_CARER_TRANSITION, assessor=assessor
    )
    network = selectors.carer_with_network(carer)
    conditions = TRANSITION_MET | unmet
    assert "refusal_reasons" in TransitionConditionsForm(conditions, carer=network).errors

    answers = adult_answers(carer) | {
        "transition-conditions": conditions
        | {
            "refusal_reasons": "Written to her on 1 May: no needs are likely after 18; the young "
            "carers' group meets"
        }
    }
    assessment = save_all(hub_actor, assessment, carer, answers)

    with pytest.raises(ValidationError, match="Cancel it as a refused request"):
        services.complete_assessment(
            actor_of(assessor, hub),
            assessment,
            expected_version=assessment.version,
            decision="eligible",
        )
    assert assessment.answers["transition-conditions"]["refusal_reasons"].startswith(
        "Written to her on 1 May"
    )


# At 18 ------------------------------------------------------------------------------------------


def completed_young_carers_transition(make_carer_caring, hub_actor, assessor, actor_of, hub):
    from carershub.assessments.models import Assessment

    carer = make_carer_caring(carer_age=17, cared_for_age=50)
    transition = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.YOUNG_CARER_TRANSITION, assessor=assessor
    )
    transition = save_all(
        hub_actor,
        transition,
        carer,
        adult_answers(carer) | {"transition-conditions": TRANSITION_MET},
    )
    transition = services.complete_assessment(
        actor_of(assessor, hub),
        transition,
        expected_version=transition.version,
        decision="eligible",
    )
    assert transition.determination.at_18
    return carer, Assessment.unscoped.get(pk=transition.pk)


def test_at_18_a_transition_assessment_becomes_a_carers_assessment_keeping_its_determination_s60_64(
    make_carer_caring, hub_actor, assessor, actor_of, hub, worker, sign_in
):
    from carershub.carers.models import Carer

    carer, transition = completed_young_carers_transition(
        make_carer_caring, hub_actor, assessor, actor_of, hub
    )
    client = sign_in(worker, hub)
    assert (
        'data-testid="at-18"'
        not in client.get(reverse("assessments:start", args=[carer.reference])).content.decode()
    )
    Carer.unscoped.filter(pk=carer.pk).update(date_of_birth=years_ago(18))  # they have turned 18

    start = (
        client.get(reverse("assessments:start", args=[carer.reference]))
        .content.decode()
        .replace("&#39;", "'")
    )
    assert 'data-testid="at-18"' in start
    assert "treat it as their carer's assessment (Care Act 2014, sections 60 to 64)" in start
    assert "start a new carer's assessment (Care Act 2014, section 10)" in start
    assert 'value="adult_carer"' in start  # the new assessment is offered too

    response = client.post(reverse("assessments:carry_forward", args=[transition.reference]))

    carried = transition.carried_forward_as.get()
    assert response.url == reverse("assessments:check", args=[carried.reference])
    assert (carried.type, carried.regulation_3, carried.status) == (
        "adult_carer",
        "applies",
        "in_progress",
    )
    assert carried.answers["outcomes"] == transition.answers["outcomes"]
    assert "transition-conditions" not in carried.answers
    quality_of_life = next(
        s for s, state in selectors.sections_with_state(carried) if state != "completed"
    )
    assert quality_of_life.slug == "quality-of-life"  # the one section a carer's assessment adds
    carried = services.save_section(
        hub_actor,
        carried,
        quality_of_life,
        answers={},
        completed=True,
        expected_version=carried.version,
    )
    done = services.complete_assessment(
        actor_of(assessor, hub), carried, expected_version=carried.version, decision="eligible"
    )
    assert done.determination.at_18 is False and done.determination.decision == "eligible"
    assert selectors.transition_to_carry_forward(hub_actor, carer) is None


def test_a_transition_assessment_before_18_cannot_be_carried_forward_s63(
    make_carer_caring, hub_actor, assessor, actor_of, hub
):
    from django.core.exceptions import ValidationError

    carer, transition = completed_young_carers_transition(
        make_carer_caring, hub_actor, assessor, actor_of, hub
    )

    with pytest.raises(ValidationError, match="reached 18"):
        services.carry_forward_at_18(hub_actor, transition, assessor=assessor)


@pytest.mark.parametrize(
    "reviewed, name, basis",
    [
        (
            AssessmentType.YOUNG_CARER,
            "Children Act review of a young carer's needs assessment",
            "Children Act 1989, section 17ZA",
        ),
        (
            AssessmentType.PARENT_CARER,
            "Children Act review of a parent carer's needs assessment",
            "Children Act 1989, section 17ZD",
        ),
        (AssessmentType.ADULT_CARER, "Review", "Care Act 2014, section 27"),
    ],
)
def test_reviews_of_children_act_assessments_are_children_act_reviews_never_care_act_s27(
    reviewed, name, basis
):
    from carershub.assessments.situations import label_for, legal_basis_for

    assert label_for(AssessmentType.REVIEW, reviewed) == name
    assert legal_basis_for(AssessmentType.REVIEW, reviewed).startswith(basis)
    if reviewed != AssessmentType.ADULT_CARER:
        assert "27" not in legal_basis_for(AssessmentType.REVIEW, reviewed)


def test_a_young_carers_review_is_offered_and_shown_as_a_children_act_review(
    make_carer_caring, hub_actor, assessor, actor_of, hub, worker, sign_in
):
    from carershub.assessments.models import Assessment, Status

    carer = make_carer_caring(carer_age=14, cared_for_age=45)
    done = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.YOUNG_CARER, assessor=assessor
    )
    Assessment.unscoped.filter(pk=done.pk).update(
        status=Status.COMPLETED, completed_at=done.started_at
    )
    client = sign_in(worker, hub)

    start = (
        client.get(reverse("assessments:start", args=[carer.reference]))
        .content.decode()
        .replace("&#39;", "'")
    )
    assert (
        "Children Act review of a young carer's needs assessment (Children Act 1989, section 17ZA"
        in start
    )
    assert "section 27" not in start

    review = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    page = (
        client.get(reverse("assessments:detail", args=[review.reference]))
        .content.decode()
        .replace("&#39;", "'")
    )
    assert "Children Act review of a young carer's needs assessment" in page
    assert "section 27" not in page


# Whole family -----------------------------------------------------------------------------------


def test_a_carers_assessment_asks_about_the_whole_family_and_any_child_caring_si_2014_2827_reg_4(
    make_carer_caring, hub_actor, assessor
):
    from carershub.assessments.forms import WholeFamilyForm

    carer = make_carer_caring()
    for kind in (AssessmentType.ADULT_CARER, AssessmentType.SUPPORTED_SELF):
        assert "whole-family" in [s.slug for s in sections_for(kind)]
    network = selectors.carer_with_network(carer)
    assert {"child_involved", "family_support"} <= set(WholeFamilyForm({}, carer=network).errors)
    assert (
        "child_details"
        in WholeFamilyForm(
            {"child_involved": "yes", "family_support": "Respite"}, carer=network
        ).errors
    )


def test_a_child_found_caring_can_be_referred_from_the_assessment_si_2014_2827_reg_4(
    make_carer_caring, hub_actor, assessor, worker, sign_in, hub
):
    from carershub.referrals.models import Referral

    carer = make_carer_caring(given_name="Ada")
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    section = next(
        s for s, _ in selectors.sections_with_state(assessment) if s.slug == "whole-family"
    )
    assessment = services.save_section(
        hub_actor,
        assessment,
        section,
        answers={
            "child_involved": "yes",
            "child_details": "Sam, 12, helps her gran get dressed",
            "family_support": "Respite",
        },
        completed=True,
        expected_version=assessment.version,
    )
    client = sign_in(worker, hub)

    page = client.get(reverse("assessments:detail", args=[assessment.reference])).content.decode()
    link = f"{reverse('referrals:new')}?child_in_assessment={assessment.reference}"
    assert 'data-testid="child-involved"' in page and link in page

    form = client.get(link).content.decode().replace("&#39;", "'")
    assert (
        f"Helps care in Ada {carer.family_name}'s family (carer's assessment "
        f"{assessment.reference}): Sam, 12, helps her gran get dressed" in form
    )
    assert 'value="whole_family" checked' in form
    response = client.post(
        link,
        {
            "source": "whole_family",
            "given_name": "Sam",
            "family_name": carer.family_name,
            "phone": "020 7946 0555",
            "cares_for": "Helps her gran",
            "urgency": "routine",
            "agreed_to_referral": "on",
        },
    )
    assert response.status_code == 302
    assert Referral.unscoped.get(given_name="Sam").source == "whole_family"

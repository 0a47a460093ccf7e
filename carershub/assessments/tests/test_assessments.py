"""Starting, answering and completing assessments: the right kind for the situation, each kind's
own sections, the eligibility suggestion and the assessor's decision, and no lost edits."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from carershub.assessments import selectors, services
from carershub.assessments.models import Assessment, EligibilityDetermination, Status
from carershub.assessments.sections import sections_for
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.conftest import TRANSITION_MET, adult_answers
from carershub.audit.models import AuditLog, Operation
from carershub.carers.models.cared_for import Relationship


def slugs(kind, reviewed=None):
    return [s.slug for s in sections_for(kind, reviewed)]


def answer_all(actor, assessment, answers):
    for section, _ in selectors.sections_with_state(assessment):
        form = section.form_class(
            answers[section.slug], carer=selectors.carer_with_network(assessment.carer)
        )
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


# --- Each kind has its own sections ---------------------------------------------------------------


def test_a_carers_assessment_asks_the_regulation_3_questions():
    assert slugs(AssessmentType.ADULT_CARER) == [
        "caring-role",
        "able-and-willing",
        "own-health",
        "outcomes",
        "wellbeing",
        "work-education-recreation",
        "what-matters",
        "people-involved",
        "whole-family",
        "quality-of-life",
    ]


def test_a_young_carers_assessment_asks_about_appropriateness_age_and_education_not_regulation_3():
    sections = slugs(AssessmentType.YOUNG_CARER)
    assert {"appropriateness", "tasks-for-age", "education-and-development", "wishes"} <= set(
        sections
    )
    assert "outcomes" not in sections


def test_a_parent_carers_assessment_asks_about_the_child_and_family_and_not_regulation_3():
    sections = slugs(AssessmentType.PARENT_CARER)
    assert "family" in sections and "outcomes" not in sections


def test_a_review_asks_what_changed_then_the_sections_of_what_it_reviews():
    assert slugs(AssessmentType.REVIEW, AssessmentType.YOUNG_CARER) == [
        "changes",
        *slugs(AssessmentType.YOUNG_CARER),
    ]


def test_transition_and_supported_self_assessments_ask_the_regulation_3_questions():
    for kind in (
        AssessmentType.YOUNG_CARER_TRANSITION,
        AssessmentType.CHILDS_CARER_TRANSITION,
        AssessmentType.SUPPORTED_SELF,
    ):
        assert "outcomes" in slugs(kind)


# --- The right kind for the situation -------------------------------------------------------------


@pytest.mark.django_db
def test_an_adult_caring_for_an_adult_can_have_a_carers_assessment_but_not_a_young_carers(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring(carer_age=52, cared_for_age=80)
    offered = set(selectors_offered(hub_actor, carer))
    assert AssessmentType.ADULT_CARER in offered and AssessmentType.YOUNG_CARER not in offered
    with pytest.raises(ValidationError, match="young carer"):
        services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.YOUNG_CARER, assessor=assessor
        )
    assert not Assessment.unscoped.exists()


@pytest.mark.django_db
def test_a_fifteen_year_old_cannot_be_given_a_carers_assessment(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring(carer_age=15, cared_for_age=45)
    with pytest.raises(ValidationError):
        services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
        )
    started = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.YOUNG_CARER, assessor=assessor
    )
    assert started.regulation_3 == "no"


@pytest.mark.django_db
def test_a_parent_of_a_disabled_child_can_have_a_parent_carers_assessment(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring(
        carer_age=40, cared_for_age=9, relationship=Relationship.CHILD, parental_responsibility=True
    )
    started = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.PARENT_CARER, assessor=assessor
    )
    assert started.type == AssessmentType.PARENT_CARER
    with pytest.raises(ValidationError):
        services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
        )


@pytest.mark.django_db
def test_a_review_needs_a_completed_assessment(
    make_carer_caring, hub_actor, assessor, actor_of, hub
):
    carer = make_carer_caring()
    assert AssessmentType.REVIEW not in selectors_offered(hub_actor, carer)
    with pytest.raises(ValidationError):
        services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
        )
    first = complete_eligible(carer, hub_actor, actor_of(assessor, hub), assessor)
    review = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    assert review.reviews == first and review.reviewed_type == AssessmentType.ADULT_CARER
    assert review.regulation_3 == "applies"
    assert [s.slug for s, _ in selectors.sections_with_state(review)][0] == "changes"


@pytest.mark.django_db
def test_only_one_assessment_of_a_kind_is_in_progress_at_a_time(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring()
    services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    with pytest.raises(ValidationError, match="already in progress"):
        services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
        )


def selectors_offered(actor, carer):
    from carershub.assessments import situations

    return situations.offered_types(selectors.situation_of(actor, carer))


def complete_eligible(carer, worker_actor, assessor_actor, assessor):
    assessment = services.start_assessment(
        worker_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assessment = answer_all(worker_actor, assessment, adult_answers(carer))
    return services.complete_assessment(
        assessor_actor, assessment, expected_version=assessment.version, decision="eligible"
    )


# --- Answering, suggesting, deciding --------------------------------------------------------------


@pytest.mark.django_db
def test_answers_give_a_suggestion_that_names_the_outcome(make_carer_caring, hub_actor, assessor):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assessment = answer_all(hub_actor, assessment, adult_answers(carer))
    suggestion = selectors.suggestion_for(assessment)
    assert suggestion.eligible is True
    assert any("nutrition" in reason.lower() for reason in suggestion.reasons)


@pytest.mark.django_db
def test_completing_keeps_the_suggestion_and_the_decision(
    make_carer_caring, hub_actor, assessor, actor_of, hub
):
    carer = make_carer_caring()
    done = complete_eligible(carer, hub_actor, actor_of(assessor, hub), assessor)
    assert done.status == Status.COMPLETED and done.completed_by == assessor
    determination = EligibilityDetermination.objects.get(assessment=done)
    assert determination.suggested == "eligible" and determination.decision == "eligible"
    assert determination.decided_by == assessor and determination.suggestion_reasons
    assert not determination.overrides_suggestion
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="assessments.eligibilitydetermination"
    ).exists()


@pytest.mark.django_db
def test_overriding_the_suggestion_needs_reasons_and_keeps_both(
    make_carer_caring, hub_actor, assessor, actor_of, hub
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assessment = answer_all(hub_actor, assessment, adult_answers(carer))
    as_assessor = actor_of(assessor, hub)
    with pytest.raises(ValidationError, match="reasons"):
        services.complete_assessment(
            as_assessor, assessment, expected_version=assessment.version, decision="not_eligible"
        )
    done = services.complete_assessment(
        as_assessor,
        assessment,
        expected_version=assessment.version,
        decision="not_eligible",
        reasons="Help from her son meets this need",
        information_and_advice="The carers' group on Tuesdays; the breaks grant",
    )
    determination = done.determination
    assert determination.suggested == "eligible" and determination.decision == "not_eligible"
    assert (
        determination.overrides_suggestion
        and determination.reasons == "Help from her son meets this need"
    )


@pytest.mark.django_db
def test_an_assessment_with_sections_left_cannot_be_completed(
    make_carer_caring, hub_actor, assessor, actor_of, hub
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    with pytest.raises(ValidationError, match="Complete every section"):
        services.complete_assessment(
            actor_of(assessor, hub),
            assessment,
            expected_version=assessment.version,
            decision="eligible",
        )


@pytest.mark.django_db
def test_a_young_carers_assessment_completes_without_an_eligibility_determination(
    make_carer_caring, hub_actor, assessor, actor_of, hub
):
    carer = make_carer_caring(carer_age=14, cared_for_age=44)
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.YOUNG_CARER, assessor=assessor
    )
    person = str(carer.relationships.first().cared_for_id)
    answers = {
        "caring-role": {
            "cared_for": [person],
            "tasks": ["household"],
            "hours_per_week": "20",
            "care_is_necessary": "yes",
        },
        "appropriateness": {"caring_is_appropriate": "partly"},
        "tasks-for-age": {"excessive_or_inappropriate": "yes", "which_tasks": ["personal_care"]},
        "education-and-development": {"education_affected": "yes", "development_affected": "no"},
        "health-and-wellbeing": {"health_affected": "no"},
        "wishes": {"wishes": "More time with friends", "wants_to_keep_caring": "partly"},
        "people-involved": {"advocacy_needed": "no"},
    }
    assessment = answer_all(hub_actor, assessment, answers)
    assert selectors.suggestion_for(assessment) is None
    done = services.complete_assessment(
        actor_of(assessor, hub), assessment, expected_version=assessment.version
    )
    assert done.status == Status.COMPLETED
    assert not EligibilityDetermination.objects.filter(assessment=done).exists()


@pytest.mark.django_db
def test_a_transition_assessment_decides_eligibility_at_18(
    make_carer_caring, hub_actor, assessor, actor_of, hub
):
    carer = make_carer_caring(carer_age=17, cared_for_age=50)
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.YOUNG_CARER_TRANSITION, assessor=assessor
    )
    assessment = answer_all(
        hub_actor, assessment, adult_answers(carer) | {"transition-conditions": TRANSITION_MET}
    )
    done = services.complete_assessment(
        actor_of(assessor, hub),
        assessment,
        expected_version=assessment.version,
        decision="eligible",
    )
    assert done.determination.at_18


@pytest.mark.django_db
def test_the_caring_role_section_sets_who_the_assessment_is_about(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    section = sections_for(AssessmentType.ADULT_CARER)[0]
    assessment = services.save_section(
        hub_actor,
        assessment,
        section,
        answers={"cared_for": []},
        completed=False,
        expected_version=assessment.version,
    )
    assert list(assessment.cared_for.all()) == []
    person = carer.relationships.first().cared_for
    assessment = services.save_section(
        hub_actor,
        assessment,
        section,
        answers={"cared_for": [str(person.pk), "99999"]},
        completed=False,
        expected_version=assessment.version,
    )
    assert list(assessment.cared_for.all()) == [person]


@pytest.mark.django_db
def test_two_people_saving_at_once_the_second_is_refused_and_nothing_is_lost(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    section = sections_for(AssessmentType.ADULT_CARER)[2]
    opened_at = assessment.version
    services.save_section(
        hub_actor,
        assessment,
        section,
        answers={"health_at_risk": "yes"},
        completed=True,
        expected_version=opened_at,
    )
    with pytest.raises(services.EditConflict) as conflict:
        services.save_section(
            hub_actor,
            assessment,
            section,
            answers={"health_at_risk": "no"},
            completed=True,
            expected_version=opened_at,
        )
    assert conflict.value.current.answers["own-health"] == {"health_at_risk": "yes"}
    assert Assessment.unscoped.get(pk=assessment.pk).answers["own-health"] == {
        "health_at_risk": "yes"
    }


@pytest.mark.django_db
def test_an_assessment_started_after_a_referral_answers_its_clock(
    make_carer_caring, hub_actor, assessor, hub
):
    from carershub.referrals.tests.factories import ReferralFactory

    carer = make_carer_caring()
    referral = ReferralFactory(holding_organisation=hub, carer=carer)
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assert assessment.referral == referral


@pytest.mark.django_db
def test_the_timeline_shows_assessments(make_carer_caring, hub_actor, assessor, actor_of, hub):
    from carershub.carers.selectors import timeline

    carer = make_carer_caring()
    complete_eligible(carer, hub_actor, actor_of(assessor, hub), assessor)
    titles = [event.title for event in timeline(hub_actor, carer)]
    assert "Carer's assessment started" in titles and "Carer's assessment completed" in titles


@pytest.mark.django_db
def test_assessments_are_hidden_from_partners_and_other_hubs(
    make_carer_caring, hub_actor, assessor, make_staff, actor_of, hospital, other_hub
):
    from carershub.accounts.models import Role

    carer = make_carer_caring()
    services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    ward = actor_of(make_staff(Role.PARTNER_REFERRER, hospital), hospital)
    elsewhere = actor_of(make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    assert Assessment.objects.visible_to(hub_actor).count() == 1
    assert not Assessment.objects.visible_to(ward).exists()
    assert not Assessment.objects.visible_to(elsewhere).exists()


@pytest.mark.django_db
def test_an_assessment_in_progress_can_be_cancelled_with_a_reason(
    make_carer_caring, hub_actor, assessor, worker, sign_in, hub
):
    from carershub.events.models import CareEvent

    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assert CareEvent.unscoped.filter(source=f"assessment:{assessment.pk}").exists()
    with pytest.raises(ValidationError, match="Say why"):
        services.cancel_assessment(
            hub_actor, assessment, reason=" ", expected_version=assessment.version
        )
    client = sign_in(worker, hub)
    url = reverse("assessments:cancel", args=[assessment.reference])
    response = client.post(url, {"reason": "Started in error", "version": assessment.version})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (
        assessment.status == Status.CANCELLED and assessment.cancelled_reason == "Started in error"
    )
    assert not CareEvent.unscoped.filter(source=f"assessment:{assessment.pk}").exists()
    assert (
        "Cancelled: Started in error"
        in client.get(reverse("assessments:detail", args=[assessment.reference])).content.decode()
    )
    with pytest.raises(ValidationError, match="Only an assessment in progress"):
        services.cancel_assessment(
            hub_actor, assessment, reason="Again", expected_version=assessment.version
        )
    # Another of the same kind can be started now.
    services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )

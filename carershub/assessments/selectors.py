"""Reads for assessment pages: which assessments a carer can have, their answers, the suggestion."""

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone

from carershub.assessments import eligibility, situations
from carershub.assessments.models import Assessment, Status
from carershub.assessments.sections import sections_for
from carershub.carers.models import CaringRelationship
from carershub.carers.models.cared_for import Relationship
from carershub.carers.rules import age_on


def _age(date_of_birth, today):
    return age_on(date_of_birth, today) if date_of_birth else None


def situation_of(actor, carer, today=None):
    """The carer's situation as the law sees it: their age, the ages of the people they care for,
    and whether they have a completed assessment (to review)."""
    today = today or timezone.localdate()
    cared_for = tuple(
        situations.CaredFor(age=_age(rel.cared_for.date_of_birth, today), is_child_of_carer=rel.relationship == Relationship.CHILD)
        for rel in CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True).select_related("cared_for")
    )
    completed = Assessment.objects.visible_to(actor).filter(carer=carer, status=Status.COMPLETED).exists()
    return situations.Situation(carer_age=_age(carer.date_of_birth, today), cared_for=cared_for,
                                has_completed_assessment=completed)


def assessment_for(actor, reference):
    """One assessment the actor may see, with its carer and people, or None."""
    return (
        Assessment.objects.visible_to(actor)
        .select_related("carer", "assessor", "started_by", "completed_by", "reviews", "determination__decided_by", "plan")
        .prefetch_related("cared_for")
        .filter(reference=reference)
        .first()
    )


def assessments_of(actor, carer):
    """The carer's assessments the actor may see, newest first."""
    return list(
        Assessment.objects.visible_to(actor).filter(carer=carer)
        .select_related("assessor", "determination")
        .order_by("-started_at")
    )


def reviewable(actor, carer):
    """The completed assessment a review would review: the latest."""
    return (Assessment.objects.visible_to(actor).filter(carer=carer, status=Status.COMPLETED)
            .order_by("-completed_at").first())


def carer_with_network(carer):
    """The carer with their current caring relationships loaded (for the caring-role section)."""
    carer._prefetched_objects_cache = {}
    prefetch_related_objects([carer], Prefetch(
        "relationships", queryset=CaringRelationship.objects.filter(ended_on__isnull=True).select_related("cared_for"),
    ))
    return carer


def sections_with_state(assessment):
    """(section, state) in task-list order; state is "completed", "in_progress" or "not_started"."""
    result = []
    for section in sections_for(assessment.type, assessment.reviewed_type or None):
        if section.slug in assessment.sections_done:
            state = "completed"
        elif assessment.answers.get(section.slug):
            state = "in_progress"
        else:
            state = "not_started"
        result.append((section, state))
    return result


def missing_sections(assessment):
    return [section for section, state in sections_with_state(assessment) if state != "completed"]


def _yes(value):
    return {"yes": True, "no": False}.get(value)


def suggestion_for(assessment, today=None):
    """What the answers suggest under regulation 3 (None where it does not apply).

    A transition assessment looks ahead to 18: the person cared for will then be an adult (a
    young carer's transition assessment is for a young carer of an adult already).
    """
    rule = situations.Regulation3(assessment.regulation_3)
    if rule == situations.Regulation3.NO:
        return None
    today = today or timezone.localdate()
    answers = assessment.answers
    caring, health = answers.get("caring-role", {}), answers.get("own-health", {})
    outcomes, wellbeing = answers.get("outcomes", {}), answers.get("wellbeing", {})
    if rule == situations.Regulation3.AT_18:
        cared_for_is_adult = True
    else:
        ages = [_age(person.date_of_birth, today) for person in assessment.cared_for.all()]
        known = [age for age in ages if age is not None]
        cared_for_is_adult = any(age >= 18 for age in known) if known else None
    return eligibility.suggest(
        provides_necessary_care=_yes(caring.get("care_is_necessary")),
        cared_for_is_adult=cared_for_is_adult,
        health_at_risk=_yes(health.get("health_at_risk")),
        outcomes={outcome.value: outcomes[outcome.value] for outcome in eligibility.Outcome if outcomes.get(outcome.value)},
        significant_impact=_yes(wellbeing.get("significant_impact")),
        cared_for_has_eligible_needs=_yes(caring.get("cared_for_has_eligible_needs")),
    )


def assessors_for(actor):
    """Who can be the named assessor: active assessors and hub managers at the actor's organisation."""
    from carershub.accounts.models import Role, User

    return list(
        User.objects.filter(
            is_active=True, memberships__organisation=actor.organisation,
            memberships__role__in=[Role.ASSESSOR, Role.HUB_MANAGER],
        ).distinct().order_by("full_name", "pk")
    )


def plan_for(actor, reference):
    """One support plan the actor may see, with its actions and services, or None."""
    from carershub.assessments.models import SupportPlan

    return (
        SupportPlan.objects.visible_to(actor)
        .select_related("carer", "assessment", "assessment__assessor", "created_by", "agreed_by")
        .prefetch_related("actions", "services")
        .filter(reference=reference)
        .first()
    )


def current_question_set(partnership_id):
    """The quality-of-life wording the partnership loaded last, with its questions, or None."""
    from carershub.assessments.models import QuestionSet

    return (QuestionSet.objects.filter(partnership_id=partnership_id, is_current=True)
            .prefetch_related("questions").order_by("-loaded_at").first())


def quality_of_life_of(actor, carer):
    """The carer's scores, oldest first, with the change from the first complete one to the last."""
    from carershub.assessments.models import QualityOfLifeScore

    scores = list(QualityOfLifeScore.objects.visible_to(actor).filter(carer=carer).select_related("assessment"))
    complete = [s for s in scores if s.total is not None]
    change = complete[-1].total - complete[0].total if len(complete) > 1 else None
    return {"scores": scores, "change": change}


def quality_of_life_cohort(actor):
    """The organisation's carers' scores: the mean first and latest complete score, and how many
    carers scored better, the same or worse at their latest than at their first (ASCOF 1D)."""
    from carershub.assessments import quality_of_life
    from carershub.assessments.models import QualityOfLifeScore

    by_carer = {}
    for carer_id, total in (QualityOfLifeScore.objects.visible_to(actor).filter(total__isnull=False)
                            .order_by("carer_id", "recorded_at", "pk").values_list("carer_id", "total")):
        by_carer.setdefault(carer_id, []).append(total)
    repeated = [totals for totals in by_carer.values() if len(totals) > 1]
    return {
        "carers": len(by_carer),
        "mean_first": quality_of_life.mean([totals[0] for totals in by_carer.values()]),
        "mean_latest": quality_of_life.mean([totals[-1] for totals in by_carer.values()]),
        "with_review": len(repeated),
        "better": sum(1 for t in repeated if t[-1] > t[0]),
        "same": sum(1 for t in repeated if t[-1] == t[0]),
        "worse": sum(1 for t in repeated if t[-1] < t[0]),
        "mean_change": quality_of_life.mean([t[-1] - t[0] for t in repeated]) if repeated else None,
    }

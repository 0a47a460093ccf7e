"""Reads for assessment pages: which assessments a carer can have, their answers, the suggestion."""

import datetime as dt

from django.db.models import (
    Case,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from carershub.accounts.models import Role, User
from carershub.accounts.permissions import can
from carershub.assessments import eligibility, presenters, quality_of_life, risk, situations
from carershub.assessments.models import (
    Assessment,
    BreakdownRisk,
    PlanService,
    PlanStatus,
    QualityOfLifeScore,
    ServiceKind,
    Status,
    SupportPlan,
)
from carershub.assessments.question_sets import (  # a page's read, kept here with the rest
    current_question_set as current_question_set,
)
from carershub.assessments.sections import sections_for
from carershub.assessments.situations import AssessmentType
from carershub.carers.models import CaringRelationship
from carershub.carers.rules import age_on
from carershub.referrals.models import Outcome, Referral, Source


def _age(date_of_birth, today):
    return age_on(date_of_birth, today) if date_of_birth else None


def situation_of(actor, carer, today=None):
    """The carer's situation as the law sees it: their age, the ages of the people they care for,
    and whether they have a completed assessment (to review)."""
    today = today or timezone.localdate()
    cared_for = tuple(
        situations.CaredFor(
            age=_age(rel.cared_for.date_of_birth, today),
            has_parental_responsibility=rel.parental_responsibility,
        )
        for rel in CaringRelationship.objects.filter(
            carer=carer, ended_on__isnull=True
        ).select_related("cared_for")
    )
    completed = (
        Assessment.objects.visible_to(actor).filter(carer=carer, status=Status.COMPLETED).exists()
    )
    return situations.Situation(
        carer_age=_age(carer.date_of_birth, today),
        cared_for=cared_for,
        has_completed_assessment=completed,
    )


def transition_to_carry_forward(actor, carer, today=None):
    """The carer's completed transition assessment that has reached 18 and is not yet carried
    forward.

    A young carer's transition assessment reaches 18 when the carer does; a child's carer's when
    every child it is about does. None when there is nothing to carry forward.
    """
    today = today or timezone.localdate()
    transitions = (
        Assessment.objects.visible_to(actor)
        .filter(
            carer=carer,
            status=Status.COMPLETED,
            type__in=[
                situations.AssessmentType.YOUNG_CARER_TRANSITION,
                situations.AssessmentType.CHILDS_CARER_TRANSITION,
            ],
        )
        .exclude(carried_forward_as__status__in=[Status.IN_PROGRESS, Status.COMPLETED])
        .prefetch_related("cared_for")
        .order_by("-completed_at")
    )
    for transition in transitions:
        if transition.type == situations.AssessmentType.YOUNG_CARER_TRANSITION:
            ages = [_age(carer.date_of_birth, today)]
        else:
            ages = [_age(person.date_of_birth, today) for person in transition.cared_for.all()]
        if ages and all(age is not None and age >= situations.ADULT_AGE for age in ages):
            return transition
    return None


def child_involved_in_caring(actor, reference):
    """For a referral of a child the whole-family section found caring: the assessment (seen within
    the actor's scope) and what it says of the child, or None."""
    assessment = (
        Assessment.objects.visible_to(actor)
        .filter(reference=reference)
        .select_related("carer")
        .first()
    )
    family = (assessment.answers.get("whole-family") or {}) if assessment else {}
    if family.get("child_involved") != "yes":
        return None
    return assessment, family.get("child_details") or ""


def assessments_visible_to(actor):
    """The assessments the actor may see, each with its carer and people."""
    return (
        Assessment.objects.visible_to(actor)
        .select_related(
            "carer",
            "assessor",
            "started_by",
            "completed_by",
            "responsible_council",
            "reviews",
            "determination__decided_by",
            "plan",
        )
        .prefetch_related("cared_for")
    )


def assessments_of(actor, carer):
    """The carer's assessments the actor may see, newest first."""
    return list(
        Assessment.objects.visible_to(actor)
        .filter(carer=carer)
        .select_related("assessor", "determination")
        .order_by("-started_at")
    )


def reviewable(actor, carer):
    """The completed assessment a review would review: the latest."""
    return (
        Assessment.objects.visible_to(actor)
        .filter(carer=carer, status=Status.COMPLETED)
        .order_by("-completed_at")
        .first()
    )


def carer_with_network(carer):
    """The carer with their current caring relationships loaded (for the caring-role section)."""
    carer._prefetched_objects_cache = {}
    prefetch_related_objects(
        [carer],
        Prefetch(
            "relationships",
            queryset=CaringRelationship.objects.filter(ended_on__isnull=True).select_related(
                "cared_for"
            ),
        ),
    )
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
        # An unknown age is never "not an adult": with no known adult, it leaves condition (a) open.
        if any(age is not None and age >= 18 for age in ages):
            cared_for_is_adult = True
        elif not ages or any(age is None for age in ages):
            cared_for_is_adult = None
        else:
            cared_for_is_adult = False
    return eligibility.suggest(
        provides_necessary_care=_yes(caring.get("care_is_necessary")),
        cared_for_is_adult=cared_for_is_adult,
        health_at_risk=_yes(health.get("health_at_risk")),
        outcomes={
            outcome.value: outcomes[outcome.value]
            for outcome in eligibility.Outcome
            if outcomes.get(outcome.value)
        },
        significant_impact=_yes(wellbeing.get("significant_impact")),
        cared_for_has_eligible_needs=_yes(caring.get("cared_for_has_eligible_needs")),
    )


def assessors_for(actor):
    """Who can be the named assessor: active assessors and hub managers at the actor's
    organisation.
    """
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=actor.organisation,
            memberships__role__in=[Role.ASSESSOR, Role.HUB_MANAGER],
        )
        .distinct()
        .order_by("full_name", "pk")
    )


def support_plans_visible_to(actor):
    """The support plans the actor may see, each with its actions and services."""

    return (
        SupportPlan.objects.visible_to(actor)
        .select_related(
            "carer",
            "assessment",
            "assessment__assessor",
            "created_by",
            "agreed_by",
            "holding_organisation__partnership",
        )
        .prefetch_related("actions", "services")
    )


def quality_of_life_of(actor, carer):
    """The carer's scores, oldest first, with the change from the first complete one to the last."""
    scores = list(
        QualityOfLifeScore.objects.visible_to(actor)
        .filter(carer=carer)
        .select_related("assessment")
    )
    complete = [s for s in scores if s.total is not None]
    change = complete[-1].total - complete[0].total if len(complete) > 1 else None
    return {"scores": scores, "change": change}


def quality_of_life_cohort(actor):
    """The organisation's carers' scores: the mean first and latest complete score, and how many
    carers scored better, the same or worse at their latest than at their first (ASCOF 1D
    method)."""
    by_carer = {}
    for carer_id, total in (
        QualityOfLifeScore.objects.visible_to(actor)
        .filter(total__isnull=False)
        .order_by("carer_id", "recorded_at", "pk")
        .values_list("carer_id", "total")
    ):
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


def _crisis_first(field):
    return Case(
        When(**{field: "crisis"}, then=Value(0)), default=Value(1), output_field=IntegerField()
    )


def _due(actor, by, worker=None):
    """What is due by a date, for the hub or one worker, oldest first (each list one query):

    - assessments to start: referrals not yet answered by an assessment, past the partnership's
      clock (14 days by default), unless triaged to another outcome;
    - support plans to agree: completed assessments without an agreed plan, past the target after
      completion (7 days by default);
    - reviews: agreed plans whose review is due, with no review started since the plan.

    ``worker`` narrows each list to that person's work: referrals allocated to them or carers on
    their caseload; assessments they are the named assessor for; plans of carers on their
    caseload or whose assessment they did.
    """
    partnership = actor.organisation.partnership
    assessed_since = Assessment.objects.visible_to(actor).filter(
        carer=OuterRef("carer"), started_at__gte=OuterRef("received_at")
    )
    referrals = (
        Referral.objects.visible_to(actor)
        .filter(
            holding_organisation=actor.organisation,
            assessment_due__lte=by,
            assessments__isnull=True,
        )
        .filter(Q(outcome="") | Q(outcome=Outcome.REGISTERED))
        .exclude(Exists(assessed_since))
        .select_related("carer", "allocated_to")
        .order_by(_crisis_first("carer__breakdown_risk"), "assessment_due", "pk")
    )
    plans_cutoff = by - dt.timedelta(days=partnership.plan_within_days)
    agreed = SupportPlan.objects.visible_to(actor).filter(
        assessment=OuterRef("pk"), status=PlanStatus.AGREED
    )
    assessments = (
        Assessment.objects.visible_to(actor)
        .filter(status=Status.COMPLETED)
        .annotate(completed_on=TruncDate("completed_at"))
        .filter(completed_on__lte=plans_cutoff)
        .exclude(Exists(agreed))
        .exclude(type=AssessmentType.REVIEW)
        .select_related("carer", "assessor")
        .order_by(_crisis_first("carer__breakdown_risk"), "completed_at", "pk")
    )
    review_started = Assessment.objects.visible_to(actor).filter(
        carer=OuterRef("carer"),
        type=AssessmentType.REVIEW,
        started_at__gte=OuterRef("agreed_at"),
    )
    reviews = (
        SupportPlan.objects.visible_to(actor)
        .filter(status=PlanStatus.AGREED, review_due__lte=by)
        .exclude(Exists(review_started))
        .select_related("carer", "assessment__assessor")
        .order_by(_crisis_first("carer__breakdown_risk"), "review_due", "pk")
    )
    if worker is not None:
        referrals = referrals.filter(Q(allocated_to=worker) | Q(carer__key_worker=worker))
        assessments = assessments.filter(assessor=worker)
        reviews = reviews.filter(Q(carer__key_worker=worker) | Q(assessment__assessor=worker))
    return {
        "assessments_to_start": referrals,
        "plans_to_agree": assessments,
        "reviews_due": reviews,
    }


def late_by():
    """The last day a piece of work may have been due and still be in time: yesterday, so that
    work due today is not yet out of target (docs/measures.md)."""
    return timezone.localdate() - dt.timedelta(days=1)


def out_of_target_counts(actor):
    """The hub's assessments not started and support plans not agreed by their target dates
    (a hub manager's home page; the list is ``due`` with ``when=late``)."""
    counts = due_counts(actor, late_by())
    return {
        "assessments_to_start": counts["assessments_to_start"],
        "plans_to_agree": counts["plans_to_agree"],
    }


def reviews_due_count(actor):
    """The hub's reviews due in the next 7 days or overdue (the list is ``due``, the whole hub)."""
    return _due(actor, timezone.localdate() + dt.timedelta(days=7))["reviews_due"].count()


def due_work(actor, by, worker=None):
    """The three lists of work due (see ``_due``), up to 200 of each."""
    work = {name: list(queryset[:200]) for name, queryset in _due(actor, by, worker).items()}
    work["plan_within_days"] = actor.organisation.partnership.plan_within_days
    return work


def due_counts(actor, by, worker=None):
    """How many of each list are due: three counts, for the home page, without reading the rows."""
    return {name: queryset.count() for name, queryset in _due(actor, by, worker).items()}


def risk_suggestion_for(actor, carer, today=None):
    """What the record suggests about the risk that caring breaks down (see ``risk.py``)."""
    today = today or timezone.localdate()
    others = CaringRelationship.objects.filter(cared_for=OuterRef("cared_for")).exclude(carer=carer)
    sole = (
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True)
        .exclude(Exists(others))
        .exists()
    )
    latest = (
        Assessment.objects.visible_to(actor)
        .filter(carer=carer, status=Status.COMPLETED)
        .order_by("-completed_at")
        .first()
    )
    year_ago = timezone.now() - dt.timedelta(days=365)
    had_break = PlanService.objects.filter(
        plan__carer=carer, plan__created_at__gte=year_ago, kind=ServiceKind.BREAK
    ).exists()
    hospital = (
        Referral.objects.visible_to(actor)
        .filter(carer=carer, source=Source.HOSPITAL)
        .order_by("-received_at")
        .values_list("received_at", flat=True)
        .first()
    )
    return risk.suggest(
        hours_band=carer.hours_band,
        hours_exact=carer.hours_per_week,
        sole_carer_of_someone=sole,
        health_at_risk=latest is not None
        and latest.answers.get("own-health", {}).get("health_at_risk") == "yes",
        had_break_in_year=had_break,
        assessed=latest is not None,
        hospital_referral_on=timezone.localtime(hospital).date() if hospital else None,
        today=today,
    )


def risk_history(actor, carer):
    return list(
        BreakdownRisk.objects.visible_to(actor)
        .filter(carer=carer)
        .select_related("recorded_by")[:20]
    )


def record_panel(actor, carer):
    """The carer's assessments, breakdown risk and quality of life on their record, for those who
    may see assessments (partners never do)."""
    if not can(actor, "assessments.view_assessment", carer):
        return None
    may_start = can(actor, "assessments.start_assessment", carer) and not carer.merged_into_id
    return presenters.assessments_panel(
        carer,
        assessments_of(actor, carer),
        quality_of_life_of(actor, carer),
        may_start=may_start,
    )


def timeline_entries(actor, carer):
    """When each assessment started and was completed, each support plan started and was
    agreed, and each rating of the risk that caring breaks down: one query each."""
    for assessment in (
        Assessment.objects.visible_to(actor).filter(carer=carer).select_related("determination")
    ):
        yield from presenters.assessment_entries(assessment)
    for plan in SupportPlan.objects.visible_to(actor).filter(carer=carer):
        yield from presenters.support_plan_entries(plan)
    for rating in BreakdownRisk.objects.visible_to(actor).filter(carer=carer):
        yield from presenters.breakdown_risk_entries(rating)

"""Changes to assessments. Each writes its audit row in the same transaction."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from carershub.assessments import documents, quality_of_life, selectors, situations
from carershub.assessments.eligibility import Decision
from carershub.assessments.forms import transition_conditions_unmet
from carershub.assessments.models import (
    Assessment,
    BreakdownRisk,
    DocumentLink,
    EligibilityDetermination,
    Method,
    Participants,
    PlanAction,
    PlanService,
    PlanStatus,
    QualityOfLifeScore,
    RiskRating,
    ServiceKind,
    Status,
    SupportPlan,
    Trigger,
)
from carershub.assessments.models.document_link import MAX_FAILED_CHECKS
from carershub.assessments.situations import AssessmentType, Regulation3
from carershub.audit import services as auditor
from carershub.carers.models import Carer, CaringRelationship
from carershub.carers.responsibility import council_for_assessment
from carershub.core.concurrency import EditConflict, write_if_unchanged  # noqa: F401 (raised here, caught by views)
from carershub.core.formats import date
from carershub.events import services as events
from carershub.notifications import services as notifications
from carershub.referrals.models import Referral


def _referral_to_answer(carer):
    """The carer's latest referral whose clock no assessment has answered yet."""
    return (
        Referral.unscoped.filter(
            carer=carer, holding_organisation=carer.holding_organisation, assessments__isnull=True
        )
        .order_by("-received_at")
        .first()
    )


@transaction.atomic
def start_assessment(actor, carer, *, assessment_type, assessor, today=None):
    """Start an assessment of a kind the carer's situation allows (ValidationError otherwise)."""
    assessment_type = AssessmentType(assessment_type)
    reason = situations.refusal(assessment_type, selectors.situation_of(actor, carer, today))
    if reason:
        raise ValidationError(reason)
    if Assessment.unscoped.filter(
        carer=carer, type=assessment_type, status=Status.IN_PROGRESS
    ).exists():
        raise ValidationError(
            f"A {assessment_type.label.lower()} is already in progress for this carer: "
            "continue that one"
        )
    reviews, reviewed_type = None, ""
    if assessment_type == AssessmentType.REVIEW:
        reviews = selectors.reviewable(actor, carer)
        reviewed_type = reviews.kind
    assessment = Assessment.unscoped.create(
        holding_organisation=carer.holding_organisation,
        carer=carer,
        type=assessment_type,
        regulation_3=situations.regulation_3_for(assessment_type, reviewed_type or None),
        reviews=reviews,
        reviewed_type=reviewed_type,
        referral=_referral_to_answer(carer),
        assessor=assessor,
        started_at=timezone.now(),
        started_by=actor.user,
    )
    people = list(
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True).values_list(
            "cared_for_id", flat=True
        )
    )
    assessment.cared_for.set(people)
    _keep_responsible_council(assessment, people)
    auditor.created(actor, assessment)
    events.assessment_changed(assessment)
    return assessment


def _keep_responsible_council(assessment, cared_for_ids):
    """The council responsible for this assessment, from the caring relationships it is about
    (ADR 10).
    """
    council_id = council_for_assessment(assessment.carer, assessment.kind, cared_for_ids)
    if council_id != assessment.responsible_council_id:
        Assessment.unscoped.filter(pk=assessment.pk).update(responsible_council_id=council_id)
        assessment.responsible_council_id = council_id


@transaction.atomic
def carry_forward_at_18(actor, transition, *, assessor, today=None):
    """A carer's assessment (Care Act 2014 s10) made from a completed transition assessment that has
    reached 18, with its answers, for the named assessor to check and decide eligibility on now.

    The transition assessment's "at 18" indication is not a determination; this assessment gets one
    through the ordinary completion (regulation 3, reasons, written advice if not eligible).
    """
    carer = transition.carer
    if selectors.transition_to_carry_forward(actor, carer, today) != transition:
        raise ValidationError(
            "Only a completed transition assessment that has reached 18, and has not been "
            "carried forward already, can be carried forward"
        )
    reason = situations.refusal(
        AssessmentType.ADULT_CARER, selectors.situation_of(actor, carer, today)
    )
    if reason:
        raise ValidationError(reason)
    if Assessment.unscoped.filter(
        carer=carer, type=AssessmentType.ADULT_CARER, status=Status.IN_PROGRESS
    ).exists():
        raise ValidationError(
            "A carer's assessment is already in progress for this carer: continue that one"
        )
    answers = {
        slug: values
        for slug, values in transition.answers.items()
        if slug != "transition-conditions"
    }
    assessment = Assessment.unscoped.create(
        holding_organisation=carer.holding_organisation,
        carer=carer,
        type=AssessmentType.ADULT_CARER,
        regulation_3=Regulation3.APPLIES,
        carried_forward_from=transition,
        assessor=assessor,
        answers=answers,
        sections_done=[slug for slug in transition.sections_done if slug in answers],
        started_at=timezone.now(),
        started_by=actor.user,
    )
    assessment.cared_for.set(list(transition.cared_for.values_list("pk", flat=True)))
    auditor.created(actor, assessment, context={"carried_forward_from": transition.pk})
    events.assessment_changed(assessment)
    return assessment


@transaction.atomic
def save_section(
    actor, assessment, section, *, answers, completed, expected_version, from_carer=False
):
    """Store one section's answers; mark it completed or not. Refused if someone saved since."""
    if not assessment.is_open:
        raise ValidationError("This assessment is no longer in progress, so it cannot be changed")
    current = Assessment.unscoped.select_for_update().get(pk=assessment.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    current.answers = {**current.answers, section.slug: answers}
    done = [slug for slug in current.sections_done if slug != section.slug]
    current.sections_done = done + [section.slug] if completed else done
    from_carer_list = [slug for slug in current.sections_from_carer if slug != section.slug]
    current.sections_from_carer = (
        from_carer_list + [section.slug] if from_carer else from_carer_list
    )
    Assessment.unscoped.filter(pk=current.pk).update(
        answers=current.answers,
        sections_done=current.sections_done,
        sections_from_carer=current.sections_from_carer,
        version=F("version") + 1,
    )
    if section.slug == "caring-role" and answers.get("cared_for") is not None:
        theirs = set(
            CaringRelationship.objects.filter(carer=current.carer_id).values_list(
                "cared_for_id", flat=True
            )
        )
        chosen = {int(pk) for pk in answers["cared_for"] if str(pk).isdigit()} & theirs
        current.cared_for.set(sorted(chosen))
        _keep_responsible_council(current, chosen)
    auditor.updated(actor, current, fields=[f"answers.{section.slug}"])
    current.refresh_from_db()
    events.assessment_changed(current)  # the hours and the council may have changed
    return current


@transaction.atomic
def complete_assessment(
    actor,
    assessment,
    *,
    expected_version,
    decision="",
    reasons="",
    information_and_advice="",
    today=None,
    method="",
    participants="",
):
    """Complete an assessment whose sections are all completed, with the eligibility decision
    where regulation 3 applies (now, or at 18 for a transition assessment), and how it was carried
    out and who took part (the completing page asks; a supported self-assessment is one)."""
    current = Assessment.unscoped.select_for_update().get(pk=assessment.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    if not current.is_open:
        raise ValidationError("This assessment is no longer in progress")
    missing = selectors.missing_sections(current)
    if missing:
        raise ValidationError(
            "Complete every section first: " + ", ".join(s.title.lower() for s in missing)
        )
    unmet = transition_conditions_unmet(current.answers.get("transition-conditions") or {})
    if unmet:
        raise ValidationError(
            "A transition assessment cannot be completed when its conditions are not met ("
            + "; ".join(unmet)
            + "). Cancel it as a refused request: the written reasons "
            "are kept with its answers (Care Act 2014 s60(4) and s63(4))."
        )
    now = timezone.now()
    suggestion = selectors.suggestion_for(current, today)
    if suggestion is not None:
        suggested = suggestion.decision
        if not decision:
            raise ValidationError("Record whether the carer's needs are eligible")
        if decision != suggested and not reasons.strip():
            raise ValidationError("Give reasons for a decision that differs from the suggestion")
        if decision == Decision.NOT_ELIGIBLE and not information_and_advice.strip():
            raise ValidationError(
                "Write the information and advice given about meeting or reducing the carer's "
                "needs before completing with a not-eligible decision (Care Act 2014 s13(5))"
            )
        determination = EligibilityDetermination.objects.create(
            assessment=current,
            at_18=current.regulation_3 == Regulation3.AT_18,
            suggested=suggested,
            suggestion_reasons=list(suggestion.reasons),
            decision=decision,
            reasons=reasons.strip(),
            information_and_advice=information_and_advice.strip()
            if decision == Decision.NOT_ELIGIBLE
            else "",
            decided_by=actor.user,
            decided_at=now,
        )
        auditor.created(actor, determination)
    _record_quality_of_life(actor, current, now)
    _keep_responsible_council(current, list(current.cared_for.values_list("pk", flat=True)))
    if not method and current.type == AssessmentType.SUPPORTED_SELF:
        method = Method.SUPPORTED_SELF
    Assessment.unscoped.filter(pk=current.pk).update(
        status=Status.COMPLETED,
        completed_at=now,
        completed_by=actor.user,
        version=F("version") + 1,
        method=Method(method) if method else "",
        participants=Participants(participants) if participants else "",
    )
    auditor.updated(
        actor, current, fields=["status", "completed_at", "completed_by", "method", "participants"]
    )
    current.refresh_from_db()
    events.assessment_changed(current)
    return current


def _record_quality_of_life(actor, assessment, now):
    """Keep the carer's answers to the six quality-of-life questions as a score
    (ASCOF 1D method).
    """
    answered = assessment.answers.get("quality-of-life") or {}
    if not answered.get("question_set"):
        return None
    positions = {
        domain.value: int(answered[domain.value])
        for domain in quality_of_life.Domain
        if str(answered.get(domain.value) or "").isdigit()
    }
    score = QualityOfLifeScore.unscoped.create(
        holding_organisation=assessment.holding_organisation,
        carer=assessment.carer,
        assessment=assessment,
        question_set_id=answered["question_set"],
        answers=positions,
        total=quality_of_life.total(positions),
        recorded_at=now,
        recorded_by=actor.user,
    )
    auditor.created(actor, score)
    return score


# --- Support plans ------------------------------------------------------------------------------


def latest_review_date(plan_made_on, partnership):
    """The latest a plan's review may be: the partnership's target
    (12 months by default) after it was made.
    """
    return plan_made_on + relativedelta(months=partnership.review_within_months)


@transaction.atomic
def create_plan(actor, assessment):
    """The support plan for a completed assessment (one each),
    as a draft to fill in with the carer.
    """
    if assessment.status != Status.COMPLETED:
        raise ValidationError("Complete the assessment before making its support plan")
    if SupportPlan.unscoped.filter(assessment=assessment).exists():
        raise ValidationError("This assessment already has a support plan")
    plan = SupportPlan.unscoped.create(
        holding_organisation=assessment.holding_organisation,
        carer=assessment.carer,
        assessment=assessment,
        review_due=latest_review_date(
            timezone.localdate(), assessment.holding_organisation.partnership
        ),
        created_at=timezone.now(),
        created_by=actor.user,
        outcomes=assessment.answers.get("what-matters", {}).get("outcomes_wanted") or "",
    )
    auditor.created(actor, plan)
    events.assessment_changed(
        Assessment.unscoped.get(pk=assessment.pk)
    )  # a plan made is the outcome where no eligibility was decided now
    return plan


def _bump(plan, expected_version, **changes):
    if not write_if_unchanged(SupportPlan.unscoped.filter(pk=plan.pk), expected_version, **changes):
        raise EditConflict(SupportPlan.unscoped.get(pk=plan.pk))


@transaction.atomic
def update_plan(
    actor,
    plan,
    *,
    expected_version,
    outcomes,
    contingency,
    review_due,
    review_brought_forward_because="",
):
    """Change the plan's outcomes, contingency arrangements and review date.

    The review is due within the partnership's target after the plan was made (12 months by
    default); an earlier date needs a reason (a change in circumstances), kept beside the date.
    """
    partnership = plan.holding_organisation.partnership
    latest = latest_review_date(timezone.localtime(plan.created_at).date(), partnership)
    if review_due > latest:
        raise ValidationError(
            f"The review must be no later than {latest:%-d %B %Y}, "
            f"{partnership.review_within_months} months after the plan was made"
        )
    if review_due < timezone.localdate():
        raise ValidationError("The review date must be today or in the future")
    reason = review_brought_forward_because.strip()
    if review_due < latest and not reason:
        raise ValidationError(
            f"Say why the review is earlier than {partnership.review_within_months} months "
            "after the plan was made"
        )
    changes = {
        "outcomes": outcomes.strip(),
        "contingency": contingency.strip(),
        "review_due": review_due,
        "review_brought_forward_because": reason if review_due < latest else "",
    }
    _bump(plan, expected_version, **changes)
    auditor.updated(
        actor,
        plan,
        fields=[name for name, value in changes.items() if getattr(plan, name) != value],
    )
    plan.refresh_from_db()
    return plan


@transaction.atomic
def add_action(actor, plan, *, what, who, by_when=None):
    if plan.status == PlanStatus.ENDED:
        raise ValidationError("This plan has ended")
    action = PlanAction.objects.create(
        plan=plan, what=what.strip(), who=who.strip(), by_when=by_when
    )
    SupportPlan.unscoped.filter(pk=plan.pk).update(version=F("version") + 1)
    auditor.created(actor, action)
    return action


@transaction.atomic
def complete_action(actor, action):
    if action.done_at is None:
        PlanAction.objects.filter(pk=action.pk).update(done_at=timezone.now())
        auditor.updated(actor, action, fields=["done_at"])


@transaction.atomic
def add_service(actor, plan, *, kind, details="", provider="", amount=None, frequency=""):
    if plan.status == PlanStatus.ENDED:
        raise ValidationError("This plan has ended")
    if kind in ServiceKind.with_money() and (amount is None or not frequency):
        raise ValidationError(
            "A personal budget or direct payment needs an amount and how often it is paid"
        )
    service = PlanService.objects.create(
        plan=plan,
        kind=kind,
        details=details.strip(),
        provider=provider.strip(),
        amount=amount if kind in ServiceKind.with_money() else None,
        frequency=frequency if kind in ServiceKind.with_money() else "",
    )
    SupportPlan.unscoped.filter(pk=plan.pk).update(version=F("version") + 1)
    auditor.created(actor, service)
    events.plan_services_changed(plan)  # a service added to an agreed plan is counted too
    return service


@transaction.atomic
def agree_plan(actor, plan, *, expected_version):
    """The carer and the worker agree the plan: it needs outcomes and something to do about them."""
    if plan.status != PlanStatus.DRAFT:
        raise ValidationError("This plan has already been agreed")
    if not plan.outcomes.strip():
        raise ValidationError("Add the outcomes the carer wants before agreeing the plan")
    if not plan.actions.exists() and not plan.services.exists():
        raise ValidationError("Add at least one action or service before agreeing the plan")
    _bump(
        plan,
        expected_version,
        status=PlanStatus.AGREED,
        agreed_at=timezone.now(),
        agreed_by=actor.user,
    )
    auditor.updated(actor, plan, fields=["status", "agreed_at", "agreed_by"])
    plan.refresh_from_db()
    events.plan_services_changed(plan)
    return plan


# --- Breakdown risk ------------------------------------------------------------------------------


@transaction.atomic
def record_risk(actor, carer, *, rating, triggers, notes="", suggestion):
    """Record the rating a worker confirmed, beside what the record suggested,
    and make it current.
    """
    rating = RiskRating(rating)
    triggers = sorted({Trigger(t).value for t in triggers})
    risk = BreakdownRisk.unscoped.create(
        holding_organisation=carer.holding_organisation,
        carer=carer,
        rating=rating,
        triggers=triggers,
        suggested_rating=suggestion.rating,
        suggested_triggers=sorted(t.value for t in suggestion.triggers),
        notes=notes.strip(),
        recorded_at=timezone.now(),
        recorded_by=actor.user,
    )
    auditor.created(actor, risk)
    # The carer's current rating, for queues; not an edit of the record,
    # so its version is left alone.
    Carer.unscoped.filter(pk=carer.pk).update(breakdown_risk=rating)
    auditor.updated(actor, carer, fields=["breakdown_risk"])
    return risk


# --- The carer's copy -----------------------------------------------------------------------------

COPY_LINK_DAYS = 14


@transaction.atomic
def send_copy(actor, assessment, *, channel, link_for):
    """Send the carer a secure link to their copy (never the document itself) by email or text.

    ``link_for(token)`` makes the absolute address of the public page for a link's secret. The
    link expires after 14 days and opens only with the carer's date of birth.
    """
    if assessment.status != Status.COMPLETED:
        raise ValidationError("Complete the assessment before sending the carer a copy")
    carer = assessment.carer
    if not carer.date_of_birth:
        raise ValidationError(
            "Record the carer's date of birth first: they confirm it to open the copy"
        )
    recipient = {"email": carer.email, "sms": carer.mobile}.get(channel)
    if not recipient:
        raise ValidationError("There is no email address or mobile number on the record for that")
    token, hashed = documents.new_token()
    now = timezone.now()
    link = DocumentLink.objects.create(
        token_hash=hashed,
        holding_organisation=assessment.holding_organisation,
        carer=carer,
        assessment=assessment,
        channel=channel,
        created_at=now,
        created_by=actor.user,
        expires_at=now + dt.timedelta(days=COPY_LINK_DAYS),
    )
    auditor.created(actor, link, fields=["carer", "assessment", "channel", "expires_at"])
    organisation = assessment.holding_organisation
    personalisation = {
        "assessment": assessment.type_label.lower(),
        "organisation": organisation.name,
        "link": link_for(token),
        "expires": date(timezone.localtime(link.expires_at)),
    }
    if channel == "email":
        personalisation.update(
            name=carer.known_as,
            helpline_phone=organisation.partnership.helpline_phone or organisation.name,
        )
        notifications.send_email(
            to=recipient,
            template="assessment_copy_email",
            personalisation=personalisation,
            actor=actor,
            subject_type="assessments.assessment",
            subject_id=assessment.pk,
        )
    else:
        notifications.send_sms(
            to=recipient,
            template="assessment_copy_sms",
            personalisation=personalisation,
            actor=actor,
            subject_type="assessments.assessment",
            subject_id=assessment.pk,
        )
    return link


def open_copy(token, date_of_birth):
    """(link, pdf bytes) when the secret and the date of birth match; otherwise ValidationError.

    Five wrong dates of birth lock the link. Every opening is audited against the assessment.
    """
    refusal = None
    with (
        transaction.atomic()
    ):  # a wrong date of birth is counted even though the opening is refused
        link = (
            DocumentLink.objects.select_for_update()
            .select_related("assessment__carer")
            .filter(token_hash=documents.token_hash(token))
            .first()
        )
        if link is None or link.revoked_at or link.expires_at <= timezone.now():
            refusal = "This link has expired or is not valid"
        elif link.is_locked:
            refusal = "This link is locked after too many attempts"
        elif date_of_birth != link.assessment.carer.date_of_birth:
            DocumentLink.objects.filter(pk=link.pk).update(failed_checks=F("failed_checks") + 1)
            locked = link.failed_checks + 1 >= MAX_FAILED_CHECKS
            refusal = (
                "This link is locked after too many attempts"
                if locked
                else "The date of birth does not match our records"
            )
        else:
            DocumentLink.objects.filter(pk=link.pk).update(
                times_opened=F("times_opened") + 1, opened_at=timezone.now()
            )
            auditor.record(
                None,
                "export",
                link.assessment,
                fields=["answers", "determination", "plan"],
                context={"via": "carer's secure link", "link": link.pk},
            )
    if refusal:
        raise ValidationError(refusal)
    assessment = documents.assessment_for_copy(link.assessment_id)
    return link, documents.copy_pdf(assessment)


@transaction.atomic
def cancel_assessment(actor, assessment, *, reason, expected_version):
    """Stop an assessment that will not be finished (started in error, or the carer withdrew). Its
    answers are kept; its event ends with no outcome."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Say why the assessment is being cancelled")
    current = Assessment.unscoped.select_for_update().get(pk=assessment.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    if not current.is_open:
        raise ValidationError("Only an assessment in progress can be cancelled")
    Assessment.unscoped.filter(pk=current.pk).update(
        status=Status.CANCELLED, cancelled_reason=reason[:200], version=F("version") + 1
    )
    auditor.updated(actor, current, fields=["status", "cancelled_reason"])
    current.refresh_from_db()
    events.assessment_changed(current)
    return current

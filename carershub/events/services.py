"""Keeping each carer's events in step with the records they describe.

Called by the referral and assessment services in their own transactions, so an event never
exists without its change, nor a change without its event. Each function writes the whole event
again from the record (update or create by ``source``), so calling it twice does no harm.
"""

import datetime as dt

from django.utils import timezone

from carershub.assessments.models import Participants, PlanStatus, ServiceKind, Status
from carershub.assessments.situations import AssessmentType
from carershub.carers import responsibility
from carershub.events import cld
from carershub.events.models import CareEvent
from carershub.referrals.models import Outcome, Source


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def _write(source, **fields):
    event, _ = CareEvent.unscoped.update_or_create(source=source, defaults=fields)
    return event


def referral_changed(referral):
    """A referral is the carer's request for support (Event_Type Request)."""
    source = f"referral:{referral.pk}"
    if referral.outcome == Outcome.DUPLICATE:
        # The carer was already known: the request is theirs under the existing record,
        # not a new one.
        CareEvent.unscoped.filter(source=source).delete()
        return None
    outcome = {
        Outcome.REGISTERED: cld.PROGRESS_TO_ASSESSMENT,
        Outcome.INFORMATION_AND_ADVICE: cld.NFA_INFORMATION,
        Outcome.SIGNPOSTED: cld.NFA_INFORMATION,
        Outcome.DECLINED: cld.NFA_DECLINED,
    }.get(referral.outcome, "")
    carer = referral.carer
    start = _day(referral.received_at)
    return _write(
        source,
        holding_organisation_id=referral.holding_organisation_id,
        carer=carer,
        **(_about_the_carer(carer, start) if carer else {}),
        event_type=cld.EventType.REQUEST,
        event_reference=referral.reference,
        start_date=start,
        end_date=_day(referral.outcome_at),
        outcome=outcome,
        request_route=cld.ROUTE_HOSPITAL_DISCHARGE
        if referral.source == Source.HOSPITAL
        else cld.ROUTE_COMMUNITY,
    )


# Children Act assessments (s17ZA young carer, s17ZD parent carer) and their reviews are not adult
# social care: they are events for the hub's own measures, never rows of the CLD return.
CHILDREN_ACT_KINDS = {"young_carer", "parent_carer"}


def _about_the_carer(carer, on, relationships=None):
    """The carer fields every event carries: the responsible council, hours caring,
    adults cared for.
    """
    relationships = (
        responsibility.relationships_of(carer) if relationships is None else relationships
    )
    adults, linked = responsibility.adults_cared_for(carer, on, relationships)
    return {
        "responsible_council_id": responsibility.council_for_carer(carer, relationships),
        "hours_caring_per_week": carer.hours_per_week,
        "adults_cared_for": adults,
        "linked_person_ids": linked,
    }


def _hours_from(assessment):
    """The hours a week caring, as the assessment's caring role section recorded them (or None)."""
    hours = str((assessment.answers.get("caring-role") or {}).get("hours_per_week") or "")
    return int(hours) if hours.isdigit() else None


def _outcome(assessment, determination):
    """Event_Outcome of a completed assessment or review.

    Only a decision that needs are eligible now (regulation 3) is a determination the outcome can
    follow; with none (a Children Act assessment) or only an indication for 18 (a transition
    assessment), the outcome follows what was done: a support plan made for it is progress to
    support planning; until then the outcome is blank, not assumed.
    """
    if determination is not None and not determination.at_18:
        return (
            cld.PROGRESS_TO_SUPPORT if determination.decision == "eligible" else cld.NFA_INFORMATION
        )
    if getattr(assessment, "plan", None) is not None:
        return cld.PROGRESS_TO_SUPPORT
    return ""


def assessment_changed(assessment):
    """An assessment (Event_Type Assessment) or a review (Event_Type Review), open until completed.

    Eligible_Needs_Identified is Yes or No only from the assessor's decision under regulation 3 now:
    a missing decision, or a transition assessment's "likely to be eligible at 18" (an indication,
    Care Act ss60-64), leaves it blank.
    """
    source = f"assessment:{assessment.pk}"
    if assessment.status == Status.CANCELLED:
        # Never carried out: not an assessment the return counts.
        CareEvent.unscoped.filter(source=source).delete()
        return None
    determination = getattr(assessment, "determination", None) if assessment.completed_at else None
    decided_now = determination is not None and not determination.at_18
    is_review = assessment.type == AssessmentType.REVIEW
    kind = assessment.kind
    start = _day(assessment.started_at)
    carer_fields = _about_the_carer(assessment.carer, start)
    hours = _hours_from(assessment)
    fields = {
        "holding_organisation_id": assessment.holding_organisation_id,
        "carer_id": assessment.carer_id,
        **carer_fields,
        "responsible_council_id": assessment.responsible_council_id
        or carer_fields["responsible_council_id"],
        "hours_caring_per_week": hours
        if hours is not None
        else carer_fields["hours_caring_per_week"],
        "in_cld": kind not in CHILDREN_ACT_KINDS,
        "assessment_kind": kind,
        "event_type": cld.EventType.REVIEW if is_review else cld.EventType.ASSESSMENT,
        "event_reference": assessment.reference,
        "start_date": start,
        "end_date": _day(assessment.completed_at),
        "outcome": _outcome(assessment, determination) if assessment.completed_at else "",
        "eligible_needs_identified": (
            (cld.ELIGIBLE_YES if determination.decision == "eligible" else cld.ELIGIBLE_NO)
            if decided_now
            else ""
        ),
        "how_carried_out": assessment.method,
    }
    if is_review:
        plan_due = (
            getattr(getattr(assessment.reviews, "plan", None), "review_due", None)
            if assessment.reviews_id
            else None
        )
        planned = plan_due is not None and start >= plan_due - dt.timedelta(days=31)
        fields.update(
            review_reason=cld.REVIEW_PLANNED if planned else cld.REVIEW_UNPLANNED_CARER,
            method={
                Participants.CARER_ONLY: cld.METHOD_CARER_ONLY,
                Participants.WITH_CARED_FOR: cld.METHOD_SERVICE_USER_AND_CARER,
            }.get(assessment.participants, ""),
            assessment_type="",
        )
    else:
        # Method_of_Assessment has no known list (cld.UNVERIFIED): blank until it is confirmed.
        fields.update(
            assessment_type=cld.LONG_TERM_ASSESSMENT if fields["in_cld"] else "",
            method="",
            review_reason="",
        )
    return _write(source, **fields)


def plan_services_changed(plan):
    """Each service of an agreed plan that is support direct to the carer (Event_Type Service).

    Information and advice, a passport and an emergency plan are universal services, counted by
    the request's outcome instead; the rest are services with a delivery mechanism. A service
    planned after a Children Act assessment is kept for the hub's own measures, not the return.
    """
    if plan.status != PlanStatus.AGREED:
        return []
    mechanism = {
        ServiceKind.DIRECT_PAYMENT: cld.DIRECT_PAYMENT,
        ServiceKind.PERSONAL_BUDGET: cld.MANAGED_BUDGET,
    }
    component = {
        ServiceKind.DIRECT_PAYMENT: cld.COMPONENT_DIRECT_PAYMENT,
        ServiceKind.BREAK: cld.COMPONENT_RESPITE,
    }
    universal = {
        ServiceKind.INFORMATION_AND_ADVICE,
        ServiceKind.PASSPORT,
        ServiceKind.EMERGENCY_PLAN,
    }
    start = _day(plan.agreed_at)
    assessment = plan.assessment
    carer_fields = _about_the_carer(plan.carer, start)
    carer_fields["responsible_council_id"] = (
        assessment.responsible_council_id or carer_fields["responsible_council_id"]
    )
    kind = assessment.kind
    events = []
    for service in plan.services.all():
        if service.kind in universal:
            continue
        events.append(
            _write(
                f"planservice:{service.pk}",
                holding_organisation_id=plan.holding_organisation_id,
                carer_id=plan.carer_id,
                **carer_fields,
                in_cld=kind not in CHILDREN_ACT_KINDS,
                assessment_kind=kind,
                event_type=cld.EventType.SERVICE,
                event_reference=f"{plan.reference}/{service.pk}",
                start_date=start,
                end_date=None,
                service_type=cld.DIRECT_TO_CARER,
                delivery_mechanism=mechanism.get(service.kind, cld.COMMISSIONED),
                service_component=component.get(service.kind, ""),
                unit_cost=service.amount,
                # Unit cost and how often apart: the cost of one payment, and payments a week. The
                # CLD name for how often has no known list (cld.UNVERIFIED), so the hub keeps its
                # own.
                cost_frequency="",
                payment_frequency=service.frequency,
                planned_units_per_week=cld.PAYMENTS_A_WEEK.get(service.frequency),
            )
        )
    return events

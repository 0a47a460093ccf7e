"""Keeping each carer's events in step with the records they describe.

Called by the referral and assessment services in their own transactions, so an event never
exists without its change, nor a change without its event. Each function writes the whole event
again from the record (update or create by ``source``), so calling it twice does no harm.
"""

import datetime as dt

from django.utils import timezone

from carershub.events import cld
from carershub.events.models import CareEvent


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


def _write(source, **fields):
    event, _ = CareEvent.unscoped.update_or_create(source=source, defaults=fields)
    return event


def referral_changed(referral):
    """A referral is the carer's request for support (Event_Type Request)."""
    from carershub.referrals.models import Outcome, Source

    source = f"referral:{referral.pk}"
    if referral.outcome == Outcome.DUPLICATE:
        # The carer was already known: the request is theirs under the existing record, not a new one.
        CareEvent.unscoped.filter(source=source).delete()
        return None
    outcome = {
        Outcome.REGISTERED: cld.PROGRESS_TO_ASSESSMENT,
        Outcome.INFORMATION_AND_ADVICE: cld.NFA_INFORMATION,
        Outcome.SIGNPOSTED: cld.NFA_INFORMATION,
        Outcome.DECLINED: cld.NFA_DECLINED,
    }.get(referral.outcome, "")
    carer = referral.carer
    return _write(
        source,
        holding_organisation_id=referral.holding_organisation_id, carer=carer,
        responsible_council_id=carer.responsible_council_id if carer else None,
        event_type=cld.EventType.REQUEST, event_reference=referral.reference,
        start_date=_day(referral.received_at), end_date=_day(referral.outcome_at), outcome=outcome,
        request_route=cld.ROUTE_HOSPITAL_DISCHARGE if referral.source == Source.HOSPITAL else cld.ROUTE_COMMUNITY,
    )


def assessment_changed(assessment):
    """An assessment (Event_Type Assessment) or a review (Event_Type Review), open until completed."""
    from carershub.assessments.models import Status
    from carershub.assessments.situations import AssessmentType

    if assessment.status == Status.CANCELLED:
        # Never carried out: not an assessment the return counts.
        CareEvent.unscoped.filter(source=f"assessment:{assessment.pk}").delete()
        return None
    determination = getattr(assessment, "determination", None) if assessment.completed_at else None
    outcome = ""
    if assessment.completed_at:
        eligible = determination is None or determination.decision == "eligible"
        outcome = cld.PROGRESS_TO_SUPPORT if eligible else cld.NFA_INFORMATION
    is_review = assessment.type == AssessmentType.REVIEW
    fields = {
        "holding_organisation_id": assessment.holding_organisation_id, "carer_id": assessment.carer_id,
        "responsible_council_id": assessment.carer.responsible_council_id,
        "event_type": cld.EventType.REVIEW if is_review else cld.EventType.ASSESSMENT,
        "event_reference": assessment.reference, "start_date": _day(assessment.started_at),
        "end_date": _day(assessment.completed_at), "outcome": outcome,
        "eligible_needs_identified": ({"eligible": "Yes", "not_eligible": "No"}[determination.decision]
                                      if determination else ""),
    }
    if is_review:
        plan_due = getattr(getattr(assessment.reviews, "plan", None), "review_due", None) if assessment.reviews_id else None
        planned = plan_due is not None and _day(assessment.started_at) >= plan_due - dt.timedelta(days=31)
        fields.update(review_reason=cld.REVIEW_PLANNED if planned else cld.REVIEW_UNPLANNED_CARER,
                      method=cld.METHOD_CARER_ONLY)
    else:
        fields.update(assessment_type=cld.LONG_TERM_ASSESSMENT)
    return _write(f"assessment:{assessment.pk}", **fields)


def plan_services_changed(plan):
    """Each service of an agreed plan that is support direct to the carer (Event_Type Service).

    Information and advice, a passport and an emergency plan are universal services, counted by
    the request's outcome instead; the rest are services with a delivery mechanism.
    """
    from carershub.assessments.models import PlanStatus, ServiceKind

    if plan.status != PlanStatus.AGREED:
        return []
    mechanism = {ServiceKind.DIRECT_PAYMENT: cld.DIRECT_PAYMENT, ServiceKind.PERSONAL_BUDGET: cld.MANAGED_BUDGET}
    component = {ServiceKind.DIRECT_PAYMENT: cld.COMPONENT_DIRECT_PAYMENT, ServiceKind.BREAK: cld.COMPONENT_RESPITE}
    universal = {ServiceKind.INFORMATION_AND_ADVICE, ServiceKind.PASSPORT, ServiceKind.EMERGENCY_PLAN}
    events = []
    for service in plan.services.all():
        if service.kind in universal:
            continue
        events.append(_write(
            f"planservice:{service.pk}",
            holding_organisation_id=plan.holding_organisation_id, carer_id=plan.carer_id,
            responsible_council_id=plan.carer.responsible_council_id, event_type=cld.EventType.SERVICE,
            event_reference=f"{plan.reference}/{service.pk}", start_date=_day(plan.agreed_at), end_date=None,
            service_type=cld.DIRECT_TO_CARER, delivery_mechanism=mechanism.get(service.kind, cld.COMMISSIONED),
            service_component=component.get(service.kind, ""), unit_cost=service.amount,
            cost_frequency=service.get_frequency_display() if service.frequency else "",
        ))
    return events

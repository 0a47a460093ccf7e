"""Reads for emergency plan pages, and for other pages that list a carer's plans."""

from django.db.models import OuterRef, Subquery

from carershub.accounts.permissions import can
from carershub.carers.models import CaringRelationship
from carershub.emergency_plans import presenters
from carershub.emergency_plans.models import EmergencyPlan, PlanStatus


def emergency_plans_of(actor, carer):
    """The carer's emergency plans the actor may see, newest first, with the person each covers.

    For the carer's record page (through ``record_panel``). Like the other panels there, it
    writes no audit row itself: the panel names the plans in its ``reads`` and
    ``CarerRecordPage`` records them (fields: ``EmergencyPlanPresenter.LIST_FIELDS``).
    """
    return list(
        EmergencyPlan.objects.visible_to(actor)
        .filter(carer=carer)
        .select_related("cared_for")
        .order_by("-created_at", "-pk")
    )


def plans_visible_to(actor):
    """The plans the actor may see, each with its carer, person cared for and contacts.

    Who the person cared for is to the carer comes with each plan as ``caring_relationship`` (a
    ``Relationship`` value, None if the relationship has gone), so the page needs no query per
    contact or per person.
    """
    return (
        EmergencyPlan.objects.visible_to(actor)
        .select_related(
            "carer", "cared_for", "created_by", "updated_by", "consent_recorded_by", "ended_by"
        )
        .prefetch_related("contacts")
        .annotate(
            caring_relationship=Subquery(
                CaringRelationship.objects.filter(
                    carer=OuterRef("carer_id"), cared_for=OuterRef("cared_for_id")
                )
                .order_by("pk")
                .values("relationship")[:1]
            )
        )
    )


def people_cared_for(actor, carer):
    """For starting a plan: the carer's current caring relationships, each with the open plan
    (draft or active) that already covers that person, or None."""
    relationships = list(
        CaringRelationship.objects.filter(carer=carer, ended_on__isnull=True)
        .select_related("cared_for")
        .order_by("created_at", "pk")
    )
    open_plans = {
        plan.cared_for_id: plan
        for plan in EmergencyPlan.objects.visible_to(actor)
        .filter(carer=carer)
        .exclude(status=PlanStatus.ENDED)
    }
    return [(rel, open_plans.get(rel.cared_for_id)) for rel in relationships]


def record_panel(actor, carer):
    """The carer's emergency plans on their record, for those who may see them."""
    if not can(actor, "emergency_plans.view_plan", carer):
        return None
    may_start = can(actor, "emergency_plans.edit_plan", carer) and not carer.merged_into_id
    plans = emergency_plans_of(actor, carer)
    return presenters.emergency_plans_panel(carer, plans, may_start=may_start)


def record_alerts(actor, carer):
    """An alert for each active emergency plan, for those who may see plans (the panel lists and
    audits the same plans for the same people)."""
    if not can(actor, "emergency_plans.view_plan", carer):
        return []
    plans = (
        EmergencyPlan.objects.visible_to(actor)
        .filter(carer=carer, status=PlanStatus.ACTIVE)
        .select_related("cared_for")
        .order_by("-created_at", "-pk")
    )
    return presenters.plan_alerts(plans)


def timeline_entries(actor, carer):
    for plan in (
        EmergencyPlan.objects.visible_to(actor).filter(carer=carer).select_related("cared_for")
    ):
        yield from presenters.plan_entries(plan)

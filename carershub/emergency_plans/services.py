"""Changes to emergency plans. Each writes its audit row in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from carershub.audit import services as auditor
from carershub.carers.models import CaringRelationship
from carershub.core.concurrency import EditConflict, write_if_unchanged  # noqa: F401 (raised here, caught by views)
from carershub.core.phone_numbers import normalise_phone_number
from carershub.emergency_plans.models import EmergencyContact, EmergencyPlan, PlanStatus

NEEDS_FIELDS = [
    "medication",
    "routines",
    "communication",
    "mobility",
    "other_needs",
    "replacement_care",
    "reviewed_on",
]


def _refuse_if_ended(plan):
    if plan.status == PlanStatus.ENDED:
        raise ValidationError("This plan has ended, so it cannot be changed")


def _bump(actor, plan, expected_version=None, **changes):
    """Write the changes and raise the version; with ``expected_version``,
    only if nobody saved since.
    """
    rows = EmergencyPlan.unscoped.filter(pk=plan.pk)
    if not write_if_unchanged(
        rows, expected_version, **changes, updated_at=timezone.now(), updated_by=actor.user
    ):
        raise EditConflict(EmergencyPlan.unscoped.get(pk=plan.pk))


def open_plan_for(carer, cared_for):
    """The carer's draft or active plan for this person, if there is one."""
    return (
        EmergencyPlan.unscoped.exclude(status=PlanStatus.ENDED)
        .filter(carer=carer, cared_for=cared_for)
        .first()
    )


@transaction.atomic
def start_plan(actor, carer, *, cared_for):
    """A draft plan for one person the carer looks after now (one open plan per person)."""
    if carer.merged_into_id:
        raise ValidationError("This record was merged into another: make the plan on that one")
    cares_now = CaringRelationship.objects.filter(
        carer=carer, cared_for=cared_for, ended_on__isnull=True
    ).exists()
    if not cares_now:
        raise ValidationError("Select someone the carer looks after now")
    if open_plan_for(carer, cared_for) is not None:
        raise ValidationError(
            f"There is already an emergency plan for {cared_for.full_name}: change that one"
        )
    now = timezone.now()
    try:
        with transaction.atomic():
            plan = EmergencyPlan.unscoped.create(
                holding_organisation=carer.holding_organisation,
                carer=carer,
                cared_for=cared_for,
                created_at=now,
                created_by=actor.user,
                updated_at=now,
                updated_by=actor.user,
            )
    except IntegrityError as clash:  # started by someone else a moment ago
        raise ValidationError(
            f"There is already an emergency plan for {cared_for.full_name}: change that one"
        ) from clash
    auditor.created(actor, plan)
    return plan


@transaction.atomic
def update_needs(
    actor,
    plan,
    *,
    expected_version,
    medication="",
    routines="",
    communication="",
    mobility="",
    other_needs="",
    replacement_care="",
    reviewed_on=None,
):
    """Change what the person cared for needs and who steps in. Refused if someone saved since."""
    _refuse_if_ended(plan)
    if reviewed_on is not None and reviewed_on > timezone.localdate():
        raise ValidationError(
            "The date the plan was gone through with the carer must be today or in the past"
        )
    current = EmergencyPlan.unscoped.select_for_update().get(pk=plan.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    changes = {
        "medication": medication.strip(),
        "routines": routines.strip(),
        "communication": communication.strip(),
        "mobility": mobility.strip(),
        "other_needs": other_needs.strip(),
        "replacement_care": replacement_care.strip(),
        "reviewed_on": reviewed_on,
    }
    _bump(actor, current, expected_version, **changes)
    auditor.updated(
        actor,
        current,
        fields=[name for name, value in changes.items() if getattr(current, name) != value],
    )
    current.refresh_from_db()
    return current


@transaction.atomic
def add_contact(
    actor, plan, *, name, relationship, phone, alternative_phone="", can_hold_keys=False
):
    """Add someone to call, after those already named."""
    _refuse_if_ended(plan)
    name, relationship = name.strip(), relationship.strip()
    if not name:
        raise ValidationError("Enter the contact's name")
    phone = normalise_phone_number(phone)
    alternative_phone = (
        normalise_phone_number(alternative_phone) if alternative_phone.strip() else ""
    )
    last = EmergencyContact.unscoped.filter(plan=plan).aggregate(last=Max("order"))["last"] or 0
    contact = EmergencyContact.unscoped.create(
        plan=plan,
        name=name,
        relationship=relationship,
        phone=phone,
        alternative_phone=alternative_phone,
        can_hold_keys=bool(can_hold_keys),
        order=last + 1,
    )
    _bump(actor, plan)
    auditor.created(actor, contact)
    return contact


@transaction.atomic
def remove_contact(actor, contact):
    """Remove an emergency contact; an active plan keeps at least one."""
    plan = EmergencyPlan.unscoped.select_for_update().get(pk=contact.plan_id)
    _refuse_if_ended(plan)
    others = EmergencyContact.unscoped.filter(plan=plan).exclude(pk=contact.pk)
    if plan.status == PlanStatus.ACTIVE and not others.exists():
        raise ValidationError(
            "An active plan needs at least one emergency contact: add another one first"
        )
    auditor.deleted(actor, contact)
    contact.delete()
    _bump(actor, plan)


@transaction.atomic
def record_consent(actor, plan, *, agrees):
    """Record whether the carer agrees the plan may be used in an emergency.

    Without agreement an active plan cannot stay active: it goes back to draft, so that nobody
    uses it until the carer agrees again.
    """
    _refuse_if_ended(plan)
    current = EmergencyPlan.unscoped.select_for_update().get(pk=plan.pk)
    changes = {
        "consent_to_use": bool(agrees),
        "consent_recorded_at": timezone.now(),
        "consent_recorded_by": actor.user,
    }
    if not agrees and current.status == PlanStatus.ACTIVE:
        changes["status"] = PlanStatus.DRAFT
    _bump(actor, current, **changes)
    auditor.updated(actor, current, fields=list(changes))
    current.refresh_from_db()
    return current


@transaction.atomic
def make_active(actor, plan, *, expected_version):
    """Make a draft plan the one to use: it needs the carer's agreement and someone to call."""
    current = EmergencyPlan.unscoped.select_for_update().get(pk=plan.pk)
    if current.version != expected_version:
        raise EditConflict(current)
    if current.status != PlanStatus.DRAFT:
        raise ValidationError("Only a draft plan can be made active")
    problems = current.activation_problems()
    if problems:
        raise ValidationError(problems)
    _bump(actor, current, expected_version, status=PlanStatus.ACTIVE)
    auditor.updated(actor, current, fields=["status"])
    current.refresh_from_db()
    return current


@transaction.atomic
def end_plan(actor, plan, *, reason):
    """End a plan that is no longer needed or is being replaced. An ended plan is kept,
    unchanged.
    """
    _refuse_if_ended(plan)
    reason = reason.strip()
    if not reason:
        raise ValidationError("Enter why the plan is ending")
    _bump(
        actor,
        plan,
        status=PlanStatus.ENDED,
        ended_at=timezone.now(),
        ended_by=actor.user,
        ended_reason=reason,
    )
    auditor.updated(actor, plan, fields=["status", "ended_at", "ended_by", "ended_reason"])
    plan.refresh_from_db()
    return plan

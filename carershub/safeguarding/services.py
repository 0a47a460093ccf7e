"""Changes to safeguarding concerns: raising one (and telling the managers) and deciding on it."""

from django.core.exceptions import ValidationError
from django.db import transaction

from carershub.accounts.models import Role, User
from carershub.audit import services as auditor
from carershub.notifications import services as notifications
from carershub.safeguarding.models import Concern, ConcernDecision, Decision


def safeguarding_leads(organisation):
    """Who is told about a new concern: the hub managers of the organisation holding the record."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role=Role.HUB_MANAGER,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


@transaction.atomic
def raise_concern(actor, carer, *, what_happened, category, at_risk, immediate_risk):
    """Record a concern on a carer's record and email the safeguarding leads.

    The email carries the concern's reference and nothing else about anyone: email is not a safe
    place for what happened, and a lead reads it after signing in (where reading it is audited).
    """
    concern = Concern.unscoped.create(
        carer=carer,
        holding_organisation=carer.holding_organisation,
        what_happened=what_happened,
        category=category,
        at_risk=at_risk,
        immediate_risk=immediate_risk,
        raised_by=actor.user,
    )
    auditor.created(
        actor,
        concern,
        fields=["carer", "what_happened", "category", "at_risk", "immediate_risk", "raised_by"],
    )
    for lead in safeguarding_leads(carer.holding_organisation):
        notifications.send_email(
            to=lead.email,
            template="safeguarding_concern_raised",
            personalisation={
                "reference": concern.reference,
                "urgency": "It says someone is at immediate risk. " if immediate_risk else "",
            },
            actor=actor,
            subject_type="safeguarding.concern",
            subject_id=concern.pk,
        )
    return concern


@transaction.atomic
def decide(actor, concern, *, decision, referral_reference="", referred_on=None, reasons=""):
    """Record a manager's decision; the concern's status follows from it. Earlier decisions stay."""
    decision = Decision(decision)
    errors = {}
    if decision in (Decision.REFERRED_ADULTS, Decision.REFERRED_CHILDREN):
        if not referral_reference.strip():
            errors["referral_reference"] = "Enter the council's reference for the referral"
        if referred_on is None:
            errors["referred_on"] = "Enter the date of the referral"
    elif not reasons.strip():
        errors["reasons"] = "Enter the reasons for the decision"
    if errors:
        raise ValidationError(errors)
    record = ConcernDecision.objects.create(
        concern=concern,
        decision=decision,
        referral_reference=referral_reference.strip(),
        referred_on=referred_on,
        reasons=reasons.strip(),
        decided_by=actor.user,
    )
    auditor.created(
        actor,
        record,
        fields=[
            "concern",
            "decision",
            "referral_reference",
            "referred_on",
            "reasons",
            "decided_by",
        ],
    )
    if concern.status != decision.status:
        Concern.unscoped.filter(pk=concern.pk).update(status=decision.status)
        concern.status = decision.status
        auditor.updated(actor, concern, fields=["status"])
    return record

"""Changes to referrals: arrive, allocate, first contact, triage. Each is audited."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carershub.audit import services as auditor
from carershub.carers import services as carer_services
from carershub.core.concurrency import write_if_unchanged
from carershub.core.working_days import add_working_days
from carershub.events import services as events
from carershub.referrals.models import (
    CLOSED_WITHOUT_ASSESSMENT,
    AssessmentOffer,
    OfferResponse,
    Outcome,
    Referral,
    ReopenReason,
    Status,
)

# Said wherever closing is refused for want of an offer: the duty, and where it comes from.
OFFER_NEEDED = (
    "Record that a carer's assessment was offered and whether it was accepted or refused before "
    "closing the referral without one (Care Act 2014 s10 and s11; "
    "Children Act 1989 s17ZA and s17ZD)"
)


class StaleReferral(Exception):
    """Someone else changed the referral since this page was opened."""


def clocks_for(partnership, received_at):
    """(first contact due, assessment due) for a referral received at that moment."""
    received = timezone.localdate(received_at)
    return (
        add_working_days(received, partnership.first_contact_working_days),
        received + dt.timedelta(days=partnership.assessment_start_days),
    )


@transaction.atomic
def make_referral(
    actor,
    *,
    hub,
    source,
    given_name,
    family_name,
    referring_organisation=None,
    received_at=None,
    urgency="routine",
    date_of_birth=None,
    email="",
    phone="",
    postcode="",
    cares_for="",
    agreed_to_referral=False,
    **about,
):
    """A referral arrives in the hub's queue, with its clocks started.

    ``about`` holds what only some referrers are asked (who is cared for, whether it is safe to
    phone, text or leave a voicemail, language and interpreter), named as the model's fields."""
    received_at = received_at or timezone.now()
    first_contact_due, assessment_due = clocks_for(hub.partnership, received_at)
    referral = Referral.unscoped.create(
        holding_organisation=hub,
        source=source,
        referring_organisation=referring_organisation,
        referred_by=actor.user if actor is not None and actor.is_authenticated else None,
        received_at=received_at,
        urgency=urgency,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        email=email,
        phone=phone,
        postcode=postcode,
        cares_for=cares_for,
        agreed_to_referral=agreed_to_referral,
        **about,
        first_contact_due=first_contact_due,
        assessment_due=assessment_due,
    )
    auditor.created(actor, referral, context={"source": source})
    events.referral_changed(referral)
    return referral


def _change(actor, referral, expected_version, fields, **values):
    if not write_if_unchanged(Referral.unscoped.filter(pk=referral.pk), expected_version, **values):
        raise StaleReferral
    auditor.updated(actor, referral, fields=fields)
    referral.refresh_from_db()
    return referral


@transaction.atomic
def allocate(actor, referral, worker, *, expected_version):
    status = referral.status if referral.status != Status.NEW else Status.ALLOCATED
    return _change(
        actor,
        referral,
        expected_version,
        ["allocated_to", "status"],
        allocated_to=worker,
        status=status,
    )


@transaction.atomic
def record_first_contact(actor, referral, *, contacted_at, expected_version):
    if contacted_at < referral.received_at:
        raise ValidationError(
            {"contacted_on": "The date of first contact must be on or after the referral arrived"}
        )
    return _change(
        actor,
        referral,
        expected_version,
        ["first_contact_at", "status"],
        first_contact_at=contacted_at,
        status=Status.IN_CONTACT,
    )


def _check_offer(outcome, offer):
    """The offer of an assessment, checked: required when closing without an assessment."""
    if outcome not in CLOSED_WITHOUT_ASSESSMENT:
        return None
    if not offer or offer.get("response") not in OfferResponse.values:
        raise ValidationError({"assessment_offer": OFFER_NEEDED})
    errors = {}
    if not offer.get("offered_on"):
        errors["offered_on"] = "Enter the date the assessment was offered"
    if offer["response"] == OfferResponse.REFUSED and not offer.get("refused_by"):
        errors["refused_by"] = "Select who refused the assessment"
    if errors:
        raise ValidationError(errors)
    return offer


@transaction.atomic
def triage(actor, referral, *, outcome, expected_version, duplicate_of=None, offer=None):
    """Close the referral with an outcome. "Registered" puts the carer on the register.

    Closing as information and advice only, signposted or declined needs ``offer``: {"response":
    "accepted" or "refused", "offered_on": date, "refused_by": who, when refused}.
    """
    offer = _check_offer(outcome, offer)
    carer = None
    if outcome == Outcome.REGISTERED:
        carer = carer_services.register_carer(
            actor,
            given_name=referral.given_name,
            family_name=referral.family_name,
            date_of_birth=referral.date_of_birth,
            postcode=referral.postcode,
        )
        if referral.email or referral.phone:
            carer_services.update_carer(
                actor,
                carer,
                expected_version=carer.version,
                changes={"email": referral.email, "phone": referral.phone},
            )
    elif outcome == Outcome.DUPLICATE:
        if duplicate_of is None:
            raise ValidationError(
                {"duplicate_of": "Enter the reference of the carer already registered"}
            )
        carer = duplicate_of
    referral = _change(
        actor,
        referral,
        expected_version,
        ["outcome", "outcome_at", "outcome_by", "status", "carer"],
        outcome=outcome,
        outcome_at=timezone.now(),
        outcome_by=actor.user,
        status=Status.TRIAGED,
        carer=carer,
    )
    if offer is not None:
        recorded = AssessmentOffer.objects.create(
            referral=referral,
            response=offer["response"],
            offered_on=offer["offered_on"],
            refused_by=offer.get("refused_by", "")
            if offer["response"] == OfferResponse.REFUSED
            else "",
            recorded_at=timezone.now(),
            recorded_by=actor.user,
        )
        auditor.created(actor, recorded, context={"referral": referral.pk})
    events.referral_changed(referral)
    return referral


@transaction.atomic
def reopen(actor, referral, *, because, expected_version):
    """Open again a referral closed without an assessment, because the carer asked for one or their
    circumstances changed (Care Act 2014 s11): its assessment clock starts again today."""
    if because not in ReopenReason.values:
        raise ValidationError({"because": "Select why the referral is being reopened"})
    if referral.status != Status.TRIAGED or referral.outcome not in CLOSED_WITHOUT_ASSESSMENT:
        raise ValidationError(
            {"because": "Only a referral closed without an assessment can be reopened"}
        )
    if referral.first_contact_at:
        status = Status.IN_CONTACT
    else:
        status = Status.ALLOCATED if referral.allocated_to_id else Status.NEW
    now = timezone.now()
    _, assessment_due = clocks_for(referral.holding_organisation.partnership, now)
    referral = _change(
        actor,
        referral,
        expected_version,
        [
            "status",
            "outcome",
            "outcome_at",
            "outcome_by",
            "assessment_due",
            "reopened_at",
            "reopened_because",
            "reopened_by",
        ],
        status=status,
        outcome="",
        outcome_at=None,
        outcome_by=None,
        assessment_due=assessment_due,
        reopened_at=now,
        reopened_because=because,
        reopened_by=actor.user,
    )
    events.referral_changed(referral)
    return referral

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
from carershub.referrals.models import Outcome, Referral, Status


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
def make_referral(actor, *, hub, source, given_name, family_name, referring_organisation=None, received_at=None,
                  urgency="routine", date_of_birth=None, email="", phone="", postcode="", cares_for="",
                  agreed_to_referral=False):
    """A referral arrives in the hub's queue, with its clocks started."""
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
    return _change(actor, referral, expected_version, ["allocated_to", "status"], allocated_to=worker, status=status)


@transaction.atomic
def record_first_contact(actor, referral, *, contacted_at, expected_version):
    if contacted_at < referral.received_at:
        raise ValidationError({"contacted_on": "The date of first contact must be on or after the referral arrived"})
    return _change(
        actor, referral, expected_version, ["first_contact_at", "status"],
        first_contact_at=contacted_at, status=Status.IN_CONTACT,
    )


@transaction.atomic
def triage(actor, referral, *, outcome, expected_version, duplicate_of=None):
    """Close the referral with an outcome. "Registered" puts the carer on the register."""
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
                actor, carer, expected_version=carer.version, changes={"email": referral.email, "phone": referral.phone}
            )
    elif outcome == Outcome.DUPLICATE:
        if duplicate_of is None:
            raise ValidationError({"duplicate_of": "Enter the reference of the carer already registered"})
        carer = duplicate_of
    referral = _change(
        actor, referral, expected_version, ["outcome", "outcome_at", "outcome_by", "status", "carer"],
        outcome=outcome, outcome_at=timezone.now(), outcome_by=actor.user, status=Status.TRIAGED, carer=carer,
    )
    events.referral_changed(referral)
    return referral

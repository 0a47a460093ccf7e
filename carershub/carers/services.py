"""Changes to the register. Each change writes its audit row in the same transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carershub.accounts.models import Role, User
from carershub.audit import services as auditor
from carershub.carers.models import (
    CaredForPerson,
    Carer,
    CaringRelationship,
    ConsentToShare,
    Contact,
    EqualityMonitoring,
)
from carershub.carers.models.consent import LawfulBasis
from carershub.carers.rules import age_on, consent_problem
from carershub.core.concurrency import EditConflict, write_if_unchanged  # noqa: F401 (raised here, caught by views)
from carershub.core.formats import moment_on
from carershub.notifications import services as notifications
from carershub.partnerships.selectors import sole_council
from carershub.search.services import SEARCHED_FIELDS, index_carers

DEFAULT_LAWFUL_BASIS = LawfulBasis.PUBLIC_TASK


@transaction.atomic
def register_carer(
    actor,
    *,
    given_name,
    family_name,
    date_of_birth=None,
    postcode="",
    nhs_number="",
    preferred_name="",
    lawful_basis=DEFAULT_LAWFUL_BASIS,
):
    carer = Carer.unscoped.create(
        holding_organisation=actor.organisation,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        preferred_name=preferred_name.strip(),
        date_of_birth=date_of_birth,
        postcode=postcode,
        nhs_number=nhs_number,
        lawful_basis=lawful_basis,
    )
    auditor.created(actor, carer)
    index_carers([carer.pk])
    return carer


@transaction.atomic
def update_carer(actor, carer, *, expected_version, changes):
    """Save changed fields only if nobody else has saved since ``expected_version`` was read.

    The check and the write are one UPDATE ... WHERE version = n, so two people saving at once
    cannot both win: the second gets EditConflict with the record as it now is.
    """
    changed = {name: value for name, value in changes.items() if getattr(carer, name) != value}
    if not changed:
        if carer.version != expected_version:
            raise EditConflict(Carer.unscoped.get(pk=carer.pk))
        return carer
    if "status" in changed:
        changed["closed_at"] = timezone.now() if changed["status"] == "closed" else None
    if not write_if_unchanged(
        Carer.unscoped.filter(pk=carer.pk), expected_version, **changed, updated_at=timezone.now()
    ):
        raise EditConflict(Carer.unscoped.get(pk=carer.pk))
    auditor.updated(actor, carer, fields=list(changed))
    if SEARCHED_FIELDS.intersection(changed):
        index_carers([carer.pk])
    carer.refresh_from_db()
    return carer


@transaction.atomic
def update_equality(actor, carer, answers):
    record, _ = EqualityMonitoring.objects.get_or_create(carer=carer)
    changed = [name for name, value in answers.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, answers[name])
    if changed:
        record.save()
        auditor.updated(actor, record, fields=changed)
    return record


@transaction.atomic
def add_cared_for_person(
    actor,
    carer,
    *,
    given_name,
    family_name,
    relationship,
    lives_together,
    date_of_birth=None,
    nhs_number="",
    conditions=(),
    parental_responsibility=None,
    responsible_council=None,
    council_person_id="",
):
    person = CaredForPerson.unscoped.create(
        holding_organisation=carer.holding_organisation,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        nhs_number=nhs_number,
        conditions=list(conditions),
        council_person_id=council_person_id.strip(),
    )
    auditor.created(actor, person)
    link = CaringRelationship.objects.create(
        carer=carer,
        cared_for=person,
        relationship=relationship,
        lives_together=lives_together,
        parental_responsibility=parental_responsibility,
        is_main_carer=not CaringRelationship.objects.filter(cared_for=person).exists(),
        responsible_council=_council_or_default(carer, responsible_council),
    )
    auditor.created(
        actor,
        link,
        fields=[
            "carer",
            "cared_for",
            "relationship",
            "lives_together",
            "parental_responsibility",
            "responsible_council",
        ],
    )
    return person


def _council_or_default(carer, council):
    """The council chosen, or the partnership's only council when none was (ADR 10)."""
    return council if council is not None else sole_council(carer.holding_organisation.partnership)


@transaction.atomic
def change_responsible_council(actor, relationship, council):
    """Record which council is responsible for one caring relationship (None: not known)."""
    if relationship.responsible_council_id == (council.pk if council else None):
        return relationship
    relationship.responsible_council = council
    relationship.save(update_fields=["responsible_council"])
    auditor.updated(actor, relationship, fields=["responsible_council"])
    return relationship


@transaction.atomic
def link_cared_for_person(
    actor,
    carer,
    person,
    *,
    relationship,
    lives_together,
    parental_responsibility=None,
    responsible_council=None,
):
    """Record that this carer also cares for someone already on the register."""
    if CaringRelationship.objects.filter(carer=carer, cared_for=person).exists():
        raise ValidationError("They already care for this person")
    link = CaringRelationship.objects.create(
        carer=carer,
        cared_for=person,
        relationship=relationship,
        lives_together=lives_together,
        is_main_carer=False,
        parental_responsibility=parental_responsibility,
        responsible_council=_council_or_default(carer, responsible_council),
    )
    auditor.created(
        actor,
        link,
        fields=[
            "carer",
            "cared_for",
            "relationship",
            "lives_together",
            "parental_responsibility",
            "responsible_council",
        ],
    )
    return link


@transaction.atomic
def record_consent(
    actor,
    carer,
    *,
    organisation,
    purposes,
    competence,
    given_by,
    given_on,
    given_by_name="",
    ends_on=None,
):
    """Record consent to share with one organisation. Refuses consent the law would not accept."""
    age = age_on(carer.date_of_birth, given_on) if carer.date_of_birth else None
    problem = consent_problem(age, competence, given_by)
    if problem:
        field, message = problem
        raise ValidationError({field: message})
    if ends_on is not None and ends_on < given_on:
        raise ValidationError(
            {"ends_on": "The end date must be the same as or after the date given"}
        )
    consent = ConsentToShare.objects.create(
        carer=carer,
        organisation=organisation,
        purposes=list(purposes),
        competence=competence,
        given_by=given_by,
        given_by_name=given_by_name.strip() if given_by == "parental_responsibility" else "",
        given_on=given_on,
        ends_on=ends_on,
        recorded_by=actor.user,
    )
    auditor.created(
        actor,
        consent,
        fields=[
            "carer",
            "organisation",
            "purposes",
            "competence",
            "given_by",
            "given_on",
            "ends_on",
        ],
    )
    return consent


@transaction.atomic
def withdraw_consent(actor, consent):
    """Withdraw consent: from this moment the organisation sees nothing of the record."""
    updated = ConsentToShare.objects.filter(pk=consent.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(), withdrawn_by=actor.user
    )
    if updated:
        auditor.updated(actor, consent, fields=["withdrawn_at", "withdrawn_by"])
    consent.refresh_from_db()
    return consent


class PurposeNotInForce(Exception):
    """The consent is not in force, or does not cover the purpose to withdraw."""


@transaction.atomic
def withdraw_purpose(actor, consent, purpose):
    """Withdraw one purpose: the organisation keeps the others, from this moment on.

    The consent row is withdrawn and a new row with the remaining purposes takes over from it, so
    the history shows what was agreed and when it changed. Withdrawing the last purpose withdraws
    the consent. Returns the consent now in force for the organisation, or None.
    """
    consent = ConsentToShare.objects.select_for_update().get(pk=consent.pk)
    if not consent.is_active or purpose not in consent.purposes:
        raise PurposeNotInForce(f"Consent {consent.pk} does not cover {purpose} today")
    remaining = [p for p in consent.purposes if p != purpose]
    withdraw_consent(actor, consent)
    if not remaining:
        return None
    successor = ConsentToShare.objects.create(
        carer_id=consent.carer_id,
        organisation_id=consent.organisation_id,
        purposes=remaining,
        competence=consent.competence,
        given_by=consent.given_by,
        given_by_name=consent.given_by_name,
        given_on=consent.given_on,
        ends_on=consent.ends_on,
        # The end is the same end: whoever was told it is near need not be told again.
        ending_warned_at=consent.ending_warned_at,
        recorded_by=actor.user,
        replaces=consent,
    )
    auditor.created(
        actor,
        successor,
        fields=["carer", "organisation", "purposes", "replaces", "ends_on"],
        context={"purpose_withdrawn": purpose},
    )
    return successor


ENDING_WARNING = dt.timedelta(days=7)


def lapse_ended_consents(today=None):
    """Stamp ``lapsed_at`` on consents past their end date, for the history. Returns how many.

    Access has already ended: ``ConsentToShare.objects.active()`` compares the end date itself.
    """
    today = today or timezone.localdate()
    ended = ConsentToShare.objects.filter(
        withdrawn_at__isnull=True, lapsed_at__isnull=True, ends_on__lte=today
    )
    lapsed = 0
    for consent in ended:
        with transaction.atomic():
            if ConsentToShare.objects.filter(pk=consent.pk, lapsed_at__isnull=True).update(
                lapsed_at=timezone.now()
            ):
                auditor.updated(None, consent, fields=["lapsed_at"])
                lapsed += 1
    return lapsed


def warn_of_ending_consents(today=None):
    """Tell whoever looks after the carer, a week ahead, that a consent ends; once per consent.

    The message goes to the carer's key worker or, with none, the holding organisation's hub
    managers. It names the carer's reference and the date only: email is no place for the rest.
    """
    today = today or timezone.localdate()
    due = ConsentToShare.objects.active(today).filter(
        ending_warned_at__isnull=True, ends_on__lte=today + ENDING_WARNING
    )
    warned = 0
    for consent_id in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            # Claimed before sending: another worker running the job at once sends nothing.
            if not ConsentToShare.objects.filter(
                pk=consent_id, ending_warned_at__isnull=True
            ).update(ending_warned_at=timezone.now()):
                continue
            consent = ConsentToShare.objects.select_related("carer").get(pk=consent_id)
            auditor.updated(None, consent, fields=["ending_warned_at"])
            for user in _told_of_ending_consent(consent.carer):
                notifications.send_email(
                    to=user.email,
                    template="consent_ending_soon",
                    personalisation={
                        "reference": consent.carer.reference,
                        "ends_on": consent.ends_on.strftime("%-d %B %Y"),
                    },
                    subject_type="carers.consenttoshare",
                    subject_id=consent.pk,
                )
            warned += 1
    return warned


def _told_of_ending_consent(carer):
    staff = User.objects.filter(
        is_active=True, memberships__organisation_id=carer.holding_organisation_id
    ).exclude(email="")
    if carer.key_worker_id:
        key_worker = list(staff.filter(pk=carer.key_worker_id).distinct())
        if key_worker:
            return key_worker
    return list(staff.filter(memberships__role=Role.HUB_MANAGER).distinct().order_by("pk"))


@transaction.atomic
def log_contact(
    actor,
    carer,
    *,
    kind,
    direction,
    happened_on,
    purpose,
    duration_minutes=None,
    given=(),
    signposted_to="",
    notes="",
    follow_up_due=None,
):
    """Record a contact with a carer, or an anonymous helpline call when ``carer`` is None."""
    contact = Contact.unscoped.create(
        holding_organisation=carer.holding_organisation if carer else actor.organisation,
        carer=carer,
        kind=kind,
        direction=direction,
        happened_at=moment_on(happened_on),
        duration_minutes=duration_minutes,
        purpose=purpose.strip(),
        given=list(given),
        signposted_to=signposted_to.strip(),
        notes=notes.strip(),
        follow_up_due=follow_up_due,
        recorded_by=actor.user,
    )
    auditor.created(actor, contact)
    return contact


@transaction.atomic
def complete_follow_up(actor, contact):
    done = Contact.unscoped.filter(pk=contact.pk, follow_up_done_at__isnull=True).update(
        follow_up_done_at=timezone.now()
    )
    if done:
        auditor.updated(actor, contact, fields=["follow_up_done_at"])
    return bool(done)

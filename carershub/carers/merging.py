"""Merging a duplicate carer record into the one that stays, and undoing it.

Nothing is lost: every record that points at the duplicate (people cared for, consents,
contacts, referrals, and whatever later work adds) moves to the survivor; the survivor's blank
details are filled from the duplicate; the duplicate is closed as a duplicate and points at the
survivor. A `Merge` row remembers exactly what moved and changed, so a hub manager can undo it.

Where the two records' consents to share with the same organisation disagree - one withdrawn,
the other still active - the stricter choice applies: the active consent is withdrawn too.
"""

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from carershub.audit import services as auditor
from carershub.carers.models import (
    Carer,
    CaringRelationship,
    ConsentToShare,
    EqualityMonitoring,
    Merge,
)
from carershub.carers.models.choices import ClosedReason, Status
from carershub.emergency_plans.models import EmergencyPlan
from carershub.groups.models import Booking, BookingStatus
from carershub.search.services import index_carers

# Fields never copied from the duplicate: identity, ownership and bookkeeping.
_NOT_COPIED = {
    "id",
    "reference",
    "holding_organisation",
    "created_at",
    "updated_at",
    "version",
    "merged_into",
    "status",
    "closed_reason",
    "closed_at",
    "source_system",
    "source_record_id",
}


_REBUILT_NOT_MOVED = {"search.carersearchkey"}


class MergeRefused(Exception):
    """The two records cannot be merged (the message says why, in plain English)."""


def _moved_relations():
    """Every one-to-many relation onto Carer that a merge must carry across.

    Derived data is not moved but rebuilt: the search index is written again for both records
    by ``index_carers``.
    """
    for relation in Carer._meta.related_objects:
        model = relation.related_model
        if model in (Carer, Merge, EqualityMonitoring, CaringRelationship):
            continue  # self-links, merge history, the one-to-one and the unique pair: handled apart
        if model._meta.label_lower in _REBUILT_NOT_MOVED:
            continue
        if relation.one_to_many:
            yield model, relation.field.name


def _blank(value):
    return value in (None, "")


def _refuse_two_open_emergency_plans(survivor, duplicate):
    """Both records may have an open emergency plan for the same person: a carer has one plan per
    person they care for, so a person must decide which to keep before the records are merged."""

    def open_plans(carer):
        return EmergencyPlan.unscoped.filter(carer=carer).exclude(status="ended")

    both = (
        open_plans(survivor)
        .filter(cared_for__in=open_plans(duplicate).values("cared_for"))
        .select_related("cared_for")
    )
    names = sorted({plan.cared_for.full_name for plan in both})
    if names:
        raise MergeRefused(
            f"Both records have an open emergency plan for {', '.join(names)}: end one of them "
            "first"
        )


def _refuse_two_bookings_on_one_session(survivor, duplicate):
    """A carer has one place (or waiting-list place) on a session: if both records are booked on
    the same session, someone must cancel one booking before the records are merged."""
    if not apps.is_installed("carershub.groups"):
        return

    def booked(carer):
        return Booking.unscoped.filter(carer=carer).exclude(status=BookingStatus.CANCELLED)

    both = (
        booked(survivor)
        .filter(session__in=booked(duplicate).values("session"))
        .select_related("session__group")
    )
    sessions = sorted(
        {
            f"{b.session.group.name} on {timezone.localtime(b.session.starts_at):%-d %B %Y}"
            for b in both
        }
    )
    if sessions:
        raise MergeRefused(
            f"Both records are booked on {', '.join(sessions)}: cancel one of the bookings first"
        )


@transaction.atomic
def merge(actor, survivor, duplicate):
    if survivor.pk == duplicate.pk:
        raise MergeRefused("A record cannot be merged with itself")
    if survivor.holding_organisation_id != duplicate.holding_organisation_id:
        raise MergeRefused("Only records held by the same organisation can be merged")
    if duplicate.merged_into_id or survivor.merged_into_id:
        raise MergeRefused("One of these records has already been merged")
    if duplicate.contact_restricted and not survivor.contact_restricted:
        # The merge would copy a hidden address onto a record everyone may read (ADR 19).
        raise MergeRefused(
            "The record being merged has restricted contact details: "
            "restrict the record you keep first"
        )
    _refuse_two_open_emergency_plans(survivor, duplicate)
    _refuse_two_bookings_on_one_session(survivor, duplicate)
    # Lock both rows so two managers cannot merge the same records at once.
    survivor, duplicate = (
        Carer.unscoped.select_for_update().get(pk=survivor.pk),
        Carer.unscoped.select_for_update().get(pk=duplicate.pk),
    )
    changes = {
        "moved": {},
        "filled": {},
        "withdrawn_consents": [],
        "removed_relationships": [],
        "equality_moved": False,
        "duplicate_status": [duplicate.status, duplicate.closed_reason],
    }

    for model, field in _moved_relations():
        ids = list(model._base_manager.filter(**{field: duplicate}).values_list("pk", flat=True))
        if ids:
            model._base_manager.filter(pk__in=ids).update(**{field: survivor})
            changes["moved"][f"{model._meta.label_lower}:{field}"] = ids

    survivor_people = set(
        CaringRelationship.objects.filter(carer=survivor).values_list("cared_for_id", flat=True)
    )
    moved_relationships = []
    for rel in CaringRelationship.objects.filter(carer=duplicate):
        if rel.cared_for_id in survivor_people:
            changes["removed_relationships"].append(
                {
                    "cared_for_id": rel.cared_for_id,
                    "relationship": rel.relationship,
                    "lives_together": rel.lives_together,
                    "is_main_carer": rel.is_main_carer,
                }
            )
            rel.delete()
        else:
            moved_relationships.append(rel.pk)
    CaringRelationship.objects.filter(pk__in=moved_relationships).update(carer=survivor)
    changes["moved"]["carers.caringrelationship:carer"] = moved_relationships

    if not EqualityMonitoring.objects.filter(carer=survivor).exists():
        changes["equality_moved"] = bool(
            EqualityMonitoring.objects.filter(carer=duplicate).update(carer=survivor)
        )

    filled = {}
    for f in Carer._meta.concrete_fields:
        if f.name in _NOT_COPIED:
            continue
        mine, theirs = getattr(survivor, f.attname), getattr(duplicate, f.attname)
        if _blank(mine) and not _blank(theirs):
            setattr(survivor, f.attname, theirs)
            filled[f.attname] = theirs.isoformat() if hasattr(theirs, "isoformat") else theirs
    changes["filled"] = filled

    changes["withdrawn_consents"] = _apply_stricter_consent(actor, survivor)

    survivor.version += 1
    survivor.save()
    duplicate.merged_into = survivor
    duplicate.status = Status.CLOSED
    duplicate.closed_reason = ClosedReason.DUPLICATE
    duplicate.closed_at = timezone.now()
    duplicate.version += 1
    duplicate.save()
    record = Merge.objects.create(
        survivor=survivor, duplicate=duplicate, merged_by=actor.user, changes=changes
    )
    index_carers([survivor.pk, duplicate.pk])
    auditor.updated(
        actor, survivor, fields=sorted(filled) + ["merged_records"], context={"merge": record.pk}
    )
    auditor.updated(
        actor, duplicate, fields=["merged_into", "status"], context={"merge": record.pk}
    )
    return record


def _apply_stricter_consent(actor, survivor):
    withdrawn = []
    consents = list(ConsentToShare.objects.filter(carer=survivor))
    by_org = {}
    for consent in consents:
        by_org.setdefault(consent.organisation_id, []).append(consent)
    # A row withdrawn only to be taken over by one with fewer purposes is not a withdrawal.
    taken_over = {c.replaces_id for c in consents if c.replaces_id}
    now = timezone.now()
    for items in by_org.values():
        if any(c.withdrawn_at and c.pk not in taken_over for c in items):
            for consent in items:
                if consent.withdrawn_at is None:
                    consent.withdrawn_at, consent.withdrawn_by = now, actor.user
                    consent.save(update_fields=["withdrawn_at", "withdrawn_by"])
                    withdrawn.append(consent.pk)
    return withdrawn


@transaction.atomic
def undo(actor, record):
    """Put both records back as they were before the merge."""
    record = (
        Merge.objects.select_for_update().select_related("survivor", "duplicate").get(pk=record.pk)
    )
    if record.undone_at:
        raise MergeRefused("This merge has already been undone")
    survivor, duplicate, changes = record.survivor, record.duplicate, record.changes
    for key, ids in changes.get("moved", {}).items():
        label, field = key.split(":")
        model = _model(label)
        model._base_manager.filter(pk__in=ids).update(**{field: duplicate})
    for rel in changes.get("removed_relationships", []):
        CaringRelationship.objects.create(carer=duplicate, **rel)
    if changes.get("equality_moved"):
        EqualityMonitoring.objects.filter(carer=survivor).update(carer=duplicate)
    ConsentToShare.objects.filter(pk__in=changes.get("withdrawn_consents", [])).update(
        withdrawn_at=None, withdrawn_by=None
    )
    restored = []
    for attname, value in changes.get("filled", {}).items():
        current = getattr(survivor, attname)
        current = current.isoformat() if hasattr(current, "isoformat") else current
        if current == value:  # left alone since the merge: put the blank back
            field = next(f for f in Carer._meta.concrete_fields if f.attname == attname)
            setattr(survivor, attname, None if field.null else "")
            restored.append(attname)
    survivor.version += 1
    survivor.save()
    status, reason = changes.get("duplicate_status", [Status.ACTIVE, ""])
    duplicate.merged_into = None
    duplicate.status, duplicate.closed_reason = status, reason
    duplicate.closed_at = None if status != Status.CLOSED else duplicate.closed_at
    duplicate.version += 1
    duplicate.save()
    record.undone_at, record.undone_by = timezone.now(), actor.user
    record.save(update_fields=["undone_at", "undone_by"])
    index_carers([survivor.pk, duplicate.pk])
    auditor.updated(
        actor, survivor, fields=restored + ["merged_records"], context={"unmerge": record.pk}
    )
    auditor.updated(
        actor, duplicate, fields=["merged_into", "status"], context={"unmerge": record.pk}
    )
    return record


def _model(label):
    return apps.get_model(label)

"""Writes for privacy: subject access exports, legal holds, and erasing or anonymising records
past their retention period. Every one is audited, with ids and field names only."""

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.template.loader import render_to_string
from django.utils import timezone

from carershub.accounts.models import User
from carershub.assessments import documents
from carershub.assessments.models import Assessment
from carershub.audit import services as auditor
from carershub.audit.models import Operation
from carershub.carers import sharing
from carershub.carers.models import (
    CaredForPerson,
    Carer,
    CaringRelationship,
    ConsentToShare,
    Merge,
)
from carershub.core.concurrency import write_if_unchanged
from carershub.events.models import CareEvent
from carershub.notifications.models import Notification
from carershub.partnerships.models import Organisation
from carershub.privacy import holdings as holdings_of_carer
from carershub.privacy import retention
from carershub.privacy.models import Action, Anonymisation, AppliesTo, LegalHold
from carershub.privacy.presenters import sharing_rows, summary_audit_rows, summary_sections

# --- Subject access -------------------------------------------------------------------------------

# Fields left out of the export: secrets the hub uses to check a link, or a secret link waiting
# for the transport that sends it (ADR 24), not information about the person.
_SECRET_FIELDS = {"token_hash", "password", "secret_personalisation"}


def _exported_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _SECRET_FIELDS and not isinstance(f, models.BinaryField)
    ]


def _as_data(model, objects):
    names = [f.name for f in _exported_fields(model) if not f.primary_key] + [
        f.name for f in model._meta.many_to_many
    ]
    rows = serializers.serialize("python", objects, fields=names)
    return [{"id": row["pk"], **row["fields"]} for row in rows]


def _names_of_people_and_organisations(holdings):
    user_ids, org_ids = set(), set()
    for model, objects in holdings.records.items():
        for f in model._meta.concrete_fields:
            if f.is_relation and f.related_model is User:
                user_ids |= {getattr(o, f.attname) for o in objects.values()}
            elif f.is_relation and f.related_model is Organisation:
                org_ids |= {getattr(o, f.attname) for o in objects.values()}
    users = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "full_name"))
    orgs = dict(Organisation.objects.filter(pk__in=org_ids - {None}).values_list("pk", "name"))
    return {User: users, Organisation: orgs}


def _shown(obj, f, names):
    value = getattr(obj, f.attname)
    if value in (None, "", [], {}):
        return ""
    if f.is_relation:
        return names.get(f.related_model, {}).get(
            value, f"{f.related_model._meta.verbose_name} {value}"
        )
    if f.choices:
        return getattr(obj, f"get_{f.name}_display")()
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%-d %B %Y at %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    return str(value)


def _summary_sections(holdings, names):
    sections = []
    for model, objects in holdings.records.items():
        if not objects:
            continue
        fields = [f for f in _exported_fields(model) if not f.primary_key]
        sections.append(
            {
                "title": str(model._meta.verbose_name_plural).capitalize(),
                "records": [
                    [(str(f.verbose_name).capitalize(), _shown(obj, f, names)) for f in fields]
                    for obj in objects.values()
                ],
            }
        )
    return sections


def _documents(holdings):
    """(filename, bytes) of each document: assessment copies (made again) and letters sent."""
    files = []
    for pk, assessment in holdings.records.get(Assessment, {}).items():
        if assessment.status == "completed":
            copy = documents.assessment_for_copy(pk)
            files.append((f"documents/{documents.filename_for(copy)}", documents.copy_pdf(copy)))
    notification_ids = list(holdings.records.get(Notification, {}))
    letters = Notification.unscoped.filter(pk__in=notification_ids, letter_pdf__isnull=False)
    for pk, pdf in letters.values_list("pk", "letter_pdf"):
        files.append((f"documents/letter-{pk}.pdf", bytes(pdf)))
    return files


@dataclass
class Export:
    filename: str
    content: bytes
    record_count: int


def subject_access_export(actor, carer):
    """Everything the hub holds about the carer, as one ZIP: a JSON file of every record's fields,
    a summary to read, the documents, and the audit of who saw or changed their records.

    The caller has reached the carer through their scope and checked the permission. The export is
    audited as an EXPORT of each record it holds.
    """
    holdings = holdings_of_carer.holdings_of(carer)
    audit_rows = holdings_of_carer.audit_of(holdings)
    names = _names_of_people_and_organisations(holdings)
    made_at = timezone.now()
    audit = [
        {
            "when": row.occurred_at,
            "what": row.get_operation_display(),
            "staff": row.actor_name,
            "acting_for": row.actor_organisation_name,
            "record_type": row.object_type,
            "record_id": row.object_id,
            "fields": row.fields,
        }
        for row in audit_rows
    ]
    data = {
        "carer": carer.reference,
        "made_at": made_at,
        "made_by": actor.user.full_name,
        "records": {
            holdings_of_carer.label_of(model): _as_data(model, list(objects.values()))
            for model, objects in holdings.records.items()
            if objects
        },
        "audit": audit,
        # Each organisation's purposes and their history, in words (ADR 36).
        "sharing": sharing.history(
            holdings.records.get(ConsentToShare, {}).values(), names[Organisation]
        ),
    }
    summary = render_to_string(
        "privacy/subject_access_summary.html",
        {
            "carer": carer,
            "made_at": made_at,
            "made_by": actor.user.full_name,
            "sections": summary_sections(_summary_sections(holdings, names)),
            "sharing": [{**org, "rows": sharing_rows(org["events"])} for org in data["sharing"]],
            "audit": summary_audit_rows(audit),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "records.json", json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)
        )
        archive.writestr("summary.html", summary)
        for name, content in _documents(holdings):
            archive.writestr(name, content)
    for object_type, ids in holdings.ids_by_type().items():
        auditor.record_many(
            actor,
            Operation.EXPORT,
            object_type,
            ids,
            context={"format": "zip", "view": "privacy:subject_access"},
        )
    count = sum(len(objects) for objects in holdings.records.values())
    return Export(f"{carer.reference}-subject-access.zip", buffer.getvalue(), count)


# --- Legal holds ----------------------------------------------------------------------------------


class AlreadyOnHold(Exception):
    """The record already has a hold in place."""


def place_hold(actor, carer, *, reason):
    with transaction.atomic():
        if LegalHold.objects.active().filter(carer=carer).exists():
            raise AlreadyOnHold
        hold = LegalHold.objects.create(carer=carer, reason=reason, placed_by=actor.user)
        auditor.created(actor, hold, context={"carer": carer.pk})
    return hold


def lift_hold(actor, hold, *, reason):
    with transaction.atomic():
        hold.lifted_at = timezone.now()
        hold.lifted_by = actor.user
        hold.lifted_reason = reason
        hold.save(update_fields=["lifted_at", "lifted_by", "lifted_reason"])
        auditor.updated(
            actor,
            hold,
            fields=["lifted_at", "lifted_by", "lifted_reason"],
            context={"carer": hold.carer_id},
        )
    return hold


# --- Erasure and anonymisation --------------------------------------------------------------------

# What anonymising leaves of a carer: the fields that statutory returns count (status, dates,
# caring hours, the responsible council), and the year of birth. Everything that identifies them
# goes.
BLANKED_FIELDS = [
    "given_name",
    "family_name",
    "preferred_name",
    "nhs_number",
    "email",
    "phone",
    "mobile",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "source_system",
    "source_record_id",
]
CLEARED_LINKS = ["gp_practice", "school", "key_worker"]


def _only_theirs(cared_for_ids, carer_ids):
    """The people cared for by these carers and by nobody else (others keep theirs)."""
    shared = CaringRelationship.objects.filter(cared_for__in=cared_for_ids).exclude(
        carer__in=carer_ids
    )
    return set(cared_for_ids) - set(shared.values_list("cared_for", flat=True))


def _remove_personal_records(carer_ids, *, keep_events, context):
    """Delete every record that belongs to these carers except the carer rows themselves (and, when
    anonymising, the events counted in returns, which lose their link to the person)."""
    removed = {}
    for carer in Carer.unscoped.filter(pk__in=carer_ids):
        holdings = holdings_of_carer.holdings_of(carer)
        for model, objects in holdings.records.items():
            if model is not Carer and objects and not model._meta.is_composite_pk:
                removed.setdefault(holdings_of_carer.label_of(model), set()).update(objects)
    cared_for_ids = set(
        CaringRelationship.objects.filter(carer__in=carer_ids).values_list("cared_for", flat=True)
    )
    people_to_remove = _only_theirs(cared_for_ids, carer_ids)
    if keep_events:
        # The council's person IDs of the people cared for identify them: they go with the link.
        CareEvent.unscoped.filter(carer__in=carer_ids).update(carer=None, linked_person_ids=[])
        removed.pop(holdings_of_carer.label_of(CareEvent), None)
    Notification.unscoped.filter(
        pk__in=removed.get(holdings_of_carer.label_of(Notification), ())
    ).delete()
    Merge.objects.filter(
        models.Q(survivor__in=carer_ids) | models.Q(duplicate__in=carer_ids)
    ).delete()
    _delete_all(
        [
            rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": carer_ids})
            for rel in Carer._meta.related_objects
            if rel.related_model not in (Carer, Merge, Anonymisation)
            and rel not in retention.protecting_relations()
            and not (keep_events and rel.related_model is CareEvent)
        ]
    )
    CaredForPerson.unscoped.filter(pk__in=people_to_remove).delete()
    removed.pop(holdings_of_carer.label_of(CaredForPerson), None)
    if people_to_remove:
        removed[holdings_of_carer.label_of(CaredForPerson)] = people_to_remove
    for object_type, ids in removed.items():
        auditor.record_many(None, Operation.DELETE, object_type, sorted(ids), context=context)


def _delete_all(querysets):
    """Delete each queryset, putting off any that another still restricts (a support plan restricts
    deleting its assessment until the plan itself goes), whatever order the relations come in."""
    pending = list(querysets)
    while pending:
        refused = []
        for queryset in pending:
            try:
                with transaction.atomic():
                    queryset.delete()
            except (RestrictedError, ProtectedError):
                refused.append(queryset)
        if len(refused) == len(pending):
            pending[0].delete()  # nothing moved: let the refusal be seen
        pending = refused


def _same_person(carer):
    """The carer and the duplicate records merged into them: one person,
    erased or anonymised together.
    """
    ids = [carer.pk]
    frontier = [carer.pk]
    while frontier:
        frontier = list(
            Carer.unscoped.filter(merged_into__in=frontier)
            .exclude(pk__in=ids)
            .values_list("pk", flat=True)
        )
        ids.extend(frontier)
    return ids


def erase_carer(carer, rule):
    """Delete the carer, everything that cascades, and their personal data in related records."""
    context = {"reason": "retention", "rule": rule.pk, "action": Action.ERASE}
    ids = _same_person(carer)
    with transaction.atomic():
        _remove_personal_records(ids, keep_events=False, context=context)
        Carer.unscoped.filter(pk__in=ids).update(merged_into=None)
        Carer.unscoped.filter(pk__in=ids).delete()
        auditor.record_many(None, Operation.DELETE, Carer, ids, context=context)


def anonymise_carer(carer, rule):
    """Keep the counts, lose the person: events stay for returns without a link to anyone, the
    record keeps only what returns count, and the date of birth becomes 1 January of its year."""
    context = {"reason": "retention", "rule": rule.pk, "action": Action.ANONYMISE}
    ids = _same_person(carer)
    with transaction.atomic():
        _remove_personal_records(ids, keep_events=True, context=context)
        for each in Carer.unscoped.filter(pk__in=ids):
            changes = {name: "" for name in BLANKED_FIELDS}
            changes.update({name: None for name in CLEARED_LINKS})
            if each.date_of_birth:
                changes["date_of_birth"] = dt.date(each.date_of_birth.year, 1, 1)
            write_if_unchanged(Carer.unscoped.filter(pk=each.pk), None, **changes)
            Anonymisation.objects.get_or_create(carer=each, defaults={"rule": rule})
            auditor.record(
                None, Operation.UPDATE, Carer, each.pk, fields=sorted(changes), context=context
            )


def _erase_rows(model, rows, rule):
    context = {"reason": "retention", "rule": rule.pk, "action": Action.ERASE}
    ids = [row.pk for row in rows]
    with transaction.atomic():
        model._base_manager.filter(pk__in=ids).delete()
        auditor.record_many(None, Operation.DELETE, model, ids, context=context)


@dataclass(frozen=True)
class Planned:
    rule: object
    action: str
    object_type: str
    object_id: int

    def __str__(self):
        return (
            f"{self.action} {self.object_type} {self.object_id} "
            f"({self.rule.get_applies_to_display()})"
        )


def apply_retention(today=None, *, dry_run=False):
    """Erase or anonymise every record past its retention period and not on hold; return what was
    (or, in a dry run, would be) done. Each record is done in its own transaction, and a record
    done once is not found again, so running twice does nothing more."""
    planned = []
    for rule, records in retention.due(today):
        if rule.action == Action.REVIEW or rule.applies_to == AppliesTo.AUDIT_LOG:
            continue
        for record in records:
            planned.append(
                Planned(rule, rule.action, holdings_of_carer.label_of(type(record)), record.pk)
            )
        if dry_run or not records:
            continue
        if rule.applies_to in (AppliesTo.CLOSED_CARER, AppliesTo.YOUNG_CARER):
            for carer in records:
                if not Carer.unscoped.filter(pk=carer.pk).exists():
                    continue  # erased already, with the record it was merged into
                (anonymise_carer if rule.action == Action.ANONYMISE else erase_carer)(carer, rule)
        else:
            _erase_rows(type(records[0]), records, rule)
    return planned

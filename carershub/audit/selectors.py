"""Reads of the audit log."""

import json
from datetime import UTC

from carershub.accounts.models import User
from carershub.audit.models import AuditLog
from carershub.partnerships.models import Organisation


def trail_for(object_type, object_id, *, limit=200):
    """The audit trail of one record, newest first, with the staff names resolved in one query."""
    rows = list(AuditLog.objects.filter(object_type=object_type, object_id=str(object_id))[:limit])
    user_ids = {r.actor_user_id for r in rows if r.actor_user_id}
    org_ids = {r.actor_organisation_id for r in rows if r.actor_organisation_id}
    names = dict(User.objects.filter(pk__in=user_ids).values_list("pk", "full_name"))
    orgs = dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
    for row in rows:
        row.actor_name = names.get(
            row.actor_user_id, "System" if row.actor_user_id is None else "Former user"
        )
        row.actor_organisation_name = orgs.get(row.actor_organisation_id, "")
    return rows


def _between(entries, since, until):
    if since:
        entries = entries.filter(occurred_at__gte=since)
    if until:
        entries = entries.filter(occurred_at__lt=until)
    return entries.order_by("occurred_at", "pk")


def entries_about(object_type, object_id, *, since=None, until=None):
    """Every entry about one record, oldest first."""
    return _between(
        AuditLog.objects.filter(object_type=object_type, object_id=str(object_id)), since, until
    )


def entries_by(user_id, *, since=None, until=None):
    """Every entry for what one member of staff did, oldest first."""
    return _between(AuditLog.objects.filter(actor_user_id=user_id), since, until)


EXPORT_HEADINGS = [
    "Entry",
    "When (UTC)",
    "What",
    "Staff id",
    "Staff name",
    "Acting for",
    "Record type",
    "Record id",
    "Fields",
    "Context",
    "Request",
    "Sealed at position",
]


def export_rows(entries, chunk_size=2000):
    """The entries as rows for a CSV export. Staff and organisation names are looked up in one
    query each, whatever the number of entries, and entries are read in chunks."""
    names = dict(
        User.objects.filter(pk__in=entries.values("actor_user_id")).values_list("pk", "full_name")
    )
    orgs = dict(
        Organisation.objects.filter(pk__in=entries.values("actor_organisation_id")).values_list(
            "pk", "name"
        )
    )
    for entry in entries.iterator(chunk_size=chunk_size):
        if entry.actor_user_id is None:
            actor = "System"
        else:
            actor = names.get(entry.actor_user_id, "Former user")
        yield [
            entry.pk,
            entry.occurred_at.astimezone(UTC).isoformat(timespec="seconds"),
            entry.get_operation_display(),
            entry.actor_user_id or "",
            actor,
            orgs.get(entry.actor_organisation_id, ""),
            entry.object_type,
            entry.object_id,
            "; ".join(entry.fields or []),
            json.dumps(entry.context, sort_keys=True) if entry.context else "",
            entry.request_id,
            entry.chain_position or "not yet sealed",
        ]

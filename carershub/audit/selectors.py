"""Reads of the audit log."""

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
        row.actor_name = names.get(row.actor_user_id, "System" if row.actor_user_id is None else "Former user")
        row.actor_organisation_name = orgs.get(row.actor_organisation_id, "")
    return rows

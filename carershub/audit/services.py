"""The auditor: the one way anything in the hub writes an audit row.

Call it explicitly from services (create, update, delete) and from views and selectors that
show personal data (read, search, export). No signals: an audit row is part of the operation.
"""

import uuid

from django.db import models

from carershub.audit.models import AuditLog, Operation

# Fields never named in the audit (they carry no meaning for an investigation).
_EXCLUDED_FIELDS = {"password", "last_login", "version"}


def _type_of(obj_or_type):
    if isinstance(obj_or_type, str):
        return obj_or_type
    meta = obj_or_type._meta
    return f"{meta.app_label}.{meta.model_name}"


def _clean_fields(fields):
    return sorted({f for f in (fields or []) if f not in _EXCLUDED_FIELDS})


def _actor_ids(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, None
    org = actor.organisation
    return actor.user.pk, (org.pk if org else None)


def record(
    actor, operation, obj_or_type, object_id=None, *, fields=None, context=None, request_id=""
):
    """Write one audit row. ``obj_or_type`` is a model instance, model class or "app.model"."""
    user_id, org_id = _actor_ids(actor)
    if object_id is None and isinstance(obj_or_type, models.Model):
        object_id = obj_or_type.pk
    return AuditLog.objects.create(
        operation=operation,
        actor_user_id=user_id,
        actor_organisation_id=org_id,
        object_type=_type_of(obj_or_type),
        object_id="" if object_id is None else str(object_id),
        fields=_clean_fields(fields),
        context=context or {},
        request_id=request_id or "",
    )


def record_many(actor, operation, obj_type, object_ids, *, fields=None, context=None):
    """One row per record, for list and search results and exports (one INSERT in all)."""
    user_id, org_id = _actor_ids(actor)
    object_type = _type_of(obj_type)
    rows = [
        AuditLog(
            operation=operation,
            actor_user_id=user_id,
            actor_organisation_id=org_id,
            object_type=object_type,
            object_id=str(object_id),
            fields=_clean_fields(fields),
            context=context or {},
        )
        for object_id in object_ids
    ]
    return AuditLog.objects.bulk_create(rows)


def created(actor, obj, fields=None, **kw):
    return record(actor, Operation.CREATE, obj, fields=fields or _concrete_fields(obj), **kw)


def updated(actor, obj, fields, **kw):
    return record(actor, Operation.UPDATE, obj, fields=fields, **kw)


def deleted(actor, obj, **kw):
    return record(actor, Operation.DELETE, obj, **kw)


def read(actor, obj, fields=None, **kw):
    return record(actor, Operation.READ, obj, fields=fields or _concrete_fields(obj), **kw)


def listed(actor, model, objects, *, context=None, fields=None):
    ids = [o.pk if isinstance(o, models.Model) else o for o in objects]
    return record_many(actor, Operation.SEARCH, model, ids, fields=fields, context=context)


def exported(actor, model, object_ids, *, fmt, fields=None):
    return record_many(
        actor, Operation.EXPORT, model, object_ids, fields=fields, context={"format": fmt}
    )


def new_request_id():
    return str(uuid.uuid4())


def _concrete_fields(obj):
    return [f.name for f in obj._meta.concrete_fields if not f.primary_key]

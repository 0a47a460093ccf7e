"""Everything the hub holds about one carer, found by walking Django's related-object graph from
the Carer, and the audit of those records.

System code: the walk starts from a carer the caller has already reached through its scope (and
checked the permission for), and then reads every row that belongs to that carer.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from carershub.accounts.models import User
from carershub.audit.models import AuditLog
from carershub.carers.models import Carer
from carershub.core.scoping import ScopedManager
from carershub.notifications.models import Notification
from carershub.partnerships.models import Organisation

# How far the walk goes from the carer through records that belong to it (carer -> assessment ->
# support plan -> plan action is three steps); deep enough for every chain the hub has today.
MAX_DEPTH = 5


def label_of(model):
    return f"{model._meta.app_label}.{model._meta.model_name}"


def _holds_personal_data(model):
    return isinstance(getattr(model, "objects", None), ScopedManager)


@dataclass
class Holdings:
    """Every record about one carer, found by walking the related-object graph from the Carer."""

    carer: Carer
    records: dict = field(default_factory=dict)  # model -> {pk: instance}, in the order found

    def add(self, model, objects):
        bucket = self.records.setdefault(model, {})
        new = [obj for obj in objects if obj.pk not in bucket]
        for obj in new:
            bucket[obj.pk] = obj
        return new

    def ids_by_type(self):
        """Ids by "app.model", as the audit and notifications name records. Models keyed by several
        columns (the search index's keys, derived from the carer's name) are not named that way."""
        return {
            label_of(model): list(objects)
            for model, objects in self.records.items()
            if objects and not model._meta.is_composite_pk
        }


def _owned_relations(model):
    """The reverse relations whose rows belong to a row of ``model``
    (one-to-many and one-to-one).
    """
    for rel in model._meta.related_objects:
        if rel.many_to_many or rel.related_model is model or rel.related_model is Carer:
            continue
        yield rel


def _personal_links(model):
    """Forward links from a row of ``model`` to another person's record (the people cared for)."""
    for each in [*model._meta.fields, *model._meta.many_to_many]:
        target = each.related_model if each.is_relation else None
        if target is not None and target is not Carer and _holds_personal_data(target):
            yield each


def holdings_of(carer):
    """Every row that belongs to the carer: reverse relations walked from the Carer (so a new model
    with a foreign key to Carer is found without anyone listing it), plus the records of the people
    they care for that those rows point at. Walking never goes back up from a person cared for, so
    other carers' records are never reached. One query per relation, however many rows."""
    holdings = Holdings(carer=carer)
    holdings.add(Carer, [carer])
    frontier = [(Carer, [carer.pk])]
    for _ in range(MAX_DEPTH):
        next_frontier = []
        for model, pks in frontier:
            for rel in _owned_relations(model):
                found = list(
                    rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": pks})
                )
                new = holdings.add(rel.related_model, found)
                if new:
                    next_frontier.append((rel.related_model, [obj.pk for obj in new]))
        frontier = next_frontier
        if not frontier:
            break
    for model, objects in list(holdings.records.items()):
        for link in _personal_links(model):
            target = link.related_model
            if link.many_to_many:
                through = link.remote_field.through
                source_name = link.m2m_field_name()
                target_name = link.m2m_reverse_field_name()
                ids = through._base_manager.filter(
                    **{f"{source_name}__in": list(objects)}
                ).values_list(f"{target_name}_id", flat=True)
            else:
                ids = [
                    getattr(obj, link.attname)
                    for obj in objects.values()
                    if getattr(obj, link.attname)
                ]
            if ids:
                holdings.add(target, target._base_manager.filter(pk__in=set(ids)))
    _add_notifications(holdings)
    return holdings


def _add_notifications(holdings):
    """Messages sent about any of the carer's records (notifications name their subject by id)."""
    about = Q(pk__in=[])
    for object_type, ids in holdings.ids_by_type().items():
        about |= Q(subject_type=object_type, subject_id__in=[str(pk) for pk in ids])
    holdings.add(Notification, Notification.unscoped.filter(about))


def audit_of(holdings):
    """Who saw or changed any of the carer's records and when, oldest first, with staff names."""
    about = Q(pk__in=[])
    for object_type, ids in holdings.ids_by_type().items():
        about |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    rows = list(AuditLog.objects.filter(about).order_by("occurred_at", "pk"))
    names = dict(
        User.objects.filter(pk__in={r.actor_user_id for r in rows}).values_list("pk", "full_name")
    )
    orgs = dict(
        Organisation.objects.filter(pk__in={r.actor_organisation_id for r in rows}).values_list(
            "pk", "name"
        )
    )
    for row in rows:
        row.actor_name = (
            "System" if row.actor_user_id is None else names.get(row.actor_user_id, "Former user")
        )
        row.actor_organisation_name = orgs.get(row.actor_organisation_id, "")
    return rows

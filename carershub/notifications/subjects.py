"""Who a message is about: the kinds of person a message can concern (a carer; a referral not yet
linked to one), registered by the apps that hold them in their ``hooks.py``, and the link from a
message's subject (a booking, an assessment, a concern, a referral) to that person, so that the
outbox can ask whether a reader may see them (ADR 24) without importing a domain app (ADR 33).

It reads numbers only (record ids and person ids), never a person's details, and is not page code:
the people themselves are then read through their scoped managers by the outbox's selectors.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class KindOfPerson:
    """A kind of record a message may be about, as the app that holds it registered it."""

    model: type
    described_as: str  # the outbox's "About" row, e.g. "A carer"
    reading: Callable  # reading(actor, person) -> notifications.selectors.Reading
    linked_by: str = ""  # the field by which other records name one ("carer"); "" for none
    # visible_to(actor) -> the people of this kind the actor may see; their manager's own scope
    # unless the app says more (a carer is read for a purpose, ADR 36).
    visible_to: Callable | None = None

    def visible(self, actor):
        if self.visible_to is not None:
            return self.visible_to(actor)
        return self.model.objects.visible_to(actor)


_KINDS = {}  # model label, lower case -> KindOfPerson


def register(model, *, described_as, reading, linked_by="", visible_to=None):
    """Messages about ``model`` (or about a record whose ``linked_by`` field names one) are read
    by the rule ``reading``, about the people ``visible_to(actor)`` lets the reader see."""
    kind = KindOfPerson(model, described_as, reading, linked_by, visible_to)
    _KINDS[model._meta.label_lower] = kind
    return kind


def kinds():
    return list(_KINDS.values())


def kind_of(label):
    """The kind of person registered for a model label ("carers.carer"), or None."""
    return _KINDS.get(label.lower())


def linked_ids(model, field_name, ids):
    """[(subject id, person id or None)] for the records of ``model`` naming a person by
    ``field_name``.
    """
    # The subject's own scope is not the question here (a partner may read messages about a carer
    # who shares with them, though it cannot open the booking itself): the person's is, and it is
    # applied to the person read that follows.
    return list(model._base_manager.filter(pk__in=ids).values_list("pk", f"{field_name}_id"))

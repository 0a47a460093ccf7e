"""Optimistic locking for pages that change a record: the version read travels with the form, and
a save over someone else's is refused the one way every edit page shows it."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import F

from carershub.core import formats
from carershub.core.encrypted_fields import hashed_values
from carershub.core.forms import anchor_id
from carershub.core.numbers import whole_number

NOT_GIVEN = "Not given"


def write_if_unchanged(rows, expected_version, **values):
    """Write ``values`` to ``rows`` (a queryset of one record) and raise its version, in one UPDATE.
    With ``expected_version``, only if the record is still at that version, so two people saving at
    once cannot both win; None writes whatever the version. Lookup hashes of encrypted values move
    with them. True if the record was written."""
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    return bool(rows.update(**hashed_values(rows.model, values), version=F("version") + 1))


def posted_version(request):
    """The record version the form was opened at. A form without one is treated as stale."""
    version = whole_number(request.POST.get("version", ""))
    return -1 if version is None else version


def opened_version(request, record):
    """The version a page's form carries. A form sent back (with a mistake to correct, or refused by
    the service) keeps the version it was opened at, so a save by someone else in the meantime is
    still refused when it is sent again; a page opened afresh carries the record's own. A page that
    shows the other person's save (a refused save) carries their version instead."""
    if request.method == "POST":
        return posted_version(request)
    return record.version


class EditConflict(Exception):
    """Someone else saved the record after this page was opened; nothing was overwritten.
    ``current`` is the record as it is now saved, for the page that shows both versions."""

    def __init__(self, current):
        super().__init__("The record has changed since it was opened")
        self.current = current


def _key(value):
    # A model instance is chosen by its primary key; choices are keyed by text.
    return str(getattr(value, "pk", value))


def _one(value, labels):
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime):
        return formats.datetime(value)
    if isinstance(value, dt.time):
        return formats.time(value)
    if isinstance(value, dt.date):
        return formats.date(value)
    if isinstance(value, int) and _key(value) not in labels:
        return f"{value:,}"
    return labels.get(_key(value), str(value))


def shown_for_comparison(field, value):
    """A saved or typed value of a form field as words, the one way a refused save shows both:
    a choice by its label, dates and times as the hub writes them, several choices in the order
    the form offers them (so the same ones picked in another order are no difference), and
    "Not given" when there is nothing."""
    if value in (None, "", [], ()):
        return NOT_GIVEN
    labels = {_key(key): str(label) for key, label in getattr(field, "choices", None) or ()}
    if isinstance(value, (list, tuple, set, frozenset)):
        order = list(labels)
        keyed = sorted(
            value,
            key=lambda v: (order.index(_key(v)) if _key(v) in labels else len(order), _key(v)),
        )
        return "; ".join(_one(v, labels) for v in keyed)
    return _one(value, labels)


class Differences(list):
    """The fields a refused save found different, one row each (a dict of ``name``, ``label``,
    ``theirs``, ``yours`` and ``href``), and the same rows as the page's error summary and table
    take them."""

    @property
    def error_list(self):
        return [
            {"text": f"{row['label']} was changed by someone else", "href": row["href"]}
            for row in self
        ]

    @property
    def table_rows(self):
        return [
            [{"text": row["label"]}, {"text": row["theirs"]}, {"text": row["yours"]}]
            for row in self
        ]


def differences(form, theirs):
    """Each field of ``form`` whose saved value (``theirs``, a mapping of field name to value)
    differs from what this person typed, both as ``shown_for_comparison`` writes them, with the
    link to the field that the refused save's error summary gives."""
    rows = Differences()
    for name, field in form.fields.items():
        saved = shown_for_comparison(field, theirs.get(name))
        typed = shown_for_comparison(field, form.cleaned_data.get(name))
        if saved != typed:
            rows.append(
                {
                    "name": name,
                    "label": form[name].label,
                    "theirs": saved,
                    "yours": typed,
                    "href": f"#{anchor_id(form[name])}",
                }
            )
    return rows


@dataclass
class VersionedEdit:
    """What one request to an edit page made of its versioned record."""

    # The record as the page shows it: after a refused save, as the other person saved it; after a
    # save, what the service returned (or the record, if it returned nothing).
    record: object
    # The version the page's form carries (see ``opened_version``).
    version: int
    saved: bool = False
    # After a refused save, each field whose saved value differs from what was typed
    # (``differences``); None when no save was refused.
    refused: Differences | None = None

    @property
    def status(self):
        """The page's HTTP status: 409 Conflict when the save was refused."""
        return 409 if self.refused is not None else 200


def edit_with_version(request, record, form, save, *, theirs, refusal_field=None):
    """The one way an edit page saves a change to a versioned record.

    Nothing is saved on a GET or while the form has mistakes; the form keeps the version it was
    opened at. Otherwise ``save(expected_version)`` calls the service. If someone else saved the
    record since the page was opened, the service raises ``EditConflict`` and writes nothing: the
    form keeps what this person typed and now carries the other person's version (so saving again
    is a deliberate choice to put theirs over it), and ``refused`` compares the two, field by
    field, with ``theirs(record)`` giving the saved record's values by field name. A
    ``ValidationError`` from the service goes on the form, on ``refusal_field`` (a field name, or
    a function of the error that gives one; None puts it above the fields).
    """
    version = opened_version(request, record)
    if request.method != "POST" or not form.is_valid():
        return VersionedEdit(record, version)
    try:
        saved = save(version)
    except EditConflict as conflict:
        current = conflict.current
        return VersionedEdit(current, current.version, refused=differences(form, theirs(current)))
    except ValidationError as refusal:
        form.add_error(_field_for(refusal, refusal_field), refusal)
        return VersionedEdit(record, version)
    return VersionedEdit(record if saved is None else saved, version, saved=True)


def _field_for(refusal, refusal_field):
    if hasattr(refusal, "error_dict"):
        return None  # it names its own fields
    return refusal_field(refusal) if callable(refusal_field) else refusal_field

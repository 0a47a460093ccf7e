"""Optimistic locking for pages that change a record: the version read travels with the form."""

from django.db.models import F

from carershub.core.encrypted_fields import hashed_values
from carershub.core.numbers import whole_number


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


def differences(form, theirs, show):
    """Rows for the page that shows a refused save: each field of ``form`` whose saved value
    (``theirs``, a mapping of field name to value) differs from what this person typed, both shown
    with ``show(field, value)``."""
    rows = []
    for name, field in form.fields.items():
        saved, typed = show(field, theirs.get(name)), show(field, form.cleaned_data.get(name))
        if saved != typed:
            rows.append({"name": name, "label": field.label, "theirs": saved, "yours": typed})
    return rows


def opened_version(request, record):
    """The version a page's form carries. A form sent back (with a mistake to correct, or refused by
    the service) keeps the version it was opened at, so a save by someone else in the meantime is
    still refused when it is sent again; a page opened afresh carries the record's own. A page that
    shows the other person's save (the refused-save page) carries their version instead."""
    if request.method == "POST":
        return posted_version(request)
    return record.version


class EditConflict(Exception):
    """Someone else saved the record after this page was opened; nothing was overwritten.
    ``current`` is the record as it is now saved, for the page that shows both versions."""

    def __init__(self, current):
        super().__init__("The record has changed since it was opened")
        self.current = current

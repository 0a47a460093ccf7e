"""Optimistic locking for pages that change a record: the version read travels with the form."""


def posted_version(request):
    """The record version the form was opened at. A form without one is treated as stale."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


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


class EditConflict(Exception):
    """Someone else saved the record after this page was opened; nothing was overwritten.
    ``current`` is the record as it is now saved, for the page that shows both versions."""

    def __init__(self, current):
        super().__init__("The record has changed since it was opened")
        self.current = current

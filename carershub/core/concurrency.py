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

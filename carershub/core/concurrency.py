"""Optimistic locking for pages that change a record: the version read travels with the form."""


def posted_version(request):
    """The record version the form was opened at. A form without one is treated as stale."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1

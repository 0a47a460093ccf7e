"""Reads the import pages need, always scoped to the actor."""

from carershub.core.pagination import paginate
from carershub.imports.models import ImportRun, Outcome, StagedRow

PROBLEMS_PER_PAGE = 50


def recent_runs(actor, limit=10):
    return list(ImportRun.objects.visible_to(actor).select_related("uploaded_by")[:limit])


def runs_visible_to(actor):
    """The imports the actor may see (their organisation's hub managers, or their uploader)."""
    return ImportRun.objects.visible_to(actor).select_related("holding_organisation", "uploaded_by")


def rejected_rows_page(actor, run, page=1):
    """A page of the rejected rows' line numbers and problems: never their values."""
    rows = (
        StagedRow.objects.visible_to(actor)
        .filter(run=run, outcome=Outcome.REJECTED)
        .only("line", "problem")
        .order_by("line")
    )
    return paginate(rows, page, per_page=PROBLEMS_PER_PAGE)

"""Background work for imports, run by the hub's worker (``manage.py run_worker``).

Arguments are run ids only: the queue holds nothing personal. Each task is safe to run twice:
it does nothing unless the import is in the state that asked for it.
"""

from django_tasks import task

from carershub.imports import services
from carershub.imports.models import ImportRun, Status


@task()
def check_import(run_id):
    """Check every row of a big file (the dry run) and stage it."""
    run = (
        ImportRun.unscoped.select_related("holding_organisation", "uploaded_by")
        .filter(pk=run_id)
        .first()
    )
    if run is None or run.status != Status.VALIDATING:
        return None
    try:
        services.check_rows(run)
    except services.UnreadableFile:
        return (
            "unreadable"  # recorded on the run, for the page to show; not a failure of the worker
        )
    return run.status


@task()
def publish_import(run_id):
    """Add a big file's checked carers to the register, in batches,
    visible all at once at the end.
    """
    run = (
        ImportRun.unscoped.select_related("holding_organisation", "uploaded_by")
        .filter(pk=run_id)
        .first()
    )
    if run is None or run.status != Status.IMPORTING:
        return None
    try:
        services.publish(run)  # resumes after the last batch committed, if an earlier attempt died
    except services.NotReady:
        return "stopped"  # stopped by someone else meanwhile; its carers were removed
    return run.status


@task()
def tidy_up_imports():
    """Daily: delete expired rejected-rows files and abandoned uploads; mark stopped imports."""
    return services.tidy_up()

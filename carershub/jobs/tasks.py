"""The hub's housekeeping tasks. schedules.py says when each runs; the worker runs them."""

from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from carershub.accounts.models import Invitation
from carershub.audit import services as auditor
from carershub.jobs import services

# Finished task results are kept for a fortnight; failures for a month, to leave time to look.
TASK_RESULTS_KEPT_DAYS = 14
FAILED_TASK_RESULTS_KEPT_DAYS = 30
WORKER_RECORDS_KEPT = timedelta(days=30)


@task()
def prune_job_history():
    """Delete old task results (django-tasks-db's own pruning) and the worker's old records."""
    call_command(
        "prune_db_task_results",
        queue_name="*",
        min_age_days=TASK_RESULTS_KEPT_DAYS,
        failed_min_age_days=FAILED_TASK_RESULTS_KEPT_DAYS,
        verbosity=0,
    )
    return services.prune_worker_records(older_than=timezone.now() - WORKER_RECORDS_KEPT)


@task()
def clear_expired_sessions():
    """Delete sessions past their expiry: they can no longer sign anyone in, so keeping them is
    waste.

    Goes through the session engine (as ``manage.py clearsessions`` does) so it works
    whichever engine is configured.
    """
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


@task()
def expire_unused_invitations():
    """Delete staff invitations that expired without being accepted; return how many.

    An expired link cannot be used, and the page behind it says the same thing whether the
    row exists or not; deleting the row removes a live-looking secret token from the
    database. The person's account and roles stay, so a manager can invite them again.
    Each deletion is audited, as every deletion is.
    """
    with transaction.atomic():
        expired = Invitation.objects.filter(accepted_at__isnull=True, expires_at__lt=timezone.now())
        ids = list(expired.values_list("pk", flat=True))
        if ids:
            auditor.record_many(
                None,
                auditor.Operation.DELETE,
                Invitation,
                ids,
                context={"reason": "invitation expired"},
            )
            Invitation.objects.filter(pk__in=ids).delete()
    return len(ids)

"""Reads about background work: is a worker alive, what is queued, when each job last ran."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from carershub.jobs.models import ScheduledRun, WorkerHeartbeat

# Workers beat every 30 seconds; four missed beats in a row means none is answering.
HEARTBEAT_FRESH_FOR = timedelta(minutes=2)
FAILURES_COUNTED_OVER = timedelta(hours=24)


def worker_status(now=None):
    """What the health check says about the worker, in two queries whatever the table sizes.

    ``ok`` means at least one worker has beaten recently. The counts are there for whoever is
    looking at the check: work waiting (ready to run now) that does not go down means workers
    are alive but stuck; failures mean a job needs looking into.
    """
    now = now or timezone.now()
    beats = WorkerHeartbeat.objects.aggregate(
        latest=Max("last_seen"),
        live=Count("pk", filter=Q(last_seen__gte=now - HEARTBEAT_FRESH_FOR)),
    )
    # The same test as DBTaskResult.objects.ready(), as a filter so one query counts both.
    waiting = Q(status=TaskResultStatus.READY) & (
        Q(run_after=get_date_max()) | Q(run_after__lte=now)
    )
    failed = Q(status=TaskResultStatus.FAILED, finished_at__gte=now - FAILURES_COUNTED_OVER)
    tasks = DBTaskResult.objects.filter(waiting | failed).aggregate(
        waiting=Count("pk", filter=waiting),
        oldest_waiting=Min("enqueued_at", filter=waiting),
        failed=Count("pk", filter=failed),
    )
    ok = beats["live"] > 0
    status = {
        "ok": ok,
        "live_workers": beats["live"],
        "last_seen": _iso(beats["latest"]),
        "tasks_waiting": tasks["waiting"],
        "oldest_waiting_since": _iso(tasks["oldest_waiting"]),
        "tasks_failed_last_24h": tasks["failed"],
    }
    if not ok:
        status["error"] = "no worker has reported in the last 2 minutes"
    return status


def last_fire_times(job_names):
    """{job name: the latest slot enqueued for it} for the named jobs that have ever run."""
    rows = (
        ScheduledRun.objects.filter(job__in=list(job_names))
        .values("job")
        .annotate(last=Max("fire_time"))
    )
    return {row["job"]: row["last"] for row in rows}


def _iso(moment):
    return moment.isoformat() if moment else None


@dataclass(frozen=True)
class FailedJob:
    """A job that failed, as the list of failed jobs shows it: never its traceback, which may
    quote the data it was working on."""

    name: str
    queue: str
    finished_at: datetime
    attempts: int
    reason: str


FAILED_JOBS_SHOWN = timedelta(days=30)

# The failure jobs.services records for a job whose worker died too often, as the row stores it
# (by path: services reads this module, so it is not imported here).
WORKER_LOST = "carershub.jobs.services.WorkerLost"


def failed_jobs(now=None, limit=100):
    """Jobs that failed in the last 30 days (as long as failures are kept), newest first."""
    now = now or timezone.now()
    rows = (
        DBTaskResult.objects.filter(
            status=TaskResultStatus.FAILED, finished_at__gte=now - FAILED_JOBS_SHOWN
        )
        .order_by("-finished_at")
        .only(
            "task_path",
            "queue_name",
            "finished_at",
            "worker_ids",
            "exception_class_path",
            "traceback",
        )[:limit]
    )
    return [
        FailedJob(
            name=row.task_path.rsplit(".", 1)[-1].replace("_", " ").capitalize(),
            queue=row.queue_name,
            finished_at=row.finished_at,
            attempts=len(row.worker_ids),
            reason=row.traceback
            if row.exception_class_path == WORKER_LOST
            else (
                "The job stopped with an error "
                f"({row.exception_class_path.rsplit('.', 1)[-1] or 'unknown'}). "
                "The worker's log has the details."
            ),
        )
        for row in rows
    ]

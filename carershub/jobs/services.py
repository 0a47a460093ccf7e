"""Changes the worker makes: enqueue the scheduled jobs that are due, keep its heartbeat, take back
jobs whose worker died, tidy up."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from carershub.jobs import schedules, selectors
from carershub.jobs.models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger(__name__)


def enqueue_due_jobs(*, now=None, schedule=None, worker_id=""):
    """Enqueue each scheduled job whose latest slot has not been enqueued; return the new runs.

    Only the latest slot counts, so a job that missed slots while no worker was running runs
    once when a worker comes back, not once per missed slot. Comparing with the last slot run
    (rather than asking "was this exact slot run?") also means that moving a job's time does not
    run it twice in one day.
    """
    now = now or timezone.now()
    schedule = schedules.SCHEDULE if schedule is None else schedule
    slots = {entry.name: entry.latest_fire_time(now) for entry in schedule}
    last = selectors.last_fire_times(slots)
    runs = []
    for entry in schedule:
        slot = slots[entry.name]
        if entry.name in last and last[entry.name] >= slot:
            continue
        try:
            run = _enqueue_once(entry, slot, worker_id)
        except Exception:
            # One broken job must not stop the others; it is tried again at the next tick.
            logger.exception(
                "Could not enqueue scheduled job %s for %s", entry.name, slot.isoformat()
            )
            continue
        if run is not None:
            runs.append(run)
    return runs


def _enqueue_once(entry, slot, worker_id):
    """Claim the slot and enqueue its task in one transaction, or do nothing if it is taken.

    The database backend stores the task in the same database, so the claim and the task
    commit together or not at all. Two workers ticking at once both try the insert; the
    unique constraint lets one through and gives the other an IntegrityError.
    """
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=entry.name, fire_time=slot, enqueued_by=worker_id)
            result = entry.task.enqueue()
            run.task_result_id = result.id
            run.save(update_fields=["task_result_id"])
    except IntegrityError:
        logger.debug(
            "Scheduled job %s for %s was enqueued by another worker", entry.name, slot.isoformat()
        )
        return None
    logger.info(
        "Enqueued scheduled job %s for %s (task %s)", entry.name, slot.isoformat(), result.id
    )
    return run


def record_heartbeat(worker_id, *, started_at, queues, now=None):
    """Say that this worker is alive (one UPDATE, or an INSERT the first time).

    The beat renews the lease on the job the worker is running (see ``take_back_abandoned_jobs``).
    ``started_at`` is rewritten every time: a worker restarted under the same id (a container
    that keeps its hostname and pid) must not renew the leases its dead predecessor held.
    """
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(
        last_seen=now, queues=queues, started_at=started_at
    )
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id, started_at=started_at, last_seen=now, queues=queues
        )


def forget_worker(worker_id):
    """A worker stopping cleanly says so at once,
    rather than leaving the health check to time out.
    """
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def prune_worker_records(*, older_than):
    """Delete heartbeats of long-gone workers and runs older than ``older_than``.

    The latest run of each job is always kept: it is what stops the scheduler enqueueing that
    slot again (a monthly job would otherwise run twice a month once its row was pruned).
    """
    heartbeats, _ = WorkerHeartbeat.objects.filter(last_seen__lt=older_than).delete()
    superseded = ScheduledRun.objects.filter(
        job=OuterRef("job"), fire_time__gt=OuterRef("fire_time")
    )
    runs, _ = (
        ScheduledRun.objects.filter(fire_time__lt=older_than).filter(Exists(superseded)).delete()
    )
    return {"heartbeats": heartbeats, "scheduled_runs": runs}


# --- Leases: a job whose worker died is run again, a few times at most --------------------------


class WorkerLost(Exception):
    """Recorded as the failure of a job whose worker stopped mid-job too many times."""


def lease():
    """How long a claimed job stays its worker's after that worker's last heartbeat."""
    return timedelta(seconds=getattr(settings, "JOBS_LEASE_SECONDS", 120))


def max_attempts():
    """How many times a job is started before a worker dying under it marks it failed."""
    return getattr(settings, "JOBS_MAX_ATTEMPTS", 3)


def worker_lost_reason(attempts):
    return (
        f"The worker running this job stopped {attempts} times before the job finished (its "
        "process ended without finishing the job: it was killed, ran out of memory or its machine "
        "restarted), so the job was not tried again. Look at the worker's log for that time, "
        "then start the job again if it is still needed."
    )


def take_back_abandoned_jobs(*, now=None, lease_for=None, attempts_allowed=None):
    """Put back in the queue each running job whose worker has died; fail it after the last attempt.

    A job claimed by a worker is leased to it for as long as that worker's heartbeat is fresh
    (every tick renews it) and the heartbeat belongs to the process that claimed the job (it
    started before the job did). A job whose lease ran out is ready again, to be run by any
    worker, until it has been started ``attempts_allowed`` times (django-tasks-db records the
    worker of every attempt in ``worker_ids``); then it is marked failed with a plain reason,
    which the health check counts and the hub's list of failed jobs shows. Each change is one
    conditional UPDATE on the job as it was read, so two workers doing this at once, or the
    job's own worker finishing it at that moment, cannot both win. Returns (retried, failed) ids.
    """
    now = now or timezone.now()
    lease_for = lease() if lease_for is None else lease_for
    attempts_allowed = max_attempts() if attempts_allowed is None else attempts_allowed
    expired_before = now - lease_for
    live = dict(
        WorkerHeartbeat.objects.filter(last_seen__gte=expired_before).values_list(
            "worker_id", "started_at"
        )
    )
    retried, failed = [], []
    # A job is never taken back in its first lease, so a worker may claim one before it first beats.
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=expired_before
    )
    for job in running.only("id", "worker_ids", "started_at"):
        holder = job.worker_ids[-1] if job.worker_ids else None
        if holder in live and live[holder] <= job.started_at:
            continue
        as_read = DBTaskResult.objects.filter(
            pk=job.pk, status=TaskResultStatus.RUNNING, started_at=job.started_at
        )
        attempts = len(job.worker_ids)
        if attempts < attempts_allowed:
            if as_read.update(status=TaskResultStatus.READY):
                retried.append(str(job.pk))
                logger.warning(
                    "Job %s lost its worker %s on attempt %d: it is queued again",
                    job.pk,
                    holder,
                    attempts,
                )
        elif as_read.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            return_value=None,
            exception_class_path=selectors.WORKER_LOST,
            traceback=worker_lost_reason(attempts),
        ):
            failed.append(str(job.pk))
            logger.error("Job %s lost its worker %d times: marked failed", job.pk, attempts)
    return retried, failed

"""Changes the worker makes: enqueue the scheduled jobs that are due, keep its heartbeat, tidy up."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from carershub.jobs import selectors
from carershub.jobs.models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger(__name__)


def enqueue_due_jobs(*, now=None, schedule=None, worker_id=""):
    """Enqueue each scheduled job whose latest slot has not been enqueued; return the new runs.

    Only the latest slot counts, so a job that missed slots while no worker was running runs
    once when a worker comes back, not once per missed slot. Comparing with the last slot run
    (rather than asking "was this exact slot run?") also means that moving a job's time does not
    run it twice in one day.
    """
    from carershub.jobs.schedules import SCHEDULE

    now = now or timezone.now()
    schedule = SCHEDULE if schedule is None else schedule
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
            logger.exception("Could not enqueue scheduled job %s for %s", entry.name, slot.isoformat())
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
        logger.debug("Scheduled job %s for %s was enqueued by another worker", entry.name, slot.isoformat())
        return None
    logger.info("Enqueued scheduled job %s for %s (task %s)", entry.name, slot.isoformat(), result.id)
    return run


def record_heartbeat(worker_id, *, started_at, queues, now=None):
    """Say that this worker is alive (one UPDATE, or an INSERT the first time)."""
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(worker_id=worker_id).update(last_seen=now, queues=queues)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id, started_at=started_at, last_seen=now, queues=queues
        )


def forget_worker(worker_id):
    """A worker stopping cleanly says so at once, rather than leaving the health check to time out."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def prune_worker_records(*, older_than):
    """Delete heartbeats of long-gone workers and runs older than ``older_than``.

    The latest run of each job is always kept: it is what stops the scheduler enqueueing that
    slot again (a monthly job would otherwise run twice a month once its row was pruned).
    """
    heartbeats, _ = WorkerHeartbeat.objects.filter(last_seen__lt=older_than).delete()
    superseded = ScheduledRun.objects.filter(job=OuterRef("job"), fire_time__gt=OuterRef("fire_time"))
    runs, _ = ScheduledRun.objects.filter(fire_time__lt=older_than).filter(Exists(superseded)).delete()
    return {"heartbeats": heartbeats, "scheduled_runs": runs}

"""What the worker writes about itself: which scheduled runs it enqueued, and that it is alive."""

from django.db import models


class ScheduledRun(models.Model):
    """One firing of a scheduled job: the row that makes its enqueue happen exactly once.

    Every worker's scheduler ticks; the unique (job, fire_time) pair means that only the first
    to insert the row for a slot enqueues the task, whichever machine it runs on.
    """

    job = models.CharField(max_length=100)
    # The slot the cron expression named (stored in UTC like every datetime), not when it ran.
    fire_time = models.DateTimeField()
    enqueued_at = models.DateTimeField(auto_now_add=True)
    enqueued_by = models.CharField(max_length=64, blank=True, help_text="The worker id.")
    # A plain id, not a foreign key: task results are pruned, the record of the run stays.
    task_result_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-fire_time", "job"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "fire_time"], name="scheduled_run_once_per_slot"
            ),
        ]

    def __str__(self):
        return f"{self.job} at {self.fire_time:%Y-%m-%d %H:%M}"


class WorkerHeartbeat(models.Model):
    """A worker process that says it is alive; the health check reads these rows."""

    worker_id = models.CharField(max_length=64, unique=True, help_text="hostname:pid")
    started_at = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)
    queues = models.JSONField(default=list)

    class Meta:
        ordering = ["-last_seen"]

    def __str__(self):
        return f"{self.worker_id} (last seen {self.last_seen:%Y-%m-%d %H:%M:%S})"

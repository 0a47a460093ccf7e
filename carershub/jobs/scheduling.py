"""A scheduled job and its timetable: cron expressions read in the hub's local time
(Europe/London).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from croniter import croniter
from django.utils import timezone
from django_tasks.base import Task

from carershub.jobs.queueing import task_at


@dataclass(frozen=True)
class Scheduled:
    """Run the task at ``task_path`` whenever the cron expression ``cron`` fires.

    ``name`` identifies the job in the record of runs, so renaming a job makes it look new (it
    then runs at its next tick). The task takes no arguments and must be safe to run late or
    twice in a row: after an outage it runs once, as soon as a worker is back.
    """

    name: str
    cron: str
    task_path: str

    @property
    def task(self) -> Task:
        return task_at(self.task_path)

    def latest_fire_time(self, now: datetime) -> datetime:
        """The latest slot at or before ``now``: the one a tick at ``now`` should have enqueued.

        Cron expressions name wall-clock times in the hub's time zone, so "15 3 * * *" is
        quarter past three in London in summer and in winter. Cron counts in whole minutes:
        starting from the next minute makes a slot that falls exactly on ``now`` count as due
        (croniter's ``get_prev`` never returns its starting point).
        """
        local = timezone.localtime(now, timezone.get_default_timezone())
        start = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
        return croniter(self.cron, start).get_prev(datetime)

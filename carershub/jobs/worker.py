"""The worker process: django-tasks-db's task loop,
with the scheduler ticking in a thread beside it.
"""

import logging
import os
import socket
import threading

from django.db import close_old_connections, connections
from django.utils import timezone

from carershub.jobs import services

logger = logging.getLogger(__name__)

TICK_SECONDS = 30


def this_worker_id(pid=None):
    """hostname:pid, which is unique across machines and fits django-tasks-db's 64 characters."""
    pid = str(pid or os.getpid())
    return f"{socket.gethostname()[: 63 - len(pid)]}:{pid}"


class Scheduler(threading.Thread):
    """Every ``tick_seconds``: write this worker's heartbeat (which renews the lease on the job it
    is
    running), put back in the queue the jobs of workers that died, then enqueue the jobs that are
    due.

    A daemon thread, so a task running in the main thread never delays the heartbeat and the
    heartbeat never delays a task. Each tick uses its own database connection (Django's are
    per thread) and survives errors: a database that is down now may be back at the next tick.
    """

    def __init__(self, *, worker_id, queues, tick_seconds=TICK_SECONDS):
        super().__init__(name="carershub-scheduler", daemon=True)
        self.worker_id = worker_id
        self.queues = list(queues)
        self.tick_seconds = tick_seconds
        self.started_at = timezone.now()
        self._stopping = threading.Event()

    def run(self):
        try:
            while not self._stopping.is_set():
                # As Django does around each request: drop a connection the database has closed.
                close_old_connections()
                self.tick()
                self._stopping.wait(self.tick_seconds)
        finally:
            connections.close_all()

    def tick(self):
        try:
            services.record_heartbeat(
                self.worker_id, started_at=self.started_at, queues=self.queues
            )
        except Exception:
            logger.exception("Could not write the heartbeat of worker %s", self.worker_id)
        try:
            services.take_back_abandoned_jobs()
        except Exception:
            logger.exception("Could not take back the jobs of workers that died")
        try:
            services.enqueue_due_jobs(worker_id=self.worker_id)
        except Exception:
            logger.exception("Could not enqueue the scheduled jobs that are due")

    def stop(self, timeout=None):
        """Finish the tick under way (if any) and stop; no more heartbeats after this returns."""
        self._stopping.set()
        self.join(timeout)

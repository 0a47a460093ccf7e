"""`manage.py run_worker`: run background tasks and scheduled jobs until told to stop."""

from django.core.management.base import BaseCommand
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker, valid_interval

from carershub.jobs import services
from carershub.jobs.worker import TICK_SECONDS, Scheduler, this_worker_id


class Command(BaseCommand):
    help = (
        "Run queued tasks (django-tasks-db's worker) and enqueue scheduled jobs when they are due. "
        "Run as many as you like, on as many machines: each task and each scheduled slot runs "
        "once. SIGTERM or Ctrl+C stops it after the task under way."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name",
            default="*",
            help="Queues to take tasks from, separated by commas; '*' (the default) means all.",
        )
        parser.add_argument(
            "--interval",
            type=valid_interval,
            default=1.0,
            help="Seconds to wait before looking again when no task is ready (default: 1).",
        )
        parser.add_argument(
            "--tick-seconds",
            type=valid_interval,
            default=TICK_SECONDS,
            help=f"Seconds between heartbeats and scheduler ticks (default: {TICK_SECONDS}).",
        )

    def handle(self, *, queue_name, interval, tick_seconds, **options):
        worker_id = this_worker_id()
        queues = queue_name.split(",")
        worker = Worker(
            queue_names=queues,
            interval=interval,
            batch=False,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=True,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        scheduler = Scheduler(worker_id=worker_id, queues=queues, tick_seconds=tick_seconds)
        # The worker's handlers: the first SIGINT/SIGTERM lets the task under way finish (or
        # exits at once when idle), a second one stops it mid-task.
        worker.configure_signals()
        scheduler.start()
        try:
            worker.run()
        finally:
            scheduler.stop(timeout=30)
            services.forget_worker(worker_id)
            self.stdout.write(f"Worker {worker_id} stopped")

"""The worker as it runs in production: a separate process, started by its management command."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from carershub.jobs import tasks
from carershub.jobs.models import ScheduledRun, WorkerHeartbeat
from carershub.jobs.schedules import SCHEDULE
from carershub.jobs.worker import this_worker_id

WAIT_SECONDS = 60


def database_url_for_this_test():
    """A DATABASE_URL naming the test database (not the one in the environment), for a child."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    if db["ENGINE"] == "django.db.backends.postgresql":
        credentials = quote(db["USER"] or "", safe="")
        if db["PASSWORD"]:
            credentials += ":" + quote(db["PASSWORD"], safe="")
        host = db["HOST"] or "localhost"
        port = f":{db['PORT']}" if db["PORT"] else ""
        return f"postgres://{credentials}@{host}{port}/{quote(db['NAME'], safe='')}"
    raise NotImplementedError(f"No DATABASE_URL for {db['ENGINE']}")


def start_worker(log):
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_this_test(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
        cwd=settings.BASE_DIR,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until(condition, worker, log_path):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.poll() is not None:
            pytest.fail(f"The worker exited with {worker.returncode}:\n{log_path.read_text()}")
        time.sleep(0.2)
    pytest.fail(f"Gave up after {WAIT_SECONDS} seconds. Worker output:\n{log_path.read_text()}")


def task_and_timetable_finished(task_id):
    """Every job in the timetable has been enqueued, and it and the task have run."""
    runs = list(ScheduledRun.objects.values_list("job", "task_result_id"))
    unfinished = DBTaskResult.objects.filter(
        pk__in=[task_id, *(result_id for _, result_id in runs)],
        status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    )
    return {job for job, _ in runs} == {
        entry.name for entry in SCHEDULE
    } and not unfinished.exists()


def expired_session():
    store = SessionStore()
    store.create()
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Session.objects.filter(session_key=store.session_key).update(expire_date=an_hour_ago)
    return store.session_key


@pytest.mark.django_db(transaction=True)
def test_the_worker_process_runs_a_queued_task_and_the_timetable_and_reports_healthy(
    client, tmp_path
):
    stale = expired_session()
    queued = tasks.clear_expired_sessions.enqueue()
    assert client.get(reverse("home:healthz")).status_code == 503

    log_path = tmp_path / "worker.log"
    with log_path.open("w") as log:
        worker = start_worker(log)
    worker_id = this_worker_id(pid=worker.pid)
    try:
        wait_until(lambda: task_and_timetable_finished(queued.id), worker, log_path)

        # The task enqueued here ran in the other process, and did its work.
        result = DBTaskResult.objects.get(pk=queued.id)
        assert result.status == TaskResultStatus.SUCCESSFUL, result.traceback
        assert result.worker_ids == [worker_id]
        assert not Session.objects.filter(session_key=stale).exists()
        # Its scheduler thread enqueued every job in the timetable, and the worker ran them.
        runs = ScheduledRun.objects.all()
        assert {run.job for run in runs} == {entry.name for entry in SCHEDULE}
        assert {run.enqueued_by for run in runs} == {worker_id}
        statuses = DBTaskResult.objects.filter(pk__in=[run.task_result_id for run in runs])
        assert set(statuses.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}

        heartbeat = WorkerHeartbeat.objects.get(worker_id=worker_id)
        assert heartbeat.queues == ["*"]
        response = client.get(reverse("home:healthz"))
        assert response.status_code == 200
        assert response.json()["worker"]["live_workers"] == 1

        # SIGTERM (what `make run`, systemd and container runtimes send) stops it cleanly.
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=WAIT_SECONDS) == 0, log_path.read_text()
        assert not WorkerHeartbeat.objects.filter(worker_id=worker_id).exists()
        assert client.get(reverse("home:healthz")).status_code == 503
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()

"""A job whose worker dies is run again by another worker once its lease runs out, and marked
failed with a plain reason after the last attempt: real worker processes, killed with SIGKILL."""

import os
import signal
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from carershub.accounts.models import Role
from carershub.jobs import services
from carershub.jobs.tests.factories import WorkerHeartbeatFactory
from carershub.jobs.tests.tasks import hold_until_released
from carershub.jobs.tests.test_worker_process import database_url_for_this_test, wait_until
from carershub.jobs.worker import this_worker_id

LEASE_SECONDS = 2


class Workers:
    """Worker processes started for one test, each with a short lease; all killed at the end."""

    def __init__(self, tmp_path, max_attempts):
        self.tmp_path = tmp_path
        self.max_attempts = max_attempts
        self.started = []

    def start(self):
        log_path = self.tmp_path / f"worker-{len(self.started)}.log"
        env = {
            **os.environ,
            "DATABASE_URL": database_url_for_this_test(),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "JOBS_LEASE_SECONDS": str(LEASE_SECONDS),
            "JOBS_MAX_ATTEMPTS": str(self.max_attempts),
        }
        with log_path.open("w") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "manage.py",
                    "run_worker",
                    "--interval",
                    "0.1",
                    "--tick-seconds",
                    "0.2",
                ],
                cwd=settings.BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        process.log_path = log_path
        process.worker_id = this_worker_id(pid=process.pid)
        self.started.append(process)
        return process

    def kill(self, process):
        process.send_signal(signal.SIGKILL)  # no chance to tidy up: as when a machine loses power
        process.wait()

    def stop_all(self):
        for process in self.started:
            if process.poll() is None:
                process.kill()
                process.wait()


@pytest.fixture
def workers(tmp_path):
    made = []

    def start_with(max_attempts):
        made.append(Workers(tmp_path, max_attempts))
        return made[-1]

    yield start_with
    for each in made:
        each.stop_all()


def job(result):
    return DBTaskResult.objects.get(pk=result.id)


def running_on(result, worker):
    def check():
        row = job(result)
        return row.status == TaskResultStatus.RUNNING and row.worker_ids[-1:] == [worker.worker_id]

    return check


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_is_killed_is_run_again_by_another_worker_after_its_lease(
    workers, tmp_path
):
    pool = workers(max_attempts=3)
    queued = hold_until_released.enqueue(str(tmp_path))
    first = pool.start()
    wait_until(running_on(queued, first), first, first.log_path)
    assert (tmp_path / f"started-by-{first.pid}").exists()

    pool.kill(first)
    assert job(queued).status == TaskResultStatus.RUNNING  # nobody has noticed yet
    second = pool.start()
    wait_until(running_on(queued, second), second, second.log_path)
    (tmp_path / "release").touch()
    wait_until(lambda: job(queued).status == TaskResultStatus.SUCCESSFUL, second, second.log_path)

    finished = job(queued)
    assert finished.worker_ids == [first.worker_id, second.worker_id]
    assert finished.return_value == "released"
    assert (tmp_path / f"started-by-{second.pid}").exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_whose_worker_dies_on_every_attempt_is_failed_with_a_plain_reason(
    workers, tmp_path, client, make_staff, hub, sign_in
):
    pool = workers(max_attempts=2)
    queued = hold_until_released.enqueue(str(tmp_path))
    first = pool.start()
    wait_until(running_on(queued, first), first, first.log_path)
    pool.kill(first)
    second = pool.start()
    wait_until(running_on(queued, second), second, second.log_path)
    pool.kill(second)

    third = pool.start()
    wait_until(lambda: job(queued).status == TaskResultStatus.FAILED, third, third.log_path)

    failed = job(queued)
    assert failed.worker_ids == [first.worker_id, second.worker_id]  # not started a third time
    assert failed.exception_class_path == "carershub.jobs.services.WorkerLost"
    assert failed.traceback.startswith(
        "The worker running this job stopped 2 times before the job finished"
    )
    assert not (tmp_path / f"started-by-{third.pid}").exists()
    assert client.get(reverse("home:healthz")).json()["worker"]["tasks_failed_last_24h"] == 1
    # The hub's system administrators see it, and why, in the list of failed jobs.
    page = (
        sign_in(make_staff(Role.SYSTEM_ADMIN, hub), hub)
        .get(reverse("jobs:failed"))
        .content.decode()
    )
    assert "Hold until released" in page
    assert "The worker running this job stopped 2 times before the job finished" in page


# --- The lease, with the clock given ------------------------------------------------------------

NOW = timezone.make_aware(timezone.datetime(2026, 11, 18, 11, 0))
LEASE = timedelta(seconds=120)


def claimed(worker_ids, started_at):
    result = hold_until_released.enqueue("/nowhere")
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING, worker_ids=worker_ids, started_at=started_at
    )
    return result


def take_back(attempts_allowed=3):
    return services.take_back_abandoned_jobs(
        now=NOW, lease_for=LEASE, attempts_allowed=attempts_allowed
    )


@pytest.mark.django_db
def test_a_job_is_left_alone_while_its_worker_beats():
    WorkerHeartbeatFactory(
        worker_id="a:1", started_at=NOW - timedelta(hours=1), last_seen=NOW - timedelta(seconds=30)
    )
    long_running = claimed(["a:1"], NOW - timedelta(hours=1))
    assert take_back() == ([], [])
    assert job(long_running).status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_job_is_taken_back_once_its_workers_heartbeat_is_older_than_the_lease():
    WorkerHeartbeatFactory(
        worker_id="a:1",
        started_at=NOW - timedelta(hours=1),
        last_seen=NOW - LEASE - timedelta(seconds=1),
    )
    abandoned = claimed(["a:1"], NOW - timedelta(minutes=10))
    assert take_back() == ([abandoned.id], [])
    assert job(abandoned).status == TaskResultStatus.READY


@pytest.mark.django_db
def test_a_job_just_claimed_by_a_worker_that_has_not_beaten_yet_keeps_its_first_lease():
    just_claimed = claimed(["new:7"], NOW - timedelta(seconds=5))
    assert take_back() == ([], [])
    assert job(just_claimed).status == TaskResultStatus.RUNNING


@pytest.mark.django_db
def test_a_worker_restarted_under_the_same_id_does_not_keep_its_dead_predecessors_job():
    # Same hostname and pid (a container restarted), but this process started after the job did.
    WorkerHeartbeatFactory(worker_id="box:1", started_at=NOW - timedelta(minutes=1), last_seen=NOW)
    orphan = claimed(["box:1"], NOW - timedelta(minutes=5))
    assert take_back() == ([orphan.id], [])


@pytest.mark.django_db
def test_the_last_attempt_is_failed_not_retried_and_says_why_in_plain_english():
    abandoned = claimed(["a:1", "b:2", "c:3"], NOW - timedelta(minutes=10))
    assert take_back(attempts_allowed=3) == ([], [abandoned.id])
    failed = job(abandoned)
    assert (failed.status, failed.finished_at) == (TaskResultStatus.FAILED, NOW)
    assert "stopped 3 times" in failed.traceback and "Traceback" not in failed.traceback


@pytest.mark.django_db
def test_a_heartbeat_renews_the_lease_and_records_which_process_holds_it():
    services.record_heartbeat(
        "box:1", started_at=NOW - timedelta(hours=2), queues=["*"], now=NOW - timedelta(hours=1)
    )
    services.record_heartbeat("box:1", started_at=NOW - timedelta(minutes=1), queues=["*"], now=NOW)
    from carershub.jobs.models import WorkerHeartbeat

    beat = WorkerHeartbeat.objects.get(worker_id="box:1")
    assert (beat.started_at, beat.last_seen) == (NOW - timedelta(minutes=1), NOW)


@pytest.mark.django_db
def test_the_list_of_failed_jobs_gives_a_reason_but_never_a_traceback(
    client, make_staff, hub, sign_in
):
    crashed = claimed(["a:1"], timezone.now() - timedelta(minutes=5))
    DBTaskResult.objects.filter(pk=crashed.id).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="builtins.ValueError",
        traceback="Traceback (most recent call last):\nValueError: Ada Foxglove's NHS number "
        "9434765919",
    )
    page = (
        sign_in(make_staff(Role.SYSTEM_ADMIN, hub), hub)
        .get(reverse("jobs:failed"))
        .content.decode()
    )
    assert "The job stopped with an error (ValueError)" in page
    assert "Ada" not in page and "9434765919" not in page


@pytest.mark.django_db
def test_only_system_administrators_find_the_failed_jobs_from_their_home_page(
    make_staff, hub, sign_in
):
    admin_home = (
        sign_in(make_staff(Role.SYSTEM_ADMIN, hub), hub)
        .get(reverse("home:staff_home"))
        .content.decode()
    )
    assert reverse("jobs:failed") in admin_home
    worker_home = (
        sign_in(make_staff(Role.SUPPORT_WORKER, hub), hub)
        .get(reverse("home:staff_home"))
        .content.decode()
    )
    assert reverse("jobs:failed") not in worker_home

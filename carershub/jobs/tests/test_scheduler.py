import threading
from datetime import UTC, datetime

import pytest
from django.db import connection
from django_tasks_db.models import DBTaskResult

from carershub.jobs import schedules, selectors, services
from carershub.jobs.models import ScheduledRun, WorkerHeartbeat
from carershub.jobs.scheduling import Scheduled
from carershub.jobs.tests.factories import ScheduledRunFactory
from carershub.jobs.worker import Scheduler

SESSIONS_TASK = "carershub.jobs.tasks.clear_expired_sessions"
DAILY = Scheduled("nightly-tidy", "15 3 * * *", SESSIONS_TASK)
HOURLY = Scheduled("hourly-tidy", "0 * * * *", SESSIONS_TASK)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def queued_tasks():
    return DBTaskResult.objects.filter(task_path=SESSIONS_TASK).count()


def test_daily_time_is_london_time_in_summer_and_in_winter():
    # 03:15 in London is 02:15 UTC under British Summer Time and 03:15 UTC in winter.
    assert DAILY.latest_fire_time(utc(2025, 7, 1, 12, 0)) == utc(2025, 7, 1, 2, 15)
    assert DAILY.latest_fire_time(utc(2025, 12, 1, 12, 0)) == utc(2025, 12, 1, 3, 15)


def test_before_todays_time_the_latest_slot_is_yesterdays():
    assert DAILY.latest_fire_time(utc(2025, 12, 1, 3, 14, 59)) == utc(2025, 11, 30, 3, 15)


def test_a_slot_falling_exactly_now_is_due_now():
    assert DAILY.latest_fire_time(utc(2025, 12, 1, 3, 15)) == utc(2025, 12, 1, 3, 15)
    assert HOURLY.latest_fire_time(utc(2025, 12, 1, 9, 0)) == utc(2025, 12, 1, 9, 0)


@pytest.mark.django_db
def test_a_due_job_is_enqueued_once_and_recorded_with_its_task():
    runs = services.enqueue_due_jobs(now=utc(2025, 12, 1, 3, 16), schedule=[DAILY], worker_id="a:1")

    assert len(runs) == 1
    run = ScheduledRun.objects.get()
    assert (run.job, run.fire_time, run.enqueued_by) == (
        "nightly-tidy",
        utc(2025, 12, 1, 3, 15),
        "a:1",
    )
    assert DBTaskResult.objects.get(pk=run.task_result_id).task_path == SESSIONS_TASK


@pytest.mark.django_db
def test_later_ticks_in_the_same_slot_do_not_enqueue_again_but_the_next_slot_does():
    services.enqueue_due_jobs(now=utc(2025, 12, 1, 3, 16), schedule=[DAILY])
    assert services.enqueue_due_jobs(now=utc(2025, 12, 1, 3, 16, 30), schedule=[DAILY]) == []
    assert services.enqueue_due_jobs(now=utc(2025, 12, 1, 23, 59), schedule=[DAILY]) == []
    assert queued_tasks() == 1

    services.enqueue_due_jobs(now=utc(2025, 12, 2, 3, 15), schedule=[DAILY])
    assert queued_tasks() == 2
    assert ScheduledRun.objects.latest("fire_time").fire_time == utc(2025, 12, 2, 3, 15)


@pytest.mark.django_db
def test_slots_missed_while_no_worker_ran_are_caught_up_with_one_run():
    ScheduledRunFactory(job="hourly-tidy", fire_time=utc(2025, 12, 1, 10, 0))

    runs = services.enqueue_due_jobs(now=utc(2025, 12, 1, 15, 30), schedule=[HOURLY])
    services.enqueue_due_jobs(now=utc(2025, 12, 1, 15, 31), schedule=[HOURLY])

    assert [run.fire_time for run in runs] == [utc(2025, 12, 1, 15, 0)]
    assert queued_tasks() == 1


@pytest.mark.django_db
def test_moving_a_job_earlier_in_the_day_does_not_run_it_twice_that_day():
    ScheduledRunFactory(job="nightly-tidy", fire_time=utc(2025, 12, 1, 3, 15))
    moved = Scheduled("nightly-tidy", "0 3 * * *", SESSIONS_TASK)

    assert services.enqueue_due_jobs(now=utc(2025, 12, 1, 9, 0), schedule=[moved]) == []
    assert len(services.enqueue_due_jobs(now=utc(2025, 12, 2, 3, 0), schedule=[moved])) == 1


@pytest.mark.django_db
def test_a_job_that_cannot_be_enqueued_does_not_stop_the_others_and_claims_no_slot():
    broken = Scheduled("broken", "0 * * * *", "carershub.jobs.tasks.no_such_task")

    runs = services.enqueue_due_jobs(now=utc(2025, 12, 1, 9, 5), schedule=[broken, HOURLY])

    assert [run.job for run in runs] == ["hourly-tidy"]
    # Its slot is not marked as done, so it is tried again once the task exists.
    assert not ScheduledRun.objects.filter(job="broken").exists()


@pytest.mark.django_db
def test_a_slot_another_worker_claimed_after_our_check_is_not_enqueued_again(monkeypatch):
    # The other worker inserted its row between our look at the last runs and our insert.
    ScheduledRunFactory(job="nightly-tidy", fire_time=utc(2025, 12, 1, 3, 15), enqueued_by="b:2")
    monkeypatch.setattr(selectors, "last_fire_times", lambda names: {})

    runs = services.enqueue_due_jobs(now=utc(2025, 12, 1, 3, 16), schedule=[DAILY], worker_id="a:1")

    assert runs == []
    assert ScheduledRun.objects.get().enqueued_by == "b:2"
    assert queued_tasks() == 0


@pytest.mark.django_db(transaction=True)
def test_two_workers_ticking_at_the_same_moment_enqueue_each_slot_once(monkeypatch):
    # Both workers read "not run yet" before either inserts: the race the constraint settles.
    both_have_looked = threading.Barrier(2, timeout=30)
    real_last_fire_times = selectors.last_fire_times

    def last_fire_times_then_wait(names):
        found = real_last_fire_times(names)
        both_have_looked.wait()
        return found

    monkeypatch.setattr(selectors, "last_fire_times", last_fire_times_then_wait)
    made = {}
    errors = []

    def tick(worker_id):
        try:
            made[worker_id] = services.enqueue_due_jobs(
                now=utc(2025, 12, 1, 3, 16), schedule=[DAILY, HOURLY], worker_id=worker_id
            )
        except Exception as exc:  # reported below, not lost in the thread
            errors.append(exc)
        finally:
            connection.close()

    workers = [threading.Thread(target=tick, args=(f"host-{n}:{n}",)) for n in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)

    assert errors == []
    assert sorted(run.job for runs in made.values() for run in runs) == [
        "hourly-tidy",
        "nightly-tidy",
    ]
    assert ScheduledRun.objects.count() == 2
    assert queued_tasks() == 2


@pytest.mark.django_db
def test_a_scheduler_tick_writes_the_heartbeat_and_enqueues_the_timetable():
    scheduler = Scheduler(worker_id="hub-1:42", queues=["*"])

    scheduler.tick()
    WorkerHeartbeat.objects.filter(worker_id="hub-1:42").update(last_seen=utc(2025, 1, 1, 0, 0))
    scheduler.tick()

    assert WorkerHeartbeat.objects.get(worker_id="hub-1:42").last_seen > utc(2025, 1, 1, 0, 0)
    # Every job in the timetable is enqueued once (its times are checked in test_schedule_checks).
    assert set(ScheduledRun.objects.values_list("job", flat=True)) == {
        entry.name for entry in schedules.SCHEDULE
    }
    assert ScheduledRun.objects.count() == len(schedules.SCHEDULE) == 9

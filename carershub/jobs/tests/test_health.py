from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from carershub.jobs import tasks
from carershub.jobs.tests.factories import WorkerHeartbeatFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clock_stopped():
    """Ages of heartbeats are measured against a clock that does not move while the test runs,
    so a slow machine cannot turn "90 seconds ago" into "over two minutes ago"."""
    with time_machine.travel(timezone.now(), tick=False):
        yield


def health(client):
    response = client.get(reverse("home:healthz"))
    return response.status_code, response.json()


def test_health_is_unavailable_when_no_worker_has_ever_reported(client):
    status, body = health(client)

    assert status == 503
    assert body["status"] == "unavailable"
    assert body["database"] == {"ok": True}
    assert body["worker"]["ok"] is False
    assert body["worker"]["live_workers"] == 0
    assert body["worker"]["last_seen"] is None


def test_health_is_ok_when_a_worker_beat_within_two_minutes(client):
    beat = WorkerHeartbeatFactory(last_seen=timezone.now() - timedelta(seconds=90))

    status, body = health(client)

    assert status == 200
    assert body["status"] == "ok"
    assert body["worker"]["ok"] is True
    assert body["worker"]["live_workers"] == 1
    assert body["worker"]["last_seen"] == beat.last_seen.isoformat()
    assert "error" not in body["worker"]


def test_health_is_unavailable_when_the_only_worker_went_quiet(client):
    WorkerHeartbeatFactory(last_seen=timezone.now() - timedelta(minutes=3))

    status, body = health(client)

    assert status == 503
    assert body["worker"]["live_workers"] == 0
    assert body["worker"]["last_seen"] is not None
    assert "no worker" in body["worker"]["error"]


def test_health_counts_only_live_workers():
    from carershub.jobs.selectors import worker_status

    WorkerHeartbeatFactory.create_batch(2)
    WorkerHeartbeatFactory(last_seen=timezone.now() - timedelta(hours=1))

    assert worker_status()["live_workers"] == 2


def test_health_reports_tasks_waiting_now_and_failures_of_the_last_day(client):
    WorkerHeartbeatFactory()
    waiting = [tasks.clear_expired_sessions.enqueue() for _ in range(3)]
    tasks.clear_expired_sessions.using(
        run_after=timezone.now() + timedelta(hours=1)
    ).enqueue()  # not yet due
    now = timezone.now()
    DBTaskResult.objects.filter(pk=waiting[0].id).update(
        status=TaskResultStatus.FAILED, finished_at=now
    )
    yesterdays = tasks.clear_expired_sessions.enqueue()
    DBTaskResult.objects.filter(pk=yesterdays.id).update(
        status=TaskResultStatus.FAILED, finished_at=now - timedelta(hours=25)
    )

    _, body = health(client)

    assert body["worker"]["tasks_waiting"] == 2
    assert body["worker"]["tasks_failed_last_24h"] == 1
    oldest = DBTaskResult.objects.get(pk=waiting[1].id).enqueued_at
    assert body["worker"]["oldest_waiting_since"] == oldest.isoformat()


def test_health_check_costs_a_few_queries_however_much_there_is(
    client, django_assert_max_num_queries
):
    WorkerHeartbeatFactory.create_batch(5)
    for _ in range(20):
        tasks.clear_expired_sessions.enqueue()

    # One to ask the database if it answers, one for heartbeats, one for the task counts.
    with django_assert_max_num_queries(3):
        status, _ = health(client)
    assert status == 200


def test_health_is_unavailable_with_a_plain_reason_when_a_key_the_data_is_under_is_missing(client):
    """A web server restarted without the key another one encrypts with, or a key removed before the
    rotation finished: values it cannot read are reported, not hidden."""
    from django.test import override_settings

    from carershub.core import live_hub
    from carershub.core.encryption import make_field_key

    WorkerHeartbeatFactory(last_seen=timezone.now())
    with override_settings(HUB_IS_LIVE=True):
        live_hub.record_identity()
    assert health(client)[0] == 200
    with override_settings(FIELD_ENCRYPTION_KEYS=[make_field_key()]):
        status, body = health(client)

    assert status == 503
    assert body["database"] == {"ok": True}
    assert body["keys"] == {
        "ok": False,
        "error": "1 key the database's encrypted values may be under is not in "
        "FIELD_ENCRYPTION_KEYS, so some values cannot be read",
    }

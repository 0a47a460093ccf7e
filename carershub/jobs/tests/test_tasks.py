from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from carershub.accounts.models import Invitation, User
from carershub.accounts.tests.factories import UserFactory
from carershub.audit.models import AuditLog, Operation
from carershub.jobs import tasks
from carershub.jobs.models import ScheduledRun, WorkerHeartbeat
from carershub.jobs.tests.factories import ScheduledRunFactory, WorkerHeartbeatFactory

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def session(expires_in):
    store = SessionStore()
    store["note"] = "signed in"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + expires_in
    )
    return store.session_key


def test_clearing_sessions_deletes_the_expired_and_keeps_the_live():
    expired, live = session(-timedelta(minutes=1)), session(timedelta(minutes=29))

    tasks.clear_expired_sessions.call()

    remaining = list(Session.objects.values_list("session_key", flat=True))
    assert remaining == [live]
    assert expired not in remaining


def invitation(hub, manager, *, expires_in, accepted=False):
    return Invitation.objects.create(
        user=UserFactory(),
        organisation=hub,
        invited_by=manager,
        expires_at=timezone.now() + expires_in,
        accepted_at=timezone.now() - DAY if accepted else None,
    )


def test_expiring_invitations_deletes_only_expired_unaccepted_ones_and_audits_each(hub, manager):
    expired = invitation(hub, manager, expires_in=-DAY)
    accepted_long_ago = invitation(hub, manager, expires_in=-DAY, accepted=True)
    still_open = invitation(hub, manager, expires_in=DAY)

    deleted = tasks.expire_unused_invitations.call()

    assert deleted == 1
    assert set(Invitation.objects.values_list("pk", flat=True)) == {
        accepted_long_ago.pk,
        still_open.pk,
    }
    audit = AuditLog.objects.get(object_type="accounts.invitation")
    assert audit.operation == Operation.DELETE
    assert (audit.object_id, audit.actor_user_id) == (str(expired.pk), None)
    # The person's account stays, so a manager can invite them again.
    assert User.objects.filter(pk=expired.user_id).exists()


def test_expiring_invitations_with_none_expired_changes_nothing(hub, manager):
    invitation(hub, manager, expires_in=DAY)

    assert tasks.expire_unused_invitations.call() == 0
    assert Invitation.objects.count() == 1
    assert not AuditLog.objects.filter(operation=Operation.DELETE).exists()


def finished_result(status, age):
    result = tasks.clear_expired_sessions.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        status=status, finished_at=timezone.now() - age
    )
    return str(result.id)


def test_pruning_deletes_old_results_and_keeps_recent_ones_and_failures_for_a_month():
    old_success = finished_result(TaskResultStatus.SUCCESSFUL, 15 * DAY)
    recent_success = finished_result(TaskResultStatus.SUCCESSFUL, 13 * DAY)
    failure_to_look_into = finished_result(TaskResultStatus.FAILED, 20 * DAY)
    old_failure = finished_result(TaskResultStatus.FAILED, 31 * DAY)
    waiting = str(tasks.clear_expired_sessions.enqueue().id)

    tasks.prune_job_history.call()

    kept = {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)}
    assert kept == {recent_success, failure_to_look_into, waiting}
    assert old_success not in kept and old_failure not in kept


def test_pruning_forgets_old_runs_and_gone_workers_but_keeps_each_jobs_latest_run():
    now = timezone.now()
    old_daily = ScheduledRunFactory(job="clear-expired-sessions", fire_time=now - 40 * DAY)
    ScheduledRunFactory(job="clear-expired-sessions", fire_time=now - DAY)
    # A yearly job's only run is old, but it is what stops that slot running again.
    ScheduledRunFactory(job="yearly-report", fire_time=now - 200 * DAY)
    WorkerHeartbeatFactory(worker_id="gone:1", last_seen=now - 40 * DAY)
    WorkerHeartbeatFactory(worker_id="alive:2")

    removed = tasks.prune_job_history.call()

    assert removed == {"heartbeats": 1, "scheduled_runs": 1}
    assert not ScheduledRun.objects.filter(pk=old_daily.pk).exists()
    assert ScheduledRun.objects.filter(job="yearly-report").exists()
    assert list(WorkerHeartbeat.objects.values_list("worker_id", flat=True)) == ["alive:2"]

"""A task named by its path is queued only once the change that asked for it commits."""

import pytest
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from carershub.jobs import selectors, services
from carershub.jobs.queueing import enqueue, enqueue_on_commit

pytestmark = pytest.mark.django_db(transaction=True)

PRUNE = "carershub.jobs.tasks.prune_job_history"


def test_a_task_is_queued_when_the_transaction_commits_and_not_before():
    with transaction.atomic():
        enqueue_on_commit(PRUNE)
        assert not DBTaskResult.objects.exists()
    assert DBTaskResult.objects.get().task_path == PRUNE


def test_nothing_is_queued_for_a_change_that_was_rolled_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        enqueue_on_commit(PRUNE)
        raise RuntimeError("the change failed")
    assert not DBTaskResult.objects.exists()


def test_the_arguments_go_to_the_task():
    enqueue("carershub.notifications.tasks.deliver_notification", 42)
    assert DBTaskResult.objects.get().args_kwargs["args"] == [42]


def test_a_path_that_is_not_a_task_fails_in_the_service_that_names_it():
    with pytest.raises(TypeError, match="not a task"):
        enqueue_on_commit("carershub.jobs.queueing.enqueue")
    with pytest.raises(ImportError):
        enqueue_on_commit("carershub.jobs.tasks.no_such_task")


def test_the_failure_recorded_for_a_lost_worker_names_the_exception_class():
    assert import_string(selectors.WORKER_LOST) is services.WorkerLost

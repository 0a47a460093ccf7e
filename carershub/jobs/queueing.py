"""Putting a task on the queue by its dotted path: now, or once the transaction commits.

A service names the task it queues by its path (``"carershub.imports.tasks.check_import"``)
instead of importing it, so that a ``tasks`` module, which calls its app's services, never has
to be imported by them: no import cycle, and no import hidden inside a function (ADR 33).
"""

from functools import partial

from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks.base import Task


def task_at(task_path):
    """The task at ``task_path``; a TypeError if what is there is not a task."""
    task = import_string(task_path)
    if not isinstance(task, Task):
        raise TypeError(f"{task_path} is not a task: decorate it with django_tasks.task")
    return task


def enqueue(task_path, *args, **kwargs):
    """Queue the task at ``task_path`` now; returns its result handle."""
    return task_at(task_path).enqueue(*args, **kwargs)


def enqueue_on_commit(task_path, *args, using=None, **kwargs):
    """Queue the task at ``task_path`` once the current transaction commits (at once outside one).

    Nothing is queued for a change that was rolled back. The task is looked up now, so a wrong
    path fails in the service that names it rather than after the commit.
    """
    task = task_at(task_path)
    transaction.on_commit(partial(task.enqueue, *args, **kwargs), using=using)

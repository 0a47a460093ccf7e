"""Scoped access to personal data.

A model that holds personal data declares ``objects = ScopedManager()`` and a queryset with a
``visible_to(actor)`` method. ``Model.objects.visible_to(actor)`` is then the only way to reach
its rows from a page: ``Model.objects.all()``, ``.filter()``, ``.get()`` and the rest raise
``UnscopedQueryError``. Code that must see every row (migrations, background jobs, the demo
seeder, imports) says so by using ``Model.unscoped``, which the test suite forbids in views,
selectors and presenters. A carer, and what follows the carer, is also read for a purpose:
``Carer.objects.visible_to(actor, purpose)``, with no default (ADR 36).
"""

from django.db import models


class UnscopedQueryError(RuntimeError):
    """Personal data was queried without saying whose view of it this is."""


class ScopedQuerySet(models.QuerySet):
    def visible_to(self, actor):  # pragma: no cover - each model defines its own
        raise NotImplementedError


class ScopedManager(models.Manager):
    """A manager that refuses every query that has not been scoped to an actor."""

    def get_queryset(self):
        raise UnscopedQueryError(
            f"{self.model._meta.label} holds personal data: use "
            f"{self.model.__name__}.objects.visible_to(actor), or .unscoped in system code."
        )

    def visible_to(self, actor, *args):
        # Passed on as given: a queryset that takes a purpose refuses a call without one.
        return self._queryset_class(model=self.model, using=self._db).visible_to(actor, *args)


def scoped_manager_for(queryset_class):
    return ScopedManager.from_queryset(queryset_class)()

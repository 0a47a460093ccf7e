"""Audit: one record of who read or changed what, when, and acting for which organisation."""

from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class AuditConfig(AppConfig):
    name = "carershub.audit"
    label = "audit"

    def ready(self):
        from carershub.audit import guard

        connection_created.connect(
            guard.define_sqlite_function, dispatch_uid="audit-sqlite-function"
        )
        post_migrate.connect(guard.reinstall_after_migrate, sender=self, dispatch_uid="audit-guard")

"""What the audit app plugs in when the hub starts: the guard that keeps audit rows unchangeable,
on every new SQLite connection and again after each migrate."""

from django.apps import apps
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate

from carershub.audit import guard

connection_created.connect(guard.define_sqlite_function, dispatch_uid="audit-sqlite-function")
post_migrate.connect(
    guard.reinstall_after_migrate, sender=apps.get_app_config("audit"), dispatch_uid="audit-guard"
)

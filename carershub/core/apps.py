"""Core: the page layout, public pages, health check and the pieces every app shares."""

from django.apps import AppConfig
from django.core import checks
from django.core.management import call_command
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules

from carershub.core import live_hub
from carershub.core.ratelimits import check_trusted_proxies


def create_cache_tables(sender, using="default", verbosity=1, **kwargs):
    """`migrate` also makes the database cache's table (ADR 27), so that a new hub, a developer's
    `make run` and the tests all have it without a step of their own. Nothing is made when the
    cache is Redis; an existing table is left as it is."""
    call_command("createcachetable", database=using, verbosity=verbosity if verbosity > 1 else 0)


class CoreConfig(AppConfig):
    name = "carershub.core"
    label = "core"

    def ready(self):
        checks.register(check_trusted_proxies)
        # Once per migrate, after contenttypes (which every migrate has).
        post_migrate.connect(
            create_cache_tables,
            sender=self.apps.get_app_config("contenttypes"),
            dispatch_uid="carershub.core.create_cache_tables",
        )
        post_migrate.connect(_record_live_hub, sender=self)
        assert live_hub._check_new_connection  # connected on import
        # What each app plugs in (its hooks.py): answers to the lower floors' questions
        # (core.hooks), signal receivers and checks (ADR 33).
        autodiscover_modules("hooks")


def _record_live_hub(using, **kwargs):
    """After migrate made the table on a fresh database, a live hub's settings record it as live."""
    live_hub.forget()
    live_hub.check_connection(connections[using])

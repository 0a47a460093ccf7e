"""Core: the page layout, public pages, health check and the pieces every app shares."""

from django.apps import AppConfig
from django.core import checks
from django.db.models.signals import post_migrate


def create_cache_tables(sender, using="default", verbosity=1, **kwargs):
    """`migrate` also makes the database cache's table (ADR 27), so that a new hub, a developer's
    `make run` and the tests all have it without a step of their own. Nothing is made when the
    cache is Redis; an existing table is left as it is."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=verbosity if verbosity > 1 else 0)


class CoreConfig(AppConfig):
    name = "carershub.core"
    label = "core"

    def ready(self):
        from carershub.core.ratelimits import check_trusted_proxies

        checks.register(check_trusted_proxies)
        # Django sends post_migrate only for apps with models, and core has none: contenttypes is
        # in every migrate, so the table is made once per migrate, after it.
        post_migrate.connect(create_cache_tables, sender=self.apps.get_app_config("contenttypes"),
                             dispatch_uid="carershub.core.create_cache_tables")

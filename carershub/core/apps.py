"""Core: the page layout, public pages, health check and the pieces every app shares."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "carershub.core"
    label = "core"

    def ready(self):
        from carershub.core import live_hub

        post_migrate.connect(_record_live_hub, sender=self)
        assert live_hub._check_new_connection  # connected on import


def _record_live_hub(using, **kwargs):
    """After migrate made the table on a fresh database, a live hub's settings record it as live."""
    from django.db import connections

    from carershub.core import live_hub

    live_hub.forget()
    live_hub.check_connection(connections[using])

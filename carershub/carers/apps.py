"""Carers: the register of unpaid carers known to the hub."""

from django.apps import AppConfig

from carershub.carers import record


class CarersConfig(AppConfig):
    name = "carershub.carers"
    label = "carers"

    def ready(self):
        record.register(
            "carers",
            panel="carershub.carers.selectors.record_panel",
            alerts="carershub.carers.selectors.record_alerts",
            timeline="carershub.carers.selectors.timeline_entries",
        )
        record.register("sharing", panel="carershub.carers.sharing.record_panel")

"""Safeguarding: concerns about abuse or neglect of a carer, the person they care for or a child,
recorded on the carer's record and escalated to the hub's managers."""

from django.apps import AppConfig

from carershub.carers import record


class SafeguardingConfig(AppConfig):
    name = "carershub.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self):
        record.register(
            "safeguarding",
            panel="carershub.safeguarding.selectors.record_panel",
            alerts="carershub.safeguarding.selectors.record_alerts",
            timeline="carershub.safeguarding.selectors.timeline_entries",
        )

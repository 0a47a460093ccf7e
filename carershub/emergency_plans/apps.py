"""Emergency plans: what happens to the person a carer looks after if the carer suddenly cannot
care, and who steps in."""

from django.apps import AppConfig

from carershub.carers import record


class EmergencyPlansConfig(AppConfig):
    name = "carershub.emergency_plans"
    label = "emergency_plans"
    verbose_name = "Emergency plans"

    def ready(self):
        record.register(
            "emergency_plans",
            panel="carershub.emergency_plans.selectors.record_panel",
            alerts="carershub.emergency_plans.selectors.record_alerts",
            timeline="carershub.emergency_plans.selectors.timeline_entries",
        )

"""Emergency plans: what happens to the person a carer looks after if the carer suddenly cannot
care, and who steps in."""

from django.apps import AppConfig


class EmergencyPlansConfig(AppConfig):
    name = "carershub.emergency_plans"
    label = "emergency_plans"
    verbose_name = "Emergency plans"

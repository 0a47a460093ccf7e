"""The helpline: when it is open, and a contact form that lands in the triage queue."""

from django.apps import AppConfig


class HelplineConfig(AppConfig):
    name = "carershub.helpline"
    label = "helpline"
    verbose_name = "Helpline"

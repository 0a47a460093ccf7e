"""Privacy: subject access exports, the retention schedule, legal holds and erasure."""

from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "carershub.privacy"
    label = "privacy"
    verbose_name = "Privacy"

"""Resilience: backing up the hub's database and files to one file, and restoring from it."""

from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "carershub.resilience"
    label = "resilience"
    verbose_name = "Backups"

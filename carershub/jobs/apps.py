"""Jobs: background and scheduled work, run by the hub's worker."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "carershub.jobs"
    label = "jobs"

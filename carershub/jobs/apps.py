"""Jobs: background and scheduled work, run by the hub's worker (`manage.py run_worker`)."""

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "carershub.jobs"
    label = "jobs"
    verbose_name = "Background and scheduled jobs"

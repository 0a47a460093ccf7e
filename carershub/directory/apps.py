"""The directory of services: organisations, services, where and when they run, on the Open Referral
UK 3.0 model, for staff to keep and carers to search.
"""

from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "carershub.directory"
    label = "directory"
    verbose_name = "Directory"

"""Home: the hub's front pages, the public start page, the staff home,
navigation and the health check.
"""

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "carershub.home"
    label = "home"
    verbose_name = "Home"

"""Core: the page layout, public pages, health check and the pieces every app shares."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "carershub.core"
    label = "core"

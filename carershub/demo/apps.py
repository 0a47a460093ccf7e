"""Demo: a fictional partnership for trying the hub and for tests."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "carershub.demo"
    label = "demo"

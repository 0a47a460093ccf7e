"""Imports: bring carers in from another case system's CSV or Excel export, safely and once."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "carershub.imports"
    label = "imports"

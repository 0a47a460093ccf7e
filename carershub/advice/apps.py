"""The information and advice library: articles for adult, young and parent carers,
in the formats they need.
"""

from django.apps import AppConfig


class AdviceConfig(AppConfig):
    name = "carershub.advice"
    label = "advice"
    verbose_name = "Information and advice"

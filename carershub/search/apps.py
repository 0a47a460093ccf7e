"""Search: finding a carer by name (with typos), reference, NHS number,
postcode or date of birth.
"""

from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "carershub.search"
    label = "search"

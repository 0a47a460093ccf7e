"""The Carer's Allowance checker: whether a carer may qualify,
from rules held as data with the dates they apply from.
"""

from django.apps import AppConfig


class CarersAllowanceConfig(AppConfig):
    name = "carershub.carers_allowance"
    label = "carers_allowance"
    verbose_name = "Carer's Allowance checker"

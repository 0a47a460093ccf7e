"""Carers: the register of unpaid carers known to the hub."""

from django.apps import AppConfig


class CarersConfig(AppConfig):
    name = "carershub.carers"
    label = "carers"

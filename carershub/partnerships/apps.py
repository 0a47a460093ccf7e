"""Partnerships: the local partnership, its member organisations and its helpline."""

from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "carershub.partnerships"
    label = "partnerships"

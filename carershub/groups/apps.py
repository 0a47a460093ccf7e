"""Carers groups and events: sessions in person and online, bookings with a waiting list, registers,
and calendar feeds.
"""

from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "carershub.groups"
    label = "groups"
    verbose_name = "Groups and events"

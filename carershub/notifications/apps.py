"""Notifications: email, text messages and letters, through one service."""

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "carershub.notifications"
    label = "notifications"

"""Audit: one record of who read or changed what, when, and acting for which organisation."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "carershub.audit"
    label = "audit"

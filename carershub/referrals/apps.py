"""Referrals: every way a carer is brought to the hub, into one triage queue with clocks."""

from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "carershub.referrals"
    label = "referrals"

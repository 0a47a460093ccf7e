"""Referrals: every way a carer is brought to the hub, into one triage queue with clocks."""

from django.apps import AppConfig

from carershub.carers import record


class ReferralsConfig(AppConfig):
    name = "carershub.referrals"
    label = "referrals"

    def ready(self):
        record.register(
            "referrals",
            timeline="carershub.referrals.selectors.timeline_entries",
        )

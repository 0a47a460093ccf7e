"""Assessments: statutory carer's, young carer's and parent carer's assessments, eligibility under
regulation 3, and (building on them) support plans and reviews."""

from django.apps import AppConfig

from carershub.carers import record


class AssessmentsConfig(AppConfig):
    name = "carershub.assessments"
    label = "assessments"

    def ready(self):
        record.register(
            "assessments",
            panel="carershub.assessments.selectors.record_panel",
            timeline="carershub.assessments.selectors.timeline_entries",
        )

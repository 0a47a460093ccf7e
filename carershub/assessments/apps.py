"""Assessments: statutory carer's, young carer's and parent carer's assessments, eligibility under
regulation 3, and (building on them) support plans and reviews."""

from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "carershub.assessments"
    label = "assessments"

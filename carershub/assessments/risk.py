"""Suggesting how likely a caring arrangement is to break down, from what the record holds.

The triggers are those the hub's commissioners name: a sole carer caring 50 or more hours a week,
no break in the past year, the carer's health getting worse, the cared-for person getting worse, a
recent hospital discharge, a safeguarding concern. The record can show some of them; a worker
confirms, adds what only they know, and sets the rating. The rule for the suggested rating:

- crisis: a safeguarding concern, or three or more triggers;
- high: two triggers;
- medium: one trigger;
- low: none.
"""

import datetime as dt
from dataclasses import dataclass, field

from carershub.assessments.models.risk import RiskRating, Trigger

RECENT_DISCHARGE_DAYS = 28


def rating_for(triggers):
    triggers = set(triggers)
    if Trigger.SAFEGUARDING in triggers or len(triggers) >= 3:
        return RiskRating.CRISIS
    return {0: RiskRating.LOW, 1: RiskRating.MEDIUM}.get(len(triggers), RiskRating.HIGH)


@dataclass
class RiskSuggestion:
    triggers: list = field(default_factory=list)
    reasons: dict = field(default_factory=dict)  # trigger -> what in the record suggests it

    @property
    def rating(self):
        return rating_for(self.triggers)


def suggest(
    *,
    hours_band,
    hours_exact,
    sole_carer_of_someone,
    health_at_risk,
    had_break_in_year,
    assessed,
    hospital_referral_on,
    today,
):
    """What the record suggests. Each argument is what the record holds
    (None when it does not say).
    """
    found = RiskSuggestion()

    def add(trigger, reason):
        found.triggers.append(trigger)
        found.reasons[trigger] = reason

    heavy = (hours_exact is not None and hours_exact >= 50) or hours_band == "50_or_more"
    if heavy and sole_carer_of_someone:
        add(
            Trigger.SOLE_CARER_50_HOURS,
            "Cares 50 or more hours a week and is the only carer recorded",
        )
    if assessed and not had_break_in_year:
        add(Trigger.NO_BREAK, "No carer's break in a support plan in the past year")
    if health_at_risk:
        add(
            Trigger.CARER_HEALTH,
            "Their latest assessment says their health is getting worse, or at risk",
        )
    if hospital_referral_on and (today - hospital_referral_on) <= dt.timedelta(
        days=RECENT_DISCHARGE_DAYS
    ):
        add(
            Trigger.HOSPITAL_DISCHARGE,
            f"Referred by a hospital in the past {RECENT_DISCHARGE_DAYS} days",
        )
    return found

"""Reads for privacy pages: the carer (through their scope), the retention schedule with what is
due under it, and legal holds."""

import datetime as dt

from django.utils import timezone

from carershub.carers.models import Carer
from carershub.privacy import retention
from carershub.privacy.models import LegalHold


def carers_visible_to(actor, purpose):
    """The carers the actor may see for a purpose (one outside them is a 404 on these pages)."""
    return Carer.objects.visible_to(actor, purpose).select_related("holding_organisation")


def holds_on(actor, carer):
    """The holds on a carer's record, newest first (the carer was reached through their scope)."""
    return list(LegalHold.objects.filter(carer=carer).select_related("placed_by", "lifted_by"))


def active_hold(carer):
    return LegalHold.objects.active().filter(carer=carer).first()


# "What is due next": the records that pass their period within this many days.
LOOK_AHEAD_DAYS = 90


def schedule(actor, today=None):
    """The rules in force, each with how many of the actor's organisation's records are past their
    period today and how many more will be within the look-ahead. Counts only: no record is
    shown."""
    today = today or timezone.localdate()
    now = retention.due(today, actor.organisation)
    soon = dict(
        (rule.pk, retention.how_many(records))
        for rule, records in retention.due(
            today + dt.timedelta(days=LOOK_AHEAD_DAYS), actor.organisation
        )
    )
    rows = []
    for rule, records in now:
        count = retention.how_many(records)
        rows.append((rule, count, max(soon.get(rule.pk, count) - count, 0)))
    return rows

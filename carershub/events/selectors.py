"""Reads of the events: the rows of the DHSC Client Level Data return, and the hub's own counts."""

from django.db.models import Q

from carershub.events.models import CareEvent


def cld_events(actor, period_start, period_end):
    """The events of the actor's organisation in the CLD return for a reporting period: those in
    the period (open ones too) that are adult social care events (not Children Act ones, ADR 10)."""
    return (
        CareEvent.objects.visible_to(actor)
        .filter(in_cld=True, start_date__lte=period_end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period_start))
        .select_related("responsible_council")
    )


def hub_events(actor, period_start, period_end):
    """Every event of the actor's organisation in a period, Children Act assessments included:
    what the hub's own measures count."""
    return (
        CareEvent.objects.visible_to(actor)
        .filter(start_date__lte=period_end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period_start))
    )

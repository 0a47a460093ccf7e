"""Reads of safeguarding concerns, always scoped to the actor."""

from django.db.models import Case, IntegerField, Prefetch, Value, When

from carershub.accounts.permissions import can
from carershub.safeguarding import presenters
from carershub.safeguarding.models import Concern, ConcernDecision, Status


def concerns_visible_to(actor):
    """The concerns the actor may see, each with its carer and decisions."""
    return (
        Concern.objects.visible_to(actor)
        .select_related("carer", "raised_by", "holding_organisation")
        .prefetch_related(
            Prefetch("decisions", queryset=ConcernDecision.objects.select_related("decided_by"))
        )
    )


def concerns(actor, *, include_closed=False):
    """Concerns for the managers' list: immediate risk first, then open before referred, newest
    first.
    Two queries whatever their number (the concerns with their carers, and nothing per row)."""
    rows = Concern.objects.visible_to(actor).select_related("carer", "raised_by")
    if not include_closed:
        rows = rows.exclude(status=Status.CLOSED)
    order = Case(
        When(status=Status.OPEN, then=Value(0)),
        When(status=Status.REFERRED, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        rows.annotate(status_order=order).order_by(
            "-immediate_risk", "status_order", "-raised_at", "-pk"
        )
    )


def concerns_of(actor, carer):
    return list(Concern.objects.visible_to(actor).filter(carer=carer).select_related("raised_by"))


def record_panel(actor, carer):
    """The carer's concerns on their record, for those who may see them (ADR 19)."""
    if not can(actor, "safeguarding.view_concern", carer):
        return None
    may_raise = can(actor, "safeguarding.raise_concern", carer) and not carer.merged_into_id
    return presenters.safeguarding_panel(carer, concerns_of(actor, carer), may_raise=may_raise)


def timeline_entries(actor, carer):
    for concern in Concern.objects.visible_to(actor).filter(carer=carer):
        yield from presenters.concern_entries(concern)


def open_immediate_risk_count(actor):
    """How many concerns with someone at immediate risk are not yet closed (for the home page)."""
    return (
        Concern.objects.visible_to(actor)
        .filter(immediate_risk=True)
        .exclude(status=Status.CLOSED)
        .count()
    )

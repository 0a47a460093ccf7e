"""Reads of safeguarding concerns, always scoped to the actor."""

import datetime as dt

from django.db.models import Case, Count, IntegerField, Prefetch, Q, Value, When
from django.utils import timezone

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


# How long a concern not yet closed has been open, for a hub manager's home page and the list it
# links to (docs/measures.md): raised in the last 7 days, 8 to 28 days ago, or longer ago.
AGES = {
    "week": "Raised in the last 7 days",
    "month": "Raised 8 to 28 days ago",
    "older": "Raised more than 28 days ago",
}
RISKS = {"immediate": "Someone at immediate risk", "other": "No one at immediate risk"}


def _age_filter(age):
    today = timezone.localdate()
    week_ago = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time.min))
    month_ago = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=28), dt.time.min))
    return {
        "week": Q(raised_at__gte=week_ago),
        "month": Q(raised_at__gte=month_ago, raised_at__lt=week_ago),
        "older": Q(raised_at__lt=month_ago),
    }[age]


def open_concerns(actor, *, risk=None, age=None):
    """Concerns not yet closed, narrowed to one of ``RISKS`` and one of ``AGES`` if given."""
    rows = Concern.objects.visible_to(actor).exclude(status=Status.CLOSED)
    if risk in RISKS:
        rows = rows.filter(immediate_risk=risk == "immediate")
    if age in AGES:
        rows = rows.filter(_age_filter(age))
    return rows


def open_concern_counts(actor):
    """How many concerns not yet closed, by risk and by age: ``{(risk, age): n}``, one query."""
    counts = open_concerns(actor).aggregate(
        **{
            f"{risk}__{age}": Count(
                "pk", filter=Q(immediate_risk=risk == "immediate") & _age_filter(age)
            )
            for risk in RISKS
            for age in AGES
        }
    )
    return {tuple(key.split("__")): n for key, n in counts.items()}


def concerns(actor, *, include_closed=False, risk=None, age=None):
    """Concerns for the managers' list: immediate risk first, then open before referred, newest
    first. Two queries whatever their number (the concerns with their carers, and nothing per
    row)."""
    if include_closed:
        rows = Concern.objects.visible_to(actor)
    else:
        rows = open_concerns(actor, risk=risk, age=age)
    rows = rows.select_related("carer", "raised_by")
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


def record_alerts(actor, carer):
    """An alert for each concern not yet closed, with its risk, for those who may see concerns.

    The safeguarding panel lists the same concerns to the same people, and the page audits them
    there, so the alerts add no audit row of their own.
    """
    if not can(actor, "safeguarding.view_concern", carer):
        return []
    concerns = Concern.objects.visible_to(actor).filter(carer=carer).exclude(status=Status.CLOSED)
    return presenters.concern_alerts(concerns.order_by("-immediate_risk", "-raised_at", "-pk"))


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

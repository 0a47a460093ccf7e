"""How safeguarding concerns appear on pages."""

import dataclasses
from typing import ClassVar

from django.urls import reverse

from carershub.carers.record import Alert, PanelRead, TimelineEntry
from carershub.core import tables
from carershub.core.formats import date, datetime
from carershub.safeguarding.models import Concern, Status

STATUS_COLOURS = {
    Status.OPEN: "govuk-tag--red",
    Status.REFERRED: "govuk-tag--yellow",
    Status.CLOSED: "govuk-tag--grey",
}


class ConcernPresenter:
    LIST_FIELDS = [
        "reference",
        "carer",
        "category",
        "at_risk",
        "immediate_risk",
        "status",
        "raised_by",
        "raised_at",
    ]
    DETAIL_FIELDS = [
        "reference",
        "carer",
        "what_happened",
        "category",
        "at_risk",
        "immediate_risk",
        "status",
        "raised_by",
        "raised_at",
        "decisions",
    ]

    def __init__(self, concern):
        self.concern = concern

    def __getattr__(self, name):
        return getattr(self.concern, name)

    @property
    def status_tag(self):
        return {
            "text": self.concern.get_status_display(),
            "classes": STATUS_COLOURS[self.concern.status],
        }

    @property
    def urgency_tag(self):
        return (
            {"text": "Immediate risk", "classes": "govuk-tag--red"}
            if self.concern.immediate_risk
            else None
        )

    @property
    def raised(self):
        return f"{self.concern.raised_by.full_name}, {datetime(self.concern.raised_at)}"

    def summary_rows(self):
        c = self.concern
        rows = [
            ("Carer", f"{c.carer.full_name} ({c.carer.reference})"),
            ("What kind", c.get_category_display()),
            ("Who is at risk", c.get_at_risk_display()),
            ("Immediate risk", "Yes" if c.immediate_risk else "No"),
            ("Status", c.get_status_display()),
            ("Raised by", self.raised),
        ]
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]

    def history(self):
        out = []
        for d in self.concern.decisions.all():
            detail = []
            if d.referral_reference:
                detail.append(
                    f"Council's reference {d.referral_reference}, referred {date(d.referred_on)}"
                )
            if d.reasons:
                detail.append(d.reasons)
            out.append(
                {
                    "title": d.get_decision_display(),
                    "by": f"{d.decided_by.full_name}, {datetime(d.decided_at)}",
                    "detail": detail,
                }
            )
        return out


@dataclasses.dataclass(frozen=True)
class ConcernLine:
    reference: str
    href: str
    text: str


@dataclasses.dataclass(frozen=True)
class SafeguardingPanel:
    """The carer's safeguarding concerns on their record, and a link to record one."""

    template: ClassVar[str] = "safeguarding/record_panel.html"
    section: ClassVar[tuple] = ("safeguarding", "Safeguarding")
    concerns: tuple
    raise_href: str
    reads: tuple


def safeguarding_panel(carer, concerns, *, may_raise):
    lines = []
    for c in concerns:
        text = f"{c.get_category_display()}, {c.get_status_display().lower()}"
        if c.immediate_risk:
            text += " (immediate risk)"
        lines.append(
            ConcernLine(c.reference, reverse("safeguarding:detail", args=[c.reference]), text)
        )
    return SafeguardingPanel(
        concerns=tuple(lines),
        raise_href=reverse("safeguarding:raise", args=[carer.reference]) if may_raise else "",
        reads=(
            PanelRead(Concern, tuple(c.pk for c in concerns), tuple(ConcernPresenter.LIST_FIELDS)),
        ),
    )


def concern_alerts(concerns):
    """The banner's words for open concerns: who is at risk and whether the risk is immediate."""
    alerts = []
    for c in concerns:
        risk = "immediate risk" if c.immediate_risk else "no immediate risk"
        alerts.append(
            Alert(
                f"Open safeguarding concern {c.reference} ({c.get_status_display().lower()}): "
                f"{c.get_category_display().lower()}, {risk} to "
                f"{c.get_at_risk_display()[0].lower()}{c.get_at_risk_display()[1:]}",
                reverse("safeguarding:detail", args=[c.reference]),
                warning=True,
            )
        )
    return alerts


def concern_entries(concern):
    yield TimelineEntry(
        concern.raised_at,
        "safeguarding",
        f"Safeguarding concern recorded: {concern.get_category_display().lower()}",
        f"Reference {concern.reference}",
    )


def list_rows(concerns):
    """The list of concerns (ConcernPresenters): reference, carer, kind, when raised, status."""
    rows = []
    for c in concerns:
        status = [tables.tag(c.urgency_tag), tables.space] if c.urgency_tag else []
        rows.append(
            [
                tables.cell(
                    tables.link(
                        reverse("safeguarding:detail", kwargs={"reference": c.reference}),
                        c.reference,
                    )
                ),
                tables.text(c.carer.full_name),
                tables.text(c.get_category_display()),
                tables.text(c.raised),
                tables.cell(*status, tables.tag(c.status_tag)),
            ]
        )
    return rows

"""How an emergency plan appears on pages: status tag, summary lists and contact cards."""

import dataclasses
from typing import ClassVar

from django.urls import reverse
from django.utils import timezone
from markupsafe import Markup, escape

from carershub.carers.models.cared_for import Relationship
from carershub.carers.record import Alert, PanelRead, TimelineEntry
from carershub.core.formats import date
from carershub.core.phone_numbers import format_phone_number
from carershub.emergency_plans.models.plan import (
    NEEDS_CONSENT,
    NEEDS_CONTACT,
    EmergencyPlan,
    PlanStatus,
)

NOT_RECORDED = "Not recorded yet"

STATUS_TAGS = {
    PlanStatus.DRAFT: {"text": "Draft", "classes": "govuk-tag--yellow"},
    PlanStatus.ACTIVE: {"text": "Active", "classes": "govuk-tag--green"},
    PlanStatus.ENDED: {"text": "Ended", "classes": "govuk-tag--grey"},
}

# (field, label on the plan page, hidden text for its Change link)
NEEDS = [
    ("medication", "Medication", "medication"),
    ("routines", "Daily routines", "daily routines"),
    ("communication", "Communication", "communication"),
    ("mobility", "Mobility", "mobility"),
    ("other_needs", "Anything else", "anything else they need"),
]


def _day(moment):
    return date(timezone.localtime(moment)) if moment else ""


def _multiline(text):
    """Text as typed, line breaks kept (it is escaped first)."""
    if not text:
        return {"text": NOT_RECORDED}
    return {"html": Markup("<br>").join(escape(line) for line in text.splitlines())}


def _row(key, value, href=None, hidden=None):
    row = {"key": {"text": key}, "value": value if isinstance(value, dict) else {"text": value}}
    if href:
        row["actions"] = {
            "items": [{"href": href, "text": "Change", "visuallyHiddenText": hidden or key.lower()}]
        }
    return row


class EmergencyPlanPresenter:
    # What each page reads, named in its audit rows.
    FIELDS = [
        "status",
        "cared_for",
        "medication",
        "routines",
        "communication",
        "mobility",
        "other_needs",
        "replacement_care",
        "consent_to_use",
        "consent_recorded_at",
        "consent_recorded_by",
        "reviewed_on",
        "contacts",
        "created_at",
        "updated_at",
        "ended_at",
        "ended_reason",
    ]
    LIST_FIELDS = ["reference", "status", "cared_for", "created_at"]

    def __init__(self, plan):
        self.plan = plan

    def __getattr__(self, name):
        return getattr(self.plan, name)

    @property
    def status_tag(self):
        return STATUS_TAGS[PlanStatus(self.plan.status)]

    @property
    def is_draft(self):
        return self.plan.status == PlanStatus.DRAFT

    @property
    def is_active(self):
        return self.plan.status == PlanStatus.ACTIVE

    @property
    def person_name(self):
        return self.plan.cared_for.full_name

    @property
    def covers(self):
        """'Bea Foxglove (parent)': whose care the plan covers, and who they are to the carer."""
        rel = getattr(self.plan, "caring_relationship", None)
        if rel is None:
            return self.person_name
        return f"{self.person_name} ({dict(Relationship.choices).get(rel, rel).lower()})"

    @property
    def consent(self):
        p = self.plan
        if p.consent_recorded_at is None:
            return NOT_RECORDED
        answer = "Yes" if p.consent_to_use else "No"
        return (
            f"{answer} (recorded {_day(p.consent_recorded_at)} by "
            f"{p.consent_recorded_by.full_name})"
        )

    def _url(self, name):
        return reverse(f"emergency_plans:{name}", kwargs={"reference": self.plan.reference})

    def summary_rows(self, editable):
        p = self.plan
        rows = [
            _row("Reference", p.reference),
            _row("Covers caring for", self.covers),
            _row(
                "The carer agrees it may be used in an emergency",
                self.consent,
                self._url("consent") if editable else None,
                "whether the carer agrees",
            ),
            _row(
                "Last gone through with the carer",
                date(p.reviewed_on) if p.reviewed_on else NOT_RECORDED,
                self._url("edit_needs") + "#reviewed_on-day" if editable else None,
                "when it was gone through",
            ),
            _row("Made", f"{_day(p.created_at)} by {p.created_by.full_name}"),
            _row("Last changed", f"{_day(p.updated_at)} by {p.updated_by.full_name}"),
        ]
        if p.ended_at:
            rows.append(
                _row("Ended", f"{_day(p.ended_at)} by {p.ended_by.full_name}: {p.ended_reason}")
            )
        return rows

    def needs_rows(self, editable):
        href = self._url("edit_needs")
        return [
            _row(
                label,
                _multiline(getattr(self.plan, name)),
                f"{href}#id_{name}" if editable else None,
                hidden,
            )
            for name, label, hidden in NEEDS
        ]

    def replacement_care_rows(self, editable):
        return [
            _row(
                "Who, and how to reach them",
                _multiline(self.plan.replacement_care),
                self._url("edit_needs") + "#id_replacement_care" if editable else None,
                "who steps in",
            )
        ]

    def contacts(self, editable):
        """Each contact as a summary card: who they are, their numbers, whether they hold keys."""
        cards = []
        for position, contact in enumerate(self.plan.contacts.all(), start=1):
            rows = [
                _row("Who they are", contact.relationship or NOT_RECORDED),
                _row("Phone", format_phone_number(contact.phone)),
                _row("Other phone", format_phone_number(contact.alternative_phone) or "None given"),
                _row("Can hold keys or let someone in", "Yes" if contact.can_hold_keys else "No"),
            ]
            card = {"title": {"text": f"{position}. {contact.name}", "headingLevel": 3}}
            if editable:
                href = reverse(
                    "emergency_plans:remove_contact",
                    kwargs={"reference": self.plan.reference, "contact_id": contact.pk},
                )
                card["actions"] = {
                    "items": [{"href": href, "text": "Remove", "visuallyHiddenText": "contact"}]
                }
            cards.append({"card": card, "rows": rows})
        return cards

    def still_needed(self):
        """For a draft: what must be done before it can be made active, each with where to do it."""
        if not self.is_draft:
            return []
        where = {NEEDS_CONSENT: self._url("consent"), NEEDS_CONTACT: self._url("add_contact")}
        return [
            {"text": problem, "href": where.get(problem)}
            for problem in self.plan.activation_problems()
        ]


@dataclasses.dataclass(frozen=True)
class PlanLine:
    href: str
    text: str
    status_tag: dict


@dataclasses.dataclass(frozen=True)
class EmergencyPlansPanel:
    """The carer's emergency plans on their record, and a link to start one."""

    template: ClassVar[str] = "emergency_plans/record_panel.html"
    section: ClassVar[tuple] = ("emergency-plans", "Emergency plans")
    plans: tuple
    start_href: str
    reads: tuple


def plan_alerts(plans):
    return [
        Alert(
            f"Emergency plan in place for {plan.cared_for.full_name}",
            reverse("emergency_plans:detail", kwargs={"reference": plan.reference}),
        )
        for plan in plans
    ]


def emergency_plans_panel(carer, plans, *, may_start):
    lines = tuple(
        PlanLine(
            reverse("emergency_plans:detail", kwargs={"reference": plan.reference}),
            f"Emergency plan for {plan.cared_for.full_name}",
            STATUS_TAGS[PlanStatus(plan.status)],
        )
        for plan in plans
    )
    start = reverse("emergency_plans:new", kwargs={"carer_reference": carer.reference})
    return EmergencyPlansPanel(
        plans=lines,
        start_href=start if may_start else "",
        reads=(
            PanelRead(
                EmergencyPlan,
                tuple(plan.pk for plan in plans),
                tuple(EmergencyPlanPresenter.LIST_FIELDS),
            ),
        ),
    )


def plan_entries(plan):
    person = plan.cared_for.full_name
    yield TimelineEntry(
        plan.created_at,
        "emergency_plan",
        f"Emergency plan started for {person}",
        f"Reference {plan.reference}",
    )
    if plan.ended_at:
        yield TimelineEntry(plan.ended_at, "emergency_plan", f"Emergency plan for {person} ended")

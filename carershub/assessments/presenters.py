"""How assessments appear on pages: the task list, answers as summary lists, the determination."""

import dataclasses
import datetime as dt
from typing import ClassVar

from django import forms
from django.urls import reverse
from django.utils import timezone

from carershub.assessments.eligibility import Decision
from carershub.assessments.models import (
    Assessment,
    Frequency,
    PlanStatus,
    QualityOfLifeScore,
    RiskRating,
    ServiceKind,
    Status,
)
from carershub.assessments.situations import (
    CHILDREN_ACT_REVIEW_BASIS,
    AssessmentType,
    Regulation3,
    legal_basis_for,
)
from carershub.carers.record import PanelRead, TimelineEntry
from carershub.core import tables
from carershub.core.formats import date

NOT_ANSWERED = "Not answered"

STATUS_TAGS = {
    Status.IN_PROGRESS: {"text": "In progress", "classes": "govuk-tag--light-blue"},
    Status.COMPLETED: {"text": "Completed", "classes": "govuk-tag--green"},
    Status.CANCELLED: {"text": "Cancelled", "classes": "govuk-tag--grey"},
}

SECTION_STATES = {
    "completed": {"text": "Completed"},
    "in_progress": {"tag": {"text": "In progress", "classes": "govuk-tag--light-blue"}},
    "not_started": {"tag": {"text": "Not yet started", "classes": "govuk-tag--blue"}},
}


def _day(moment):
    return date(timezone.localtime(moment)) if moment else ""


def show_answer(field, value):
    """An answer as words: choice labels rather than codes, "Not answered" when blank."""
    if value in (None, "", []):
        return NOT_ANSWERED
    if hasattr(value, "strftime"):
        return date(value)
    choices = dict((str(k), str(v)) for k, v in getattr(field, "choices", []) or [])
    if isinstance(value, list):
        return (
            "; ".join(choices.get(str(v), str(v)) for v in value)
            if choices
            else "; ".join(map(str, value))
        )
    if choices:
        return choices.get(str(value), str(value))
    if isinstance(field, forms.IntegerField):
        return f"{value:,}"
    return str(value)


class AssessmentPresenter:
    # What the assessment pages read, named in their audit rows.
    FIELDS = [
        "type",
        "status",
        "assessor",
        "answers",
        "sections_done",
        "started_at",
        "completed_at",
        "cared_for",
        "responsible_council",
        "method",
        "participants",
    ]

    def __init__(self, assessment, carer=None):
        self.assessment = assessment
        self.carer = carer or assessment.carer

    def __getattr__(self, name):
        return getattr(self.assessment, name)

    @property
    def child_involved_in_caring(self):
        """The whole-family section found a child helping to care (SI 2014/2827 reg 4)."""
        return (self.assessment.answers.get("whole-family") or {}).get("child_involved") == "yes"

    @property
    def completed_on(self):
        return _day(self.assessment.completed_at) if self.assessment.completed_at else ""

    @property
    def title(self):
        a = self.assessment
        if a.type == AssessmentType.REVIEW and a.reviewed_type not in CHILDREN_ACT_REVIEW_BASIS:
            return f"Review of {AssessmentType(a.reviewed_type).label.lower()}"
        return a.type_label

    @property
    def legal_basis(self):
        return legal_basis_for(self.assessment.type, self.assessment.reviewed_type or None)

    @property
    def status_tag(self):
        return STATUS_TAGS[Status(self.assessment.status)]

    @property
    def started(self):
        return _day(self.assessment.started_at)

    @property
    def completed(self):
        return _day(self.assessment.completed_at)

    @property
    def looks_ahead_to_18(self):
        return self.assessment.regulation_3 == Regulation3.AT_18

    def summary_rows(self):
        a = self.assessment
        rows = [
            ("Reference", a.reference),
            ("Kind", self.title),
            ("Under", self.legal_basis),
            ("Named assessor", a.assessor.full_name),
            ("Started", self.started),
            (
                "About caring for",
                ", ".join(p.full_name for p in a.cared_for.all()) or "Nobody chosen yet",
            ),
            (
                "Responsible council",
                a.responsible_council.name if a.responsible_council_id else "Not known",
            ),
        ]
        if a.completed_at:
            rows.append(("Completed", f"{self.completed} by {a.completed_by.full_name}"))
            if a.method:
                rows.append(("Carried out", a.get_method_display()))
            if a.participants:
                rows.append(("Who took part", a.get_participants_display()))
        if a.referral_id and a.referral:
            started_on = timezone.localtime(a.started_at).date()
            on_time = started_on <= a.referral.assessment_due
            rows.append(
                (
                    "Started within target",
                    "Yes"
                    if on_time
                    else f"No: it was due to start by {date(a.referral.assessment_due)}",
                )
            )
        return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]

    def task_items(self, sections_with_state, editable):
        items = []
        for section, state in sections_with_state:
            item = {"title": {"text": section.title}, "status": SECTION_STATES[state]}
            if editable:
                item["href"] = reverse(
                    "assessments:section",
                    kwargs={"reference": self.reference, "slug": section.slug},
                )
            items.append(item)
        return items

    def answer_rows(self, section, editable):
        """A section's answers as summary list rows, each with a Change link while editable."""
        form = section.form_class(carer=self.carer)
        saved = self.assessment.answers.get(section.slug, {})
        rows = []
        for name, field in form.fields.items():
            row = {
                "key": {"text": str(field.label)},
                "value": {"text": show_answer(field, saved.get(name))},
            }
            if editable:
                href = reverse(
                    "assessments:section",
                    kwargs={"reference": self.reference, "slug": section.slug},
                )
                row["actions"] = {
                    "items": [
                        {
                            "href": f"{href}#{form[name].auto_id}",
                            "text": "Change",
                            "visuallyHiddenText": str(field.label).lower(),
                        }
                    ]
                }
            rows.append(row)
        if section.slug in self.assessment.sections_from_carer:
            rows.append({"key": {"text": "Filled in by"}, "value": {"text": "The carer"}})
        return rows


class DeterminationPresenter:
    def __init__(self, determination):
        self.d = determination

    def rows(self):
        d = self.d
        suggested = (
            Decision(d.suggested).label
            if d.suggested
            else "No suggestion (answers were not enough)"
        )
        rows = [
            ("Suggested", suggested),
            ("Decision", Decision(d.decision).label + (" at 18" if d.at_18 else "")),
            ("Decided by", f"{d.decided_by.full_name}, {_day(d.decided_at)}"),
        ]
        if d.reasons:
            rows.append(("Reasons", d.reasons))
        if d.information_and_advice:
            rows.append(
                (
                    "Information and advice about meeting or reducing their needs",
                    d.information_and_advice,
                )
            )
        return [{"key": {"text": key}, "value": {"text": value}} for key, value in rows]

    @property
    def suggestion_reasons(self):
        return self.d.suggestion_reasons


PLAN_TAGS = {
    PlanStatus.DRAFT: {"text": "Draft", "classes": "govuk-tag--yellow"},
    PlanStatus.AGREED: {"text": "Agreed", "classes": "govuk-tag--green"},
    PlanStatus.ENDED: {"text": "Ended", "classes": "govuk-tag--grey"},
}


class PlanPresenter:
    FIELDS = ["status", "outcomes", "contingency", "review_due", "actions", "services", "agreed_at"]

    def __init__(self, plan):
        self.plan = plan

    def __getattr__(self, name):
        return getattr(self.plan, name)

    @property
    def status_tag(self):
        return PLAN_TAGS[PlanStatus(self.plan.status)]

    @property
    def is_draft(self):
        return self.plan.status == PlanStatus.DRAFT

    def summary_rows(self, editable):
        p = self.plan
        change = reverse("assessments:edit_plan", kwargs={"reference": p.reference})
        review = date(p.review_due)
        if p.review_brought_forward_because:
            review += f" (brought forward: {p.review_brought_forward_because})"
        rows = [
            ("Reference", p.reference, None),
            (
                "Following",
                f"{AssessmentPresenter(p.assessment, p.carer).title} ({p.assessment.reference}), "
                f"completed {_day(p.assessment.completed_at)}",
                None,
            ),
            ("Outcomes the carer wants", p.outcomes or "Not yet recorded", "outcomes"),
            (
                "Contingency arrangements",
                p.contingency or "Not yet recorded",
                "contingency arrangements",
            ),
            ("Review due", review, "review date"),
        ]
        if p.agreed_at:
            within = (
                timezone.localtime(p.agreed_at).date()
                - timezone.localtime(p.assessment.completed_at).date()
            ).days
            rows.append(("Agreed", f"{_day(p.agreed_at)} by {p.agreed_by.full_name}", None))
            target = p.holding_organisation.partnership.plan_within_days
            rows.append(
                (
                    f"Agreed within {target} days of the assessment",
                    "Yes" if within <= target else f"No ({within} days)",
                    None,
                )
            )
        result = []
        for key, value, hidden in rows:
            row = {"key": {"text": key}, "value": {"text": value}}
            if editable and hidden:
                row["actions"] = {
                    "items": [{"href": change, "text": "Change", "visuallyHiddenText": hidden}]
                }
            result.append(row)
        return result

    def actions(self):
        return [
            {
                "pk": a.pk,
                "what": a.what,
                "who": a.who,
                "by_when": date(a.by_when) if a.by_when else "No date",
                "done": _day(a.done_at) if a.done_at else "",
            }
            for a in self.plan.actions.all()
        ]

    def action_rows(self, *, done_column=False, editable=False, csrf_token=""):
        """The agreed actions as table rows: what, who, by when and, on the plan page, whether
        done (with a button to mark it done where the plan can be changed)."""
        rows = []
        for a in self.actions():
            row = [tables.text(a["what"]), tables.text(a["who"]), tables.text(a["by_when"])]
            if done_column:
                row.append(self._done_cell(a, editable, csrf_token))
            rows.append(row)
        return rows

    def _done_cell(self, action, editable, csrf_token):
        if action["done"]:
            return tables.text(action["done"])
        if not editable:
            return tables.text("Not yet")
        href = reverse(
            "assessments:complete_action",
            kwargs={"reference": self.plan.reference, "action_id": action["pk"]},
        )
        return tables.cell(
            tables.post_button(href, csrf_token, "Mark as done", f": {action['what']}")
        )

    def services(self):
        result = []
        for s in self.plan.services.all():
            money = ""
            if s.amount is not None:
                money = (
                    f"£{s.amount:,.2f} {Frequency(s.frequency).label.lower()}"
                    if s.frequency
                    else f"£{s.amount:,.2f}"
                )
            result.append(
                {
                    "kind": ServiceKind(s.kind).label,
                    "details": s.details,
                    "provider": s.provider,
                    "money": money,
                }
            )
        return result


class QualityOfLifePresenter:
    """A carer's quality-of-life scores (out of 12) and the change since the first."""

    def __init__(self, quality):
        self.scores = quality["scores"]
        self.change = quality["change"]

    def rows(self):
        rows = []
        for score in self.scores:
            kind = "Review" if score.assessment.type == AssessmentType.REVIEW else "Assessment"
            value = (
                f"{score.total} out of 12"
                if score.total is not None
                else "Not all six questions answered"
            )
            rows.append(
                {"key": {"text": f"{kind}, {_day(score.recorded_at)}"}, "value": {"text": value}}
            )
        return rows

    @property
    def change_text(self):
        if self.change is None:
            return ""
        if self.change == 0:
            return "No change since the first score"
        direction = "Up" if self.change > 0 else "Down"
        return f"{direction} {abs(self.change)} since the first score"


def _clock(due_on, today):
    late = (today - due_on).days
    if late > 0:
        return {
            "text": f"Overdue by {late} day{'s' if late != 1 else ''}",
            "classes": "govuk-tag--red",
        }
    if late == 0:
        return {"text": "Due today", "classes": "govuk-tag--orange"}
    return {"text": f"Due {date(due_on)}", "classes": "govuk-tag--grey"}


class DuePresenter:
    """The three lists of work due, as rows with clocks (overdue in red)."""

    def __init__(self, work, today):
        self.work, self.today = work, today

    @property
    def count(self):
        return sum(
            len(self.work[k]) for k in ("assessments_to_start", "plans_to_agree", "reviews_due")
        )

    def tables(self):
        """The three lists as tables: caption, rows, what to say when empty, who is named."""
        return [
            {
                "caption": "Assessments to start",
                "rows": due_rows(self.assessments_to_start()),
                "empty": "No assessments are due to start.",
                "who": "Allocated to",
            },
            {
                "caption": "Support plans to agree",
                "rows": due_rows(self.plans_to_agree()),
                "empty": "No support plans are waiting.",
                "who": "Assessor",
            },
            {
                "caption": "Reviews due",
                "rows": due_rows(self.reviews_due()),
                "empty": "No reviews are due.",
                "who": "Assessor",
            },
        ]

    def assessments_to_start(self):
        rows = []
        for r in self.work["assessments_to_start"]:
            name = r.carer.full_name if r.carer_id else f"{r.given_name} {r.family_name}"
            href = (
                reverse("carers:detail", kwargs={"reference": r.carer.reference})
                if r.carer_id
                else reverse("referrals:detail", kwargs={"reference": r.reference})
            )
            rows.append(
                {
                    "name": name,
                    "href": href,
                    "detail": f"Referral {r.reference}",
                    "clock": _clock(r.assessment_due, self.today),
                    "who": r.allocated_to.full_name if r.allocated_to_id else "Not allocated",
                }
            )
        return rows

    def plans_to_agree(self):
        target = self.work["plan_within_days"]
        rows = []
        for a in self.work["plans_to_agree"]:
            due_on = timezone.localtime(a.completed_at).date() + dt.timedelta(days=target)
            rows.append(
                {
                    "name": a.carer.full_name,
                    "href": reverse("assessments:detail", kwargs={"reference": a.reference}),
                    "detail": f"{a.type_label} completed {_day(a.completed_at)}",
                    "clock": _clock(due_on, self.today),
                    "who": a.assessor.full_name,
                }
            )
        return rows

    def reviews_due(self):
        return [
            {
                "name": p.carer.full_name,
                "href": reverse("assessments:plan", kwargs={"reference": p.reference}),
                "detail": f"Support plan {p.reference}",
                "clock": _clock(p.review_due, self.today),
                "who": p.assessment.assessor.full_name,
            }
            for p in self.work["reviews_due"]
        ]


def due_rows(rows):
    """One of DuePresenter's lists as table rows: the carer (and what is due), its clock, who."""
    return [
        [
            tables.cell(
                tables.link(row["href"], row["name"]),
                tables.line_break,
                tables.small(row["detail"]),
            ),
            tables.cell(tables.tag(row["clock"])),
            tables.text(row["who"]),
        ]
        for row in rows
    ]


RISK_TAGS = {
    "low": "govuk-tag--green",
    "medium": "govuk-tag--yellow",
    "high": "govuk-tag--orange",
    "crisis": "govuk-tag--red",
}


def risk_tag(rating):
    """A tag for a breakdown risk rating ("Crisis" in red), or None when there is none."""
    if not rating:
        return None
    return {"text": f"{RiskRating(rating).label} risk", "classes": RISK_TAGS[rating]}


# What the record page's list of assessments and its quality-of-life scores read.
ASSESSMENT_LIST_FIELDS = ("type", "status", "started_at", "completed_at")
QUALITY_OF_LIFE_FIELDS = ("total", "recorded_at")


@dataclasses.dataclass(frozen=True)
class AssessmentsPanel:
    """A carer's assessments on their record, the risk that caring breaks down and their
    quality-of-life scores, with links to start an assessment and to rate the risk."""

    template: ClassVar[str] = "assessments/record_panel.html"
    section: ClassVar[tuple] = ("assessments", "Assessments")
    rows: tuple
    start_href: str
    risk_tag: dict | None
    risk_link: dict | None
    quality_rows: tuple
    quality_change: str
    reads: tuple


def _assessment_row(assessment, carer):
    shown = AssessmentPresenter(assessment, carer)
    href = reverse("assessments:detail", kwargs={"reference": assessment.reference})
    return (
        tables.cell(tables.link(href, shown.title), tables.hint(assessment.reference)),
        tables.text(shown.started),
        tables.cell(tables.tag(shown.status_tag)),
    )


def _risk_link(carer, tag):
    href = reverse("assessments:breakdown_risk", kwargs={"carer_reference": carer.reference})
    return {"href": href, "text": "Review the risk" if tag else "Rate the risk"}


def assessments_panel(carer, assessments, quality, *, may_start):
    tag = risk_tag(carer.breakdown_risk)
    scores = quality["scores"]
    shown_quality = QualityOfLifePresenter(quality)
    start = reverse("assessments:start", kwargs={"carer_reference": carer.reference})
    return AssessmentsPanel(
        rows=tuple(_assessment_row(a, carer) for a in assessments),
        start_href=start if may_start else "",
        risk_tag=tag,
        risk_link=_risk_link(carer, tag) if may_start else None,
        quality_rows=tuple(shown_quality.rows()) if scores else (),
        quality_change=shown_quality.change_text if scores else "",
        reads=(
            PanelRead(Assessment, tuple(a.pk for a in assessments), ASSESSMENT_LIST_FIELDS),
            PanelRead(QualityOfLifeScore, tuple(s.pk for s in scores), QUALITY_OF_LIFE_FIELDS),
        ),
    )


def assessment_entries(assessment):
    yield TimelineEntry(
        assessment.started_at,
        "assessment",
        f"{assessment.type_label} started",
        f"Reference {assessment.reference}",
    )
    if assessment.completed_at:
        decision = getattr(assessment, "determination", None)
        yield TimelineEntry(
            assessment.completed_at,
            "assessment",
            f"{assessment.type_label} completed",
            f"Eligibility: {decision.get_decision_display().lower()}" if decision else "",
        )


def support_plan_entries(plan):
    yield TimelineEntry(
        plan.created_at, "plan", "Support plan started", f"Reference {plan.reference}"
    )
    if plan.agreed_at:
        yield TimelineEntry(
            plan.agreed_at, "plan", "Support plan agreed", f"Review due {date(plan.review_due)}"
        )


def breakdown_risk_entries(rating):
    yield TimelineEntry(
        rating.recorded_at,
        "risk",
        f"Breakdown risk rated {rating.get_rating_display().lower()}",
    )

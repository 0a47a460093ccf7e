"""What the staff home page shows to each role."""

import dataclasses
import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from carershub.accounts.permissions import can
from carershub.assessments import selectors as assessments
from carershub.assessments.selectors import due_counts
from carershub.carers_allowance.selectors import stale_figures
from carershub.core import tables
from carershub.notifications.selectors import channels_held_on_a_live_hub
from carershub.referrals import selectors as referrals
from carershub.safeguarding import selectors as safeguarding
from carershub.safeguarding.selectors import open_immediate_risk_count


@dataclasses.dataclass(frozen=True)
class Measure:
    """One count on a hub manager's home page and the list of what it counts."""

    label: str
    count: int
    href: str


def _url(name, **query):
    return f"{reverse(name)}?{urlencode(query)}" if query else reverse(name)


def todays_picture(actor):
    """A hub manager's picture of today, each count from the selector defined once in its own
    app and written down in docs/measures.md. Nine queries, whatever the number of records."""
    late = assessments.out_of_target_counts(actor)
    concerns = safeguarding.open_concern_counts(actor)
    due_list = _url("assessments:due", who="everyone")
    late_list = _url("assessments:due", who="everyone", when="late")
    measures = [
        Measure(
            "Referrals received today",
            referrals.received_since(actor, referrals.start_of_today()).count(),
            _url("referrals:queue", view="today"),
        ),
        Measure(
            "Referrals received this week",
            referrals.received_since(actor, referrals.start_of_week()).count(),
            _url("referrals:queue", view="week"),
        ),
        Measure(
            "First contacts overdue",
            referrals.first_contacts_overdue(actor).count(),
            _url("referrals:queue", view="overdue"),
        ),
        Measure(
            "Urgent referrals with first contact overdue",
            referrals.first_contacts_overdue(actor, urgent_only=True).count(),
            _url("referrals:queue", view="overdue_urgent"),
        ),
        Measure("Assessments not started in time", late["assessments_to_start"], late_list),
        Measure("Support plans not agreed in time", late["plans_to_agree"], late_list),
        Measure("Reviews due this week or overdue", assessments.reviews_due_count(actor), due_list),
    ]
    for risk, risk_label in safeguarding.RISKS.items():
        for age, age_label in safeguarding.AGES.items():
            measures.append(
                Measure(
                    f"Safeguarding, open concerns: {risk_label.lower()}, {age_label.lower()}",
                    concerns[(risk, age)],
                    _url("safeguarding:list", risk=risk, age=age),
                )
            )
    return measures


class StaffHome:
    def __init__(self, actor):
        self.actor = actor

    @property
    def stale_figures(self):
        """Carer's Allowance figures past the end of the newest rules:
        staff quote them to carers.
        """
        return stale_figures()

    @property
    def picture(self):
        """Today's counts, for hub managers only: unsuppressed, as they see every record."""
        if not can(self.actor, "carers.view_team_caseload"):
            return []
        return [
            [
                tables.text(m.label),
                tables.cell(tables.link(m.href, f"{m.count:,}", m.label.lower()), format="numeric"),
            ]
            for m in todays_picture(self.actor)
        ]

    @property
    def heading(self):
        return f"Welcome, {self.actor.user.full_name}"

    def _due_this_week(self):
        """Assessments, plans and reviews due from this person in the next 7 days (or overdue)."""
        due = due_counts(
            self.actor, timezone.localdate() + dt.timedelta(days=7), worker=self.actor.user
        )
        counts = [
            (due["assessments_to_start"], "assessment to start", "assessments to start"),
            (due["plans_to_agree"], "support plan to agree", "support plans to agree"),
            (due["reviews_due"], "review", "reviews"),
        ]
        said = [f"{n} {one if n == 1 else many}" for n, one, many in counts if n]
        summary = ", ".join(said) + "." if said else "Nothing due from you this week."
        return ("Due this week", reverse("assessments:due"), summary)

    @property
    def messages_held(self):
        """What a live hub is not sending, told to those who can get it set up (ADR 31)."""
        if not can(self.actor, "accounts.manage_team"):
            return []
        return channels_held_on_a_live_hub()

    @property
    def tasks(self):
        """Links to the things this actor can do, in the order they are most used."""
        links = []
        if can(self.actor, "carers.list_carers"):
            links.append(
                (
                    "Referrals to triage",
                    reverse("referrals:queue"),
                    "New referrals, who they are allocated to and what is overdue.",
                )
            )
        elif can(self.actor, "referrals.make_referral"):
            links.append(
                (
                    "Refer a carer",
                    reverse("referrals:new"),
                    "Send someone who looks after a relative or friend to the carers hub.",
                )
            )
            links.append(
                (
                    "Your referrals",
                    reverse("referrals:queue"),
                    "See what happened to the carers you referred.",
                )
            )
        if can(self.actor, "carers.list_carers"):
            links.append(
                (
                    "Find a carer",
                    reverse("carers:list"),
                    "Search the register by name or reference.",
                )
            )
            links.append(self._due_this_week())
        if can(self.actor, "carers.register_carer"):
            links.append(
                ("Register a carer", reverse("carers:register"), "Add someone new to the register.")
            )
            links.append(
                (
                    "Follow-ups due",
                    reverse("carers:follow_ups"),
                    "Contacts you said you would follow up this week.",
                )
            )
            links.append(
                (
                    "Log an anonymous helpline call",
                    reverse("carers:helpline_call"),
                    "For callers who do not give their name.",
                )
            )
        if can(self.actor, "safeguarding.list_concerns"):
            urgent = open_immediate_risk_count(self.actor)
            links.append(
                (
                    "Safeguarding concerns",
                    reverse("safeguarding:list"),
                    f"{urgent} with someone at immediate risk, not yet closed."
                    if urgent
                    else "None with someone at immediate risk waiting.",
                )
            )
        if can(self.actor, "assessments.view_quality_of_life_cohort"):
            links.append(
                (
                    "Carer-reported quality of life",
                    reverse("assessments:quality_of_life_cohort"),
                    "Scores at assessment and review by the ASCOF 1D method, and how they changed.",
                )
            )
        if can(self.actor, "accounts.manage_team"):
            links.append(
                (
                    "Manage your team",
                    reverse("accounts:team"),
                    "Invite staff, change roles, deactivate accounts.",
                )
            )
        if can(self.actor, "partnerships.manage_settings"):
            links.append(
                (
                    "Partnership settings",
                    reverse("partnerships:settings"),
                    "The helpline's numbers and opening hours, referral clocks, plan and review "
                    "targets.",
                )
            )
        if can(self.actor, "notifications.view_outbox"):
            links.append(
                (
                    "Outbox",
                    reverse("notifications:outbox"),
                    "Messages the hub has sent or held for sending.",
                )
            )
        if can(self.actor, "jobs.view_failed_jobs"):
            links.append(
                (
                    "Background jobs that failed",
                    reverse("jobs:failed"),
                    "Jobs that stopped with an error or lost their worker too often, and why.",
                )
            )
        return links

"""How referrals and their clocks appear on pages."""

from django.utils import timezone

from carershub.core.formats import date, datetime
from carershub.core.phone_numbers import format_phone_number
from carershub.referrals.models import Status, Urgency


def _days(n):
    return "1 day" if n == 1 else f"{n} days"


class ReferralPresenter:
    LIST_FIELDS = ["reference", "given_name", "family_name", "source", "urgency", "first_contact_due"]
    DETAIL_FIELDS = [
        "reference", "given_name", "family_name", "date_of_birth", "email", "phone", "postcode", "cares_for",
        "source", "referring_organisation", "referred_by", "urgency", "status", "allocated_to", "outcome",
    ]

    CONTACT_FIELDS = ["email", "phone", "postcode"]
    RESTRICTED = "Restricted: see the carer's record"

    def __init__(self, referral, today=None, show_contact_details=True):
        self.referral = referral
        self.today = today or timezone.localdate()
        self.show_contact_details = show_contact_details

    def __getattr__(self, name):
        return getattr(self.referral, name)

    @property
    def name(self):
        return self.referral.full_name

    @property
    def received(self):
        return datetime(self.referral.received_at)

    @property
    def source_text(self):
        r = self.referral
        text = r.get_source_display()
        return f"{text} ({r.referring_organisation.name})" if r.referring_organisation else text

    @property
    def urgency_tag(self):
        if self.referral.urgency == Urgency.URGENT:
            return {"text": "Urgent", "classes": "govuk-tag--red"}
        return None

    @property
    def status_tag(self):
        colours = {Status.NEW: "govuk-tag--blue", Status.ALLOCATED: "govuk-tag--light-blue",
                   Status.IN_CONTACT: "govuk-tag--turquoise", Status.TRIAGED: "govuk-tag--grey"}
        text = self.referral.get_status_display()
        if self.referral.status == Status.TRIAGED:
            text = self.referral.get_outcome_display()
        return {"text": text, "classes": colours[self.referral.status]}

    @property
    def contact_clock(self):
        """"Contact overdue by 2 days" / "Contact due today" / "Contacted 3 June 2026"."""
        r = self.referral
        if r.first_contact_at:
            return {"text": f"Contacted {date(timezone.localtime(r.first_contact_at))}", "classes": "govuk-tag--green"}
        if r.status == Status.TRIAGED:
            return None
        late = (self.today - r.first_contact_due).days
        if late > 0:
            return {"text": f"Contact overdue by {_days(late)}", "classes": "govuk-tag--red"}
        if late == 0:
            return {"text": "Contact due today", "classes": "govuk-tag--orange"}
        return {"text": f"Contact due by {date(r.first_contact_due)}", "classes": "govuk-tag--grey"}

    @property
    def assessment_clock(self):
        r = self.referral
        if r.status == Status.TRIAGED:
            return None
        late = (self.today - r.assessment_due).days
        if late > 0:
            return {"text": f"Assessment start overdue by {_days(late)}", "classes": "govuk-tag--red"}
        return {"text": f"Assessment to start by {date(r.assessment_due)}", "classes": "govuk-tag--grey"}

    @property
    def allocated(self):
        return self.referral.allocated_to.full_name if self.referral.allocated_to else "Not allocated"

    def _contact(self, value):
        return (value or "Not given") if self.show_contact_details else self.RESTRICTED

    def summary_rows(self):
        r = self.referral
        rows = [
            ("Reference", r.reference),
            ("Received", self.received),
            ("From", self.source_text + (f", by {r.referred_by.full_name}" if r.referred_by else "")),
            ("Carer", self.name),
            ("Date of birth", date(r.date_of_birth) if r.date_of_birth else "Not given"),
            ("Phone", self._contact(format_phone_number(r.phone))),
            ("Email", self._contact(r.email)),
            ("Postcode", self._contact(r.postcode)),
            ("Who they care for", r.cares_for or "Not given"),
            ("Carer agreed to referral", "Yes" if r.agreed_to_referral else "No"),
            ("Allocated to", self.allocated),
        ]
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]

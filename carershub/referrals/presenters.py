"""How referrals and their clocks appear on pages."""

from django.urls import reverse
from django.utils import timezone

from carershub.carers.record import TimelineEntry
from carershub.core import tables
from carershub.core.formats import date, datetime
from carershub.core.phone_numbers import format_phone_number
from carershub.referrals.models import Status, Urgency


def _days(n):
    return "1 day" if n == 1 else f"{n} days"


class ReferralPresenter:
    LIST_FIELDS = [
        "reference",
        "given_name",
        "family_name",
        "source",
        "urgency",
        "first_contact_due",
    ]
    DETAIL_FIELDS = [
        "reference",
        "given_name",
        "family_name",
        "date_of_birth",
        "email",
        "phone",
        "postcode",
        "cares_for",
        "source",
        "referring_organisation",
        "referred_by",
        "urgency",
        "status",
        "allocated_to",
        "outcome",
    ]

    CONTACT_FIELDS = ["email", "phone", "postcode"]
    RESTRICTED = "Restricted: see the carer's record"

    # What a partner reads of the fields it typed in, and where its referral stands (ADR 23).
    PARTNER_DETAIL_FIELDS = [
        "reference",
        "given_name",
        "family_name",
        "date_of_birth",
        "email",
        "phone",
        "postcode",
        "cares_for",
        "source",
        "referring_organisation",
        "referred_by",
        "urgency",
        "status",
    ]

    def __init__(self, referral, today=None, show_contact_details=True, *, for_referrer=False):
        self.referral = referral
        self.today = today or timezone.localdate()
        # The referring partner sees what it gave (contact details included: it typed them) and
        # a neutral word on where the referral stands, never the hub's outcome or its reasons.
        self.for_referrer = for_referrer
        self.show_contact_details = show_contact_details or for_referrer

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
    def neutral_status(self):
        """Where the referral stands, in words that say nothing of the carer or the hub's
        decision.
        """
        r = self.referral
        if r.status == Status.TRIAGED:
            return "Closed"
        if r.first_contact_at or r.status == Status.IN_CONTACT:
            return "Contacted by the hub"
        return "Received by the hub"

    @property
    def status_tag(self):
        if self.for_referrer:
            colours = {"Closed": "govuk-tag--grey", "Contacted by the hub": "govuk-tag--turquoise"}
            return {
                "text": self.neutral_status,
                "classes": colours.get(self.neutral_status, "govuk-tag--blue"),
            }
        colours = {
            Status.NEW: "govuk-tag--blue",
            Status.ALLOCATED: "govuk-tag--light-blue",
            Status.IN_CONTACT: "govuk-tag--turquoise",
            Status.TRIAGED: "govuk-tag--grey",
        }
        text = self.referral.get_status_display()
        if self.referral.status == Status.TRIAGED:
            text = self.referral.get_outcome_display()
        return {"text": text, "classes": colours[self.referral.status]}

    @property
    def contact_clock(self):
        """ "Contact overdue by 2 days" / "Contact due today" / "Contacted 3 June 2026"."""
        r = self.referral
        if self.for_referrer:
            return None
        if r.first_contact_at:
            return {
                "text": f"Contacted {date(timezone.localtime(r.first_contact_at))}",
                "classes": "govuk-tag--green",
            }
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
        if self.for_referrer:
            return None
        if r.status == Status.TRIAGED:
            return None
        late = (self.today - r.assessment_due).days
        if late > 0:
            return {
                "text": f"Assessment start overdue by {_days(late)}",
                "classes": "govuk-tag--red",
            }
        return {
            "text": f"Assessment to start by {date(r.assessment_due)}",
            "classes": "govuk-tag--grey",
        }

    @property
    def allocated(self):
        return (
            self.referral.allocated_to.full_name if self.referral.allocated_to else "Not allocated"
        )

    @property
    def reopened_on(self):
        return (
            date(timezone.localdate(self.referral.reopened_at))
            if self.referral.reopened_at
            else None
        )

    @property
    def contact_warnings(self):
        """What whoever contacts the carer must not do, as the carer told us: someone else may
        see their phone or hear a message. Empty when nothing was refused or nobody asked."""
        r = self.referral
        if self.for_referrer:
            return []
        refused = [
            (r.safe_to_phone, "Do not phone them."),
            (r.safe_to_text, "Do not send them text messages."),
            (r.safe_to_leave_voicemail, "Do not leave them a voicemail."),
        ]
        return [words for safe, words in refused if safe is False]

    def _asked_rows(self):
        """Rows for what only some referrers are asked: shown when it was answered."""
        r = self.referral
        yes_no = {True: "Yes", False: "No"}
        rows = [
            ("Name of the person they care for", r.cared_for_name),
            ("What they are to the carer", r.cared_for_relationship),
            ("Safe to phone", yes_no.get(r.safe_to_phone)),
            ("Safe to text", yes_no.get(r.safe_to_text)),
            ("Safe to leave a voicemail", yes_no.get(r.safe_to_leave_voicemail)),
            ("Language", r.preferred_language),
            ("Needs an interpreter", yes_no.get(r.needs_interpreter)),
        ]
        return [(key, value) for key, value in rows if value]

    def _contact(self, value):
        return (value or "Not given") if self.show_contact_details else self.RESTRICTED

    def summary_rows(self):
        r = self.referral
        rows = [
            ("Reference", r.reference),
            ("Received", self.received),
            (
                "From",
                self.source_text + (f", by {r.referred_by.full_name}" if r.referred_by else ""),
            ),
            ("Carer", self.name),
            ("Date of birth", date(r.date_of_birth) if r.date_of_birth else "Not given"),
            ("Phone", self._contact(format_phone_number(r.phone))),
            ("Email", self._contact(r.email)),
            ("Postcode", self._contact(r.postcode)),
            ("Who they care for", r.cares_for or "Not given"),
            *self._asked_rows(),
            ("Carer agreed to referral", "Yes" if r.agreed_to_referral else "No"),
        ]
        if self.for_referrer:
            rows.append(("Where it stands", self.neutral_status))
        else:
            rows.append(("Allocated to", self.allocated))
        return [{"key": {"text": k}, "value": {"text": v}} for k, v in rows]


class OfferPresenter:
    """A carer's assessment offered at triage, as the referral page lists it."""

    def __init__(self, offer):
        self.offer = offer

    @property
    def text(self):
        o = self.offer
        said = f"Offered on {date(o.offered_on)}: "
        if o.response == "refused":
            return (
                said + "refused by "
                f"{o.get_refused_by_display()[0].lower()}{o.get_refused_by_display()[1:]}."
            )
        return said + "accepted."

    @property
    def recorded(self):
        return (
            f"Recorded by {self.offer.recorded_by.full_name} on "
            f"{date(timezone.localdate(self.offer.recorded_at))}"
        )


def referral_entries(referral):
    source = referral.get_source_display()
    if referral.referring_organisation:
        source = f"{source} ({referral.referring_organisation.name})"
    yield TimelineEntry(
        referral.received_at, "referral", f"Referred: {source}", f"Reference {referral.reference}"
    )
    if referral.outcome_at:
        yield TimelineEntry(
            referral.outcome_at,
            "referral",
            f"Referral triaged: {referral.get_outcome_display().lower()}",
        )


def queue_rows(referrals, *, hub_view):
    """The referral queue: the carer (with how urgent), where from, when, the first-contact clock,
    and who has it (for the hub) or how it is going (for the referrer)."""
    rows = []
    for r in referrals:
        carer = [
            tables.link(reverse("referrals:detail", kwargs={"reference": r.reference}), r.name)
        ]
        if r.urgency_tag:
            carer += [tables.line_break, tables.tag(r.urgency_tag)]
        rows.append(
            [
                tables.cell(*carer),
                tables.text(r.source_text),
                tables.text(r.received),
                tables.cell(tables.tag(r.contact_clock)) if r.contact_clock else tables.text(""),
                tables.text(r.allocated) if hub_view else tables.cell(tables.tag(r.status_tag)),
            ]
        )
    return rows

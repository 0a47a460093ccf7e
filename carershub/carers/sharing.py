"""Who may see a carer's record and why, in plain words: the record's sharing panel and its history.

Built from the carer's consents and the table of purposes (ADR 36), for the record page now and
the carer's own page when the portal arrives, and for the subject access export.
"""

import dataclasses
import datetime as dt
from typing import ClassVar

from django.utils import timezone

from carershub.accounts.permissions import can
from carershub.carers import purposes
from carershub.carers.models.consent import CompetenceBasis, GivenBy, LawfulBasis, SharingPurpose
from carershub.core import tables
from carershub.core.formats import date

UNTIL_WITHDRAWN = "Until the carer withdraws it"


@dataclasses.dataclass(frozen=True)
class SharingPanel:
    """The organisations that may see the record, why and until when (ADR 36)."""

    template: ClassVar[str] = "carers/sharing_panel.html"
    section: ClassVar[tuple] = ("who-may-see", "Who may see this record")
    lawful_basis: str
    rows: tuple
    reads: tuple


def record_panel(actor, carer):
    """Every consent in force, for the holding organisation's staff; partners see their own
    consent in the consents table only (ADR 23), and no panel."""
    if not can(actor, "carers.view_all_consents", carer):
        return None
    in_force = sorted(
        (consent for consent in carer.consents.all() if consent.is_active),
        key=lambda consent: (consent.organisation.name, consent.given_on),
    )
    basis = carer.lawful_basis
    return SharingPanel(
        lawful_basis=LawfulBasis(basis).label if basis in LawfulBasis.values else "",
        rows=tuple(_row(consent) for consent in in_force),
        # The page's own audit row already names the record's consents as read.
        reads=(),
    )


def purposes_in_plain_words(consent):
    return [purposes.in_plain_words(p) for p in consent.purposes if p in SharingPurpose.values]


def agreed_by(consent):
    """Who agreed, and on what footing: the carer,
    or a named person with parental responsibility.
    """
    competence = _label(CompetenceBasis, consent.competence)
    if consent.given_by == GivenBy.PARENTAL_RESPONSIBILITY:
        who = f"{consent.given_by_name}, a person with parental responsibility"
        return f"{who}; the carer is {competence}" if competence else who
    return f"The carer, {competence}" if competence else "The carer"


def _label(choices, value):
    """A choice's label to follow a comma: its first letter in lower case."""
    if value not in choices.values:
        return ""
    label = choices(value).label
    return label[0].lower() + label[1:]


def _row(consent):
    why = purposes_in_plain_words(consent)
    parts = []
    for line in why:
        parts += [line, tables.line_break]
    return [
        tables.text(consent.organisation.name),
        tables.cell(*parts[:-1]),
        tables.text(date(consent.given_on)),
        tables.text(date(consent.ends_on) if consent.ends_on else UNTIL_WITHDRAWN),
        tables.text(agreed_by(consent)),
    ]


# --- History, for the subject access export -------------------------------------------------------


def history(consents, organisation_names=None):
    """Each organisation's purposes now and every change to them, oldest first.

    [{"organisation", "purposes_now", "events": [{"on", "what", "purposes", "by"}]}], from the
    consent rows alone: a row taken over by another when a purpose was withdrawn is a change,
    not a withdrawal, and a consent past its end date has ended whether or not the job ran.
    ``organisation_names`` ({id: name}) saves reading each consent's organisation.
    """
    consents = sorted(consents, key=lambda c: (c.recorded_at, c.pk))
    taken_over = {c.replaces_id for c in consents if c.replaces_id}
    by_organisation = {}
    for consent in consents:
        entry = by_organisation.setdefault(
            consent.organisation_id,
            {
                "organisation": organisation_names[consent.organisation_id]
                if organisation_names
                else consent.organisation.name,
                "purposes_now": [],
                "events": [],
            },
        )
        if consent.is_active:
            entry["purposes_now"] += _labels(consent)
        entry["events"] += _events(consent, taken_over)
    for entry in by_organisation.values():
        entry["events"].sort(key=lambda event: event.pop("at"))
    return sorted(by_organisation.values(), key=lambda entry: entry["organisation"])


def _labels(consent):
    return [SharingPurpose(p).label for p in consent.purposes if p in SharingPurpose.values]


def _event(at, what, consent, on=None):
    return {
        "at": at,
        "on": on or date(timezone.localtime(at).date()),
        "what": what,
        "purposes": _labels(consent),
        "by": agreed_by(consent),
    }


def _events(consent, taken_over):
    if consent.replaces_id:
        events = [_event(consent.recorded_at, "Changed: a purpose was withdrawn", consent)]
    else:
        given = f"Given on {date(consent.given_on)}" + (
            f", until {date(consent.ends_on)}" if consent.ends_on else ""
        )
        events = [_event(consent.recorded_at, given, consent)]
    if consent.withdrawn_at and consent.pk not in taken_over:
        events.append(_event(consent.withdrawn_at, "Withdrawn", consent))
    elif not consent.withdrawn_at and consent.has_ended():
        ended = timezone.make_aware(dt.datetime.combine(consent.ends_on, dt.time()))
        events.append(_event(ended, "Ended on its end date", consent, on=date(consent.ends_on)))
    return events

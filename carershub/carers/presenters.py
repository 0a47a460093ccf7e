"""How a carer's record appears on pages."""

import dataclasses
from typing import ClassVar

from django.urls import reverse
from django.utils import timezone

from carershub.carers.models import Contact
from carershub.carers.models.choices import (
    ContactMethod,
    Disability,
    Ethnicity,
    HoursBand,
    PreferredFormat,
    Religion,
    Sex,
    SexualOrientation,
    Status,
    WorkStatus,
    YesNoPreferNot,
)
from carershub.carers.models.consent import CompetenceBasis, GivenBy, SharingPurpose
from carershub.carers.record import Alert, PanelRead, TimelineEntry
from carershub.carers.restrictions import withheld_message
from carershub.carers.rules import CarerType, age_on
from carershub.core import tables
from carershub.core.formats import date, datetime
from carershub.core.phone_numbers import format_phone_number
from carershub.core.validators import format_nhs_number

NOT_KNOWN = "Not known"
NOT_SHARED = "Not shared with your organisation"


def _label(choices, value, missing=NOT_KNOWN):
    return choices(value).label if value in choices.values else missing


def _show_value(value):
    return date(value) if hasattr(value, "strftime") else (value or NOT_KNOWN)


def _show_nhs_number(value):
    return format_nhs_number(value) or NOT_KNOWN


def _show_phone_number(value):
    return format_phone_number(value) or NOT_KNOWN


class CarerPresenter:
    # Fields each page reads, named in its audit row.
    LIST_FIELDS = ["reference", "given_name", "family_name", "date_of_birth", "postcode"]
    COMPARE_FIELDS = [
        "given_name",
        "family_name",
        "date_of_birth",
        "nhs_number",
        "email",
        "phone",
        "address_line_1",
        "postcode",
    ]

    @staticmethod
    def compare(a, b):
        """Rows for a side-by-side comparison of two records, marking where they differ."""
        labels = {
            "given_name": "First name",
            "family_name": "Last name",
            "date_of_birth": "Date of birth",
            "nhs_number": "NHS number",
            "email": "Email",
            "phone": "Phone",
            "address_line_1": "Address",
            "postcode": "Postcode",
        }
        rows = []
        for name in CarerPresenter.COMPARE_FIELDS:
            left, right = getattr(a, name), getattr(b, name)
            show = {"nhs_number": _show_nhs_number, "phone": _show_phone_number}.get(
                name, _show_value
            )
            rows.append(
                {
                    "label": labels[name],
                    "keep": show(left),
                    "merge": show(right),
                    "differs": left != right,
                }
            )
        return rows

    def __init__(
        self,
        carer,
        visible_carer_ids=frozenset(),
        show_contact=None,
        *,
        partner_organisation=None,
        field_groups=None,
    ):
        self.carer = carer
        # The field groups of ``carershub.carers.purposes`` a partner's purpose shows (ADR 36);
        # None for the holding organisation, which sees them all.
        self.field_groups = None if field_groups is None else frozenset(field_groups)
        self.visible_carer_ids = visible_carer_ids
        # Restricted contact details are hidden unless the view has checked the actor may see them.
        self.show_contact = (not carer.contact_restricted) if show_contact is None else show_contact
        # A partner organisation the record is shared with sees only its own consent, nothing of
        # a restriction and not the cared-for person's conditions (ADR 23).
        self.partner_organisation = partner_organisation

    def __getattr__(self, name):
        return getattr(self.carer, name)

    @property
    def name(self):
        return self.carer.full_name

    @property
    def date_of_birth(self):
        return date(self.carer.date_of_birth) if self.carer.date_of_birth else NOT_KNOWN

    @property
    def postcode(self):
        if not self.show_contact:
            return NOT_SHARED if self.is_partner_view else "Restricted"
        return self.carer.postcode or NOT_KNOWN

    def shows(self, group):
        """Whether the page shows this field group (``carershub.carers.purposes.FIELD_GROUPS``)."""
        return self.field_groups is None or group in self.field_groups

    @property
    def is_partner_view(self):
        return self.partner_organisation is not None

    @property
    def restriction_tag(self):
        if self.is_partner_view or not self.carer.contact_restricted:
            return None
        return {"text": "Contact details restricted", "classes": "govuk-tag--red"}

    @property
    def held_by(self):
        return self.carer.holding_organisation.name

    @property
    def relationships(self):
        return list(self.carer.relationships.all())

    @property
    def is_parent_carer(self):
        today = timezone.localdate()
        return any(
            r.parental_responsibility
            and r.cared_for.date_of_birth
            and age_on(r.cared_for.date_of_birth, today) < 18
            for r in self.relationships
        )

    def type_tags(self):
        self.carer.cares_for_disabled_child = self.is_parent_carer
        return [{"text": t.label, "classes": _TYPE_COLOURS.get(t, "")} for t in self.carer.types()]

    @property
    def status_tag(self):
        colours = {
            Status.ACTIVE: "govuk-tag--green",
            Status.CLOSED: "govuk-tag--grey",
            Status.EX_CARER: "govuk-tag--purple",
        }
        text = _label(Status, self.carer.status)
        if self.carer.status == Status.CLOSED and self.carer.closed_reason:
            text = f"Closed: {self.carer.get_closed_reason_display().lower()}"
        return {"text": text, "classes": colours.get(self.carer.status, "")}

    def _change(self, section, hidden):
        return {
            "items": [
                {
                    "href": reverse("carers:edit", args=[self.carer.reference, section]),
                    "text": "Change",
                    "visuallyHiddenText": hidden,
                }
            ]
        }

    def details_rows(self, editable):
        c = self.carer
        rows = [
            ("Name", self.name, "name"),
            ("Preferred name", c.preferred_name or "None given", "preferred name"),
            (
                "Date of birth",
                self.date_of_birth + (f" (age {c.age})" if c.date_of_birth else ""),
                "date of birth",
            ),
        ]
        if self.shows("nhs_number"):
            rows.append(("NHS number", format_nhs_number(c.nhs_number) or NOT_KNOWN, "NHS number"))
        return self._rows(rows, "details", editable)

    def contact_rows(self, editable):
        c = self.carer
        method = (
            "Contact by",
            _label(ContactMethod, c.preferred_contact_method, "No preference"),
            "how to contact them",
        )
        fmt = (
            "Information format",
            _label(PreferredFormat, c.preferred_format)
            + (f" in {c.language}" if c.language else ""),
            "information format",
        )
        if not self.show_contact:
            withheld = NOT_SHARED if self.is_partner_view else withheld_message(c)
            rows = [("Email, phone and address", withheld, None), method, fmt]
            return self._rows(rows, "contact", False)
        address = (
            ", ".join(p for p in [c.address_line_1, c.address_line_2, c.town, c.postcode] if p)
            or NOT_KNOWN
        )
        rows = [
            ("Email", c.email or NOT_KNOWN, "email"),
            (
                "Phone",
                ", ".join(format_phone_number(p) for p in [c.phone, c.mobile] if p) or NOT_KNOWN,
                "phone",
            ),
            method,
            fmt,
            ("Address", address, "address"),
        ]
        return self._rows(rows, "contact", editable)

    def caring_rows(self, editable):
        c = self.carer
        hours = _label(HoursBand, c.hours_band)
        if c.hours_per_week is not None:
            hours = f"{c.hours_per_week} hours a week ({hours})"
        caring = [
            ("Hours caring", hours, "hours caring"),
            ("Caring since", date(c.caring_since) if c.caring_since else NOT_KNOWN, "caring since"),
            ("Work or education", _label(WorkStatus, c.work_status), "work or education"),
            (
                "Other children at home",
                NOT_KNOWN if c.children_at_home is None else str(c.children_at_home),
                "children at home",
            ),
        ]
        gp = ("GP practice", c.gp_practice.name if c.gp_practice else NOT_KNOWN, "GP practice")
        school = ("School or college", c.school.name if c.school else "None", "school or college")
        rows = (
            (caring if self.shows("caring") else [])
            + ([gp] if self.shows("gp_practice") else [])
            + ([school] if self.shows("school") else [])
        )
        return self._rows(rows, "caring", editable)

    def status_rows(self, editable):
        rows = [
            ("Status", self.status_tag["text"], "status"),
            ("Record held by", self.held_by, None),
        ]
        return self._rows(rows, "status", editable)

    def equality_rows(self, editable):
        e = getattr(self.carer, "equality", None)

        def value(choices, name):
            return _label(choices, getattr(e, name, ""), "Not asked") if e else "Not asked"

        rows = [
            ("Ethnic group", value(Ethnicity, "ethnicity"), "ethnic group"),
            ("Sex", value(Sex, "sex"), "sex"),
            (
                "Gender same as sex at birth",
                value(YesNoPreferNot, "gender_same_as_sex_at_birth"),
                "gender identity",
            ),
            (
                "Sexual orientation",
                value(SexualOrientation, "sexual_orientation"),
                "sexual orientation",
            ),
            ("Religion", value(Religion, "religion"), "religion"),
            ("Disability", value(Disability, "disability"), "disability"),
            (
                "Served in the armed forces",
                value(YesNoPreferNot, "served_in_armed_forces"),
                "armed forces",
            ),
        ]
        return self._rows(rows, "equality", editable)

    def _rows(self, rows, section, editable):
        out = []
        for key, value, hidden in rows:
            row = {"key": {"text": key}, "value": {"text": value}}
            if editable and hidden:
                row["actions"] = self._change(section, hidden)
            out.append(row)
        return out

    def network(self):
        """The people they care for, each with their other carers (named only if visible)."""
        people = []
        for rel in self.relationships:
            person = rel.cared_for
            others = [r for r in getattr(person, "all_carers", []) if r.carer_id != self.carer.pk]
            people.append(
                {
                    "relationship_id": rel.pk,
                    "council": rel.responsible_council.name
                    if rel.responsible_council_id
                    else NOT_KNOWN,
                    "council_person_id": person.council_person_id or NOT_KNOWN,
                    "name": person.full_name,
                    "relationship": rel.get_relationship_display(),
                    "lives_together": "Yes" if rel.lives_together else "No",
                    "date_of_birth": date(person.date_of_birth)
                    if person.date_of_birth
                    else NOT_KNOWN,
                    "conditions": None
                    if self.is_partner_view
                    else ", ".join(person.condition_labels()) or NOT_KNOWN,
                    "other_carers": [
                        {"name": o.carer.full_name, "reference": o.carer.reference}
                        if o.carer_id in self.visible_carer_ids
                        else {"name": "Another carer (not shared with you)", "reference": None}
                        for o in others
                    ],
                }
            )
        return people

    def consent_rows(self, editable):
        """The consents table: a tag for each, and links to withdraw one, or one purpose of one."""
        rows = []
        for c in self.consents():
            withdraw = editable and c["active"]
            rows.append(
                [
                    tables.text(c["organisation"]),
                    self._purposes_cell(c, withdraw_each=withdraw and len(c["purposes"]) > 1),
                    tables.cell(
                        c["given"], tables.hint(f"{c['competence']}. Recorded by {c['recorded']}")
                    ),
                    tables.cell(*self._consent_status(c, withdraw)),
                ]
            )
        return rows

    def _purposes_cell(self, c, *, withdraw_each):
        if not withdraw_each:
            return tables.text("; ".join(label for _, label in c["purposes"]))
        parts = []
        for value, label in c["purposes"]:
            href = reverse("carers:withdraw_consent", args=[self.carer.reference, c["pk"]])
            hidden = f"{label.lower()} from the consent for {c['organisation']}"
            parts += [label, " (", tables.link(f"{href}?purpose={value}", "withdraw", hidden), ")"]
            parts.append(tables.line_break)
        return tables.cell(*parts[:-1])

    def _consent_status(self, c, withdraw):
        if c["active"]:
            status = [tables.tag({"text": "Active", "classes": "govuk-tag--green"})]
            if c["ends"]:
                status.append(tables.hint(f"Until {c['ends']}"))
            if withdraw:
                href = reverse("carers:withdraw_consent", args=[self.carer.reference, c["pk"]])
                status += [
                    tables.line_break,
                    tables.link(href, "Withdraw", f"consent for {c['organisation']}"),
                ]
            return status
        if c["changed"]:
            return [
                tables.tag({"text": "Changed", "classes": "govuk-tag--grey"}),
                tables.hint(c["withdrawn"]),
            ]
        if c["withdrawn"]:
            return [
                tables.tag({"text": "Withdrawn", "classes": "govuk-tag--grey"}),
                tables.hint(c["withdrawn"]),
            ]
        return [tables.tag({"text": "Ended", "classes": "govuk-tag--grey"}), tables.hint(c["ends"])]

    def consents(self):
        rows = []
        consents = list(self.carer.consents.all())
        taken_over = {consent.replaces_id for consent in consents if consent.replaces_id}
        for consent in consents:
            if self.is_partner_view and consent.organisation_id != self.partner_organisation.pk:
                continue
            rows.append(
                {
                    "pk": consent.pk,
                    "organisation": consent.organisation.name,
                    "purposes": [
                        (p, SharingPurpose(p).label)
                        for p in consent.purposes
                        if p in SharingPurpose.values
                    ],
                    "given": f"{_label(GivenBy, consent.given_by)}"
                    + (f" ({consent.given_by_name})" if consent.given_by_name else "")
                    + f", {date(consent.given_on)}",
                    "competence": _label(CompetenceBasis, consent.competence),
                    "recorded": f"{consent.recorded_by.full_name}, {datetime(consent.recorded_at)}",
                    "active": consent.is_active,
                    "changed": consent.pk in taken_over,
                    "ends": date(consent.ends_on) if consent.ends_on else "",
                    "withdrawn": datetime(consent.withdrawn_at) if consent.withdrawn_at else "",
                }
            )
        return rows


_TYPE_COLOURS = {
    CarerType.YOUNG_CARER: "govuk-tag--orange",
    CarerType.YOUNG_ADULT_CARER: "govuk-tag--yellow",
    CarerType.ADULT_CARER: "govuk-tag--blue",
    CarerType.PARENT_CARER: "govuk-tag--pink",
    CarerType.OLDER_CARER: "govuk-tag--turquoise",
    CarerType.EX_CARER: "govuk-tag--grey",
    CarerType.AGE_NOT_KNOWN: "govuk-tag--grey",
}


class ContactPresenter:
    LIST_FIELDS = ["kind", "happened_at", "purpose", "given", "follow_up_due"]

    def __init__(self, contact):
        self.contact = contact

    def __getattr__(self, name):
        return getattr(self.contact, name)

    @property
    def when(self):
        return datetime(self.contact.happened_at)

    @property
    def summary(self):
        c = self.contact
        parts = [c.get_kind_display(), c.get_direction_display().lower()]
        if c.duration_minutes:
            parts.append(f"{c.duration_minutes} minutes")
        return ", ".join(parts)

    @property
    def given_text(self):
        text = ", ".join(self.contact.given_labels())
        if self.contact.signposted_to:
            text = f"{text} ({self.contact.signposted_to})" if text else self.contact.signposted_to
        return text

    @property
    def follow_up(self):
        c = self.contact
        if not c.follow_up_due:
            return ""
        if c.follow_up_done_at:
            return f"Followed up {date(c.follow_up_done_at)}"
        return f"Follow up by {date(c.follow_up_due)}"


@dataclasses.dataclass(frozen=True)
class ContactLine:
    when: str
    purpose: str
    summary: str


@dataclasses.dataclass(frozen=True)
class ContactsPanel:
    """The carer's recent contacts on their record, with links to log one and to the timeline."""

    template: ClassVar[str] = "carers/record_panel.html"
    section: ClassVar[tuple] = ("contacts", "Recent contacts")
    contacts: tuple
    log_href: str
    timeline_href: str
    reads: tuple


def record_alerts(carer, consents):
    """The register's alerts: a restriction first, then each organisation whose latest consent
    was withdrawn (a purpose withdrawn leaves a newer consent in force, so it is not one)."""
    alerts = []
    if carer.contact_restricted:
        alerts.append(
            Alert(
                "Contact details restricted: only named workers and hub managers may see them",
                "#contact",
                warning=True,
            )
        )
    latest = {}
    for consent in sorted(consents, key=lambda c: (c.recorded_at, c.pk)):
        latest[consent.organisation_id] = consent
    for consent in sorted(latest.values(), key=lambda c: c.organisation.name):
        if consent.withdrawn_at is not None:
            alerts.append(
                Alert(
                    f"Consent to share with {consent.organisation.name} withdrawn on "
                    f"{date(timezone.localtime(consent.withdrawn_at))}",
                    "#consent",
                )
            )
    return alerts


def contacts_panel(carer, contacts):
    lines = []
    for contact in contacts:
        shown = ContactPresenter(contact)
        summary = shown.summary
        if shown.given_text:
            summary += f". Gave: {shown.given_text}"
        if shown.follow_up:
            summary += f". {shown.follow_up}"
        lines.append(ContactLine(shown.when, contact.purpose, summary))
    return ContactsPanel(
        contacts=tuple(lines),
        log_href=reverse("carers:log_contact", args=[carer.reference]),
        timeline_href=reverse("carers:timeline", args=[carer.reference]),
        reads=(
            PanelRead(Contact, tuple(c.pk for c in contacts), tuple(ContactPresenter.LIST_FIELDS)),
        ),
    )


def registered_entries(carer):
    yield TimelineEntry(
        carer.created_at,
        "registered",
        "Registered with the hub",
        f"Record held by {carer.holding_organisation.name}",
    )


def contact_entries(contact):
    yield TimelineEntry(
        contact.happened_at,
        "contact",
        f"{contact.get_kind_display()}: {contact.purpose}",
        f"{contact.get_direction_display()}, recorded by {contact.recorded_by.full_name}",
        notes=contact.notes,
    )


def restriction_entries(restriction):
    yield TimelineEntry(
        restriction.restricted_at,
        "restriction",
        "Contact details restricted",
        restriction.reason_text,
    )
    if restriction.lifted_at:
        yield TimelineEntry(
            restriction.lifted_at, "restriction", "Restriction on contact details lifted"
        )


def consent_entries(consent):
    name = consent.organisation.name
    yield TimelineEntry(
        consent.recorded_at,
        "consent",
        f"Consent to share with {name}",
        ", ".join(consent.purpose_labels()),
    )
    if consent.withdrawn_at:
        yield TimelineEntry(
            consent.withdrawn_at, "consent", f"Consent to share with {name} withdrawn"
        )
    if consent.lapsed_at:
        yield TimelineEntry(
            consent.lapsed_at, "consent", f"Consent to share with {name} ended on its end date"
        )


def network_entries(carer, relationship, visible_carer_ids):
    """When they began caring for someone, and when others the actor may see began too."""
    person = relationship.cared_for
    yield TimelineEntry(
        relationship.created_at,
        "network",
        f"Started recording care for {person.full_name} "
        f"({relationship.get_relationship_display().lower()})",
    )
    for other in getattr(person, "all_carers", []):
        if other.carer_id != carer.pk and other.carer_id in visible_carer_ids:
            yield TimelineEntry(
                other.created_at,
                "network",
                f"{other.carer.full_name} also cares for {person.full_name}",
                f"Reference {other.carer.reference}",
            )

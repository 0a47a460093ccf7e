"""How directory entries appear on the staff pages: status tags,
"last checked" and summary lists.
"""

import datetime as dt

from django.urls import reverse
from markupsafe import Markup, escape

from carershub.core import tables
from carershub.core.formats import date
from carershub.core.phone_numbers import format_phone_number
from carershub.directory.models import AttendingType, LocationType, ServiceStatus
from carershub.directory.taxonomy import CATEGORIES, WHO_FOR, taxonomy_id

NOT_GIVEN = "Not given"

STATUS_TAGS = {
    ServiceStatus.ACTIVE: {"text": "Running", "classes": "govuk-tag--green"},
    ServiceStatus.TEMPORARILY_CLOSED: {
        "text": "Temporarily closed",
        "classes": "govuk-tag--yellow",
    },
    ServiceStatus.INACTIVE: {"text": "Not running", "classes": "govuk-tag--grey"},
    ServiceStatus.DEFUNCT: {"text": "Closed for good", "classes": "govuk-tag--red"},
}

# (field, label, hidden text for its Change link) of the service's own details, in page order.
SERVICE_DETAILS = [
    ("name", "Name", "name"),
    ("provider", "Provider", "provider"),
    ("description", "What it offers", "what it offers"),
    ("status", "Status", "status"),
    ("url", "Website", "website"),
    ("email", "Email address", "email address"),
    ("phone", "Phone number", "phone number"),
    ("fees", "Costs", "costs"),
    ("eligibility_description", "Who it is for", "who it is for"),
    ("minimum_age", "Ages", "ages"),
    ("alert", "Notice shown first", "notice shown first"),
]


def status_tag(status):
    return STATUS_TAGS.get(status, {"text": status, "classes": "govuk-tag--grey"})


def last_checked(service):
    return date(service.assured_date) if service.assured_date else "Never"


def ages(service):
    youngest, oldest = service.minimum_age, service.maximum_age
    if youngest is not None and oldest is not None:
        return f"{youngest} to {oldest}"
    if youngest is not None:
        return f"{youngest} and over"
    if oldest is not None:
        return f"Up to {oldest}"
    return "Any age"


def _multiline(text):
    if not text:
        return {"text": NOT_GIVEN}
    return {"html": Markup("<br>").join(escape(line) for line in text.splitlines())}


def _lines(lines):
    lines = [line for line in lines if line]
    if not lines:
        return {"text": NOT_GIVEN}
    return {"html": Markup("<br>").join(escape(line) for line in lines)}


def _action(href, text, hidden):
    return {"items": [{"href": href, "text": text, "visuallyHiddenText": hidden}]}


def _row(key, value, action=None):
    row = {
        "key": {"text": key},
        "value": value if isinstance(value, dict) else {"text": value or NOT_GIVEN},
    }
    if action:
        row["actions"] = action
    return row


def _how(schedule):
    return AttendingType(schedule.attending_type).label if schedule.attending_type else NOT_GIVEN


class ServiceRow:
    """One service in the staff list."""

    def __init__(self, service, today=None):
        self.service = service
        self.today = today or dt.date.today()

    @property
    def name(self):
        return self.service.name

    @property
    def provider(self):
        return self.service.provider.name

    @property
    def href(self):
        return reverse("directory:staff_service", kwargs={"service_id": self.service.pk})

    @property
    def status_tag(self):
        return status_tag(self.service.status)

    @property
    def last_checked(self):
        return last_checked(self.service)

    @property
    def is_due(self):
        due = self.service.review_due_on
        return self.service.status != ServiceStatus.DEFUNCT and (due is None or due <= self.today)


class ServicePresenter:
    """The staff page of one service (loaded with selectors.with_everything)."""

    def __init__(self, service, today=None):
        self.service = service
        self.today = today or dt.date.today()
        self.id = service.pk

    def __getattr__(self, name):
        return getattr(self.service, name)

    def _url(self, name, **kwargs):
        return reverse(f"directory:{name}", kwargs={"service_id": self.service.pk, **kwargs})

    @property
    def status_tag(self):
        return status_tag(self.service.status)

    @property
    def last_checked(self):
        return last_checked(self.service)

    @property
    def is_due(self):
        return ServiceRow(self.service, self.today).is_due

    @property
    def review_due_on(self):
        return date(self.service.review_due_on) if self.service.review_due_on else ""

    def detail_rows(self):
        service, edit = self.service, self._url("staff_edit_service")
        values = {
            "provider": service.provider.name,
            "description": _multiline(service.description),
            "status": {
                "html": Markup('<strong class="govuk-tag {classes}">{text}</strong>').format(
                    **self.status_tag
                )
            },
            "minimum_age": ages(service),
            "fees": _multiline(service.fees),
            "eligibility_description": _multiline(service.eligibility_description),
            "alert": _multiline(service.alert) if service.alert else "None",
            "phone": format_phone_number(service.phone),
        }
        return [
            _row(
                label,
                values.get(field, getattr(service, field)),
                _action(f"{edit}#id_{field}", "Change", hidden),
            )
            for field, label, hidden in SERVICE_DETAILS
        ]

    def term_rows(self):
        hub_categories, hub_who_for = taxonomy_id(CATEGORIES), taxonomy_id(WHO_FOR)
        terms = sorted(self.service.terms.all(), key=lambda t: t.name)
        change = _action(self._url("staff_service_terms"), "Change", "")
        rows = [
            _row(
                "What it is about",
                _lines([t.name for t in terms if t.taxonomy_id == hub_categories]),
                {"items": [{**change["items"][0], "visuallyHiddenText": "what it is about"}]},
            ),
            _row(
                "Who it is for",
                _lines([t.name for t in terms if t.taxonomy_id == hub_who_for]),
                {"items": [{**change["items"][0], "visuallyHiddenText": "who it is for"}]},
            ),
        ]
        others = [t for t in terms if t.taxonomy_id not in (hub_categories, hub_who_for)]
        if others:
            rows.append(
                _row(
                    "Other terms (from an import)",
                    _lines(
                        [f"{t.name} ({t.taxonomy.name})" if t.taxonomy else t.name for t in others]
                    ),
                )
            )
        return rows

    def places(self):
        """One summary card per place the service runs at."""
        cards = []
        for link in sorted(
            self.service.service_at_locations.all(), key=lambda link: str(link.location)
        ):
            location = link.location
            rows = []
            if location.location_type == LocationType.VIRTUAL:
                rows.append(_row("Online", location.url or NOT_GIVEN))
            else:
                rows.append(_row("Address", _lines(location.address_lines)))
                if location.postal_code and location.easting is None:
                    rows.append(
                        _row(
                            "Map position",
                            "Postcode not found in the postcode directory: this place "
                            "will not show in searches by distance",
                        )
                    )
            if location.transport:
                rows.append(_row("How to get there", _multiline(location.transport)))
            access = [a.description for a in location.accessibility.all()]
            rows.append(_row("Accessibility", _lines(access)))
            rows += self._removable(
                "schedules", link.schedules.all(), lambda s: s.description or str(s), _how
            )
            cards.append(
                {
                    "card": {
                        "title": {"text": str(location), "headingLevel": 3},
                        "actions": {
                            "items": [
                                {
                                    "href": self._url("staff_edit_place", location_id=location.pk),
                                    "text": "Change",
                                },
                                {
                                    "href": self._url(
                                        "staff_remove_place", location_id=location.pk
                                    ),
                                    "text": "Remove",
                                },
                            ]
                        },
                    },
                    "rows": rows,
                }
            )
        return cards

    def _removable(self, kind, items, key, value, hidden=None):
        hidden = hidden or key
        return [
            _row(
                key(item),
                value(item),
                _action(
                    self._url("staff_remove_item", kind=kind, item_id=item.pk),
                    "Remove",
                    hidden(item),
                ),
            )
            for item in items
        ]

    def schedule_rows(self):
        """Times wherever it runs (those at one place are on that place's card)."""
        return self._removable(
            "schedules", self.service.schedules.all(), lambda s: s.description or str(s), _how
        )

    def cost_rows(self):
        def amount(cost):
            words = [
                f"£{cost.amount:,.2f}" if cost.amount is not None else "",
                cost.amount_description,
            ]
            return _lines(words) if any(words) else "No amount given"

        return self._removable(
            "costs", self.service.cost_options.all(), lambda c: c.option or "Cost", amount
        )

    def language_rows(self):
        return self._removable(
            "languages",
            self.service.languages.all(),
            lambda lang: lang.name,
            lambda lang: f"Code: {lang.code}" if lang.code else "No code given",
        )

    def contact_rows(self):
        def key(contact):
            return contact.name or contact.title

        def details(contact):
            return _lines(
                [
                    contact.title if contact.name else "",
                    contact.department,
                    contact.email,
                    format_phone_number(contact.phone),
                ]
            )

        return self._removable("contacts", self.service.contacts.all(), key, details)

    def area_rows(self):
        return self._removable(
            "areas",
            self.service.service_areas.all(),
            lambda a: a.name,
            lambda a: _lines([a.description, f"ONS code: {a.uri}" if a.uri else ""]),
        )

    def funding_rows(self):
        return self._removable(
            "funding",
            self.service.funding.all(),
            lambda f: "Funded by",
            lambda f: _multiline(f.source),
            hidden=lambda f: f"funder {f.source}",
        )


def service_rows(services):
    """Services (ServiceRows) for the staff tables: name, provider, status, last checked."""
    due = tables.tag({"text": "Due for review", "classes": "govuk-tag--orange"})
    return [
        [
            tables.cell(tables.link(s.href, s.name)),
            tables.text(s.provider),
            tables.cell(tables.tag(s.status_tag)),
            tables.cell(s.last_checked, tables.line_break, due)
            if s.is_due
            else tables.text(s.last_checked),
        ]
        for s in services
    ]


def provider_rows(providers):
    """Providers for the staff list: name (to change it) and how many services each runs."""
    return [
        [
            tables.cell(
                tables.link(
                    reverse("directory:staff_edit_provider", kwargs={"provider_id": p.pk}), p.name
                )
            ),
            tables.numeric(p.service_count),
        ]
        for p in providers
    ]

"""How a carer appears on pages."""

from carershub.core.formats import date


class CarerPresenter:
    def __init__(self, carer):
        self.carer = carer

    @property
    def reference(self):
        return self.carer.reference

    @property
    def name(self):
        return self.carer.full_name

    @property
    def date_of_birth(self):
        return date(self.carer.date_of_birth) if self.carer.date_of_birth else "Not known"

    @property
    def postcode(self):
        return self.carer.postcode or "Not known"

    @property
    def held_by(self):
        return self.carer.holding_organisation.name

    def summary_rows(self):
        return [
            {"key": {"text": "Reference"}, "value": {"text": self.reference}},
            {"key": {"text": "Name"}, "value": {"text": self.name}},
            {"key": {"text": "Date of birth"}, "value": {"text": self.date_of_birth}},
            {"key": {"text": "Postcode"}, "value": {"text": self.postcode}},
            {"key": {"text": "Record held by"}, "value": {"text": self.held_by}},
        ]

    # Fields a page showing this presenter reads (named in the audit row).
    FIELDS_SHOWN = ["reference", "given_name", "family_name", "date_of_birth", "postcode", "holding_organisation"]
    LIST_FIELDS = ["reference", "given_name", "family_name", "date_of_birth", "postcode"]

"""The search box: one field that takes a name, reference, NHS number, postcode or date of birth."""

from django import forms

from carershub.search import keys


class SearchForm(forms.Form):
    q = forms.CharField(
        label="Name or reference",
        required=False,
        max_length=100,
        error_messages={"max_length": "Name or reference must be 100 characters or fewer"},
        help_text="Or NHS number, postcode or date of birth. For example, John Smith, C-7KQ2-MX9P, "
        "485 777 3456, ZZ1 1AA or 27/3/1961",
    )

    def clean_q(self):
        text = self.cleaned_data["q"].strip()
        self.query = keys.parse(text)
        if self.query.problem:
            raise forms.ValidationError(self.query.problem)
        return text

    def search_query(self):
        """The parsed query to run (blank before anything is sent), or None if it cannot be run."""
        if not self.is_bound:
            return keys.parse("")
        return self.query if self.is_valid() else None

    def audit_context(self):
        """What kind of search this was, for the audit row: never what was typed."""
        query = getattr(self, "query", None)
        if query is None or query.is_blank:
            return {"searched": False}
        kinds = sorted(
            {term.label for term in query.terms}
            | ({"reference"} if query.reference else set())
            | ({"NHS number"} if query.nhs_number else set())
        )
        return {"searched": True, "by": kinds}

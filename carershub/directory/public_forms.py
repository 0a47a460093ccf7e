"""The public directory's search form: words, postcode, age, who it is for and categories."""

from django import forms

from carershub.directory import selectors

POSTCODE_NOT_FOUND = "We could not find that postcode. Check it and try again, or leave it blank"


class SearchForm(forms.Form):
    """A GET form: every field is optional, so an empty form lists every service."""

    q = forms.CharField(
        label="Search for a service",
        required=False,
        max_length=200,
        help_text="For example, sitting service, benefits or Urdu",
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        help_text="To see the nearest first. For example, WR1 2EY or WR1",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    age = forms.IntegerField(
        label="For someone aged",
        required=False,
        min_value=0,
        max_value=120,
        help_text="Leave blank for any age",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),  # GOV.UK: never type=number
        error_messages={
            "invalid": "Age must be a number, like 16",
            "min_value": "Age must be 0 or more",
            "max_value": "Age must be 120 or less",
        },
    )
    who_for = forms.MultipleChoiceField(
        label="Who it is for",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose who it is for from the list"},
    )
    category = forms.MultipleChoiceField(
        label="Category",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose a category from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who_for"].choices = [(str(t.pk), t.name) for t in selectors.who_for_terms()]
        self.fields["category"].choices = [(str(t.pk), t.name) for t in selectors.categories()]

    def postcode_not_found(self):
        self.add_error("postcode", POSTCODE_NOT_FOUND)

    def cleaned(self, name):
        """The field's clean value, or its empty value when it has an error
        (the others still apply).
        """
        data = getattr(self, "cleaned_data", {})
        if name in data:
            return data[name]
        field = self.fields[name]
        return (
            [] if isinstance(field, forms.MultipleChoiceField) else (None if name == "age" else "")
        )

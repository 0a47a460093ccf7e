"""Forms for the register."""

from django import forms

from carershub.core.forms import DateField


class FindCarerForm(forms.Form):
    q = forms.CharField(label="Name or reference", required=False, max_length=100)


class RegisterCarerForm(forms.Form):
    given_name = forms.CharField(label="First name", max_length=100, error_messages={"required": "Enter their first name"})
    family_name = forms.CharField(label="Last name", max_length=100, error_messages={"required": "Enter their last name"})
    date_of_birth = DateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 1961"
    )
    postcode = forms.CharField(label="Postcode", max_length=10, required=False,
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))

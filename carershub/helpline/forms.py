"""The helpline contact form: who you are, how to reach you, and your message."""

from django import forms

from carershub.core.forms import EmailAddressField, column_limit
from carershub.core.phone_numbers import PhoneNumberField
from carershub.referrals.models import Referral


def split_name(name):
    """(given, family) from one name box: the last word is taken as the family name."""
    words = name.split()
    if len(words) < 2:
        return " ".join(words), ""
    return " ".join(words[:-1]), words[-1]


CONTACT_BY = [("phone", "Phone"), ("email", "Email")]
CARING = [("yes", "Yes"), ("no", "No"), ("not_sure", "I'm not sure")]


class ContactForm(forms.Form):
    feeds = (
        Referral,
    )  # the name box is checked against the referral's two name columns in clean_name
    name = forms.CharField(
        label="Your name",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your name",
            "max_length": "Name must be 200 characters or fewer",
        },
    )
    contact_by = forms.ChoiceField(
        label="How should we contact you?",
        choices=CONTACT_BY,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how we should contact you"},
    )
    phone = PhoneNumberField(
        label="Phone number",
        required=False,
        help_text="If you would like us to call you.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = EmailAddressField(
        label="Email address",
        required=False,
        help_text="If you would like us to email you.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    caring = forms.ChoiceField(
        label="Are you caring for someone? (optional)",
        choices=CARING,
        widget=forms.RadioSelect,
        required=False,
    )
    message = forms.CharField(
        label="Your message",
        max_length=2000,
        help_text="Tell us what you would like to talk about. Do not include bank details.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter your message",
            "max_length": "Message must be 2000 characters or fewer",
        },
    )

    def clean_name(self):
        """The name is kept as first names and a last name (``split_name``):
        each must fit its column.
        """
        given, family = split_name(self.cleaned_data["name"])
        limit = min(column_limit(Referral, "given_name"), column_limit(Referral, "family_name"))
        if len(given) > limit or len(family) > limit:
            raise forms.ValidationError(
                f"Your first names and your last name must each be {limit} characters or fewer"
            )
        return self.cleaned_data["name"]

    def clean(self):
        data = super().clean()
        by = data.get("contact_by")
        if by == "phone" and not data.get("phone") and "phone" not in self.errors:
            self.add_error("phone", "Enter a phone number so we can call you back")
        if by == "email" and not data.get("email") and "email" not in self.errors:
            self.add_error("email", "Enter an email address so we can reply")
        return data

"""Forms for referring a carer and triaging a referral."""

from django import forms

from carershub.core.forms import DateField
from carershub.core.phone_numbers import PhoneNumberField
from carershub.core.validators import PostcodeField
from carershub.referrals.models import Outcome, Source, Urgency


class ReferralForm(forms.Form):
    given_name = forms.CharField(label="Carer's first name", max_length=100, error_messages={"required": "Enter the carer's first name"})
    family_name = forms.CharField(label="Carer's last name", max_length=100, error_messages={"required": "Enter the carer's last name"})
    date_of_birth = DateField(label="Carer's date of birth (optional)", required=False, past_only=True,
                              help_text="For example, 27 3 1961")
    phone = PhoneNumberField(label="Carer's phone number", required=False)
    email = forms.EmailField(label="Carer's email address", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"})
    postcode = PostcodeField(label="Carer's postcode (optional)", required=False)
    cares_for = forms.CharField(label="Who do they care for, and why?", widget=forms.Textarea(attrs={"rows": 4}),
                                max_length=2000, error_messages={"required": "Enter who they care for and why"},
                                help_text="For example: her husband, who has dementia and came home from hospital on Monday.")
    urgency = forms.ChoiceField(label="How urgent is it?", choices=Urgency.choices, widget=forms.RadioSelect,
                                initial=Urgency.ROUTINE, error_messages={"required": "Select how urgent it is"})
    agreed_to_referral = forms.BooleanField(
        label="The carer knows about this referral and agreed to be contacted by the hub",
        error_messages={"required": "Confirm the carer agreed to be referred: the hub cannot contact them otherwise"},
    )

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", "Enter a phone number or email address so the hub can contact the carer")
        return data


class HubReferralForm(ReferralForm):
    """Hub staff logging a referral (a helpline call, a walk-in) say where it came from."""

    source = forms.ChoiceField(label="Where did the referral come from?", choices=Source.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Select where the referral came from"})

    field_order = ["source"]


class AllocateForm(forms.Form):
    worker = forms.ModelChoiceField(label="Allocate to", queryset=None, empty_label="Choose a member of staff",
                                    error_messages={"required": "Choose who to allocate the referral to"})

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers


class FirstContactForm(forms.Form):
    contacted_on = DateField(label="Date of first contact", past_only=True,
                             error_messages={"required": "Enter the date of first contact"})


class TriageForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Select the outcome of triage"})
    duplicate_of = forms.CharField(label="Reference of the carer already registered", max_length=12, required=False,
                                   help_text="Only for duplicates. For example, C-7KQ2-MX9P")

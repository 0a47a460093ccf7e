"""Forms for referring a carer and triaging a referral."""

from django import forms

from carershub.core.forms import DateField, EmailAddressField, NamedDateField
from carershub.core.phone_numbers import PhoneNumberField
from carershub.core.validators import PostcodeField
from carershub.referrals.models import (
    CLOSED_WITHOUT_ASSESSMENT,
    OfferResponse,
    Outcome,
    RefusedBy,
    ReopenReason,
    Source,
    Urgency,
)


class ReferralForm(forms.Form):
    given_name = forms.CharField(
        label="Carer's first name",
        max_length=100,
        error_messages={"required": "Enter the carer's first name"},
    )
    family_name = forms.CharField(
        label="Carer's last name",
        max_length=100,
        error_messages={"required": "Enter the carer's last name"},
    )
    date_of_birth = NamedDateField(
        label="Carer's date of birth (optional)",
        called="Date of birth",
        required=False,
        past_only=True,
        help_text="For example, 27 3 1961",
    )
    phone = PhoneNumberField(label="Carer's phone number", required=False)
    email = EmailAddressField(
        label="Carer's email address",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    postcode = PostcodeField(label="Carer's postcode (optional)", required=False)
    cares_for = forms.CharField(
        label="Who do they care for, and why?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter who they care for and why"},
        help_text="For example: her husband, who has dementia and came home from hospital on "
        "Monday.",
    )
    urgency = forms.ChoiceField(
        label="How urgent is it?",
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        initial=Urgency.ROUTINE,
        error_messages={"required": "Select how urgent it is"},
    )
    agreed_to_referral = forms.BooleanField(
        label="The carer knows about this referral and agreed to be contacted by the hub",
        error_messages={
            "required": "Confirm the carer agreed to be referred: the hub cannot contact them "
            "otherwise"
        },
    )

    def clean(self):
        data = super().clean()
        if (
            not data.get("phone")
            and not data.get("email")
            and "phone" not in self.errors
            and "email" not in self.errors
        ):
            self.add_error(
                "phone", "Enter a phone number or email address so the hub can contact the carer"
            )
        return data


class HubReferralForm(ReferralForm):
    """Hub staff logging a referral (a helpline call, a walk-in) say where it came from."""

    source = forms.ChoiceField(
        label="Where did the referral come from?",
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the referral came from"},
    )

    field_order = ["source"]


class AllocateForm(forms.Form):
    worker = forms.ModelChoiceField(
        label="Allocate to",
        queryset=None,
        empty_label="Choose a member of staff",
        error_messages={"required": "Choose who to allocate the referral to"},
    )

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers


class FirstContactForm(forms.Form):
    contacted_on = DateField(
        label="Date of first contact",
        past_only=True,
        error_messages={"required": "Enter the date of first contact"},
    )


class TriageForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of triage"},
    )
    duplicate_of = forms.CharField(
        label="Reference of the carer already registered",
        max_length=12,
        required=False,
        help_text="Only for duplicates. For example, C-7KQ2-MX9P",
    )
    assessment_offer = forms.ChoiceField(
        label="Was the carer offered a carer's assessment?",
        choices=OfferResponse.choices,
        widget=forms.RadioSelect,
        required=False,
        help_text="Needed to close as information and advice only, signposted or declined. "
        "Everyone who appears to need support must be offered an assessment: Care Act 2014 s10 "
        "for adult carers, Children Act 1989 s17ZA for young carers and s17ZD for parent carers.",
    )
    offered_on = DateField(
        label="Date the assessment was offered",
        required=False,
        past_only=True,
        help_text="For example, 27 3 2026",
    )
    refused_by = forms.ChoiceField(
        label="Who refused it?", choices=RefusedBy.choices, widget=forms.RadioSelect, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") in CLOSED_WITHOUT_ASSESSMENT:
            if not data.get("assessment_offer"):
                self.add_error(
                    "assessment_offer",
                    "Select whether the carer accepted or refused the assessment "
                    "offered: a referral cannot close without an "
                    "assessment until one has been offered",
                )
            if not data.get("offered_on") and "offered_on" not in self.errors:
                self.add_error("offered_on", "Enter the date the assessment was offered")
            if data.get("assessment_offer") == OfferResponse.REFUSED and not data.get("refused_by"):
                self.add_error("refused_by", "Select who refused the assessment")
        return data

    def offer(self):
        """The offer as the triage service takes it, or None when the outcome needs none."""
        data = self.cleaned_data
        if data.get("outcome") not in CLOSED_WITHOUT_ASSESSMENT:
            return None
        return {
            "response": data["assessment_offer"],
            "offered_on": data["offered_on"],
            "refused_by": data.get("refused_by", ""),
        }


class ReopenForm(forms.Form):
    because = forms.ChoiceField(
        label="Why are you reopening the referral?",
        choices=ReopenReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are reopening the referral"},
    )

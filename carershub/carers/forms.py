"""Forms for the register. Each section of a carer's record is edited on its own page."""

from django import forms
from django.utils import timezone

from carershub.carers.models import Condition, ContactKind, Given, Relationship
from carershub.carers.models.choices import (
    ClosedReason,
    ContactMethod,
    Disability,
    Ethnicity,
    HoursBand,
    PreferredFormat,
    Religion,
    Sex,
    SexualOrientation,
    WorkStatus,
    YesNoPreferNot,
)
from carershub.carers.models.consent import CompetenceBasis, GivenBy, SharingPurpose
from carershub.carers.models.contact import Direction
from carershub.carers.rules import age_on
from carershub.core.forms import DateField, EmailAddressField, NamedDateField
from carershub.core.phone_numbers import PhoneNumberField
from carershub.core.validators import NHSNumberField, PostcodeField
from carershub.partnerships.models import Organisation, OrganisationType
from carershub.partnerships.selectors import councils_of, sole_council


def _blank(choices, label="Not known"):
    return [("", label), *choices]


class DetailsForm(forms.Form):
    given_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter their first name"}
    )
    family_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter their last name"}
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)",
        max_length=100,
        required=False,
        help_text="What they like to be called, if different.",
    )
    date_of_birth = DateField(
        label="Date of birth", required=False, past_only=True, help_text="For example, 27 3 1961"
    )
    nhs_number = NHSNumberField(
        label="NHS number (optional)", required=False, help_text="For example, 485 777 3456"
    )


class ContactForm(forms.Form):
    email = EmailAddressField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )
    phone = PhoneNumberField(label="Phone number (optional)", required=False)
    mobile = PhoneNumberField(label="Mobile number (optional)", required=False)
    preferred_contact_method = forms.ChoiceField(
        label="How do they prefer to be contacted?",
        required=False,
        choices=ContactMethod.choices,
        widget=forms.RadioSelect,
    )
    preferred_format = forms.ChoiceField(
        label="Format they need information in",
        choices=PreferredFormat.choices,
        widget=forms.RadioSelect,
        initial=PreferredFormat.STANDARD,
    )
    language = forms.CharField(label="Preferred language", max_length=60, required=False)
    address_line_1 = forms.CharField(
        label="Address line 1 (optional)", max_length=120, required=False
    )
    address_line_2 = forms.CharField(
        label="Address line 2 (optional)", max_length=120, required=False
    )
    town = forms.CharField(label="Town or city (optional)", max_length=80, required=False)
    postcode = PostcodeField(label="Postcode (optional)", required=False)

    def clean(self):
        data = super().clean()
        method = data.get("preferred_contact_method")
        needs = {"email": "email", "text": "mobile", "phone": "phone"}
        if method in needs and not (
            data.get(needs[method]) or (method == "phone" and data.get("mobile"))
        ):
            self.add_error(
                "preferred_contact_method",
                f"Enter their {needs[method]} or choose another way to contact them",
            )
        if method == "letter" and not (data.get("address_line_1") and data.get("postcode")):
            self.add_error(
                "preferred_contact_method",
                "Enter their address and postcode or choose another way to contact them",
            )
        return data


def _organisations(partnership, kind):
    return Organisation.objects.filter(partnership=partnership, type=kind, is_active=True).order_by(
        "name"
    )


class CaringForm(forms.Form):
    hours_band = forms.ChoiceField(
        label="How many hours a week do they care?",
        required=False,
        choices=HoursBand.choices,
        widget=forms.RadioSelect,
    )
    hours_per_week = forms.IntegerField(
        label="Exact hours a week, if known (optional)",
        required=False,
        min_value=0,
        max_value=168,
        error_messages={
            "max_value": "Hours a week must be 168 or fewer",
            "min_value": "Hours a week must be 0 or more",
            "invalid": "Hours a week must be a number, like 35",
        },
    )
    caring_since = NamedDateField(
        label="Caring since (optional)", called="Caring since date", required=False, past_only=True
    )
    work_status = forms.ChoiceField(
        label="Work or education", required=False, choices=_blank(WorkStatus.choices)
    )
    children_at_home = forms.IntegerField(
        label="Other children under 18 at home (optional)",
        required=False,
        min_value=0,
        max_value=20,
        error_messages={"invalid": "Enter a number, like 2"},
    )
    gp_practice = forms.ModelChoiceField(
        label="GP practice (optional)", required=False, queryset=Organisation.objects.none()
    )
    school = forms.ModelChoiceField(
        label="School or college (optional)", required=False, queryset=Organisation.objects.none()
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gp_practice"].queryset = _organisations(
            partnership, OrganisationType.GP_PRACTICE
        )
        self.fields["school"].queryset = _organisations(
            partnership, OrganisationType.SCHOOL_OR_COLLEGE
        )
        for name in ("gp_practice", "school"):
            self.fields[name].empty_label = "Not known"

    def clean(self):
        data = super().clean()
        hours, band = data.get("hours_per_week"), data.get("hours_band")
        if hours is not None:
            expected = HoursBand.for_hours(hours)
            if band and band != expected:
                self.add_error(
                    "hours_band",
                    f"{hours} hours a week is in the band “{HoursBand(expected).label}”",
                )
            data["hours_band"] = expected
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        widget=forms.RadioSelect,
        choices=[
            ("active", "Active"),
            ("closed", "Closed"),
            ("ex_carer", "Ex-carer (no longer caring, still supported)"),
        ],
    )
    closed_reason = forms.ChoiceField(
        label="Why is the record closed?",
        required=False,
        choices=_blank(ClosedReason.choices, "Choose a reason"),
    )

    def clean(self):
        data = super().clean()
        if data.get("status") == "closed" and not data.get("closed_reason"):
            self.add_error("closed_reason", "Select why the record is closed")
        if data.get("status") != "closed":
            data["closed_reason"] = ""
        return data


class EqualityForm(forms.Form):
    ethnicity = forms.ChoiceField(
        label="Ethnic group", required=False, choices=_blank(Ethnicity.choices, "Not asked")
    )
    sex = forms.ChoiceField(
        label="Sex", required=False, choices=Sex.choices, widget=forms.RadioSelect
    )
    gender_same_as_sex_at_birth = forms.ChoiceField(
        label="Is the gender they identify with the same as their sex registered at birth?",
        required=False,
        choices=YesNoPreferNot.choices,
        widget=forms.RadioSelect,
    )
    sexual_orientation = forms.ChoiceField(
        label="Sexual orientation",
        required=False,
        choices=SexualOrientation.choices,
        widget=forms.RadioSelect,
    )
    religion = forms.ChoiceField(
        label="Religion", required=False, choices=_blank(Religion.choices, "Not asked")
    )
    disability = forms.ChoiceField(
        label="Are their day-to-day activities limited because of a health problem or disability?",
        required=False,
        choices=Disability.choices,
        widget=forms.RadioSelect,
    )
    served_in_armed_forces = forms.ChoiceField(
        label="Have they served in the UK armed forces?",
        required=False,
        choices=YesNoPreferNot.choices,
        widget=forms.RadioSelect,
    )


class RegisterCarerForm(DetailsForm):
    postcode = PostcodeField(label="Postcode (optional)", required=False)

    def cleaned_data_for_matching(self):
        keys = ("given_name", "family_name", "date_of_birth", "postcode", "nhs_number")
        return {key: self.cleaned_data.get(key) for key in keys}


RESPONSIBLE_COUNCIL_HINT = (
    "The council where the person they care for ordinarily lives; for a child, where the child "
    "lives. It assesses the carer and counts them in its return."
)


class CaredForForm(forms.Form):
    given_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the first name of the person they care for"},
    )
    family_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the last name of the person they care for"},
    )
    date_of_birth = NamedDateField(
        label="Date of birth (optional)", called="Date of birth", required=False, past_only=True
    )
    nhs_number = NHSNumberField(label="NHS number (optional)", required=False)
    relationship = forms.ChoiceField(
        label="Who are they to the carer?",
        choices=Relationship.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who they are to the carer"},
    )
    parental_responsibility = forms.ChoiceField(
        label="Does the carer have parental responsibility for them?",
        required=False,
        widget=forms.RadioSelect,
        choices=[("yes", "Yes"), ("no", "No")],
        help_text="Only for a child under 18. Birth mothers and most fathers have it; so do "
        "special guardians, adopters and anyone a court order gives it to. A grandparent or an "
        "older brother or sister caring for a child usually does not, "
        "unless a court order says so.",
    )
    lives_together = forms.ChoiceField(
        label="Do they live together?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if they live together"},
    )
    conditions = forms.MultipleChoiceField(
        label="What do they need care for? (optional)",
        required=False,
        choices=Condition.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    responsible_council = forms.ModelChoiceField(
        label="Which council is responsible?",
        required=False,
        queryset=Organisation.objects.none(),
        help_text=RESPONSIBLE_COUNCIL_HINT,
    )
    council_person_id = forms.CharField(
        label="Their council person ID (optional)",
        max_length=40,
        required=False,
        help_text="The council's own ID for them in its social care records, if you know it.",
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        add_council_choices(self, partnership)

    def clean(self):
        data = super().clean()
        born = data.get("date_of_birth")
        under_18 = born is not None and age_on(born, timezone.localdate()) < 18
        answer = data.get("parental_responsibility")
        if under_18 and not answer:
            self.add_error(
                "parental_responsibility",
                "Select yes if the carer has parental responsibility for them",
            )
        # Parental responsibility ends at 18; for an adult it is not recorded.
        data["parental_responsibility"] = (
            None if (born is not None and not under_18) or not answer else answer == "yes"
        )
        return data


def add_council_choices(form, partnership):
    """The partnership's councils to choose from, the only one chosen already (ADR 10)."""
    field = form.fields["responsible_council"]
    field.queryset = councils_of(partnership) if partnership else Organisation.objects.none()
    field.empty_label = "Not known"
    only = sole_council(partnership) if partnership else None
    if only is not None and not form.is_bound and form.initial.get("responsible_council") is None:
        form.initial["responsible_council"] = only.pk


class RelationshipCouncilForm(forms.Form):
    responsible_council = forms.ModelChoiceField(
        label="Which council is responsible?",
        required=False,
        queryset=Organisation.objects.none(),
        help_text=RESPONSIBLE_COUNCIL_HINT,
    )

    def __init__(self, *args, partnership=None, **kwargs):
        super().__init__(*args, **kwargs)
        add_council_choices(self, partnership)


class ConsentForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Which organisation may see the record?",
        queryset=Organisation.objects.none(),
        error_messages={"required": "Select the organisation"},
    )
    purposes = forms.MultipleChoiceField(
        label="For what?",
        choices=SharingPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that the carer agreed to.",
        error_messages={"required": "Select at least one purpose"},
    )
    competence = forms.ChoiceField(
        label="Who could decide?",
        choices=CompetenceBasis.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who could decide"},
    )
    given_by = forms.ChoiceField(
        label="Who gave consent?",
        choices=GivenBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who gave consent"},
    )
    given_by_name = forms.CharField(
        label="Name of the person with parental responsibility", max_length=150, required=False
    )
    given_on = DateField(
        label="Date consent was given",
        past_only=True,
        error_messages={"required": "Enter the date consent was given"},
    )
    ends_on = NamedDateField(
        label="Date consent ends (optional)",
        called="End date",
        required=False,
        help_text="Leave blank if the carer agreed until they withdraw it.",
    )

    def __init__(self, *args, partnership, holding_organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (
            Organisation.objects.filter(partnership=partnership, is_active=True)
            .exclude(pk=holding_organisation.pk)
            .order_by("name")
        )
        self.fields["organisation"].empty_label = "Choose an organisation"

    def clean(self):
        data = super().clean()
        if data.get("given_by") == GivenBy.PARENTAL_RESPONSIBILITY and not data.get(
            "given_by_name"
        ):
            self.add_error(
                "given_by_name", "Enter the name of the person with parental responsibility"
            )
        given_on, ends_on = data.get("given_on"), data.get("ends_on")
        if given_on and ends_on and ends_on < given_on:
            self.add_error("ends_on", "The end date must be the same as or after the date given")
        return data


class ContactLogForm(forms.Form):
    kind = forms.ChoiceField(
        label="How was the contact?",
        choices=ContactKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the contact happened"},
    )
    direction = forms.ChoiceField(
        label="Who got in touch?",
        choices=Direction.choices,
        widget=forms.RadioSelect,
        initial=Direction.INBOUND,
        error_messages={"required": "Select who got in touch"},
    )
    happened_on = DateField(
        label="Date",
        past_only=True,
        help_text="For example, 23 11 2026",
        error_messages={"required": "Enter the date of the contact"},
    )
    duration_minutes = forms.IntegerField(
        label="How long, in minutes (optional)",
        required=False,
        min_value=1,
        max_value=600,
        error_messages={
            "invalid": "Enter the length in minutes, like 20",
            "min_value": "Enter a length of at least 1 minute",
            "max_value": "Enter a length of 600 minutes or fewer",
        },
    )
    purpose = forms.CharField(
        label="What was it about?",
        max_length=200,
        error_messages={"required": "Enter what the contact was about"},
    )
    given = forms.MultipleChoiceField(
        label="What did you give? (optional)",
        required=False,
        choices=Given.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply.",
    )
    signposted_to = forms.CharField(
        label="Service signposted or referred to", max_length=200, required=False
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    follow_up_due = NamedDateField(
        label="Follow up by (optional)", called="Follow-up date", required=False
    )

    def clean(self):
        data = super().clean()
        given = data.get("given") or []
        if ({"signposting", "onward_referral"} & set(given)) and not data.get("signposted_to"):
            self.add_error("signposted_to", "Enter the service you signposted or referred them to")
        return data

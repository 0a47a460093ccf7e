"""The Carer's Allowance checker's questions, one small form per page."""

from decimal import Decimal, InvalidOperation

from django import forms

from carershub.carers_allowance import rules as r


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label="Where do you live?",
        choices=list(r.COUNTRIES.items()),
        widget=forms.RadioSelect,
        error_messages={"required": "Select where you live"},
    )


class AgeForm(forms.Form):
    age = forms.IntegerField(
        label="How old are you?",
        min_value=0,
        max_value=130,
        error_messages={
            "required": "Enter your age",
            "invalid": "Enter your age in years, like 45",
            "min_value": "Enter your age in years, like 45",
            "max_value": "Enter your age in years, like 45",
        },
    )


class BenefitsForm(forms.Form):
    benefits = forms.MultipleChoiceField(
        label="Does the person you care for get any of these benefits?",
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the benefits the person you care for gets, or select none of these"
        },
    )

    def __init__(self, *args, rule_set, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["benefits"].choices = [
            (b["code"], b["name"]) for b in rule_set.qualifying_benefits
        ] + [
            (r.NONE_OF_THESE, "None of these"),
            (r.NOT_SURE, "I'm not sure"),
        ]

    def clean_benefits(self):
        chosen = self.cleaned_data["benefits"]
        if len(chosen) > 1 and ({r.NONE_OF_THESE, r.NOT_SURE} & set(chosen)):
            raise forms.ValidationError(
                "Select the benefits they get, or select none of these, or select I'm not sure"
            )
        return chosen


class HoursForm(forms.Form):
    hours = forms.IntegerField(
        label="How many hours a week do you spend caring for them?",
        min_value=0,
        max_value=168,
        help_text="Count everything you do for them: personal care, meals, medicines, keeping them "
        "company, keeping them safe, going to appointments. A week has 168 hours.",
        error_messages={
            "required": "Enter how many hours a week you spend caring",
            "invalid": "Enter the hours as a whole number, like 40",
            "min_value": "Enter the hours as a whole number, like 40",
            "max_value": "Enter a number of hours no more than 168, the hours in a week",
        },
    )


class EducationForm(forms.Form):
    studying = forms.ChoiceField(
        label="Are you studying?",
        choices=[
            (r.STUDY_NONE, "No"),
            (r.STUDY_FULL_TIME, "Yes, on a full-time course"),
            (r.STUDY_PART_TIME, "Yes, on a part-time course"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you are studying"},
    )
    study_hours = forms.IntegerField(
        label="If your course is part-time, how many hours a week do you study?",
        required=False,
        min_value=0,
        max_value=168,
        help_text="Count classes, lectures and the course work you are expected to do, but not "
        "meal breaks or extra study of your own.",
        error_messages={
            "invalid": "Enter the hours of study as a whole number, like 12",
            "min_value": "Enter the hours of study as a whole number, like 12",
            "max_value": "Enter a number of hours no more than 168, the hours in a week",
        },
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("studying") == r.STUDY_PART_TIME
            and data.get("study_hours") is None
            and "study_hours" not in self.errors
        ):
            self.add_error("study_hours", "Enter how many hours a week you study")
        if data.get("studying") != r.STUDY_PART_TIME:
            data["study_hours"] = None
        return data


class EarningsForm(forms.Form):
    earnings = forms.CharField(
        label="How much do you earn a week after deductions?",
        max_length=20,
        help_text="Take off tax, National Insurance, half of what you pay into a pension and "
        "some care costs you pay while you work. If you do not work, enter 0.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={"required": "Enter how much you earn a week, or 0 if you do not work"},
    )

    def clean_earnings(self):
        text = self.cleaned_data["earnings"].strip().replace("£", "").replace(",", "")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError("Enter an amount in pounds, like 150 or 150.50") from exc
        if not amount.is_finite() or amount < 0 or amount.as_tuple().exponent < -2:
            raise forms.ValidationError("Enter an amount in pounds, like 150 or 150.50")
        if amount >= 100000:
            raise forms.ValidationError("Enter how much you earn in a week, not in a year")
        # Kept as text: the answers live in the session, which holds JSON.
        return f"{amount:.2f}"

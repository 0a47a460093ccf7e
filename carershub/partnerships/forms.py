"""The partnership settings form: the helpline's numbers and hours, the referral clocks and the
plan and review targets, with GOV.UK error messages."""

import datetime as dt
import re

from django import forms

from carershub.core.formats import time as show_time
from carershub.core.forms import EmailAddressField
from carershub.partnerships.models import HelplineHours

_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?(?P<suffix>am|pm)?$")
_PERIOD = re.compile(r"^(?P<opens>[^-]+?)\s*(?:to|-|–)\s*(?P<closes>.+)$")
DAYS = list(HelplineHours.Day)
HOURS_EXAMPLE = "like 9am to 5pm, or 9am to 1pm, 2pm to 5pm"


def _time(text):
    text = text.strip().lower().replace(" ", "")
    if text in ("midday", "noon", "12noon"):
        return dt.time(12, 0)
    match = _TIME.match(text)
    if not match:
        return None
    hour, minute, suffix = int(match["hour"]), int(match["minute"] or 0), match["suffix"]
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def parse_hours(text, day_name):
    """ "9am to 1pm, 2pm to 5pm" as [(opens, closes), ...];
    blank is closed. Raises ValidationError.
    """
    periods = []
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        match = _PERIOD.match(part.lower())
        opens, closes = (_time(match["opens"]), _time(match["closes"])) if match else (None, None)
        if opens is None or closes is None:
            raise forms.ValidationError(f"Enter {day_name}'s hours as times, {HOURS_EXAMPLE}")
        if closes <= opens:
            raise forms.ValidationError(
                f"{day_name}'s closing time must be after its opening time ({part})"
            )
        periods.append((opens, closes))
    periods.sort()
    for (_, first_closes), (second_opens, _) in zip(periods, periods[1:], strict=False):
        if second_opens < first_closes:
            raise forms.ValidationError(
                f"{day_name}'s opening periods overlap: enter each time only once"
            )
    return periods


def show_hours(periods):
    """[(opens, closes), ...] as the form shows them: "9am to 1pm, 2pm to 5pm"."""
    return ", ".join(f"{show_time(opens)} to {show_time(closes)}" for opens, closes in periods)


def _number(label, *, low, high, unit, **kwargs):
    message = f"{label} must be a whole number of {unit} between {low} and {high}"
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "required": f"Enter {label[0].lower()}{label[1:]}",
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "spellcheck": "false", "class": "govuk-input--width-3"}
        ),
        **kwargs,
    )


class PartnershipSettingsForm(forms.Form):
    helpline_phone = forms.CharField(
        label="Helpline phone number",
        max_length=40,
        required=False,
        help_text="Shown on the public start page and in messages to carers. Leave blank if "
        "there is none.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "class": "govuk-input--width-20"}),
    )
    helpline_email = EmailAddressField(
        label="Helpline email address",
        required=False,
        error_messages={
            "invalid": "Enter the helpline email address in the correct format, like "
            "helpline@example.org"
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    first_contact_working_days = _number(
        "Working days to first contact with a referred carer",
        low=1,
        high=60,
        unit="working days",
        help_text="Weekends and bank holidays in England and Wales are not counted.",
    )
    assessment_start_days = _number(
        "Days from a referral to starting the carer's assessment",
        low=1,
        high=365,
        unit="days",
    )
    plan_within_days = _number(
        "Days from completing an assessment to agreeing the support plan",
        low=1,
        high=365,
        unit="days",
    )
    review_within_months = _number(
        "Months from the support plan to its review",
        low=1,
        high=24,
        unit="months",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day in DAYS:
            self.fields[f"hours_{day.value}"] = forms.CharField(
                label=f"{day.label} (optional)",
                max_length=120,
                required=False,
                widget=forms.TextInput(
                    attrs={"spellcheck": "false", "class": "govuk-input--width-20"}
                ),
            )

    HOURS_FIELDS = [f"hours_{day.value}" for day in DAYS]
    HELPLINE_FIELDS = ["helpline_phone", "helpline_email"]
    TARGET_FIELDS = [
        "first_contact_working_days",
        "assessment_start_days",
        "plan_within_days",
        "review_within_months",
    ]

    def clean(self):
        cleaned = super().clean()
        for day in DAYS:
            name = f"hours_{day.value}"
            if name in cleaned:
                try:
                    periods = parse_hours(cleaned[name], day.label)
                except forms.ValidationError as error:
                    self.add_error(name, error)
                else:
                    cleaned[f"periods_{day.value}"] = periods
                    # Written the one way the saved hours are, so "9-5" and "9am to 5pm" are the
                    # same hours when a refused save compares them.
                    cleaned[name] = show_hours(periods)
        return cleaned

    def hours(self):
        """The opening periods typed, as {day number: [(opens, closes), ...]}."""
        return {day.value: self.cleaned_data[f"periods_{day.value}"] for day in DAYS}

    def partnership_fields(self):
        return {name: self.cleaned_data[name] for name in self.HELPLINE_FIELDS + self.TARGET_FIELDS}


def initial_for(partnership):
    """The form's starting values from the saved partnership and its helpline hours."""
    initial = {
        name: getattr(partnership, name)
        for name in PartnershipSettingsForm.HELPLINE_FIELDS + PartnershipSettingsForm.TARGET_FIELDS
    }
    by_day = {}
    for row in partnership.helpline_hours.all():
        by_day.setdefault(row.day, []).append((row.opens, row.closes))
    for day in DAYS:
        initial[f"hours_{day.value}"] = show_hours(by_day.get(day.value, []))
    return initial

"""The forms for groups, sessions, bookings, registers and "when could you come", with the GOV.UK
error messages."""

import datetime as dt
import re

from django import forms

from carershub.core.forms import DateField
from carershub.core.validators import PostcodeField
from carershub.groups.models import Attendance, Audience, Day, Mode, PartOfDay
from carershub.groups.services import MAX_WEEKS

_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<suffix>am|pm)?$")
_OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


class TimeField(forms.CharField):
    """A time typed as "10:30", "14:00", "2pm" or "2:30pm"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("widget", forms.TextInput(attrs={"spellcheck": "false"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        match = _TIME.match(text.strip().lower().replace(" ", ""))
        example = f"{self.label} must be a real time, like 10:30am or 14:30"
        if not match:
            raise forms.ValidationError(example)
        hour, minute, suffix = int(match["hour"]), int(match["minute"] or 0), match["suffix"]
        if suffix:
            if not 1 <= hour <= 12:
                raise forms.ValidationError(example)
            hour = hour % 12 + (12 if suffix == "pm" else 0)
        if hour > 23 or minute > 59:
            raise forms.ValidationError(example)
        return dt.time(hour, minute)


def _required(message):
    return {"required": message}


class GroupForm(forms.Form):
    name = forms.CharField(
        label="Name of the group",
        max_length=120,
        error_messages=_required("Enter the name of the group"),
    )
    description = forms.CharField(
        label="What happens at the group",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages=_required("Enter what happens at the group"),
    )
    audience = forms.ChoiceField(
        label="Who is it for?",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select who the group is for"),
    )
    cost = forms.CharField(
        label="Cost (optional)",
        max_length=120,
        required=False,
        help_text="Leave blank if it is free. For example: £2 for tea and cake",
    )
    accessibility = forms.CharField(
        label="Accessibility (optional)",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example step-free access, a hearing loop, parking, or captions for online "
        "sessions",
    )


class SessionForm(forms.Form):
    day = DateField(label="Date", error_messages=_required("Enter the date of the session"))
    starts = TimeField(
        label="Start time",
        help_text="For example, 10:30am or 14:30",
        error_messages=_required("Enter the start time"),
    )
    ends = TimeField(label="End time", error_messages=_required("Enter the end time"))
    mode = forms.ChoiceField(
        label="Where is it?",
        choices=Mode.choices,
        widget=forms.RadioSelect,
        error_messages=_required("Select whether the session is in person or online"),
    )
    venue = forms.CharField(
        label="Venue (for in person)",
        max_length=120,
        required=False,
        help_text="For example, Ashvale Library",
    )
    address = forms.CharField(label="Address (for in person)", max_length=250, required=False)
    postcode = PostcodeField(label="Postcode (for in person)", required=False)
    joining_link = forms.URLField(
        label="Joining link (for online)",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter a joining link that starts with https://"},
    )
    capacity = forms.IntegerField(
        label="Number of places",
        min_value=1,
        max_value=500,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Number of places must be a number, like 12",
            "min_value": "Number of places must be 1 or more",
            "max_value": "Number of places must be 500 or fewer",
        },
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts"), data.get("ends")
        if starts and ends and ends <= starts:
            self.add_error("ends", "The end time must be after the start time")
        if data.get("mode") == Mode.IN_PERSON:
            if not data.get("venue") and not data.get("address"):
                self.add_error("venue", "Enter the venue or the address of a session in person")
            if not data.get("postcode") and "postcode" not in self.errors:
                self.add_error("postcode", "Enter the postcode of a session in person")
        elif (
            data.get("mode") == Mode.ONLINE
            and not data.get("joining_link")
            and "joining_link" not in self.errors
        ):
            self.add_error("joining_link", "Enter the joining link of an online session")
        return data

    def place(self):
        return {
            name: self.cleaned_data.get(name) or ""
            for name in ("mode", "venue", "address", "postcode", "joining_link")
        }


class NewSessionsForm(SessionForm):
    day = DateField(
        label="Date of the first session",
        error_messages=_required("Enter the date of the first session"),
    )
    weeks = forms.IntegerField(
        label="How many weeks does it run?",
        initial=1,
        min_value=1,
        max_value=MAX_WEEKS,
        help_text="1 for a single session; 8 for the same day and time each week for 8 weeks",
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many weeks it runs",
            "invalid": "Number of weeks must be a number, like 8",
            "min_value": "Number of weeks must be 1 or more",
            "max_value": f"Number of weeks must be {MAX_WEEKS} or fewer",
        },
    )

    field_order = [
        "day",
        "starts",
        "ends",
        "weeks",
        "mode",
        "venue",
        "address",
        "postcode",
        "joining_link",
        "capacity",
    ]


class BookForm(forms.Form):
    reference = forms.CharField(
        label="Carer reference",
        max_length=14,
        help_text="For example, C-7KQ2-MX9P",
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
        error_messages=_required("Enter the carer's reference"),
    )


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label="Why is the session cancelled?",
        max_length=250,
        help_text="Everyone booked or waiting is told this",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter why the session is cancelled",
            "max_length": "The reason must be 250 characters or fewer",
        },
    )


class RegisterForm(forms.Form):
    """One question per booked carer: did they come?"""

    def __init__(self, *args, bookings=(), names=None, **kwargs):
        super().__init__(*args, **kwargs)
        for booking in bookings:
            self.fields[f"booking_{booking.pk}"] = forms.ChoiceField(
                label=names[booking.pk],
                choices=Attendance.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=booking.attendance or None,
            )

    def marks(self):
        return {
            int(name.removeprefix("booking_")): value
            for name, value in self.cleaned_data.items()
            if value
        }


def _day_field(label):
    return forms.MultipleChoiceField(
        label=label, choices=PartOfDay.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class AvailabilityForm(forms.Form):
    """When could you come to a group? Days and parts of day, the first half of a postcode and
    what kind of carer: nothing that names anyone."""

    outward_code = forms.CharField(
        label="The first half of your postcode",
        max_length=10,
        help_text="For example, AV1 if your postcode is AV1 2BC. We do not ask for the whole "
        "postcode.",
        widget=forms.TextInput(attrs={"spellcheck": "false", "class": "govuk-input--width-5"}),
        error_messages={
            "required": "Enter the first half of your postcode",
            "max_length": "Enter only the first half of your postcode, like AV1 or AV12",
        },
    )
    audience = forms.ChoiceField(
        label="Who do you care for?",
        widget=forms.RadioSelect,
        choices=[
            (Audience.ADULT, "An adult (I am an adult carer)"),
            (Audience.YOUNG, "Someone in my family, and I am under 18 (I am a young carer)"),
            (Audience.PARENT, "My disabled child (I am a parent carer)"),
        ],
        error_messages=_required("Select who you care for"),
    )

    def __init__(self, *args, asks_area=True, **kwargs):
        super().__init__(*args, **kwargs)
        days = {value: _day_field(label) for value, label in Day.choices}
        self.fields = {**days, **self.fields}
        if not asks_area:
            # Staff who may not see a restricted carer's address are not shown, nor asked for,
            # the first half of their postcode; the one recorded is kept.
            del self.fields["outward_code"]

    def clean_outward_code(self):
        typed = self.cleaned_data["outward_code"].split()
        code = "".join(typed).upper()
        if len(typed) > 1 or len(code) > 4:
            raise forms.ValidationError(
                "Enter only the first half of your postcode, like AV1 or AV12"
            )
        if not _OUTWARD_CODE.match(code):
            raise forms.ValidationError("Enter the first half of your postcode, like AV1 or AV12")
        return code

    def clean(self):
        data = super().clean()
        if not self.slots():
            self.add_error(Day.MONDAY.value, "Select at least one day and time you could come")
        return data

    def slots(self):
        return sorted(
            f"{day}-{part}" for day in Day.values for part in (self.cleaned_data.get(day) or [])
        )

    @classmethod
    def initial_for(cls, availability):
        if availability is None:
            return {}
        initial = {"outward_code": availability.outward_code, "audience": availability.audience}
        for slot in availability.slots:
            day, part = slot.split("-")
            initial.setdefault(day, []).append(part)
        return initial

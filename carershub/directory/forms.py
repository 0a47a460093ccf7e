"""The forms staff use to keep the directory, with the GOV.UK error messages."""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError

from carershub.core.forms import EmailAddressField
from carershub.core.phone_numbers import PhoneNumberField
from carershub.core.validators import normalise_postcode
from carershub.directory.models import (
    AttendingType,
    CostOption,
    Frequency,
    Funding,
    Language,
    Location,
    LocationType,
    Provider,
    Schedule,
    Service,
    ServiceArea,
    ServiceContact,
    ServiceStatus,
)
from carershub.directory.presenters import schedule_text
from carershub.directory.selectors import DAYS

WEEKS_OF_THE_MONTH = [
    ("", "Choose a week"),
    ("1", "First"),
    ("2", "Second"),
    ("3", "Third"),
    ("4", "Fourth"),
    ("-1", "Last"),
]
EVERYWHERE = "everywhere"
ANY_STATUS = [("", "Any status"), *ServiceStatus.choices]
# An ISO 639 language code, with an optional region or script after a hyphen ('cy', 'pa-Guru').
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
# Times as people type them: '10:00', '10.30', '2pm', '2:30pm'.
TIME_FORMATS = ["%H:%M", "%H.%M", "%I%p", "%I:%M%p", "%I.%M%p"]


def _text(
    label, *, required=False, max_length=200, help_text="", textarea=False, rows=3, missing=None
):
    widget = forms.Textarea(attrs={"rows": rows}) if textarea else forms.TextInput
    messages = {
        "max_length": f"{label.removesuffix(' (optional)')} must be {max_length:,} characters or "
        "fewer"
    }
    if missing:
        messages["required"] = missing
    return forms.CharField(
        label=label,
        required=required or bool(missing),
        max_length=max_length,
        help_text=help_text,
        widget=widget,
        error_messages=messages,
    )


def _url(label, help_text="For example, https://www.example.org.uk/carers"):
    return forms.URLField(
        label=label,
        required=False,
        max_length=200,
        help_text=help_text,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://www.example.org.uk"
        },
    )


def _email(label):
    return EmailAddressField(
        label=label,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )


def _age(label):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=120,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": f"{label.removesuffix(' (optional)')} must be a whole "
            "number of years, like 18",
            "min_value": f"{label.removesuffix(' (optional)')} must be 0 or more",
            "max_value": f"{label.removesuffix(' (optional)')} must be 120 or less",
        },
    )


class TimeOfDayField(forms.Field):
    """A time typed in words people use ('10am', '14:30'), on a 24-hour or 12-hour clock."""

    def __init__(self, *, called, **kwargs):
        kwargs.setdefault("help_text", "For example, 10am, 2:30pm or 14:30")
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
        )
        super().__init__(**kwargs)
        self.called = called

    def to_python(self, value):
        text = (
            "".join((value or "").split()).lower().replace("noon", "12pm").replace("midday", "12pm")
        )
        if not text:
            return None
        for pattern in TIME_FORMATS:
            try:
                return dt.datetime.strptime(text, pattern).time()
            except ValueError:
                continue
        raise ValidationError(
            f"Enter the time it {self.called} in the correct format, like 10am or 14:30"
        )


class ProviderForm(forms.Form):
    feeds = (
        Provider,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    name = _text("Name", missing="Enter the name of the provider")
    description = _text(
        "What the organisation does",
        required=True,
        max_length=5000,
        textarea=True,
        missing="Enter what the organisation does",
    )
    website = _url("Website (optional)")
    email = _email("Email address (optional)")
    charity_number = _text("Registered charity number (optional)", max_length=20)
    company_number = _text("Company number (optional)", max_length=20)


class ServiceForm(forms.Form):
    feeds = (
        Service,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    provider = forms.ChoiceField(
        label="Provider",
        help_text="The organisation that runs the service",
        error_messages={
            "required": "Choose the provider",
            "invalid_choice": "Choose a provider from the list",
        },
    )
    name = _text("Name of the service", missing="Enter the name of the service")
    description = _text(
        "What the service offers (optional)", max_length=5000, textarea=True, rows=5
    )
    status = forms.ChoiceField(
        label="Is it running?",
        choices=ServiceStatus.choices,
        widget=forms.RadioSelect,
        initial=ServiceStatus.ACTIVE,
        error_messages={"required": "Select whether the service is running"},
    )
    url = _url("Website (optional)")
    email = _email("Email address (optional)")
    phone = PhoneNumberField(label="Phone number (optional)", required=False)
    fees = _text(
        "Costs (optional)",
        max_length=1000,
        textarea=True,
        rows=2,
        help_text="In words, for example 'Free' or '£5 a session, free for carers on low incomes'",
    )
    eligibility_description = _text(
        "Who it is for (optional)",
        max_length=2000,
        textarea=True,
        help_text="For example, 'Carers of people living with dementia in Leeds'",
    )
    minimum_age = _age("Youngest age (optional)")
    maximum_age = _age("Oldest age (optional)")
    alert = _text(
        "Notice shown first (optional)",
        max_length=1000,
        textarea=True,
        rows=2,
        help_text="A short notice, for example a change to opening times. Leave empty when there "
        "is none",
    )

    def __init__(self, *args, providers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [
            ("", "Choose a provider"),
            *((str(p.pk), p.name) for p in providers),
        ]
        self.providers = {str(p.pk): p for p in providers}

    def clean(self):
        data = super().clean()
        youngest, oldest = data.get("minimum_age"), data.get("maximum_age")
        if youngest is not None and oldest is not None and oldest < youngest:
            self.add_error(
                "maximum_age", "Oldest age must be the same as or more than the youngest age"
            )
        return data

    def service_fields(self):
        """The answers as the services take them."""
        data = dict(self.cleaned_data)
        data["provider"] = self.providers[data["provider"]]
        return data


class TermsForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label="What is it about?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    who_for = forms.MultipleChoiceField(
        label="Who is it for?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )

    def __init__(self, *args, categories=(), who_for=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [(str(t.pk), t.name) for t in categories]
        self.fields["who_for"].choices = [(str(t.pk), t.name) for t in who_for]

    def term_ids(self):
        return {*self.cleaned_data["categories"], *self.cleaned_data["who_for"]}


class PlaceForm(forms.Form):
    feeds = (
        Location,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    location_type = forms.ChoiceField(
        label="Where does it happen?",
        widget=forms.RadioSelect,
        choices=[
            (LocationType.PHYSICAL, "At a place people go to"),
            (LocationType.VIRTUAL, "Online"),
        ],
        error_messages={"required": "Select whether it happens at a place or online"},
    )
    name = _text(
        "Name of the place (optional)", help_text="For example, Headingley Community Centre"
    )
    address_1 = _text("Address line 1", help_text="Leave the address empty if it happens online")
    address_2 = _text("Address line 2 (optional)")
    city = _text("Town or city (optional)", max_length=100)
    postal_code = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        error_messages={"max_length": "Enter a real postcode, like LS6 1AA"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "spellcheck": "false"}),
    )
    url = _url(
        "Link to join online",
        help_text="Only if it happens online. For example, https://meet.example.org",
    )
    transport = _text(
        "How to get there (optional)",
        max_length=2000,
        textarea=True,
        help_text="For example, buses that stop nearby and where to park",
    )
    accessibility = _text(
        "Accessibility (optional)",
        max_length=2000,
        textarea=True,
        help_text="For example, step-free entrance, accessible toilet, hearing loop",
    )

    def clean(self):
        data = super().clean()
        if data.get("location_type") == LocationType.PHYSICAL:
            if not data.get("address_1"):
                self.add_error("address_1", "Enter the first line of the address")
            if not data.get("postal_code") and "postal_code" not in self.errors:
                self.add_error("postal_code", "Enter the postcode")
            elif data.get("postal_code"):
                try:
                    data["postal_code"] = normalise_postcode(data["postal_code"])
                except ValidationError as error:
                    self.add_error("postal_code", error)
        elif data.get("location_type") == LocationType.VIRTUAL:
            if not data.get("url") and "url" not in self.errors:
                self.add_error("url", "Enter the link to join online")
        return data

    def location_fields(self):
        data = {k: v for k, v in self.cleaned_data.items() if k != "accessibility"}
        if data["location_type"] == LocationType.VIRTUAL:
            # No position either: an online place must not turn up in searches by distance.
            data.update(
                address_1="",
                address_2="",
                city="",
                postal_code="",
                easting=None,
                northing=None,
                latitude=None,
                longitude=None,
            )
        else:
            data["url"] = ""
        return data


class ScheduleForm(forms.Form):
    days = forms.MultipleChoiceField(
        label="Which days?",
        required=False,
        choices=list(DAYS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    freq = forms.ChoiceField(
        label="How often?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        initial=Frequency.WEEKLY,
        error_messages={"required": "Select how often it happens"},
    )
    week_of_month = forms.ChoiceField(
        label="Which week of the month? (if monthly)",
        required=False,
        choices=WEEKS_OF_THE_MONTH,
        help_text="For example, choose First and Tuesday for the first Tuesday of every month",
    )
    month_day = forms.IntegerField(
        label="Or which date of the month? (if monthly)",
        required=False,
        min_value=1,
        max_value=31,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
        help_text="For example, 15 for the 15th of every month",
        error_messages={
            "invalid": "Enter the date of the month as a number, like 15",
            "min_value": "The date of the month must be between 1 and 31",
            "max_value": "The date of the month must be between 1 and 31",
        },
    )
    opens_at = TimeOfDayField(label="Opens at (optional)", called="opens", required=False)
    closes_at = TimeOfDayField(label="Closes at (optional)", called="closes", required=False)
    attending_type = forms.ChoiceField(
        label="How do people take part?",
        choices=AttendingType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how people take part"},
    )
    description = _text(
        "The times in words (optional)",
        max_length=500,
        help_text="Leave empty and we will write it from your answers, for example 'Every Tuesday, "
        "10am to midday'",
    )
    where = forms.ChoiceField(
        label="Where do these times apply?",
        widget=forms.RadioSelect,
        initial=EVERYWHERE,
        error_messages={
            "required": "Select where these times apply",
            "invalid_choice": "Select where these times apply",
        },
    )

    def __init__(self, *args, places=(), **kwargs):
        super().__init__(*args, **kwargs)
        if places:
            self.fields["where"].choices = [
                (EVERYWHERE, "Wherever it runs"),
                *((str(pk), f"Only at {name}") for pk, name in places),
            ]
        else:
            del self.fields["where"]

    def place_id(self):
        """The service_at_location the times are for, or None for the service as a whole."""
        where = self.cleaned_data.get("where", EVERYWHERE)
        return None if where in (EVERYWHERE, "") else where

    def clean(self):
        data = super().clean()
        freq, days = data.get("freq"), data.get("days")
        week, month_day = data.get("week_of_month"), data.get("month_day")
        if freq == Frequency.WEEKLY and not days:
            self.add_error("days", "Select the days it happens")
        if freq == Frequency.MONTHLY and "month_day" not in self.errors:
            if month_day and (week or days):
                self.add_error(
                    "month_day",
                    "Give either a week of the month and days, or a date of the month, not both",
                )
            elif not month_day and not week:
                self.add_error(
                    "week_of_month", "Choose which week of the month, or give a date of the month"
                )
            elif week and not days:
                self.add_error("days", "Select the days it happens")
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if closes is not None and opens is None and "opens_at" not in self.errors:
            self.add_error("opens_at", "Enter the time it opens")
        if opens is not None and closes is not None and closes <= opens:
            self.add_error("closes_at", "The closing time must be after the opening time")
        return data

    def schedule_fields(self):
        """The rule as RFC 5545 codes: 'MO,WE' weekly, '1TU' for the first Tuesday of the month."""
        data = self.cleaned_data
        days = [code for code in DAYS if code in data["days"]]
        monthly = data["freq"] == Frequency.MONTHLY
        week = data["week_of_month"] if monthly else ""
        fields = {
            "freq": data["freq"],
            "byday": ",".join(f"{week}{code}" for code in days)
            if not (monthly and data["month_day"])
            else "",
            "bymonthday": str(data["month_day"]) if monthly and data["month_day"] else "",
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "attending_type": data["attending_type"],
        }
        fields["description"] = data["description"] or schedule_text(Schedule(**fields))
        return fields


class CostForm(forms.Form):
    feeds = (
        CostOption,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    option = _text(
        "What the cost is for",
        missing="Enter what the cost is for, like 'Per session'",
        help_text="For example, 'Per session' or 'A year's membership'",
    )
    amount = forms.DecimalField(
        label="Amount in pounds (optional)",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        widget=forms.TextInput(
            attrs={"class": "govuk-input--width-5", "inputmode": "decimal", "spellcheck": "false"}
        ),
        error_messages={
            "invalid": "Enter the amount in pounds, like 5 or 12.50",
            "min_value": "The amount must be 0 or more",
            "max_digits": "Enter an amount less than £1,000,000",
            "max_whole_digits": "Enter an amount less than £1,000,000",
            "max_decimal_places": "Enter the amount in pounds and pence, like 12.50",
        },
    )
    amount_description = _text(
        "More about the cost (optional)",
        max_length=1000,
        textarea=True,
        rows=2,
        help_text="For example, 'Free for carers on Carer's Allowance'",
    )


class LanguageForm(forms.Form):
    feeds = (
        Language,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    name = _text("Language", max_length=100, missing="Enter the language, like Welsh or Polish")
    code = forms.CharField(
        label="Language code (optional)",
        required=False,
        max_length=20,
        help_text="The ISO 639 code, for example cy for Welsh or pl for Polish",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "spellcheck": "false"}),
        error_messages={"max_length": "Language code must be 20 characters or fewer"},
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if code and not LANGUAGE_CODE.match(code):
            raise ValidationError("Enter the language code in lower case letters, like cy or pl")
        return code


class ContactForm(forms.Form):
    feeds = (
        ServiceContact,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    name = _text("Name (optional)")
    title = _text("Job title or role (optional)", help_text="For example, Young carers lead")
    department = _text("Team or department (optional)")
    email = _email("Email address (optional)")
    phone = PhoneNumberField(label="Phone number (optional)", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("name") and not data.get("title") and "name" not in self.errors:
            self.add_error("name", "Enter the contact's name or their job title")
        return data


class AreaForm(forms.Form):
    feeds = (
        ServiceArea,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    name = _text(
        "Area",
        missing="Enter the area the service covers, like Leeds",
        help_text="For example, Leeds, or North Yorkshire",
    )
    description = _text("More about the area (optional)", max_length=1000, textarea=True, rows=2)
    uri = _text("ONS code of the area (optional)", help_text="For example, E08000035 for Leeds")


class FundingForm(forms.Form):
    feeds = (
        Funding,
    )  # the columns its fields are checked against (core/tests/test_form_limits.py)
    source = _text(
        "Who funds it",
        max_length=1000,
        missing="Enter who funds the service",
        help_text="For example, Leeds City Council and the NHS",
    )


class ServiceSearchForm(forms.Form):
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words from the name, provider, description or categories",
    )
    status = forms.ChoiceField(label="Status", required=False, choices=ANY_STATUS)
    category = forms.ChoiceField(label="Category", required=False)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [
            ("", "Any category"),
            *((str(t.pk), t.name) for t in categories),
        ]

    def filters(self):
        if not self.is_valid():
            return {"q": "", "status": "", "category": ""}
        return self.cleaned_data

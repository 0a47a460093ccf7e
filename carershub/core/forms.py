"""One way to render a form: Django fields drawn with the GOV.UK Frontend macros.

Views use ordinary Django forms; templates call ``govuk_field(form["name"])`` and
``govuk_error_summary(form)``. Labels, hints, error messages and the error summary are
therefore wired the same way on every page.
"""

import datetime as dt
from dataclasses import dataclass

from django import forms
from markupsafe import Markup

from carershub.core.components import component
from carershub.core.numbers import whole_number


class DateInputWidget(forms.MultiWidget):
    """Three boxes (day, month, year) named ``<field>-day``, ``-month``, ``-year``."""

    template_name = ""  # rendered by render_field, never by Django's template engine

    def __init__(self, attrs=None):
        super().__init__([forms.TextInput, forms.TextInput, forms.TextInput], attrs)
        # The names the GOV.UK date input macro gives its three boxes.
        self.widgets_names = ["-day", "-month", "-year"]

    def decompress(self, value):
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]


# The earliest date any question in the hub can take: an earlier year is a typing slip (1066
# for 1966), as GOV.UK's date input guidance expects services to refuse.
EARLIEST = dt.date(1900, 1, 1)
PARTS = ("day", "month", "year")


def _date_error(message, parts=PARTS):
    """A date's error, naming the boxes to highlight: only the part that is wrong, when it is
    one part, as the GOV.UK date input pattern asks."""
    return forms.ValidationError(message, code="date", params={"parts": tuple(parts)})


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = DateInputWidget

    def __init__(self, *, past_only=False, earliest=EARLIEST, **kwargs):
        self.past_only = past_only
        self.earliest = earliest
        # Each box optional on its own, so that a missing part reaches compress and is named
        # ("must include a month") rather than Django's "Enter a complete value".
        fields = tuple(forms.CharField(required=False) for _ in PARTS)
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        label = (self.label or "Date").capitalize()
        day, month, year = (part.strip() if part else "" for part in data_list)
        missing = [name for name, part in zip(PARTS, (day, month, year), strict=True) if not part]
        if missing:
            raise _date_error(f"{label} must include a {' and a '.join(missing)}", missing)
        # Each part is range-checked before it becomes a number: 20 digits in the day box would
        # otherwise overflow the date and fail the page.
        numbers = (
            whole_number(year, low=1, high=9999) if len(year) == 4 else None,
            whole_number(month, low=1, high=12),
            whole_number(day, low=1, high=31),
        )
        if None in numbers:
            wrong = [
                name for name, n in zip(("year", "month", "day"), numbers, strict=True) if n is None
            ]
            raise _date_error(f"{label} must be a real date", wrong)
        try:
            value = dt.date(*numbers)
        except ValueError as exc:
            raise _date_error(f"{label} must be a real date") from exc
        if self.earliest and value < self.earliest:
            raise _date_error(
                f"{label} must be the same as or after {self.earliest.day} "
                f"{self.earliest:%B} {self.earliest.year}",
                ("year",) if value.year < self.earliest.year else PARTS,
            )
        if self.past_only and value > dt.date.today():
            raise _date_error(f"{label} must be today or in the past")
        return value


def _kind(field):
    widget = field.field.widget
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    # CheckboxSelectMultiple is a subclass of RadioSelect in Django: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


# Kinds whose question is a fieldset's legend; the others' is a label.
_FIELDSET_KINDS = {"radios", "checkboxes", "date"}


@dataclass(frozen=True)
class _Question:
    """How the field's question is shown: as the page's heading or not, and its classes."""

    page_heading: bool
    classes: str | None


def _question_classes(kind, size, label_classes):
    if label_classes or not size:
        return label_classes
    if kind in _FIELDSET_KINDS:
        return f"govuk-fieldset__legend--{size}"
    return f"govuk-label--{size}"


def _error_message(field):
    if field.errors:
        return {"text": " ".join(str(e) for e in field.errors)}
    return None


def _label(field, question):
    label = {"text": str(field.label)}
    if question.page_heading:
        label.update({"isPageHeading": True, "classes": question.classes or "govuk-label--l"})
    elif question.classes:
        label["classes"] = question.classes
    return label


def _fieldset(field, question):
    legend = {"text": str(field.label)}
    if question.page_heading:
        legend.update(
            {"isPageHeading": True, "classes": question.classes or "govuk-fieldset__legend--l"}
        )
    else:
        legend["classes"] = question.classes or "govuk-fieldset__legend--s"
    return {"legend": legend}


def _labelled(field, question, attrs, autocomplete):
    """What every kind with a label shares: its id, label, autocomplete and other attributes."""
    params = {"id": field.auto_id, "label": _label(field, question)}
    if autocomplete or attrs.get("autocomplete"):
        params["autocomplete"] = autocomplete or attrs.pop("autocomplete")
    if attrs:
        params["attributes"] = attrs
    return params


def _input(field, question, attrs, autocomplete):
    params = _labelled(field, question, attrs, autocomplete)
    value = field.value()
    if value not in (None, ""):
        params["value"] = str(value)
    input_type = getattr(field.field.widget, "input_type", "text")
    params["type"] = input_type
    if input_type == "number":
        # A number box lets a mouse wheel change the number: GOV.UK asks for text and a keypad.
        params.update({"type": "text", "inputmode": "numeric"})
    return params


def _textarea(field, question, attrs, autocomplete):
    # Its rows are a parameter of their own (given as an attribute too, the browser keeps the
    # macro's 5); its columns are the page's to set.
    attrs.pop("cols", None)
    rows = attrs.pop("rows", None)
    params = _labelled(field, question, attrs, autocomplete)
    # The macro prints its value between the tags: always give one.
    value = field.value()
    params["value"] = "" if value is None else str(value)
    if rows is not None:
        params["rows"] = rows
    return params


def _select(field, question, attrs, autocomplete):
    params = _labelled(field, question, attrs, autocomplete)
    value = field.value()
    chosen = str(value if value is not None else "")
    params["items"] = [
        {"value": str(v), "text": str(text), "selected": str(v) == chosen}
        for v, text in field.field.choices
    ]
    return params


def _choices(field, question, attrs, autocomplete):
    """Radios or checkboxes: one item for each choice but the empty one."""
    value = field.value()
    chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    return {
        "idPrefix": field.auto_id,
        "fieldset": _fieldset(field, question),
        "items": [
            {"value": str(v), "text": str(text), "checked": str(v) in chosen}
            for v, text in field.field.choices
            if str(v) != ""
        ],
    }


def _checkbox(field, question, attrs, autocomplete):
    """A single yes-or-no box: its question is the box's own label, with no fieldset."""
    return {
        "idPrefix": field.auto_id,
        "items": [{"value": "on", "text": str(field.label), "checked": bool(field.value())}],
    }


def _wrong_parts(field):
    """The boxes of a date to highlight: those its errors name, or all three."""
    wrong = set()
    for error in field.errors.as_data():
        wrong.update((error.params or {}).get("parts", PARTS))
    return wrong


def _date(field, question, attrs, autocomplete):
    value = field.value()
    parts = value if isinstance(value, list | tuple) else field.field.widget.decompress(value)
    wrong = _wrong_parts(field) if field.errors else set()
    widths = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))
    return {
        "id": field.html_name,
        "namePrefix": field.html_name,
        "fieldset": _fieldset(field, question),
        "items": [
            {
                "name": name,
                "label": label,
                "classes": f"govuk-input--width-{width}"
                + (" govuk-input--error" if name in wrong else ""),
                "value": part or "",
            }
            for (name, label, width), part in zip(widths, parts, strict=True)
        ],
    }


# Each kind of field: the GOV.UK macro that draws it and what that macro is given.
_RENDERERS = {
    "input": (("input", "govukInput"), _input),
    # A password is never printed back into the page, nor a file's name: neither has a value.
    "password": (("password-input", "govukPasswordInput"), _labelled),
    "textarea": (("textarea", "govukTextarea"), _textarea),
    "select": (("select", "govukSelect"), _select),
    "radios": (("radios", "govukRadios"), _choices),
    "checkboxes": (("checkboxes", "govukCheckboxes"), _choices),
    "checkbox": (("checkboxes", "govukCheckboxes"), _checkbox),
    "date": (("date-input", "govukDateInput"), _date),
    "file": (("file-upload", "govukFileUpload"), _labelled),
}


def anchor_id(field):
    """The id an error summary links to for this field (its first input, or for a date the first
    box in error)."""
    if _kind(field) == "date":
        wrong = _wrong_parts(field) if field.errors else PARTS
        first = next((part for part in PARTS if part in wrong), "day")
        return f"{field.html_name}-{first}"
    return field.auto_id


def render_field(
    field,
    *,
    page_heading=False,
    size=None,
    label_classes=None,
    classes=None,
    autocomplete=None,
    **params,
):
    """Render a bound Django field with the GOV.UK macro for its kind.

    ``size`` ("s", "m", "l" or "xl") sizes the question: a legend for radios, checkboxes and
    dates, a label for the rest, so a template drawing any field need not know its kind.
    ``label_classes`` gives the question's classes outright."""
    # The macros' own parameters are camel case: a snake case one is a misspelt parameter of
    # ours, which the macro would silently ignore.
    misspelt = sorted(key for key in params if "_" in key)
    if misspelt:
        raise TypeError(f"govuk_field has no parameter {', '.join(misspelt)}")
    kind = _kind(field)
    (folder, name), renderer = _RENDERERS[kind]
    question = _Question(page_heading, _question_classes(kind, size, label_classes))
    attrs = {k: v for k, v in field.field.widget.attrs.items() if k != "class"}
    base = {"name": field.html_name}
    if field.errors:
        base["errorMessage"] = _error_message(field)
    if field.help_text:
        base["hint"] = {"text": str(field.help_text)}
    base.update(renderer(field, question, attrs, autocomplete))
    if classes:
        base["classes"] = classes
    base.update(params)
    if base.get("errorMessage") is None:
        base.pop("errorMessage", None)
    return Markup(component(folder, name)(base))


def render_error_summary(form, title="There is a problem"):
    """The GOV.UK error summary, linking each message to its field."""
    if not form.errors:
        return ""
    items = [{"text": str(error)} for error in form.non_field_errors()]
    for name in form.errors:
        if name == "__all__":
            continue
        field = form[name]
        for error in field.errors:
            items.append({"text": str(error), "href": f"#{anchor_id(field)}"})
    return Markup(
        component("error-summary", "govukErrorSummary")({"titleText": title, "errorList": items})
    )


class NamedDateField(DateField):
    """A date whose error messages call it by a name of their own, not by its question."""

    def __init__(self, *, called, **kwargs):
        super().__init__(**kwargs)
        self.called = called

    def compress(self, data_list):
        question, self.label = self.label, self.called
        try:
            return super().compress(data_list)
        finally:
            self.label = question


def column_limit(model, name):
    """The most characters ``model.name`` keeps, for the form field that feeds it: read from the
    model, so the form and the column cannot drift apart (a longer value would pass the form and
    fail the insert on PostgreSQL, losing what was typed)."""
    return model._meta.get_field(name).max_length


# The longest email address that can be delivered (RFC 5321's 256-character path, less the
# angle brackets), and what every email column keeps.
EMAIL_LIMIT = 254


class EmailAddressField(forms.EmailField):
    """An email address, at most 254 characters, with the GOV.UK error messages."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", EMAIL_LIMIT)
        messages = {
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": f"Email address must be {EMAIL_LIMIT} characters or fewer",
        }
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)


YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no(label, select_yes_if, **options):
    """A yes or no question, one radio each, whose error for no answer (or one not offered) is
    GOV.UK's "Select yes if ...": ``select_yes_if`` is the rest of that sentence."""
    message = f"Select yes if {select_yes_if}"
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
        **options,
    )

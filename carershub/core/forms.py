"""One way to render a form: Django fields drawn with the GOV.UK Frontend macros.

Views use ordinary Django forms; templates call ``govuk_field(form["name"])`` and
``govuk_error_summary(form)``. Labels, hints, error messages and the error summary are
therefore wired the same way on every page.
"""

import datetime as dt

from django import forms
from markupsafe import Markup

from carershub.core import formats
from carershub.core.numbers import whole_number

_MACROS = {
    "input": ("input", "govukInput"),
    "password": ("password-input", "govukPasswordInput"),
    "textarea": ("textarea", "govukTextarea"),
    "select": ("select", "govukSelect"),
    "radios": ("radios", "govukRadios"),
    "checkboxes": ("checkboxes", "govukCheckboxes"),
    "date": ("date-input", "govukDateInput"),
    "file": ("file-upload", "govukFileUpload"),
    "error_summary": ("error-summary", "govukErrorSummary"),
}


def _macro(kind):
    folder, name = _MACROS[kind]
    env = formats.get_environment()
    template = env.get_template(f"govuk_frontend_jinja/components/{folder}/macro.html")
    return getattr(template.module, name)


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


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with the GOV.UK error messages."""

    widget = DateInputWidget

    def __init__(self, *, past_only=False, **kwargs):
        self.past_only = past_only
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        label = (self.label or "Date").capitalize()
        day, month, year = (part.strip() if part else "" for part in data_list)
        missing = [
            name
            for name, part in zip(("day", "month", "year"), (day, month, year), strict=True)
            if not part
        ]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and a '.join(missing)}")
        # Each part is range-checked before it becomes a number: 20 digits in the day box would
        # otherwise overflow the date and fail the page.
        numbers = (
            whole_number(year, low=1, high=9999) if len(year) == 4 else None,
            whole_number(month, low=1, high=12),
            whole_number(day, low=1, high=31),
        )
        if None in numbers:
            raise forms.ValidationError(f"{label} must be a real date")
        try:
            value = dt.date(*numbers)
        except ValueError as exc:
            raise forms.ValidationError(f"{label} must be a real date") from exc
        if self.past_only and value > dt.date.today():
            raise forms.ValidationError(f"{label} must be today or in the past")
        return value


def _kind(field):
    widget = field.field.widget
    if isinstance(widget, DateInputWidget):
        return "date"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    # CheckboxSelectMultiple is a subclass of RadioSelect in Django: test it first.
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    return "input"


def _error_message(field):
    if field.errors:
        return {"text": " ".join(str(e) for e in field.errors)}
    return None


def _label(field, page_heading, label_classes):
    label = {"text": str(field.label)}
    if page_heading:
        label.update({"isPageHeading": True, "classes": label_classes or "govuk-label--l"})
    elif label_classes:
        label["classes"] = label_classes
    return label


def _fieldset(field, page_heading, legend_classes):
    legend = {"text": str(field.label)}
    if page_heading:
        legend.update(
            {"isPageHeading": True, "classes": legend_classes or "govuk-fieldset__legend--l"}
        )
    else:
        legend["classes"] = legend_classes or "govuk-fieldset__legend--s"
    return {"legend": legend}


def anchor_id(field):
    """The id an error summary links to for this field (its first input)."""
    kind = _kind(field)
    if kind == "date":
        return f"{field.html_name}-day"
    return field.auto_id


def render_field(
    field, *, page_heading=False, label_classes=None, classes=None, autocomplete=None, **params
):
    """Render a bound Django field with the matching GOV.UK macro."""
    kind = _kind(field)
    macro = _macro(kind)
    hint = {"text": str(field.help_text)} if field.help_text else None
    base = {"name": field.html_name, "errorMessage": _error_message(field)}
    if hint:
        base["hint"] = hint
    attrs = {k: v for k, v in field.field.widget.attrs.items() if k not in {"class"}}

    if kind in {"input", "password", "textarea", "select", "file"}:
        base.update({"id": field.auto_id, "label": _label(field, page_heading, label_classes)})
        if kind == "select":
            value = field.value()
            base["items"] = [
                {
                    "value": str(v),
                    "text": str(text),
                    "selected": str(v) == str(value if value is not None else ""),
                }
                for v, text in field.field.choices
            ]
        elif kind == "textarea":
            # The macro prints its value between the tags: always give one. Its rows are a
            # parameter of their own (given as an attribute too, the browser keeps the macro's 5).
            value = field.value()
            base["value"] = "" if value is None else str(value)
            attrs.pop("cols", None)
            if "rows" in attrs:
                base["rows"] = attrs.pop("rows")
        elif kind != "file":
            value = field.value()
            if kind != "password" and value not in (None, ""):
                base["value"] = str(value)
        if kind == "input":
            input_type = getattr(field.field.widget, "input_type", "text")
            base["type"] = input_type
            if input_type == "number":
                base["type"] = "text"
                base["inputmode"] = "numeric"
        if autocomplete or attrs.get("autocomplete"):
            base["autocomplete"] = autocomplete or attrs.pop("autocomplete")
        if attrs:
            base["attributes"] = attrs
    elif kind in {"radios", "checkboxes"}:
        base.update(
            {"idPrefix": field.auto_id, "fieldset": _fieldset(field, page_heading, label_classes)}
        )
        if isinstance(field.field.widget, forms.CheckboxInput):
            base.pop("fieldset")
            base["items"] = [
                {"value": "on", "text": str(field.label), "checked": bool(field.value())}
            ]
        else:
            value = field.value()
            selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
            base["items"] = [
                {"value": str(v), "text": str(text), "checked": str(v) in selected}
                for v, text in field.field.choices
                if str(v) != ""
            ]
    elif kind == "date":
        day, month, year = (
            field.value()
            if isinstance(field.value(), list | tuple)
            else (field.field.widget.decompress(field.value()))
        )
        error = bool(field.errors)
        base.update(
            {
                "id": field.html_name,
                "namePrefix": field.html_name,
                "fieldset": _fieldset(field, page_heading, label_classes),
                "items": [
                    {
                        "name": "day",
                        "label": "Day",
                        "classes": "govuk-input--width-2"
                        + (" govuk-input--error" if error else ""),
                        "value": day or "",
                    },
                    {
                        "name": "month",
                        "label": "Month",
                        "classes": "govuk-input--width-2"
                        + (" govuk-input--error" if error else ""),
                        "value": month or "",
                    },
                    {
                        "name": "year",
                        "label": "Year",
                        "classes": "govuk-input--width-4"
                        + (" govuk-input--error" if error else ""),
                        "value": year or "",
                    },
                ],
            }
        )
    if classes:
        base["classes"] = classes
    base.update(params)
    if base.get("errorMessage") is None:
        base.pop("errorMessage")
    return Markup(macro(base))


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
    return Markup(_macro("error_summary")({"titleText": title, "errorList": items}))


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

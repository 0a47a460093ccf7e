"""How partnership settings read on a page."""

from django import forms

from carershub.partnerships.forms import parse_hours, show_hours


def show_value(field, value):
    """A saved or typed setting as words, for the page showing two versions side by side. Opening
    hours are shown the one way the form writes them, so "9-5" and "9am to 5pm" are not a difference."""
    if field.label.endswith("(optional)"):
        try:
            return show_hours(parse_hours(value, field.label)) or "Closed"
        except forms.ValidationError:
            return str(value)
    if value in (None, ""):
        return "Not set"
    return str(value)

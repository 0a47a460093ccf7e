"""Date errors follow the GOV.UK date input pattern: say what is missing or wrong, highlight only
the box that is wrong, and refuse a year before 1900."""

import re

import pytest
from django import forms
from django.urls import reverse

from carershub.core.forms import NamedDateField, render_error_summary, render_field


class BornForm(forms.Form):
    born = NamedDateField(label="When were you born?", called="Date of birth", past_only=True)


def boxes_in_error(html):
    """The date boxes drawn with the error style."""
    return {
        name
        for classes, name in re.findall(r'<input class="([^"]*)" id="born-(\w+)"', html)
        if "govuk-input--error" in classes
    }


def refused(day, month, year):
    form = BornForm({"born-day": day, "born-month": month, "born-year": year})
    assert not form.is_valid()
    return form.errors["born"][0], str(render_field(form["born"])), str(render_error_summary(form))


@pytest.mark.parametrize(
    "typed, message, wrong",
    [
        (("3", "", "1950"), "Date of birth must include a month", {"month"}),
        (("", "4", "1950"), "Date of birth must include a day", {"day"}),
        (("3", "4", ""), "Date of birth must include a year", {"year"}),
        (("", "", "1950"), "Date of birth must include a day and a month", {"day", "month"}),
        (("3", "13", "1950"), "Date of birth must be a real date", {"month"}),
        (("32", "4", "1950"), "Date of birth must be a real date", {"day"}),
        (("3", "4", "50"), "Date of birth must be a real date", {"year"}),
        (("30", "2", "1950"), "Date of birth must be a real date", {"day", "month", "year"}),
        (
            ("3", "4", "1899"),
            "Date of birth must be the same as or after 1 January 1900",
            {"year"},
        ),
        (
            ("3", "4", "2999"),
            "Date of birth must be today or in the past",
            {"day", "month", "year"},
        ),
    ],
)
def test_a_date_error_names_the_problem_and_highlights_only_the_wrong_box(typed, message, wrong):
    error, field, summary = refused(*typed)
    assert error == message
    assert boxes_in_error(field) == wrong
    # The error summary links to the first box in error.
    first = next(part for part in ("day", "month", "year") if part in wrong)
    assert f'href="#born-{first}"' in summary


def test_an_empty_required_date_asks_for_it_and_highlights_every_box():
    form = BornForm({})
    assert not form.is_valid()
    assert boxes_in_error(str(render_field(form["born"]))) == {"day", "month", "year"}


def test_the_first_day_of_1900_is_taken():
    form = BornForm({"born-day": "1", "born-month": "1", "born-year": "1900"})
    assert form.is_valid(), form.errors


@pytest.mark.django_db
def test_the_self_referral_says_which_part_of_the_date_of_birth_is_missing(client, hub):
    response = client.post(
        reverse("front_door:self_referral", args=["date-of-birth"]),
        {"date_of_birth-day": "27", "date_of_birth-month": "", "date_of_birth-year": "1961"},
    )
    html = response.content.decode()
    assert "Date of birth must include a month" in html
    assert 'href="#date_of_birth-month"' in html
    response = client.post(
        reverse("front_door:self_referral", args=["date-of-birth"]),
        {"date_of_birth-day": "27", "date_of_birth-month": "3", "date_of_birth-year": "1861"},
    )
    assert "Date of birth must be the same as or after 1 January 1900" in response.content.decode()

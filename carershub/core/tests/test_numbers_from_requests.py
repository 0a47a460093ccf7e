"""Numbers typed into a form or a URL never fail a page: a 20-digit day, month or year is a
plain-English error that keeps what was typed; a page number past the end gives the last page."""

import pytest
from django import forms
from django.urls import reverse

from carershub.core.concurrency import posted_version
from carershub.core.forms import DateField
from carershub.core.numbers import LARGEST, whole_number
from carershub.core.tests.every_form import every_declared_field

HUGE = "1" * 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("0", 0),
        ("١٢", 12),
        (7, 7),
        (HUGE, None),
        ("9" * 5000, None),
        ("²", None),
        ("-3", None),
        ("1.5", None),
        ("", None),
        (None, None),
        (True, None),
    ],
)
def test_a_whole_number_is_range_checked_before_it_is_used(text, expected):
    assert whole_number(text) == expected


def test_a_whole_number_takes_a_range():
    assert whole_number("-3", low=-5, high=5) == -3
    assert whole_number("6", low=-5, high=5) is None
    assert whole_number(str(LARGEST)) == LARGEST and whole_number(str(LARGEST + 1)) is None


DATE_FIELDS = every_declared_field(DateField)


def test_the_walk_finds_the_date_fields_of_every_app():
    apps = {form_name.split(".")[1] for form_name, _, _ in DATE_FIELDS}
    assert {
        "referrals",
        "carers",
        "assessments",
        "groups",
        "advice",
        "emergency_plans",
        "safeguarding",
    } <= apps


@pytest.mark.parametrize(
    ("form_name", "name", "field"), DATE_FIELDS, ids=[f"{f}.{n}" for f, n, _ in DATE_FIELDS]
)
@pytest.mark.parametrize(
    "typed",
    [
        [HUGE, "3", "1961"],
        ["27", HUGE, "1961"],
        ["27", "3", HUGE],
        [HUGE, HUGE, HUGE],
        ["9" * 5000, "3", "1961"],
        ["²", "3", "1961"],
        ["27", "3", "-961"],
    ],
)
def test_every_date_field_refuses_a_number_too_large_in_plain_english(
    form_name, name, field, typed
):
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(typed)
    message = refused.value.messages[0]
    assert message.endswith(" must be a real date")
    # The error names the date ("Date of birth must be a real date"),
    # not the question it was asked by.
    assert "?" not in message and "(" not in message, message


@pytest.mark.django_db
def test_a_20_digit_day_on_the_public_self_referral_is_an_error_that_keeps_what_was_typed(client):
    client.get(reverse("front_door:self_referral_start"))
    response = client.post(
        reverse("front_door:self_referral", args=["date-of-birth"]),
        {"date_of_birth-day": HUGE, "date_of_birth-month": "3", "date_of_birth-year": "1961"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Date of birth must be a real date" in html
    assert f'value="{HUGE}"' in html


@pytest.mark.django_db
def test_a_20_digit_year_on_a_staff_form_is_an_error_that_keeps_what_was_typed(
    worker, sign_in, hub
):
    from carershub.carers.tests.factories import CarerFactory

    carer = CarerFactory(holding_organisation=hub)
    response = sign_in(worker, hub).post(
        reverse("carers:log_contact", args=[carer.reference]),
        {
            "kind": "phone",
            "direction": "in",
            "happened_on-day": "1",
            "happened_on-month": "2",
            "happened_on-year": HUGE,
            "purpose": "Worried about respite",
            "given": ["information_and_advice"],
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "must be a real date" in html and "Worried about respite" in html and HUGE in html


def test_a_huge_version_posted_with_a_form_is_treated_as_stale(rf):
    assert posted_version(rf.post("/", {"version": HUGE})) == -1
    assert posted_version(rf.post("/", {"version": "4"})) == 4


NUMBER_FIELDS = every_declared_field(forms.IntegerField) + every_declared_field(forms.DecimalField)


@pytest.mark.parametrize(
    ("form_name", "name", "field"), NUMBER_FIELDS, ids=[f"{f}.{n}" for f, n, _ in NUMBER_FIELDS]
)
@pytest.mark.parametrize("typed", [HUGE, "-" + HUGE, "9" * 5000, "1e999", "NaN", "Infinity"])
def test_every_number_field_is_range_checked_before_it_reaches_the_database(
    form_name, name, field, typed
):
    assert (
        field.min_value is not None
        and field.max_value is not None
        or getattr(field, "max_digits", None)
    )
    assert field.max_value is None or field.max_value <= LARGEST
    with pytest.raises(forms.ValidationError):
        field.clean(typed)

"""No form takes more than the database keeps: every text field of every form (found by import)
that feeds a column refuses, in plain English, anything longer than the column, and every email
address is limited to 254 characters (RFC 5321's limit on a forward path). Without this, on
PostgreSQL a too-long value passes the form and fails the insert with a server error, and the
person loses what they typed; on SQLite it is stored longer than the model allows.

Which columns a form feeds is read from the form: ``feeds`` (a tuple of models) if it declares one,
otherwise every model of its own app; a field feeds the columns named like it.
"""

import pytest
from django import forms
from django.apps import apps
from django.db import models

from carershub.core.tests.every_form import every_form_class

EMAIL_LIMIT = 254


def _columns_fed(form_class, app_label):
    declared = getattr(form_class, "feeds", None)
    fed = declared if declared is not None else apps.get_app_config(app_label).get_models()
    columns = {}
    for model in fed:
        for column in model._meta.concrete_fields:
            if isinstance(column, models.CharField) and column.max_length:
                columns.setdefault(column.name, []).append(column)
    return columns


def _text_fields():
    found = []
    for form_name, form_class in every_form_class().items():
        columns = _columns_fed(form_class, form_name.split(".")[1])
        for name, field in form_class.base_fields.items():
            if isinstance(field, forms.CharField):
                found.append((form_name, form_class, name, field, columns.get(name, [])))
    return found


TEXT_FIELDS = _text_fields()
FED = [row for row in TEXT_FIELDS if row[4]]


def _cleaned(form_class, name, field, value):
    """What the form keeps of ``value`` typed into one field, or None if it refuses it. A form's
    own ``clean_<name>`` runs too: some turn what was typed into what is stored (a postcode)."""
    try:
        value = field.clean(value)
        cleaner = getattr(form_class, f"clean_{name}", None)
        if cleaner is not None:
            form = form_class.__new__(form_class)
            form.cleaned_data = {name: value}
            value = cleaner(form)
    except forms.ValidationError:
        return None
    return value


def test_the_walk_finds_the_text_fields_of_every_form():
    assert len(TEXT_FIELDS) > 150 and len(FED) > 80


@pytest.mark.parametrize(
    ("form_name", "form_class", "name", "field", "columns"),
    FED,
    ids=[f"{row[0]}.{row[2]}" for row in FED],
)
def test_no_form_field_takes_more_than_the_column_it_feeds_keeps(
    form_name, form_class, name, field, columns
):
    limit = min(column.max_length for column in columns)
    assert field.max_length is not None, (
        f"{form_name}.{name} has no limit; its column keeps {limit}"
    )
    for typed in (
        "x" * (limit + 1),
        "a1 " * (limit // 3 + 1),
        "9" * (limit + 1),
        "X" * (field.max_length + 1),
    ):
        kept = _cleaned(form_class, name, field, typed)
        assert kept is None or len(str(kept)) <= limit, (
            f"{form_name}.{name} keeps {len(str(kept))} characters; "
            f"{columns[0].model.__name__}.{name} keeps {limit}"
        )
    too_long = _cleaned(form_class, name, field, "X" * (field.max_length + 1))
    assert too_long is None


@pytest.mark.parametrize(
    ("form_name", "name", "field"),
    [(row[0], row[2], row[3]) for row in TEXT_FIELDS if isinstance(row[3], forms.EmailField)],
    ids=[f"{row[0]}.{row[2]}" for row in TEXT_FIELDS if isinstance(row[3], forms.EmailField)],
)
def test_every_email_address_field_takes_at_most_254_characters(form_name, name, field):
    assert field.max_length == EMAIL_LIMIT
    with pytest.raises(forms.ValidationError) as refused:
        field.clean(
            "a" * 64 + "@" + ("b" * 60 + ".") * 3 + "bbbb.uk"
        )  # 255 characters, well formed otherwise
    assert field.clean("a" * 63 + "@" + ("b" * 60 + ".") * 3 + "bbbb.uk")
    assert "254 characters" in " ".join(refused.value.messages)


def test_every_email_column_keeps_254_characters():
    short = [
        f"{model.__name__}.{column.name}"
        for model in apps.get_models()
        if model.__module__.startswith("carershub")
        for column in model._meta.concrete_fields
        if isinstance(column, models.EmailField) and column.max_length != EMAIL_LIMIT
    ]
    assert not short

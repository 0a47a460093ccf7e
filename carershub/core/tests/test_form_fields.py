"""Each kind of form field drawn with its GOV.UK macro: label or legend, hint, error and value."""

import datetime as dt

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile

from carershub.core.forms import DateField, anchor_id, render_error_summary, render_field

CHOICES = [("", "Choose"), ("a", "Apple"), ("b", "Banana")]


class EveryKindForm(forms.Form):
    name = forms.CharField(label="Your name", help_text="As on your letters")
    email = forms.EmailField(
        label="Email", widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    age = forms.IntegerField(label="Age")
    secret = forms.CharField(label="Password", widget=forms.PasswordInput)
    notes = forms.CharField(label="Notes", widget=forms.Textarea(attrs={"rows": 3, "cols": 40}))
    fruit = forms.ChoiceField(label="Fruit", choices=CHOICES)
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("blue", "Blue")], widget=forms.RadioSelect
    )
    days = forms.MultipleChoiceField(
        label="Days",
        choices=[("mon", "Monday"), ("tue", "Tuesday")],
        widget=forms.CheckboxSelectMultiple,
    )
    agree = forms.BooleanField(label="I agree")
    born = DateField(label="Date of birth")
    letter = forms.FileField(label="Letter")


FILLED = {
    "name": "Ann <Lee>",
    "email": "ann@example.com",
    "age": "42",
    "secret": "hunter2",
    "notes": "Likes tea",
    "fruit": "b",
    "colour": "blue",
    "days": ["tue"],
    "agree": "on",
    "born-day": "3",
    "born-month": "4",
    "born-year": "1950",
}


def filled():
    form = EveryKindForm(FILLED, {"letter": SimpleUploadedFile("a.txt", b"x")})
    form.is_valid()
    return form


def empty_with_errors():
    form = EveryKindForm({})
    form.is_valid()
    return form


def test_a_text_box_has_its_label_hint_value_and_type():
    html = render_field(filled()["name"])
    assert '<label class="govuk-label" for="id_name">' in html
    assert "As on your letters" in html
    assert 'value="Ann &lt;Lee&gt;"' in html
    assert 'type="text"' in html


def test_a_text_box_takes_its_autocomplete_from_the_widget_or_the_template():
    assert 'autocomplete="email"' in render_field(filled()["email"])
    assert 'type="email"' in render_field(filled()["email"])
    assert 'autocomplete="off"' in render_field(filled()["name"], autocomplete="off")


def test_a_number_is_typed_in_a_text_box_with_a_numeric_keypad():
    html = render_field(filled()["age"])
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
    assert 'value="42"' in html


def test_a_password_is_never_printed_back():
    html = render_field(filled()["secret"])
    assert "hunter2" not in html
    assert 'type="password"' in html


def test_a_text_area_keeps_its_rows_and_its_value():
    html = render_field(filled()["notes"])
    assert 'rows="3"' in html
    assert "cols" not in html
    assert ">Likes tea</textarea>" in html


def test_an_empty_text_area_still_prints_an_empty_value():
    html = render_field(EveryKindForm()["notes"])
    assert "></textarea>" in html


def test_a_select_marks_the_chosen_option():
    html = render_field(filled()["fruit"])
    assert '<option value="b" selected>Banana</option>' in html
    assert '<option value="">Choose</option>' in html


def test_radios_have_a_legend_and_mark_the_chosen_one_without_an_empty_choice():
    html = render_field(filled()["colour"])
    assert "govuk-fieldset__legend govuk-fieldset__legend--s" in html
    assert 'value="blue" checked' in html
    assert 'value=""' not in html


def test_checkboxes_mark_each_chosen_value():
    html = render_field(filled()["days"])
    assert 'value="tue" checked' in html
    assert 'value="mon" checked' not in html
    assert "<legend" in html


def test_a_single_checkbox_has_no_fieldset_and_is_its_own_label():
    html = render_field(filled()["agree"])
    assert "<legend" not in html
    assert 'value="on" checked' in html
    assert "I agree" in html


def test_a_date_is_three_boxes_in_a_fieldset():
    html = render_field(filled()["born"])
    assert 'name="born-day"' in html
    assert 'value="3"' in html
    assert 'value="1950"' in html
    assert "govuk-input--width-4" in html
    assert "govuk-fieldset__legend--s" in html


def test_a_date_from_the_database_is_split_into_its_parts():
    html = render_field(EveryKindForm(initial={"born": dt.date(1961, 12, 25)})["born"])
    assert 'value="25"' in html
    assert 'value="12"' in html
    assert 'value="1961"' in html


def test_a_file_upload_has_a_label_and_no_value():
    html = render_field(filled()["letter"])
    assert 'type="file"' in html
    assert '<label class="govuk-label" for="id_letter">' in html


@pytest.mark.parametrize(
    "name", ["name", "notes", "fruit", "colour", "days", "born", "letter", "secret"]
)
def test_every_kind_shows_its_error_message(name):
    html = render_field(empty_with_errors()[name])
    assert "govuk-error-message" in html
    assert "govuk-form-group--error" in html


def test_the_error_summary_links_a_date_to_its_day_box():
    form = empty_with_errors()
    assert anchor_id(form["born"]) == "born-day"
    assert anchor_id(form["name"]) == "id_name"
    assert 'href="#born-day"' in render_error_summary(form)


def test_a_question_as_page_heading_is_large_in_a_heading():
    html = render_field(filled()["name"], page_heading=True)
    assert '<h1 class="govuk-label-wrapper">' in html
    assert "govuk-label--l" in html
    assert "govuk-fieldset__legend--l" in render_field(filled()["colour"], page_heading=True)


def test_classes_and_extra_parameters_reach_the_macro():
    html = render_field(filled()["name"], classes="govuk-input--width-10", spellcheck=False)
    assert "govuk-input--width-10" in html
    assert 'spellcheck="false"' in html


@pytest.mark.parametrize("name", ["colour", "days", "born"])
def test_a_size_makes_a_legend_of_that_size_for_a_fieldset(name):
    html = render_field(filled()[name], size="m")
    assert "govuk-fieldset__legend govuk-fieldset__legend--m" in html
    assert "govuk-label--m" not in html


@pytest.mark.parametrize("name", ["name", "age", "secret", "notes", "fruit", "letter"])
def test_a_size_makes_a_label_of_that_size_for_the_rest(name):
    html = render_field(filled()[name], size="s")
    assert 'class="govuk-label govuk-label--s"' in html
    assert "govuk-fieldset__legend" not in html


def test_label_classes_given_outright_win_over_a_size():
    html = render_field(filled()["name"], size="s", label_classes="govuk-label--l")
    assert 'class="govuk-label govuk-label--l"' in html


def test_a_misspelt_parameter_fails_loudly_rather_than_being_ignored():
    """legend_classes="...--m" was once passed, ignored by the macro, and drew small legends."""
    with pytest.raises(TypeError, match="legend_classes"):
        render_field(filled()["colour"], legend_classes="govuk-fieldset__legend--m")

"""The one versioned edit (core.concurrency.edit_with_version) and the one way a refused save shows
a field's value."""

import datetime as dt
from types import SimpleNamespace

from django import forms
from django.core.exceptions import ValidationError
from django.template import engines
from django.test import RequestFactory

from carershub.core.concurrency import (
    EditConflict,
    differences,
    edit_with_version,
    shown_for_comparison,
)


class PlanForm(forms.Form):
    outcomes = forms.CharField(label="Outcomes", required=False)
    review_due = forms.DateField(label="Review by", required=False)
    mode = forms.ChoiceField(
        label="How it meets", choices=[("in_person", "In person"), ("online", "Online")]
    )
    days = forms.MultipleChoiceField(
        label="Days", required=False, choices=[("mon", "Monday"), ("tue", "Tuesday")]
    )


def _details(record):
    return {"outcomes": record.outcomes, "review_due": None, "mode": record.mode, "days": []}


def _post(version, **fields):
    return RequestFactory().post("/edit/", {"version": version, "mode": "online", **fields})


def test_a_choice_is_shown_by_its_label_and_nothing_as_not_given():
    field = PlanForm.base_fields["mode"]
    assert shown_for_comparison(field, "online") == "Online"
    assert shown_for_comparison(field, "") == "Not given"
    assert shown_for_comparison(field, None) == "Not given"


def test_several_choices_picked_in_another_order_are_the_same_answer():
    field = PlanForm.base_fields["days"]
    assert shown_for_comparison(field, ["tue", "mon"]) == "Monday; Tuesday"
    assert shown_for_comparison(field, ["mon", "tue"]) == "Monday; Tuesday"


def test_dates_times_and_numbers_are_written_the_hub_s_way():
    field = forms.CharField()
    assert shown_for_comparison(field, dt.date(2026, 6, 3)) == "3 June 2026"
    assert shown_for_comparison(field, dt.time(17, 30)) == "5:30pm"
    assert shown_for_comparison(field, 12000) == "12,000"
    assert shown_for_comparison(field, True) == "Yes"


def test_differences_lists_only_the_fields_whose_values_differ_with_a_link_to_each():
    form = PlanForm({"outcomes": "Mine", "mode": "online", "days": ["tue", "mon"]})
    assert form.is_valid()
    rows = differences(form, {"outcomes": "Theirs", "mode": "online", "days": ["mon", "tue"]})
    assert [(row["label"], row["theirs"], row["yours"]) for row in rows] == [
        ("Outcomes", "Theirs", "Mine")
    ]
    assert rows.error_list == [
        {"text": "Outcomes was changed by someone else", "href": "#id_outcomes"}
    ]
    assert rows.table_rows == [[{"text": "Outcomes"}, {"text": "Theirs"}, {"text": "Mine"}]]


def test_a_page_opened_afresh_saves_nothing_and_carries_the_record_s_version():
    record = SimpleNamespace(version=4, outcomes="", mode="online")
    calls = []
    edit = edit_with_version(
        RequestFactory().get("/edit/"), record, PlanForm(), calls.append, theirs=_details
    )
    assert calls == [] and not edit.saved
    assert edit.version == 4 and edit.refused is None and edit.status == 200


def test_a_form_with_a_mistake_saves_nothing_and_keeps_the_version_it_was_opened_at():
    record = SimpleNamespace(version=5, outcomes="", mode="online")
    request = _post(4, **{"review_due": "not a date"})
    calls = []
    edit = edit_with_version(request, record, PlanForm(request.POST), calls.append, theirs=_details)
    assert calls == [] and not edit.saved and edit.version == 4 and edit.status == 200


def test_a_save_is_made_at_the_version_the_form_was_opened_at():
    record = SimpleNamespace(version=4, outcomes="", mode="online")
    request = _post(4, outcomes="Mine")
    calls = []
    edit = edit_with_version(request, record, PlanForm(request.POST), calls.append, theirs=_details)
    assert calls == [4] and edit.saved and edit.record is record


def test_a_save_over_someone_else_s_is_refused_with_409_showing_both_and_their_version():
    record = SimpleNamespace(version=4, outcomes="", mode="online")
    theirs = SimpleNamespace(version=5, outcomes="Theirs", mode="online")
    request = _post(4, outcomes="Mine")
    form = PlanForm(request.POST)

    def save(version):
        raise EditConflict(theirs)

    edit = edit_with_version(request, record, form, save, theirs=_details)
    assert not edit.saved and edit.status == 409
    assert edit.record is theirs and edit.version == 5
    assert [(row["theirs"], row["yours"]) for row in edit.refused] == [("Theirs", "Mine")]
    assert form["outcomes"].value() == "Mine"  # what was typed stays in the form


def test_a_service_s_refusal_goes_on_the_field_it_names():
    record = SimpleNamespace(version=4, outcomes="", mode="online")
    request = _post(4, outcomes="Mine")
    form = PlanForm(request.POST)

    def save(version):
        raise ValidationError("Give the review a date within a year")

    edit = edit_with_version(
        request, record, form, save, theirs=_details, refusal_field="review_due"
    )
    assert not edit.saved and edit.refused is None and edit.status == 200
    assert form.errors == {"review_due": ["Give the review a date within a year"]}


def test_a_refused_save_is_a_govuk_error_summary_linking_to_each_field_then_both_values():
    form = PlanForm({"outcomes": "Mine", "mode": "online"})
    assert form.is_valid()
    rows = differences(form, {"outcomes": "Theirs", "mode": "online"})
    template = engines["jinja2"].from_string(
        '{% from "core/conflict_table.html" import refused_save %}{{ refused_save(rows, "plan") }}'
    )
    html = template.render({"rows": rows})
    assert 'data-module="govuk-error-summary"' in html
    assert "This plan has changed since you opened it" in html
    assert '<a href="#id_outcomes">Outcomes was changed by someone else</a>' in html
    table = html.split("<table")[1]
    assert "Theirs" in table and "Mine" in table

"""A value a template asks for that is not there: empty when tested, an error when printed (ADR 26),
in every settings module; the GOV.UK macros still print an optional parameter left out as empty."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.template import engines
from jinja2 import UndefinedError

from carershub.core.forms import render_field
from carershub.core.jinja2 import HubUndefined
from carershub.core.tests.test_settings import live

COMPONENTS = (
    Path(settings.BASE_DIR) / "node_modules" / "govuk-frontend" / "dist" / "govuk" / "components"
)
DEBUG_TEXT = ("no such element", "Undefined", "{{")


def render(source, **context):
    return engines["jinja2"].from_string(source).render(context)


def test_a_missing_value_is_empty_when_tested_counted_or_defaulted():
    source = (
        "{% if hint %}hint{% endif %}|{{ hint | default('none') }}|{{ hint | length }}|{{ hint "
        "is defined }}|{% for item in items %}{{ item }}{% endfor %}|{{ params.value is none }}"
    )
    assert render(source, params={}) == "|none|0|False||False"


@pytest.mark.parametrize(
    "source",
    [
        "{{ value }}",
        "{{ params.value }}",
        "{{ params['value'] }}",
        "{{ 'Dear ' ~ name }}",
        "{{ name | upper }}",
        "{{ name | string }}",
        "{{ name | safe }}",
        "{{ name | trim }}",
        "{{ '{}'.format(name) }}",
        '<input value="{{ params.value }}">',
    ],
)
def test_printing_a_missing_value_in_a_hub_template_is_an_error(source):
    with pytest.raises(UndefinedError):
        render(source, params={})


class NotesForm(forms.Form):
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 8}))
    name = forms.CharField(label="Name", required=False)


def test_an_empty_text_box_renders_empty_with_its_own_number_of_rows():
    html = render_field(NotesForm()["notes"]) + render_field(NotesForm()["name"])
    assert (
        '<textarea class="govuk-textarea" id="id_notes" name="notes" rows="8"></textarea>' in html
    )
    assert 'name="name" type="text">' in html and "value=" not in html
    assert not any(text in html for text in DEBUG_TEXT)


def test_the_design_system_macros_print_a_parameter_left_out_as_empty():
    html = render(
        '{% from "govuk_frontend_jinja/components/textarea/macro.html" import govukTextarea %}'
        '{{ govukTextarea({"name": "notes", "label": {"text": "Notes"}}) }}'
    )
    assert 'name="notes" rows="5"></textarea>' in html


def test_a_missing_value_the_hub_hands_to_a_design_system_macro_is_still_an_error():
    with pytest.raises(UndefinedError):
        render(
            '{% from "govuk_frontend_jinja/components/textarea/macro.html" import govukTextarea %}'
            '{{ govukTextarea({"name": "notes", "label": {"text": "Notes"}, "value": '
            "record.notes}) }}",
            record={},
        )
    # ... unless the macro only tests it, as it does an optional attribute.
    html = render(
        '{% from "govuk_frontend_jinja/components/input/macro.html" import govukInput %}'
        '{{ govukInput({"name": "town", "label": {"text": "Town"}, "value": record.town}) }}',
        record={},
    )
    assert 'name="town" type="text">' in html


def published_examples():
    for fixtures in sorted(COMPONENTS.glob("*/fixtures.json")):
        component = fixtures.parent.name
        for example in json.loads(fixtures.read_text(encoding="utf-8"))["fixtures"]:
            yield component, example


def test_every_published_example_of_every_design_system_component_renders():
    """The examples GOV.UK Frontend publishes for each component (657 in 6.3.0), through the hub's
    environment: none raises and none prints debug text, though many leave out optional parameters
    that the macros print (a textarea's value) or test (almost all of them)."""
    env = engines["jinja2"].env
    problems, count = [], 0
    for component, example in published_examples():
        name = "govuk" + "".join(part.capitalize() for part in component.split("-"))
        macro = getattr(
            env.get_template(f"govuk_frontend_jinja/components/{component}/macro.html").module, name
        )
        count += 1
        try:
            html = str(macro(example["options"]))
        except Exception as exc:  # noqa: BLE001 - one broken example should not hide the rest
            problems.append(f"{component} '{example['name']}': {exc!r}")
            continue
        if any(text in html for text in DEBUG_TEXT[:2]):
            problems.append(f"{component} '{example['name']}' prints debug text")
    assert count > 600, "the published examples were not found: is node_modules installed?"
    assert not problems, "\n".join(problems)


def engine_undefined(module, env):
    code = (
        f"import os; os.environ['DJANGO_SETTINGS_MODULE']='{module}'; import django; "
        "django.setup(); from django.template import engines; e = engines['jinja2'].env; "
        "print(e.undefined.__module__ + '.' + e.undefined.__name__)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=settings.BASE_DIR
    )


@pytest.mark.parametrize(
    ("module", "debug"),
    [
        ("config.settings.local", None),
        ("config.settings.local", "true"),
        ("config.settings.production", None),
    ],
)
def test_every_settings_module_uses_the_hubs_undefined_debug_on_or_off(tmp_path, module, debug):
    result = engine_undefined(module, live(tmp_path, DEBUG=debug))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "carershub.core.jinja2.HubUndefined"


def test_the_test_settings_use_the_hubs_undefined():
    assert engines["jinja2"].env.undefined is HubUndefined

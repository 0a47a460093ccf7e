"""Templates draw fields and tables one way: through govuk_field and the hub_table macro."""

import pathlib

import carershub

ROOT = pathlib.Path(carershub.__file__).parent


def templates():
    return sorted(ROOT.rglob("jinja2/**/*.html"))


def test_no_template_asks_which_widget_a_field_has():
    """Whether a question is a label or a legend is govuk_field's to decide, from the field's kind:
    templates that tested widget class names drifted apart (a date's legend drawn as a label)."""
    asking = [
        path.relative_to(ROOT).as_posix()
        for path in templates()
        if "__class__" in path.read_text(encoding="utf-8")
    ]
    assert asking == []
    assert len(templates()) > 100  # the check really read the templates

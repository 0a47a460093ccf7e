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


def test_templates_size_a_question_rather_than_naming_its_classes():
    """size="s" gives a legend or a label of that size, whichever the field has; a template naming
    the class itself had to know the field's kind."""
    naming = [
        f"{path.relative_to(ROOT).as_posix()}: {line.strip()[:80]}"
        for path in templates()
        for line in path.read_text(encoding="utf-8").splitlines()
        if "label_classes=" in line and "page_heading=True" not in line
    ]
    assert naming == []


# The one template that draws tables: the hub_table macro, through govukTable.
TABLE_MACRO = "core/jinja2/core/table.html"


def test_every_table_is_drawn_by_hub_table():
    """hub_table wraps each table in a region that scrolls sideways by itself, so the page never
    does on a narrow screen; a hand-written table would make the page scroll again (the public
    group calendar was 406 pixels wide on a 320 pixel screen)."""
    by_hand = {
        path.relative_to(ROOT).as_posix()
        for path in templates()
        if "<table" in path.read_text(encoding="utf-8")
    }
    assert by_hand - {TABLE_MACRO} == set()
    assert "govukTable(" in (ROOT / TABLE_MACRO).read_text(encoding="utf-8")

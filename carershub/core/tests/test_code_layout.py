"""The shape of the code: what a reader finds where."""

import pathlib

import carershub

ROOT = pathlib.Path(carershub.__file__).parent

# Template folders are named jinja2 by Django's convention, beside the app's jinja2.py environment.
TEMPLATE_FOLDER = "jinja2"
# The Carer's Allowance rule sets: still beside rules.py, to be renamed once the rule set work lands.
NOT_YET_RENAMED = {"carers_allowance/rules"}


def test_no_folder_shares_its_name_with_a_module_beside_it():
    """`directory/oruk/` beside `directory/oruk.py` left readers (and imports) guessing which was meant."""
    clashes = {
        folder.relative_to(ROOT).as_posix()
        for folder in ROOT.rglob("*")
        if folder.is_dir() and folder.name != TEMPLATE_FOLDER and (folder.parent / f"{folder.name}.py").exists()
    }
    assert clashes <= NOT_YET_RENAMED
    assert (ROOT / "directory" / "oruk_schemas" / "openapi.json").exists()

"""The shape of the code: what a reader finds where."""

import pathlib

import carershub

ROOT = pathlib.Path(carershub.__file__).parent

# Template folders are named jinja2 by Django's convention, beside the app's jinja2.py environment.
TEMPLATE_FOLDER = "jinja2"


def test_no_folder_shares_its_name_with_a_module_beside_it():
    """`directory/oruk/` beside `directory/oruk.py` left readers (and imports) guessing which was meant."""
    clashes = {
        folder.relative_to(ROOT).as_posix()
        for folder in ROOT.rglob("*")
        if folder.is_dir()
        and folder.name != TEMPLATE_FOLDER
        and (folder.parent / f"{folder.name}.py").exists()
    }
    assert clashes == set()
    assert (ROOT / "directory" / "oruk_schemas" / "openapi.json").exists()
    assert (ROOT / "carers_allowance" / "rule_sets" / "2025-26.json").exists()


# The most models one module may hold: an aggregate and the parts that belong only to it.
MOST_MODELS_IN_A_MODULE = 6


def test_no_module_holds_more_models_than_one_aggregate_needs():
    """The directory once kept 17 models in one file; models/ holds one module per aggregate."""
    from collections import Counter

    from django.apps import apps

    per_module = Counter(
        m.__module__ for m in apps.get_models() if m.__module__.startswith("carershub.")
    )
    assert {module: n for module, n in per_module.items() if n > MOST_MODELS_IN_A_MODULE} == {}
    assert (
        per_module["carershub.directory.models.service"] > 1
    )  # the check really counted the directory


def test_the_readme_lists_every_app():
    """A newcomer finds each app from the README's table of where things are."""
    readme = (ROOT.parent / "README.md").read_text(encoding="utf-8")
    apps = sorted(folder.name for folder in ROOT.iterdir() if (folder / "apps.py").exists())

    assert [app for app in apps if f"| `carershub/{app}/` |" not in readme] == []
    assert len(apps) > 20  # the check really found the apps

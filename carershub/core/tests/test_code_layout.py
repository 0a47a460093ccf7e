"""The shape of the code: what a reader finds where."""

import ast
import pathlib

import grimp

import carershub

ROOT = pathlib.Path(carershub.__file__).parent

# Template folders are named jinja2 by Django's convention, beside the app's jinja2.py environment.
TEMPLATE_FOLDER = "jinja2"


def test_no_folder_shares_its_name_with_a_module_beside_it():
    """`directory/oruk/` beside `directory/oruk.py` left readers
    (and imports) guessing which was meant.
    """
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


def _module_cycles(graph):
    """Groups of modules that import one another in a circle (Tarjan's strongly connected
    components, iteratively: the graph is too deep for Python's recursion)."""
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            module, imported = work[-1]
            step = next(imported, None)
            if step is not None:
                if step not in index:
                    index[step] = low[step] = len(index)
                    stack.append(step)
                    on_stack.add(step)
                    work.append((step, iter(sorted(graph.find_modules_directly_imported_by(step)))))
                elif step in on_stack:
                    low[module] = min(low[module], index[step])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[module])
            if low[module] == index[module]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == module:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))
    return cycles


def test_no_modules_import_one_another_in_a_circle():
    """A circle of imports is a tangle hidden by imports inside functions; the floors contract
    (``make lint``) holds the apps' order, this holds every module's, within an app and across."""
    graph = grimp.build_graph("carershub", cache_dir=None)  # no cache files beside the code
    assert _module_cycles(graph) == []

    circle = grimp.ImportGraph()
    for importer, imported in [("a.one", "a.two"), ("a.two", "a.three"), ("a.three", "a.one")]:
        circle.add_import(importer=importer, imported=imported)
    assert _module_cycles(circle) == [["a.one", "a.three", "a.two"]]  # the check finds one


# Imports inside functions hide what a module needs and the circles between modules; a few are
# worth it (a library that takes a second to load, wanted by one rare path), each saying why.
MOST_IMPORTS_INSIDE_FUNCTIONS = 10


def _imports_inside_functions(path):
    """[(line number, whether a comment says why)] for each import statement inside a function."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = set()
    for function in ast.walk(ast.parse(text)):
        if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(function):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    said = [lines[node.lineno - 1]] + lines[
                        max(node.lineno - 2, 0) : node.lineno - 1
                    ]
                    found.add((node.lineno, any("# " in line for line in said)))
    return sorted(found)


def _service_modules():
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not {"tests", "migrations"} & set(path.relative_to(ROOT).parts)
    ]


def test_at_most_ten_imports_inside_functions_and_each_says_why():
    inside = {
        f"{path.relative_to(ROOT).as_posix()}:{line}": said
        for path in _service_modules()
        for line, said in _imports_inside_functions(path)
    }
    assert len(inside) <= MOST_IMPORTS_INSIDE_FUNCTIONS, sorted(inside)
    assert [place for place, said in inside.items() if not said] == []
    assert len(_service_modules()) > 300  # the count really read the hub's modules


def test_the_count_of_imports_inside_functions_finds_one_without_a_reason(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import json\n\n\ndef f():\n    import csv\n\n\n"
        "def g():\n    # Loaded only here: slow.\n    import decimal\n"
    )
    assert _imports_inside_functions(module) == [(5, False), (10, True)]

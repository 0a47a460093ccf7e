"""Open Referral UK 3.0 JSON schemas, from the hub's own copy (carershub/directory/oruk_schemas/),
for
checking what the API publishes and what an import reads.

``openapi.json`` and ``taxonomy.json`` refer to other schema files by their addresses on the
public internet; those addresses resolve to the local copies here, so nothing is fetched.
"""

import json
from functools import cache, lru_cache
from pathlib import Path

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).parent / "oruk_schemas"
PUBLISHED_AT = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

# Which schema checks which answer (see oruk_schemas/SOURCE.md).
SERVICE = "compiled/service.json"
SERVICE_LIST = "compiled/service_list.json"
ORGANIZATION = "compiled/organization.json"
ORGANIZATION_LIST = "compiled/organization_list.json"
SERVICE_AT_LOCATION = "compiled/service_at_location.json"
SERVICE_AT_LOCATION_LIST = "compiled/service_at_location_list.json"
TAXONOMY = "taxonomy.json"
TAXONOMY_TERM = "taxonomy_term.json"


@cache
def _load(name):
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _registry():
    resources = []
    for path in FOLDER.rglob("*.json"):
        name = path.relative_to(FOLDER).as_posix()
        resource = Resource(contents=_load(name), specification=DRAFT202012)
        resources += [(PUBLISHED_AT + name, resource), (name, resource)]
    return Registry().with_resources(resources)


@cache
def validator(name):
    schema = dict(_load(name))
    schema.setdefault("$id", PUBLISHED_AT + name)  # so relative references resolve beside it
    return Draft202012Validator(
        schema, registry=_registry(), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


@lru_cache(maxsize=1)
def page_validator():
    """The ``Page`` schema of openapi.json: the 3.0 paging fields around ``contents``."""
    page = dict(_load("openapi.json")["components"]["schemas"]["Page"])
    page["required"] = [
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    ]
    return Draft202012Validator(page, format_checker=Draft202012Validator.FORMAT_CHECKER)


def problems(name, document):
    """Plain-English problems of ``document`` against the schema ``name``: [] if it is valid."""
    return [
        _describe(error)
        for error in sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    ]


def page_problems(item_schema, document):
    found = [_describe(error) for error in page_validator().iter_errors(document)]
    for index, item in enumerate(
        document.get("contents", []) if isinstance(document, dict) else []
    ):
        found += [f"contents[{index}]: {problem}" for problem in problems(item_schema, item)]
    return found


def _describe(error):
    where = ".".join(str(part) for part in error.absolute_path) or "the document"
    return f"{where}: {error.message}"


def inline_references(document):
    """A copy of an OpenAPI description (or schema) with each reference to a profile schema file
    replaced by the local copy's contents, for tools that would otherwise fetch them."""

    def visit(node, base):
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                name = ref[len(PUBLISHED_AT) :] if ref.startswith(PUBLISHED_AT) else ref
                if "/" not in name and base:  # relative to the file it appears in
                    name = f"{base}/{name}" if (FOLDER / base / name).exists() else name
                folder = name.rsplit("/", 1)[0] if "/" in name else ""
                return visit(_load(name), folder)
            return {key: visit(value, base) for key, value in node.items()}
        if isinstance(node, list):
            return [visit(value, base) for value in node]
        return node

    return visit(document, "")

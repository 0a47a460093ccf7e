"""Checking a data file someone writes by hand against its JSON Schema, with every problem in plain
English.

A schema (draft 2020-12) says what a file must hold; jsonschema finds what is wrong; this module
says it in words the person fixing the file understands, naming the file, the place in it and what
to do. Two keywords of our own, which other JSON Schema tools ignore, carry the words:

- ``errorMessage`` (as in ajv-errors): on any schema node, either one sentence for every failure
  of that node and the nodes below it, or an object from a keyword (``type``, ``enum``,
  ``additionalProperties``, ``required`` ...) to a sentence. ``{value}`` stands for the value
  found and ``{name}`` for the property's name. A missing property is described by the property's
  own message. The nearest message wins; without one, jsonschema's own message is shown.
- ``title`` on an array's ``items`` names one item ("rule set" gives "rule set 2"), and
  ``labelProperty`` names the item's property that tells a person which one it is ("rule set 2
  ("2025 to 2026")"), shown only when that property is itself right.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft202012Validator


class DataFileError(Exception):
    """A data file with problems: ``problems`` lists every one, in the order found in the file."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@cache
def validator(schema_path):
    """A checker for the schema file at ``schema_path``; the schema itself is checked first."""
    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def read_json(text, *, file_name=None):
    """The data in ``text``; raises DataFileError saying where the JSON goes wrong."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = (
            f"The file is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
        )
        raise DataFileError([said(problem, file_name=file_name)]) from error


def said(what, *, file_name=None, place=""):
    """One problem as a person reads it: the file, the place in it, then what is wrong."""
    if not file_name and place:
        place = place[0].upper() + place[1:]
    where = ", ".join(part for part in (file_name, place) if part)
    return f"{where}: {what}" if where else what


def problems(schema_path, document, *, file_name=None):
    """Every way ``document`` breaks the schema, in plain English: [] when it is right."""
    check = validator(schema_path)
    found = []
    for error in sorted(check.iter_errors(document), key=_in_file_order):
        where = place(schema_path, document, error.absolute_path)
        found += [said(what, file_name=file_name, place=where) for what in _described(check, error)]
    return list(dict.fromkeys(found))  # one missing property is reported once, not once per sibling


def place(schema_path, document, path):
    """Where ``path`` (keys and list positions) is in ``document``, as titled items:
    "rule set 2".
    """
    check = validator(schema_path)
    node, value, parts = check.schema, document, []
    for step in path:
        if isinstance(step, int):
            node = node.get("items", {})
            value = value[step]
            if "title" in node:
                parts.append(f"{node['title']} {step + 1}{_label(check, node, value)}")
        else:
            node = node.get("properties", {}).get(step, {})
            value = value[step]
    return ", ".join(parts)


def _label(check, items, item):
    name = items.get("labelProperty")
    if not name or not isinstance(item, dict) or name not in item:
        return ""
    if not check.evolve(schema=items.get("properties", {}).get(name, {})).is_valid(item[name]):
        return ""
    return f' ("{str(item[name]).strip()}")'


def _in_file_order(error):
    # Positions before names, so that "rule set 10" follows "rule set 9".
    return [
        (0, step, "") if isinstance(step, int) else (1, 0, step) for step in error.absolute_path
    ]


def _described(check, error):
    nodes = _nodes_to(check.schema, error.absolute_schema_path)
    if error.validator == "required":
        properties = nodes[-1].get("properties", {})
        missing = [name for name in error.validator_value if name not in error.instance]
        return [
            _message([*nodes, properties.get(name, {})], "required", error, name)
            for name in missing
        ]
    if error.validator == "additionalProperties":
        known = nodes[-1].get("properties", {})
        extra = [name for name in error.instance if name not in known]
        return [_message(nodes, "additionalProperties", error, name) for name in extra]
    return [_message(nodes, error.validator, error, "")]


def _nodes_to(schema, schema_path):
    """The schema nodes from the root down to the one holding the keyword that failed."""
    nodes, node = [schema], schema
    for step in list(schema_path)[:-1]:
        node = node[step]
        if isinstance(node, dict) and step not in ("properties", "$defs"):  # not a map of names
            nodes.append(node)
    return nodes


def _message(nodes, keyword, error, name):
    for node in reversed(nodes):
        message = node.get("errorMessage")
        if isinstance(message, dict):
            message = message.get(keyword)
        if message:
            return message.replace("{name}", name).replace("{value}", str(error.instance))
    return error.message

"""Reading a Carer's Allowance rules file: every problem found, in plain English, before anything is
saved.

What a rules file must hold is written as a JSON Schema (``rules_file.schema.json``) and checked by
``core.data_files``; the code below checks only what a schema cannot say - a rule set's dates run
forwards, no two rule sets cover the same day, no benefit code is used twice - and turns the
checked file into field values.
"""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from carershub.core import data_files
from carershub.core.data_files import DataFileError

SCHEMA = Path(__file__).resolve().parent / "rules_file.schema.json"

# The rule sets shipped with the hub, one file a year: a new hub, and a hub upgraded to a release
# that ships a new year, gets them on first use (services.ensure_rules_loaded).
BUNDLED_RULES_DIR = Path(__file__).resolve().parent / "rule_sets"

_DATES = ("effective_from", "effective_until", "checked_on")
_MONEY = ("weekly_rate", "earnings_limit")
_WHOLE_NUMBERS = ("minimum_hours", "minimum_age", "study_hours_limit", "carers_credit_hours")


def bundled_rules_files():
    return sorted(BUNDLED_RULES_DIR.glob("*.json"))


def read_rules_file(path):
    """The rule sets in a JSON file, checked; raises DataFileError listing every problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError([f"The file {path} cannot be read: {exc.strerror or exc}."]) from exc
    name = Path(path).name
    return parse_rules(data_files.read_json(text, file_name=name), file_name=name)


def parse_rules(data, *, file_name=None):
    """Check the rule sets in ``data`` (the file's JSON);
    return them as field values ready to save.
    """
    problems = data_files.problems(SCHEMA, data, file_name=file_name)
    if isinstance(data, dict) and isinstance(data.get("rule_sets"), list):
        problems += _problems_beyond_schema(data, file_name)
    if problems:
        raise DataFileError(problems)
    return [_values(raw) for raw in data["rule_sets"]]


def _problems_beyond_schema(data, file_name):
    """What the schema cannot compare: dates that run backwards or overlap, codes used twice."""
    problems, earlier = [], []
    for index, raw in enumerate(data["rule_sets"]):
        start, end = _date(raw, "effective_from"), _date(raw, "effective_until")
        where = data_files.place(SCHEMA, data, ["rule_sets", index])
        for what in [*_date_clashes(start, end, earlier), *_codes_used_twice(raw)]:
            problems.append(data_files.said(what, file_name=file_name, place=where))
        earlier.append((start, end))
    return problems


def _date_clashes(start, end, earlier):
    if start and end and end < start:
        yield (
            '"effective_until" (the last day the rules apply) must be on or after "effective_from".'
        )
    starts = [other_start for other_start, _ in earlier]
    if start and start in starts:
        yield (
            f"rule set {starts.index(start) + 1} already applies from {start:%-d %B %Y}; "
            "each rule set needs its own start date."
        )
    for number, (other_start, other_end) in enumerate(earlier, start=1):
        if start and end and other_start and other_end and other_start != start:
            if start <= other_end and other_start <= end:
                yield (
                    f"its dates overlap rule set {number}'s "
                    f"({other_start:%-d %B %Y} to {other_end:%-d %B %Y})."
                )


def _codes_used_twice(raw):
    benefits = raw.get("qualifying_benefits") if isinstance(raw, dict) else None
    codes = (
        [b.get("code") for b in benefits if isinstance(b, dict)]
        if isinstance(benefits, list)
        else []
    )
    for code in sorted({c for c in codes if isinstance(c, str) and codes.count(c) > 1}):
        yield f'the benefit code "{code}" is used more than once.'


def _date(raw, field):
    """The date in ``field``, or None when it is missing or wrong (the schema has said so)."""
    try:
        return dt.date.fromisoformat(raw[field])
    except (TypeError, ValueError, KeyError):
        return None


def _values(raw):
    values = {field: raw[field] for field in raw if field not in (*_DATES, *_MONEY)}
    values["name"] = raw["name"].strip()[:100]
    values.update({field: dt.date.fromisoformat(raw[field]) for field in _DATES})
    values.update({field: Decimal(str(raw[field])) for field in _MONEY})
    # JSON Schema counts 35.0 as a whole number; the database is given 35.
    values.update({field: int(raw[field]) for field in _WHOLE_NUMBERS})
    values["qualifying_benefits"] = [
        {key: benefit[key].strip() for key in ("code", "name")}
        for benefit in raw["qualifying_benefits"]
    ]
    values["sources"] = [_source(source) for source in raw["sources"]]
    return values


def _source(source):
    kept = {key: source[key].strip() for key in ("about", "title", "url")}
    if source.get("to_be_confirmed"):
        kept["to_be_confirmed"] = True
    return kept

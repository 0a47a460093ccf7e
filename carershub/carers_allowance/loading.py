"""Reading a Carer's Allowance rules file: every problem found, in plain English, before anything is saved."""

import datetime as dt
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path

from carershub.carers_allowance.rules import COUNTRIES

# The rule sets shipped with the hub, one file a year: a new hub, and a hub upgraded to a release
# that ships a new year, gets them on first use (services.ensure_rules_loaded).
BUNDLED_RULES_DIR = Path(__file__).resolve().parent / "rule_sets"


def bundled_rules_files():
    return sorted(BUNDLED_RULES_DIR.glob("*.json"))


_WHOLE_NUMBERS = {
    "minimum_hours": "the minimum hours of caring a week",
    "minimum_age": "the minimum age",
    "study_hours_limit": "the hours of study a week that count as full-time education",
    "carers_credit_hours": "the minimum hours of caring a week for Carer's Credit",
}
_MONEY = {
    "weekly_rate": "the weekly rate",
    "earnings_limit": "the weekly earnings limit",
}
_DATES = {
    "effective_from": "the date the rules apply from",
    "effective_until": "the last day the rules apply",
    "checked_on": "the date the figures were checked",
}


class RulesFileError(Exception):
    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


def read_rules_file(path):
    """The rule sets in a JSON file, checked; raises RulesFileError listing every problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesFileError([f"The file {path} cannot be read: {exc.strerror or exc}."]) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RulesFileError(
            [f"The file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."]
        ) from exc
    return parse_rules(data)


def parse_rules(data):
    """Check the rule sets in ``data`` (the file's JSON); return them as field values ready to save."""
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("rule_sets"), list)
        or not data["rule_sets"]
    ):
        raise RulesFileError(
            ['The file must hold an object with a "rule_sets" list of at least one rule set.']
        )
    problems, rule_sets, seen = [], [], {}
    for number, raw in enumerate(data["rule_sets"], start=1):
        where = f"Rule set {number}"
        if not isinstance(raw, dict):
            problems.append(f"{where} must be an object with the rule set's fields.")
            continue
        values, own = _parse_one(raw)
        if values.get("name"):
            where = f'{where} ("{values["name"]}")'
        problems += [f"{where}: {problem}" for problem in own]
        start = values.get("effective_from")
        if start is not None and values.get("effective_until") is not None:
            for other_number, other in enumerate(rule_sets, start=1):
                if (
                    other.get("effective_from")
                    and other.get("effective_until")
                    and other["effective_from"] != start
                    and start <= other["effective_until"]
                    and other["effective_from"] <= values["effective_until"]
                ):
                    problems.append(
                        f"{where}: its dates overlap rule set {other_number}'s "
                        f"({other['effective_from']:%-d %B %Y} to {other['effective_until']:%-d %B %Y})."
                    )
        if start is not None:
            if start in seen:
                problems.append(
                    f"{where}: rule set {seen[start]} already applies from {start:%-d %B %Y}; "
                    "each rule set needs its own start date."
                )
            seen.setdefault(start, number)
        rule_sets.append(values)
    if problems:
        raise RulesFileError(problems)
    return rule_sets


def _parse_one(raw):
    values, problems = {}, []
    known = (
        {"name", "countries", "qualifying_benefits", "sources"}
        | set(_WHOLE_NUMBERS)
        | set(_MONEY)
        | set(_DATES)
    )
    for name in sorted(set(raw) - known):
        problems.append(f'"{name}" is not a field a rule set has. Check its spelling.')

    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        problems.append('enter a "name", such as "2025 to 2026".')
    else:
        values["name"] = name.strip()[:100]

    for field, what in _DATES.items():
        value = raw.get(field)
        try:
            values[field] = dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            problems.append(f'"{field}" ({what}) must be a date written like 2025-04-07.')

    if (
        values.get("effective_from")
        and values.get("effective_until")
        and values["effective_until"] < values["effective_from"]
    ):
        problems.append(
            '"effective_until" (the last day the rules apply) must be on or after "effective_from".'
        )

    for field, what in _MONEY.items():
        value = raw.get(field)
        try:
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise InvalidOperation
            amount = Decimal(str(value))
            if (
                not amount.is_finite()
                or amount <= 0
                or amount.as_tuple().exponent < -2
                or amount >= 100000
            ):
                raise InvalidOperation
            values[field] = amount
        except InvalidOperation:
            problems.append(
                f'"{field}" ({what}) must be an amount in pounds, more than 0, like "83.30".'
            )

    for field, what in _WHOLE_NUMBERS.items():
        value = raw.get(field)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 168:
            problems.append(f'"{field}" ({what}) must be a whole number from 1 to 168.')
        else:
            values[field] = value

    countries = raw.get("countries")
    if (
        not isinstance(countries, list)
        or not countries
        or not all(isinstance(c, str) for c in countries)
    ):
        problems.append(
            f'"countries" must list where Carer\'s Allowance is claimed, from: {", ".join(COUNTRIES)}.'
        )
    else:
        unknown = [c for c in countries if c not in COUNTRIES]
        if unknown:
            problems.append(
                f'"countries" has {", ".join(unknown)}, which the checker does not ask about. '
                f"Use: {', '.join(COUNTRIES)}."
            )
        else:
            values["countries"] = countries

    values["qualifying_benefits"], more = _list_of_objects(
        raw.get("qualifying_benefits"), "qualifying_benefits", ("code", "name"), "benefit"
    )
    problems += more
    codes = [b["code"] for b in values["qualifying_benefits"]]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(f'the benefit code "{code}" is used more than once.')
    for code in sorted({"none", "not_sure"} & set(codes)):
        problems.append(
            f'the benefit code "{code}" is kept for the checker\'s own answers. Use another code.'
        )

    # A figure from a secondary report, not yet checked against GOV.UK, is marked "to_be_confirmed"
    # and says so wherever its source is shown.
    values["sources"], more = _list_of_objects(
        raw.get("sources"),
        "sources",
        ("about", "title", "url"),
        "source",
        flags=("to_be_confirmed",),
    )
    problems += more
    for number, source in enumerate(values["sources"], start=1):
        if not source["url"].startswith("https://"):
            problems.append(f'source {number} needs a "url" starting with https://.')
    return values, problems


def _list_of_objects(items, field, keys, noun, flags=()):
    """Each item's text ``keys`` (all required) and its optional true-or-false ``flags`` (kept when true)."""
    if not isinstance(items, list) or not items:
        return [], [f'"{field}" must be a list of at least one {noun}, each with {_keys(keys)}.']
    out, problems = [], []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) and item[k].strip() for k in keys
        ):
            problems.append(
                f'{noun} {number} in "{field}" needs {_keys(keys)}, each a piece of text.'
            )
            continue
        kept = {k: item[k].strip() for k in keys}
        for flag in flags:
            if not isinstance(item.get(flag, False), bool):
                problems.append(f'{noun} {number} in "{field}": "{flag}" must be true or false.')
            elif item.get(flag):
                kept[flag] = True
        out.append(kept)
    return out, problems


def _keys(keys):
    quoted = [f'"{k}"' for k in keys]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]

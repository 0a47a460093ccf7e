"""Property tests: the hub's parsers and importers, given anything at all, either read it or say
in plain English why not - they never crash, and what they produce reads back the same.

Each test has a fixed example budget (``BUDGET``) so the whole file stays quick in CI; raise it
locally with ``HYPOTHESIS_PROFILE=thorough``.
"""

import csv
import datetime as dt
import io
import os
import unicodedata

import nhs_number
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from carershub.core import csv_safety
from carershub.core.validators import format_nhs_number, normalise_nhs_number, normalise_postcode
from carershub.directory import importing, postcodes
from carershub.imports import reading
from carershub.imports.cleaning import clean_row
from carershub.imports.mapping import TARGETS
from carershub.search.keys import fold, keys_for_carer, query_tokens

# "ci" explores the same examples on every run, so a result repeats; "thorough" explores afresh.
settings.register_profile(
    "ci",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)
cell = st.one_of(
    st.none(),
    any_text,
    st.integers(-(10**12), 10**12),
    st.floats(),
    st.booleans(),
    st.dates(dt.date(1800, 1, 1), dt.date(2100, 1, 1)),
)


# What a spreadsheet skips before it looks for "=": spaces and line breaks of any script, control
# characters and invisible ones (zero-width space, byte order mark). Written out here, apart from
# csv_safety, so the tests do not take the code's word for it.
BLANKS = " \n\t\r\x0b\x0c\x00\x85\xa0\u1680\u2000\u2007\u200b\u200d\u2028\u2029\u202f\u3000\ufeff"
FORMULA_FIRSTS = "=+-@＝﹦＋﹢－﹣＠﹫"


def could_run(cell):
    """A spreadsheet could read this cell as a formula."""
    if cell[:1] in ("\t", "\r"):
        return True
    rest = "".join(
        ch
        for ch in cell
        if not (ch in BLANKS or ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf"))
    )
    return bool(rest) and rest[0] in FORMULA_FIRSTS


blank_text = st.text(alphabet=st.sampled_from(BLANKS), max_size=6)
formula_like = st.builds(
    lambda blanks, first, rest: blanks + first + rest,
    blank_text,
    st.sampled_from(FORMULA_FIRSTS),
    any_text,
)
cell_text = st.one_of(any_text, formula_like)


@given(cell_text)
@example(" =1+1")
@example('\n=HYPERLINK("http://example.com")')
@example("\u200b@SUM(A1)")
@example("\ufeff-2+3")
@example("'\n=1")
def test_a_neutralised_cell_never_starts_like_a_formula_and_undoes_to_what_was_typed(text):
    safe = csv_safety.neutralise(text)
    assert not could_run(safe)
    assert safe == text or safe == "'" + text
    assert csv_safety.undo_neutralise(safe) == text or text.startswith("'")


@given(formula_like)
def test_a_cell_with_blanks_before_a_formula_is_neutralised(text):
    assert csv_safety.neutralise(text) == "'" + text


@given(st.lists(st.lists(st.one_of(cell, formula_like), max_size=6), max_size=6))
def test_a_safe_csv_reads_back_cell_for_cell_with_no_formulas(rows):
    text = csv_safety.safe_csv_text(rows)
    back = list(csv.reader(io.StringIO(text)))
    assert len(back) == len(rows)
    for written, read in zip(rows, back, strict=True):
        assert [csv_safety.undo_neutralise(c) for c in read] == [
            "" if c is None else str(c) for c in written
        ] or any(str(c).startswith("'") or "\r" in str(c) for c in written if c is not None)
        assert not any(could_run(c) for c in read)


@given(any_text)
def test_a_postcode_is_either_refused_or_normalised_for_good(text):
    try:
        normal = normalise_postcode(text)
    except Exception as refused:  # only the plain-English refusal is allowed
        assert type(refused).__name__ == "ValidationError"
        return
    assert normalise_postcode(normal) == normal
    assert normalise_postcode(normal.lower().replace(" ", "")) == normal


@given(st.integers(0, 999_999_999))
def test_every_valid_nhs_number_reads_back_from_its_printed_form(stem):
    digits = f"{stem:09d}"
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits))
    check = 11 - total % 11
    number = digits + ("0" if check == 11 else str(check % 10))
    if check == 10 or not nhs_number.is_valid(number):
        return  # no NHS number has this stem (or it is in a range never issued)
    assert normalise_nhs_number(format_nhs_number(number)) == number


@given(any_text)
def test_any_nhs_number_text_is_read_or_refused_in_plain_english(text):
    try:
        normalise_nhs_number(text)
    except Exception as refused:
        assert type(refused).__name__ == "ValidationError"
        assert str(refused.messages[0]).startswith("Enter ")


@given(any_text)
def test_search_folding_is_stable_and_keys_never_crash(text):
    assert fold(fold(text)) == fold(text)
    query_tokens(text)
    keys_for_carer(given_name=text, family_name=text[::-1], postcode=text[:8])


@given(
    st.binary(max_size=400), st.sampled_from(["a.csv", "a.xlsx", "a.txt", "a.xls", "a", "a.tsv"])
)
def test_any_uploaded_bytes_are_read_or_refused_in_plain_english(data, name):
    try:
        table = reading.read_table(data, name)
        list(table.rows())
    except reading.UnreadableFile as refused:
        assert str(refused)[:1].isupper()


@given(st.lists(cell, min_size=len(TARGETS), max_size=len(TARGETS)))
@example([10**12] * len(TARGETS))  # once crashed: an Excel date serial beyond the year 9999
@example([float("inf")] * len(TARGETS))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_any_row_is_cleaned_or_its_problems_listed(cells):
    mapping = {str(i): target.name for i, target in enumerate(TARGETS)}
    values, problems = clean_row(cells, mapping, today=dt.date(2026, 11, 23))
    assert all(isinstance(p, str) and p for p in problems)
    assert set(values) <= {t.name for t in TARGETS}


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | any_text,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(any_text, children, max_size=4)
    ),
    max_leaves=20,
)
service_like = st.fixed_dictionaries(
    {
        "id": st.uuids().map(str) | any_text,
        "name": any_text,
        "status": st.sampled_from(["active", "open", ""]),
    },
    optional={
        "minimum_age": json_values,
        "schedules": json_values,
        "service_at_locations": json_values,
        "organization": json_values,
        "url": any_text,
        "cost_options": json_values,
    },
)


@given(st.lists(service_like | json_values, max_size=3))
def test_any_open_referral_feed_is_checked_without_crashing(documents):
    problems = importing.check(documents)
    assert all(isinstance(p, str) and p.startswith("Service ") for p in problems)


@pytest.mark.django_db
@given(st.lists(service_like, min_size=1, max_size=2))
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_a_feed_that_passes_the_checks_imports_and_one_that_does_not_saves_nothing(documents):
    from carershub.directory.models import Service
    from carershub.partnerships.tests.factories import PartnershipFactory

    partnership = PartnershipFactory()
    try:
        result = importing.import_services(partnership, documents, source="property-test")
    except importing.FeedProblem as refused:
        assert refused.problems
        assert not Service.objects.filter(partnership=partnership).exists()
        return
    assert result.total == len(documents)


@given(any_text)
def test_any_postcode_text_is_located_or_not_without_crashing(text):
    place = postcodes.locate_area(text)
    assert place is None or (0 <= place.easting <= 800_000 and 0 <= place.northing <= 1_400_000)

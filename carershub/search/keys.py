"""Search keys: how a carer's name, date of birth and postcode are written into the search index,
and how what a worker types is read into the same keys. Pure functions, no database.

The index holds, for every name token, the token itself (``=john``), each of its prefixes
(``>j``, ``>jo``, ``>joh``) and its "one deletion" neighbourhood (``~john``, ``~ohn``, ``~jhn``,
``~jon``, ``~joh``). Two words within one edit (a letter missed, added, changed or two letters
swapped) always share a deletion key - "jonh" and "john" share ``~jon`` - so typo tolerance is an
equality lookup on an ordinary B-tree index, the same on SQLite and PostgreSQL (ADR 7).
"""

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

# Longest token indexed: longer ones are cut (on both sides, so they still match themselves).
MAX_TOKEN = 40
# Shortest query token that is matched with one edit allowed. Shorter words match too many names
# with one letter changed ("ann" ~ "dan", "jan", "anna"...), so they match exactly or as a prefix.
MIN_FUZZY = 4

EXACT, PREFIX, ONE_EDIT = "=", ">", "~"
DATE_OF_BIRTH, POSTCODE, POSTCODE_SECTOR, POSTCODE_OUTWARD = "b", "p", "s", "o"

# How well a query word matched a name: exactly, as the start of a name, within one edit.
WEIGHT = {EXACT: 3, PREFIX: 2, ONE_EDIT: 1}

# Letters NFKD does not take apart but that people type without their marks.
_LATIN_FOLDS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
# Arabic-script letters with a twin that keyboards and systems mix up (Arabic and Urdu/Persian
# forms of yeh and kaf, heh goal), and the tatweel used only to stretch a word.
_ARABIC_FOLDS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ە": "ہ", "ـ": None})
# Short vowels and other optional marks of Arabic script (harakat), usually not written at all.
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u06d6-\u06ed]")
# Characters that join the parts of one name: O'Brien, Smith-Jones, St. John.
_JOINERS = re.compile(r"[\-\u2010\u2011\u2012\u2013\u2014'\u2018\u2019\u02bc`\u00b4.]+")


def _is_latin(ch):
    return ch < "\u0250" or "\u1e00" <= ch <= "\u1eff"


def fold(text):
    """Casefold, strip accents from Latin letters (Zoë -> zoe) and unify Arabic-script variants.

    Letters of other scripts are kept as they are: an Urdu name is indexed in Urdu and found in
    Urdu. Marks are only removed from Latin letters, so a Devanagari vowel sign stays.
    """
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    kept = []
    for ch in text:
        if unicodedata.combining(ch) and kept and _is_latin(kept[-1]):
            continue
        kept.append(ch)
    text = (
        unicodedata.normalize("NFC", "".join(kept)).translate(_LATIN_FOLDS).translate(_ARABIC_FOLDS)
    )
    return _ARABIC_MARKS.sub("", text)


def _clean(word):
    """Keep letters, marks and digits; drop the rest (brackets, commas, symbols)."""
    return "".join(ch for ch in word if unicodedata.category(ch)[0] in "LMN")[:MAX_TOKEN]


def name_tokens(*names):
    """The tokens a name is indexed under: each word with its punctuation removed, and for a
    word joined by an apostrophe or hyphen its parts as well (O'Brien: obrien, o, brien)."""
    tokens = []
    for name in names:
        for word in fold(name).split():
            parts = [_clean(p) for p in _JOINERS.split(word)]
            parts = [p for p in parts if p]
            joined = _clean("".join(parts))
            for token in [joined, *(parts if len(parts) > 1 else [])]:
                if token and token not in tokens:
                    tokens.append(token)
    return tokens


def query_tokens(text):
    """The words of a query, normalised as names are. "O'Brien" and "OBrien" both give obrien."""
    tokens = []
    for word in fold(text).split():
        token = _clean("".join(_JOINERS.split(word)))
        if token:
            tokens.append(token)
    return tokens


def deletions(token):
    """Every string made by deleting one character: john -> ohn, jhn, jon, joh."""
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def keys_for_token(token):
    keys = {EXACT + token}
    keys.update(PREFIX + token[:k] for k in range(1, len(token)))
    if len(token) >= MIN_FUZZY - 1:
        keys.add(ONE_EDIT + token)
    if len(token) >= MIN_FUZZY:
        keys.update(ONE_EDIT + d for d in deletions(token))
    return keys


def keys_for_carer(
    given_name="", family_name="", preferred_name="", date_of_birth=None, postcode=""
):
    """Every key a carer is indexed under."""
    keys = set()
    for token in name_tokens(given_name, family_name, preferred_name):
        keys |= keys_for_token(token)
    if date_of_birth:
        keys.add(DATE_OF_BIRTH + date_of_birth.isoformat())
    parts = split_postcode(postcode)
    if parts:
        outward, inward = parts
        keys |= {
            POSTCODE + outward + inward,
            POSTCODE_SECTOR + outward + inward[0],
            POSTCODE_OUTWARD + outward,
        }
    return keys


# --- Reading a query --------------------------------------------------------------------------

_REFERENCE = re.compile(r"\bC[-\s]?([A-Z0-9]{4})[-\s]?([A-Z0-9]{4})\b", re.IGNORECASE)
_NHS_NUMBER = re.compile(r"(?<![\d])(\d{3})[\s-]?(\d{3})[\s-]?(\d{4})(?![\d])")
_DATE_DMY = re.compile(r"(?<![\d])(\d{1,2})[/\s.-]+(\d{1,2})[/\s.-]+(\d{4})(?![\d])")
_DATE_ISO = re.compile(r"(?<![\d])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d])")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
_POSTCODE_SECTOR = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s+(\d)\b", re.IGNORECASE)
_OUTWARD = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\b", re.IGNORECASE)


def split_postcode(value):
    """'zz11aa' or 'ZZ1 1AA' -> ('ZZ1', '1AA'); None if it is not a whole postcode."""
    match = _POSTCODE.fullmatch((value or "").strip())
    return (match.group(1).upper(), match.group(2).upper()) if match else None


@dataclass
class Term:
    """One thing the carer must match: key -> how good a match that key is."""

    keys: dict = field(default_factory=dict)
    label: str = ""


@dataclass
class SearchQuery:
    """What a worker typed, read into identifiers and name words."""

    text: str = ""
    reference: str = ""
    nhs_number: str = ""
    terms: list = field(default_factory=list)
    fuzzy: bool = False
    problem: str = ""

    @property
    def is_blank(self):
        return not (self.reference or self.nhs_number or self.terms)


def _name_term(token):
    keys = {PREFIX + token: WEIGHT[PREFIX]}
    if len(token) >= MIN_FUZZY:
        keys[ONE_EDIT + token] = WEIGHT[ONE_EDIT]
        keys.update((ONE_EDIT + d, WEIGHT[ONE_EDIT]) for d in deletions(token))
    keys[EXACT + token] = WEIGHT[EXACT]
    return Term(keys=keys, label="name")


def _exact_term(key, label):
    return Term(keys={key: WEIGHT[EXACT]}, label=label)


def _take(pattern, text):
    """The first match of a pattern and the text without it."""
    match = pattern.search(text)
    if not match:
        return None, text
    return match, f"{text[: match.start()]} {text[match.end() :]}"


def parse(text):
    """Read a query: reference, NHS number, date of birth, postcode (whole, sector or outward
    code) and name words, in any combination ("smith 27/3/1961", "ZZ1 ada")."""
    text = (text or "").strip()
    query = SearchQuery(text=text)
    rest = text

    match, rest = _take(_REFERENCE, rest)
    # References nearly always hold a digit; one of letters only counts when typed with its
    # hyphen, so that "C Whitlock" stays a name.
    if match and ("-" in match.group(0) or any(ch.isdigit() for ch in match.group(0))):
        query.reference = f"C-{match.group(1).upper()}-{match.group(2).upper()}"
    elif match:
        rest = text  # a name such as "Christoph", not a reference

    match, rest = _take(_NHS_NUMBER, rest)
    if match:
        query.nhs_number = "".join(match.groups())

    match, rest = _take(_DATE_ISO, rest)
    day_month_year = (match.group(3), match.group(2), match.group(1)) if match else None
    if not match:
        match, rest = _take(_DATE_DMY, rest)
        day_month_year = match.groups() if match else None
    if day_month_year:
        day, month, year = (int(part) for part in day_month_year)
        try:
            born = dt.date(year, month, day)
        except ValueError:
            query.problem = "Enter a real date of birth, like 27/3/1961"
            return query
        query.terms.append(_exact_term(DATE_OF_BIRTH + born.isoformat(), "date of birth"))

    match, rest = _take(_POSTCODE, rest)
    if match:
        query.terms.append(
            _exact_term(POSTCODE + match.group(1).upper() + match.group(2).upper(), "postcode")
        )
    else:
        match, rest = _take(_POSTCODE_SECTOR, rest)
        if match:
            query.terms.append(
                _exact_term(POSTCODE_SECTOR + match.group(1).upper() + match.group(2), "postcode")
            )
        else:
            match, rest = _take(_OUTWARD, rest)
            if match:
                query.terms.append(
                    _exact_term(POSTCODE_OUTWARD + match.group(1).upper(), "postcode")
                )

    tokens = query_tokens(rest)
    long_enough = [t for t in tokens if len(t) >= 2]
    if tokens and not long_enough and not (query.terms or query.reference or query.nhs_number):
        query.problem = (
            "Enter at least 2 letters of a name, or a reference, "
            "NHS number, postcode or date of birth"
        )
        return query
    for token in tokens:
        query.terms.append(_name_term(token) if len(token) >= 2 else _initial_term(token))
    query.fuzzy = any(len(t) >= MIN_FUZZY for t in tokens)
    if text and query.is_blank:
        query.problem = "Enter a name, reference, NHS number, postcode or date of birth"
    return query


def _initial_term(letter):
    """A single letter, as in "J Smith": the start of a name."""
    return Term(
        keys={PREFIX + letter: WEIGHT[PREFIX], EXACT + letter: WEIGHT[EXACT]}, label="initial"
    )

"""Which column of an export holds which of a carer's details, recognised from common headings."""

import re
from dataclasses import dataclass

from carershub.carers.models import Carer


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    max_length: int | None
    headings: tuple


def _max_length(name):
    return Carer._meta.get_field(name).max_length


# The details an import can fill, in the order the mapping page lists them. Headings are
# compared in lower case with everything but letters and digits removed ("D.O.B" is "dob").
TARGETS = [
    Target(
        "source_record_id",
        "Record ID in the other system",
        _max_length("source_record_id"),
        (
            "id",
            "clientid",
            "recordid",
            "personid",
            "caseid",
            "carerid",
            "clientno",
            "clientnumber",
            "clientref",
            "clientreference",
            "reference",
            "ref",
            "uniqueid",
            "externalid",
            "sourceid",
        ),
    ),
    Target(
        "given_name",
        "First name",
        _max_length("given_name"),
        (
            "forename",
            "forenames",
            "firstname",
            "givenname",
            "givennames",
            "first",
            "fname",
            "christianname",
        ),
    ),
    Target(
        "family_name",
        "Last name",
        _max_length("family_name"),
        (
            "surname",
            "lastname",
            "familyname",
            "last",
            "lname",
        ),
    ),
    Target(
        "preferred_name",
        "Preferred name",
        _max_length("preferred_name"),
        (
            "preferredname",
            "knownas",
            "nickname",
            "preferredfirstname",
        ),
    ),
    Target(
        "date_of_birth",
        "Date of birth",
        None,
        (
            "dob",
            "dateofbirth",
            "birthdate",
            "birthday",
            "dobddmmyyyy",
            "dateofbirthddmmyyyy",
        ),
    ),
    Target("nhs_number", "NHS number", None, ("nhsno", "nhsnumber", "nhs", "nhsnum")),
    Target("email", "Email address", _max_length("email"), ("email", "emailaddress", "mail")),
    Target(
        "phone",
        "Phone",
        _max_length("phone"),
        (
            "phone",
            "telephone",
            "tel",
            "telno",
            "phonenumber",
            "phoneno",
            "telephonenumber",
            "telephoneno",
            "homephone",
            "hometelephone",
            "landline",
        ),
    ),
    Target(
        "mobile",
        "Mobile",
        _max_length("mobile"),
        (
            "mobile",
            "mobilephone",
            "mobilenumber",
            "mobileno",
            "mobiletelephone",
            "cell",
            "cellphone",
        ),
    ),
    Target(
        "address_line_1",
        "Address line 1",
        _max_length("address_line_1"),
        (
            "address",
            "address1",
            "addressline1",
            "addressl1",
            "line1",
            "street",
            "houseandstreet",
        ),
    ),
    Target(
        "address_line_2",
        "Address line 2",
        _max_length("address_line_2"),
        (
            "address2",
            "addressline2",
            "addressl2",
            "line2",
            "locality",
            "district",
        ),
    ),
    Target(
        "town",
        "Town or city",
        _max_length("town"),
        ("town", "city", "towncity", "posttown", "townorcity"),
    ),
    Target(
        "postcode",
        "Postcode",
        _max_length("postcode"),
        ("postcode", "postalcode", "zip", "zipcode"),
    ),
]

TARGETS_BY_NAME = {t.name: t for t in TARGETS}
REQUIRED = ("given_name", "family_name")


def _normalise(heading):
    return re.sub(r"[^a-z0-9]", "", (heading or "").casefold())


_BY_HEADING = {heading: target.name for target in TARGETS for heading in target.headings}


def guess_mapping(headings):
    """{column index as text: target name} for the headings we recognise; each target once."""
    mapping, taken = {}, set()
    for index, heading in enumerate(headings):
        target = _BY_HEADING.get(_normalise(heading))
        if target and target not in taken:
            mapping[str(index)] = target
            taken.add(target)
    return mapping


def mapping_problems(mapping):
    """What is wrong with a mapping, as messages keyed by target ("" for the whole mapping)."""
    problems = {}
    counts = {}
    for target in mapping.values():
        counts[target] = counts.get(target, 0) + 1
    for target, count in counts.items():
        if count > 1:
            problems[target] = (
                f"{TARGETS_BY_NAME[target].label} is chosen for {count} columns: "
                "choose it for one only"
            )
    for target in REQUIRED:
        if target not in counts:
            problems[target] = (
                f"Choose the column that holds the {TARGETS_BY_NAME[target].label.lower()}"
            )
    has_key = (
        "source_record_id" in counts
        or "nhs_number" in counts
        or ("date_of_birth" in counts and "postcode" in counts)
    )
    if not has_key:
        problems[""] = (
            "Choose a column for the record ID, the NHS number, or both the date of birth and the "
            "postcode: without one of these, importing the file again would add everyone twice"
        )
    return problems


def column_label(index, heading):
    return heading or f"Column {index + 1}"

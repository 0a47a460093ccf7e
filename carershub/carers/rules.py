"""The kinds of carer, which follow from age and caring role (see the field guide, DOMAIN.md).

A carer can be several kinds at once: a 17-year-old is both a young carer and a young adult carer;
a 70-year-old parent of a disabled child is an older carer and a parent carer. The kinds decide
which assessment applies and who may consent, so they are computed, never typed in.
"""

import datetime as dt
from enum import StrEnum


class CarerType(StrEnum):
    YOUNG_CARER = "young_carer"
    YOUNG_ADULT_CARER = "young_adult_carer"
    ADULT_CARER = "adult_carer"
    PARENT_CARER = "parent_carer"
    OLDER_CARER = "older_carer"
    EX_CARER = "ex_carer"
    AGE_NOT_KNOWN = "age_not_known"

    @property
    def label(self):
        return {
            "young_carer": "Young carer (under 18)",
            "young_adult_carer": "Young adult carer (16 to 25)",
            "adult_carer": "Adult carer",
            "parent_carer": "Parent carer of a disabled child",
            "older_carer": "Older carer (65 or over)",
            "ex_carer": "Ex-carer",
            "age_not_known": "Age not known",
        }[self.value]


def age_on(date_of_birth, today):
    """Age in whole years on a day (a birthday on 29 February counts from 1 March in other
    years).
    """
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def carer_types(date_of_birth, *, cares_for_disabled_child=False, is_ex_carer=False, today=None):
    """The kinds of carer someone is today.

    An unknown date of birth is "age not known", never assumed adult: which law applies turns on
    it. A parent carer is 18 or over (Children Act 1989 s17ZD(3)); a carer under 18 caring for
    their own child is a young carer (s17ZA), so "parent carer" needs a known adult age.
    """
    if is_ex_carer:
        return [CarerType.EX_CARER]
    today = today or dt.date.today()
    if date_of_birth is None:
        return [CarerType.AGE_NOT_KNOWN]
    types = []
    age = age_on(date_of_birth, today)
    if age < 18:
        types.append(CarerType.YOUNG_CARER)
    if 16 <= age <= 25:
        types.append(CarerType.YOUNG_ADULT_CARER)
    if age >= 18:
        types.append(CarerType.ADULT_CARER)
    if cares_for_disabled_child and age >= 18:
        types.append(CarerType.PARENT_CARER)
    if age >= 65:
        types.append(CarerType.OLDER_CARER)
    return types


def consent_problem(age, competence, given_by):
    """Why this consent cannot stand, or None. Under-18s who are not competent to decide
    cannot consent for themselves; a person with parental responsibility does (DOMAIN.md)."""
    if age is not None and age >= 18 and competence != "adult":
        return "competence", "They are 18 or over: select adult with capacity"
    if age is not None and age < 18 and competence == "adult":
        return "competence", "They are under 18: select whether they are competent to decide"
    if competence == "not_competent" and given_by != "parental_responsibility":
        return (
            "given_by",
            "A young carer who is not competent to decide cannot consent: a person with parental "
            "responsibility must",
        )
    if competence == "adult" and given_by != "carer":
        return "given_by", "An adult with capacity gives consent themselves"
    return None

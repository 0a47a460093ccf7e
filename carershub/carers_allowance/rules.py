"""Whether a carer may be able to get Carer's Allowance: a pure function of their answers and a rule
set.

Nothing here reads the database or the clock, so every branch is tested with plain values. The
answer is never certain: only the Department for Work and Pensions decides a claim, so the hub
says "you may be able to get" and shows which answers led there.
"""

from dataclasses import dataclass
from decimal import Decimal

# Where the carer lives, as the checker asks it. Carer's Allowance is claimed from the DWP in the
# countries a rule set lists; Scotland has its own benefit (Carer Support Payment, from Social
# Security Scotland) and Northern Ireland its own Carer's Allowance (from the Department for
# Communities), so those send the carer elsewhere rather than saying no.
COUNTRIES = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern_ireland": "Northern Ireland",
    "elsewhere": "Outside the UK",
}

NONE_OF_THESE = "none"
NOT_SURE = "not_sure"

MAY_GET = "may_get"
MAY_GET_IF_BENEFIT = "may_get_if_benefit"
UNLIKELY = "unlikely"
CARER_SUPPORT_PAYMENT = "carer_support_payment"
NORTHERN_IRELAND = "northern_ireland"

STUDY_NONE = "no"
STUDY_FULL_TIME = "full_time"
STUDY_PART_TIME = "part_time"


@dataclass(frozen=True)
class Answers:
    country: str
    age: int
    benefits: tuple  # qualifying benefit codes, or (NONE_OF_THESE,) or (NOT_SURE,)
    hours: int
    studying: str  # STUDY_NONE, STUDY_FULL_TIME or STUDY_PART_TIME
    study_hours: int | None
    earnings: Decimal  # a week, after allowed deductions


@dataclass(frozen=True)
class Finding:
    """One condition and how the carer's answer meets it: True, False, or None for "not sure"."""

    condition: str
    met: bool | None
    text: str


@dataclass(frozen=True)
class Result:
    outcome: str
    findings: tuple
    carers_credit: bool

    @property
    def unmet(self):
        return [f for f in self.findings if f.met is False]

    @property
    def unsure(self):
        return [f for f in self.findings if f.met is None]

    @property
    def met(self):
        return [f for f in self.findings if f.met]


def money(amount):
    """£196, or £83.30: pence only when there are some."""
    amount = Decimal(amount)
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"


def rule_set_in_force(rule_sets, day):
    """The rule set with the newest start on or before ``day``, or None before the first."""
    candidates = [r for r in rule_sets if r.effective_from <= day]
    return max(candidates, key=lambda r: r.effective_from, default=None)


def _country(rules, answers):
    name = COUNTRIES.get(answers.country, answers.country)
    if answers.country in rules.countries:
        return Finding("country", True, f"You live in {name}.")
    if answers.country == "scotland":
        return Finding(
            "country",
            False,
            "You live in Scotland, where Carer Support Payment has replaced "
            "Carer's Allowance for new claims.",
        )
    if answers.country == "northern_ireland":
        return Finding(
            "country",
            False,
            "You live in Northern Ireland, where Carer's Allowance is paid by "
            "the Department for Communities rather than the Department for Work and Pensions.",
        )
    return Finding(
        "country",
        False,
        "You live outside the UK. Carer's Allowance is for people who normally "
        "live in England, Scotland or Wales.",
    )


def _age(rules, answers):
    if answers.age >= rules.minimum_age:
        return Finding("age", True, f"You are {rules.minimum_age} or over.")
    return Finding(
        "age",
        False,
        f"You are under {rules.minimum_age}. You need to be {rules.minimum_age} or over.",
    )


def _benefit(rules, answers):
    names = {b["code"]: b["name"] for b in rules.qualifying_benefits}
    got = [names[code] for code in answers.benefits if code in names]
    if got:
        return Finding("benefit", True, f"The person you care for gets {_and(got)}.")
    if NOT_SURE in answers.benefits:
        return Finding(
            "benefit",
            None,
            "You are not sure which benefits the person you care for gets. "
            "They need to get one of the benefits that qualify.",
        )
    return Finding(
        "benefit", False, "The person you care for does not get any of the benefits that qualify."
    )


def _hours(rules, answers):
    if answers.hours >= rules.minimum_hours:
        return Finding(
            "hours",
            True,
            f"You care for {answers.hours} hours a week. "
            f"You need to care for at least {rules.minimum_hours}.",
        )
    return Finding(
        "hours",
        False,
        f"You care for {answers.hours} hours a week. "
        f"You need to care for at least {rules.minimum_hours} hours a week.",
    )


def _education(rules, answers):
    if answers.studying == STUDY_FULL_TIME:
        return Finding("education", False, "You are in full-time education.")
    if answers.studying == STUDY_PART_TIME:
        hours = answers.study_hours or 0
        if hours >= rules.study_hours_limit:
            return Finding(
                "education",
                False,
                f"You study for {hours} hours a week. Studying for "
                f"{rules.study_hours_limit} hours a week or more counts as full-time education.",
            )
        return Finding(
            "education",
            True,
            f"You study for {hours} hours a week, which is less than "
            f"{rules.study_hours_limit}, so you are not in full-time education.",
        )
    return Finding("education", True, "You are not studying.")


def _earnings(rules, answers):
    earned, limit = money(answers.earnings), money(rules.earnings_limit)
    if answers.earnings <= rules.earnings_limit:
        return Finding(
            "earnings",
            True,
            f"You earn {earned} a week after deductions. The limit is {limit} a week.",
        )
    return Finding(
        "earnings",
        False,
        f"You earn {earned} a week after deductions, which is more than "
        f"the limit of {limit} a week.",
    )


def _and(items):
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# Reasons that rule out Carer's Allowance but not Carer's Credit (which asks for fewer hours and
# has no earnings limit or study rule).
_CREDIT_STILL_POSSIBLE = {"earnings", "education", "hours"}


def evaluate(rules, answers):
    """What the answers suggest under these rules: an outcome and the finding for each condition."""
    findings = (
        _country(rules, answers),
        _age(rules, answers),
        _benefit(rules, answers),
        _hours(rules, answers),
        _education(rules, answers),
        _earnings(rules, answers),
    )
    unmet = {f.condition for f in findings if f.met is False}
    unsure = {f.condition for f in findings if f.met is None}
    if answers.country == "scotland":
        outcome = CARER_SUPPORT_PAYMENT
    elif answers.country == "northern_ireland":
        outcome = NORTHERN_IRELAND
    elif unmet:
        outcome = UNLIKELY
    elif unsure:
        outcome = MAY_GET_IF_BENEFIT
    else:
        outcome = MAY_GET
    carers_credit = (
        outcome == UNLIKELY
        and unmet <= _CREDIT_STILL_POSSIBLE
        and answers.hours >= rules.carers_credit_hours
    )
    return Result(outcome=outcome, findings=findings, carers_credit=carers_credit)

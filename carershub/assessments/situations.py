"""Which statutory assessment applies in which situation, under the law of England.

Each kind of assessment has its own statute, and the statutes draw their lines by age and by
relationship:

- Care Act 2014, s10: a carer's assessment, for an adult (18 or over, s10(3)) who provides or
  intends to provide care for another adult.
- Children Act 1989, s17ZA: a young carer's needs assessment, for a person under 18 who provides
  or intends to provide care for another person of any age (s17ZA(3)).
- Children Act 1989, s17ZD: a parent carer's needs assessment, for a person aged 18 or over who
  provides or intends to provide care for a disabled child for whom they have parental
  responsibility (s17ZD(3)), as recorded on the caring relationship: a special guardian
  qualifies; someone without parental responsibility does not, whatever the relationship. A
  parent under 18 caring for their own child is a young carer.
- Care Act 2014, ss63-64: a young carer's (transition) assessment, for a person under 18 who
  provides or intends to provide care for an adult (s63(6)) and is likely to have needs for
  support after becoming 18. A young carer caring only for a child has no s63 route.
- Care Act 2014, ss60-62: a child's carer's (transition) assessment, for an adult (including,
  but not only, a parent) who provides or intends to provide care for a child (s60(7)), where
  the carer is likely to have needs for support after the child becomes 18.
- Care and Support (Assessment) Regulations 2014 (SI 2014/2827), reg 2: a supported
  self-assessment, carried out jointly by the council and the carer. The hub offers it as a way
  of doing a carer's assessment, so it follows the carer's assessment rules.
- Care Act 2014, s27: a review of a support plan, which needs an assessment to have been
  completed.

What this module cannot judge is left to the practitioner: whether a child is disabled (Children
Act 1989, s17(11)), whether a transition assessment would be of "significant benefit" (s60(1),
s63(1)), and whether caring is under a contract or as voluntary work (s10(9), s63(7), s17ZB(3)).
Wales has its own Act (Social Services and Well-being (Wales) Act 2014) and is not encoded.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.db import models

ADULT_AGE = 18


class AssessmentType(models.TextChoices):
    """The statutory kinds of assessment the hub carries out, in the order they are offered."""

    ADULT_CARER = "adult_carer", "Carer's assessment"
    YOUNG_CARER = "young_carer", "Young carer's needs assessment"
    PARENT_CARER = "parent_carer", "Parent carer's needs assessment"
    YOUNG_CARER_TRANSITION = "young_carer_transition", "Young carer's transition assessment"
    CHILDS_CARER_TRANSITION = "childs_carer_transition", "Child's carer's transition assessment"
    SUPPORTED_SELF = "supported_self", "Supported self-assessment"
    REVIEW = "review", "Review"


LEGAL_BASIS: dict[AssessmentType, str] = {
    AssessmentType.ADULT_CARER: "Care Act 2014, section 10",
    AssessmentType.YOUNG_CARER: "Children Act 1989, section 17ZA",
    AssessmentType.PARENT_CARER: "Children Act 1989, section 17ZD",
    AssessmentType.YOUNG_CARER_TRANSITION: "Care Act 2014, sections 63 and 64",
    AssessmentType.CHILDS_CARER_TRANSITION: "Care Act 2014, sections 60 to 62",
    AssessmentType.SUPPORTED_SELF: (
        "Care Act 2014, section 10, and the Care and Support (Assessment) "
        "Regulations 2014, regulation 2"
    ),
    AssessmentType.REVIEW: "Care Act 2014, section 27",
}


# A review of a young carer's or parent carer's needs assessment (Children Act 1989 s17ZA, s17ZD) is
# a Children Act review, never a Care Act s27 review, which is of a Care Act support plan.
CHILDREN_ACT_REVIEW_BASIS: dict[AssessmentType, str] = {
    AssessmentType.YOUNG_CARER: "Children Act 1989, section 17ZA (a Children Act review)",
    AssessmentType.PARENT_CARER: "Children Act 1989, section 17ZD (a Children Act review)",
}


def legal_basis_for(assessment_type, reviewed_type=None) -> str:
    """The law an assessment is carried out under; a review follows the law of what it reviews."""
    assessment_type = AssessmentType(assessment_type)
    if assessment_type == AssessmentType.REVIEW and reviewed_type:
        return CHILDREN_ACT_REVIEW_BASIS.get(
            AssessmentType(reviewed_type), LEGAL_BASIS[AssessmentType.REVIEW]
        )
    return LEGAL_BASIS[assessment_type]


def label_for(assessment_type, reviewed_type=None) -> str:
    """The kind's name: a review of a Children Act assessment is called a Children Act review."""
    assessment_type = AssessmentType(assessment_type)
    if (
        assessment_type == AssessmentType.REVIEW
        and reviewed_type
        and AssessmentType(reviewed_type) in CHILDREN_ACT_REVIEW_BASIS
    ):
        return f"Children Act review of a {AssessmentType(reviewed_type).label.lower()}"
    return assessment_type.label


class Regulation3(StrEnum):
    """Whether the carers' eligibility criteria (SI 2015/313 reg 3) apply to an assessment."""

    APPLIES = "applies"
    AT_18 = (
        "at_18"  # a transition assessment indicates whether needs are likely to be eligible at 18
    )
    NO = "no"  # a Children Act assessment: regulation 3 is a Care Act test for carers of adults


# A review is not here: whether regulation 3 applies depends on what it reviews (regulation_3_for).
REGULATION_3: dict[AssessmentType, Regulation3] = {
    AssessmentType.ADULT_CARER: Regulation3.APPLIES,
    AssessmentType.SUPPORTED_SELF: Regulation3.APPLIES,
    AssessmentType.YOUNG_CARER_TRANSITION: Regulation3.AT_18,
    AssessmentType.CHILDS_CARER_TRANSITION: Regulation3.AT_18,
    AssessmentType.YOUNG_CARER: Regulation3.NO,
    AssessmentType.PARENT_CARER: Regulation3.NO,
}


def regulation_3_for(
    assessment_type: AssessmentType | str, reviewed_type: AssessmentType | str | None = None
) -> Regulation3:
    """Whether regulation 3 applies to an assessment of this type.

    A review (Care Act 2014, s27) follows the assessment it reviews, so regulation 3 applies to
    a review only when it applied to that assessment; pass the original assessment's type.
    """
    assessment_type = AssessmentType(assessment_type)
    if assessment_type != AssessmentType.REVIEW:
        return REGULATION_3[assessment_type]
    if reviewed_type is None or AssessmentType(reviewed_type) == AssessmentType.REVIEW:
        raise ValueError("A review follows the assessment it reviews: give that assessment's type.")
    return REGULATION_3[AssessmentType(reviewed_type)]


@dataclass(frozen=True)
class CaredFor:
    """One person the carer looks after.

    `age` is in whole years today (None when the date of birth is not recorded).
    `has_parental_responsibility` is as recorded on the caring relationship (None when not
    recorded), never inferred from the relationship "child": a special guardian has it for a child
    who is not theirs.
    """

    age: int | None
    has_parental_responsibility: bool | None = False

    @property
    def is_adult(self):
        return None if self.age is None else self.age >= ADULT_AGE


@dataclass(frozen=True)
class Situation:
    """What the statutes turn on: the carer's age, who they care for, and what has been done."""

    carer_age: int | None
    cared_for: tuple[CaredFor, ...]
    has_completed_assessment: bool = False


@dataclass(frozen=True)
class _Missing:
    """A fact the rule needs before it can say yes or no: ask for it, never refuse for want of it.

    An unknown date of birth is not a "no": the routing says what to record to see which
    assessment applies, and the assessment is neither refused nor a condition failed.
    """

    sentence: str


_CARER_AGE = _Missing(
    "The carer has no date of birth recorded: record their date of birth to see which "
    "assessment applies."
)
_NOBODY = _Missing(
    "No one they care for is recorded yet: record the people they care for to see which "
    "assessment applies."
)


def _cared_for_age(situation):
    if len(situation.cared_for) == 1:
        return _Missing(
            "The person they care for has no date of birth recorded: record their date of birth "
            "to see which assessment applies."
        )
    return _Missing(
        "Not everyone they care for has a date of birth recorded: record their dates of birth "
        "to see which assessment applies."
    )


# Who each kind of assessment is for, completing "A <kind> ...".
_FOR_WHOM = {
    AssessmentType.ADULT_CARER: "is for carers aged 18 or over who care for an adult",
    AssessmentType.SUPPORTED_SELF: (
        "is a way of doing a carer's assessment, for carers aged 18 or over who care for an adult"
    ),
    AssessmentType.YOUNG_CARER: "is for carers under 18",
    AssessmentType.PARENT_CARER: (
        "is for carers aged 18 or over with parental responsibility for the disabled child under "
        "18 they care for"
    ),
    AssessmentType.YOUNG_CARER_TRANSITION: "is for carers under 18 who care for an adult",
    AssessmentType.CHILDS_CARER_TRANSITION: "is for carers aged 18 or over who care for a child "
    "under 18",
}


def _carer_is(situation):
    return f"this carer is {situation.carer_age}"


def _cares_for(situation, adult):
    """None if they care for someone on the right side of 18, else why not (or what is missing)."""
    if not situation.cared_for:
        return _NOBODY
    if any(person.is_adult is adult for person in situation.cared_for):
        return None
    if any(person.age is None for person in situation.cared_for):
        return _cared_for_age(situation)
    if len(situation.cared_for) == 1:
        return f"the person they care for is {situation.cared_for[0].age}"
    return "everyone they care for is " + ("under 18" if adult else "18 or over")


def _carers_assessment(situation):
    """Care Act 2014, s10(3): a carer is an adult who provides or intends to provide care for an
    adult.
    """
    if situation.carer_age is None:
        return _CARER_AGE
    if situation.carer_age < ADULT_AGE:
        return _carer_is(situation)
    return _cares_for(situation, adult=True)


def _young_carers_needs_assessment(situation):
    """Children Act 1989, s17ZA(3): a young carer is under 18 and cares for another person of any
    age.
    """
    if situation.carer_age is None:
        return _CARER_AGE
    if situation.carer_age >= ADULT_AGE:
        return _carer_is(situation)
    if not situation.cared_for:
        return _NOBODY
    return None


def _parent_carers_needs_assessment(situation):
    """Children Act 1989, s17ZD(3): a parent carer is 18 or over and cares for a disabled child
    for whom they have parental responsibility.

    Whether the child is disabled (s17(11)) is for the practitioner to judge, as is whether the
    child and family are ones the council may support under s17 (s17ZD(4)).
    """
    if situation.carer_age is None:
        return _CARER_AGE
    if situation.carer_age < ADULT_AGE:
        return _carer_is(situation)
    if not situation.cared_for:
        return _NOBODY
    children = [person for person in situation.cared_for if person.has_parental_responsibility]
    if not children:
        unrecorded = [
            person
            for person in situation.cared_for
            if person.has_parental_responsibility is None and person.is_adult is not True
        ]
        if unrecorded:
            return _Missing(
                "Whether the carer has parental responsibility for the child they care for is not "
                "recorded: record it to see which assessment applies."
            )
        return "they do not have parental responsibility for anyone they care for"
    if any(person.is_adult is False for person in children):
        return None
    if any(person.age is None for person in children):
        return _cared_for_age(situation)
    if len(children) == 1:
        return f"their child is {children[0].age}"
    return "their children are all 18 or over"


def _young_carers_transition_assessment(situation):
    """Care Act 2014, s63(6): a young carer, for this purpose,
    is under 18 and cares for an adult.
    """
    if situation.carer_age is None:
        return _CARER_AGE
    if situation.carer_age >= ADULT_AGE:
        return _carer_is(situation)
    return _cares_for(situation, adult=True)


def _childs_carers_transition_assessment(situation):
    """Care Act 2014, s60(7): a child's carer is an adult, parent or not, who cares for a child."""
    if situation.carer_age is None:
        return _CARER_AGE
    if situation.carer_age < ADULT_AGE:
        return _carer_is(situation)
    return _cares_for(situation, adult=False)


_CHECKS = {
    AssessmentType.ADULT_CARER: _carers_assessment,
    AssessmentType.YOUNG_CARER: _young_carers_needs_assessment,
    AssessmentType.PARENT_CARER: _parent_carers_needs_assessment,
    AssessmentType.YOUNG_CARER_TRANSITION: _young_carers_transition_assessment,
    AssessmentType.CHILDS_CARER_TRANSITION: _childs_carers_transition_assessment,
    # SI 2014/2827 reg 2: a way of carrying out the assessment, not a separate duty.
    AssessmentType.SUPPORTED_SELF: _carers_assessment,
}

# The assessments a refusal can point to instead, in order of preference.
_ALTERNATIVES = (
    AssessmentType.ADULT_CARER,
    AssessmentType.YOUNG_CARER,
    AssessmentType.PARENT_CARER,
    AssessmentType.YOUNG_CARER_TRANSITION,
    AssessmentType.CHILDS_CARER_TRANSITION,
)


def refusal(assessment_type: AssessmentType | str, situation: Situation) -> str | None:
    """None when this kind of assessment may be started; otherwise one sentence saying why not.

    Where another kind of assessment fits the situation, the sentence ends by naming it. Where a
    date of birth (or the person cared for) is missing, it asks for that instead of guessing.
    """
    assessment_type = AssessmentType(assessment_type)
    if assessment_type == AssessmentType.REVIEW:
        return _review_refusal(situation)
    problem = _CHECKS[assessment_type](situation)
    if problem is None:
        return None
    if isinstance(problem, _Missing):
        return problem.sentence
    name = f"A {assessment_type.label.lower()}"
    return f"{name} {_FOR_WHOM[assessment_type]}: {problem}.{_instead(assessment_type, situation)}"


def _review_refusal(situation):
    """Care Act 2014, s27: a review looks again at a plan,
    so there must be a completed assessment.
    """
    if situation.has_completed_assessment:
        return None
    alternative = _first_alternative(situation, exclude=AssessmentType.REVIEW)
    start = f" Start a {alternative.label.lower()} first." if alternative else ""
    return f"A review looks again at a completed assessment: this carer has none yet.{start}"


def _instead(assessment_type, situation):
    alternative = _first_alternative(situation, exclude=assessment_type)
    return f" Start a {alternative.label.lower()} instead." if alternative else ""


def _first_alternative(situation, exclude):
    for candidate in _ALTERNATIVES:
        if candidate != exclude and _CHECKS[candidate](situation) is None:
            return candidate
    return None


def waits_for_a_fact(assessment_type: AssessmentType | str, situation: Situation) -> bool:
    """True when whether this kind applies turns on a date of birth
    (or a person) not yet recorded.
    """
    assessment_type = AssessmentType(assessment_type)
    if assessment_type == AssessmentType.REVIEW:
        return False
    return isinstance(_CHECKS[assessment_type](situation), _Missing)


def to_record(situation: Situation) -> list[str]:
    """What to record to see which further assessments apply: one sentence each, no repeats."""
    sentences = [
        refusal(kind, situation) for kind in AssessmentType if waits_for_a_fact(kind, situation)
    ]
    return list(dict.fromkeys(sentences))


def offered_types(situation: Situation) -> list[AssessmentType]:
    """The kinds of assessment that may be started in this situation, in the enum's order."""
    return [
        assessment_type
        for assessment_type in AssessmentType
        if refusal(assessment_type, situation) is None
    ]

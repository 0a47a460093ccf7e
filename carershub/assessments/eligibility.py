"""Whether a carer's needs meet the national eligibility criteria, as a suggestion.

The rule is regulation 3 of the Care and Support (Eligibility Criteria) Regulations 2015
(SI 2015/313), made under section 13 of the Care Act 2014. A carer's needs are eligible when
all three conditions of regulation 3(1) hold:

(a) the needs arise as a consequence of providing necessary care for an adult;
(b) the effect of the needs is that one of the circumstances in regulation 3(2) applies: the
    carer's physical or mental health is, or is at risk of, deteriorating (3(2)(a)), or the
    carer is unable to achieve any of the eight outcomes in 3(2)(b)(i)-(viii);
(c) as a consequence there is, or is likely to be, a significant impact on the carer's
    wellbeing.

Regulation 3(3) says what "unable" means: unable without assistance, or able only with
significant pain, distress or anxiety, or only by endangering (or being likely to endanger) the
health or safety of the carer or of others.

This module only suggests. The determination is the council's (Care Act 2014, s13(1)), made by
a named practitioner who records their decision and reasons, and who must take fluctuating needs
into account over a suitable period (reg 3(4)), which no set of answers here can capture.

Nothing here touches the database: it takes plain answers and returns a `Suggestion`.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models


class Outcome(models.TextChoices):
    """The eight outcomes of SI 2015/313 reg 3(2)(b)(i)-(viii), in the regulation's order.

    The regulation sets no hierarchy: being unable to achieve any one of them is enough for
    condition (b).
    """

    CARING_FOR_CHILD = (  # (i)
        "caring_for_child",
        "Carrying out any caring responsibilities the carer has for a child",
    )
    CARING_FOR_OTHERS = (  # (ii)
        "caring_for_others",
        "Providing care to other persons for whom the carer provides care",
    )
    HABITABLE_HOME = (  # (iii)
        "habitable_home",
        "Maintaining a habitable home environment in the carer's home (whether or not this is "
        "also the home of the adult needing care)",
    )
    NUTRITION = "nutrition", "Managing and maintaining nutrition"  # (iv)
    RELATIONSHIPS = (
        "relationships",
        "Developing and maintaining family or other personal relationships",
    )  # (v)
    WORK_TRAINING_EDUCATION_VOLUNTEERING = (  # (vi)
        "work_training_education_volunteering",
        "Engaging in work, training, education or volunteering",
    )
    LOCAL_FACILITIES = (  # (vii)
        "local_facilities",
        "Making use of necessary facilities or services in the local community, including "
        "recreational facilities or services",
    )
    RECREATION = "recreation", "Engaging in recreational activities"  # (viii)


# Outcomes that presuppose something not every carer has: a carer with no children cannot be unable
# to care for a child, nor one who cares for nobody else unable to care for others. Only these may
# be answered "does not apply"; the other six apply to every carer.
MAY_NOT_APPLY = {
    Outcome.CARING_FOR_CHILD: "Does not apply: they have no caring responsibilities for a child",
    Outcome.CARING_FOR_OTHERS: "Does not apply: they provide care to no one else",
}


# What the carer does, as a verb phrase, so that reasons read "they can <do this> only with help".
_OUTCOME_ACTIVITY = {
    Outcome.CARING_FOR_CHILD: "carry out their caring responsibilities for a child",
    Outcome.CARING_FOR_OTHERS: "care for the other people they look after",
    Outcome.HABITABLE_HOME: "keep their home habitable",
    Outcome.NUTRITION: "manage their nutrition",
    Outcome.RELATIONSHIPS: "keep up family or other personal relationships",
    Outcome.WORK_TRAINING_EDUCATION_VOLUNTEERING: "engage in work, training, education or "
    "volunteering",
    Outcome.LOCAL_FACILITIES: "use necessary facilities or services in the local community",
    Outcome.RECREATION: "take part in recreational activities",
}


class OutcomeAnswer(models.TextChoices):
    """How far the carer can achieve one outcome.

    Every answer except `ACHIEVED` counts as "unable" under SI 2015/313 reg 3(3), so the
    practitioner records how, not just whether: the difference matters when planning support.
    """

    ACHIEVED = "achieved", "Can achieve this"
    WITH_HELP = "with_help", "Only with help"  # reg 3(3)(a)
    WITH_DISTRESS = (
        "with_distress",
        "Only with significant pain, distress or anxiety",
    )  # reg 3(3)(b)
    ENDANGERING = (  # reg 3(3)(c)
        "endangering",
        "Only by endangering their own or someone else's health or safety",
    )
    NOT_ACHIEVED = "not_achieved", "Cannot achieve this"
    # Only for the outcomes in MAY_NOT_APPLY: neither achieved nor unable, so it never meets (b).
    DOES_NOT_APPLY = "does_not_apply", "Does not apply to them"

    @classmethod
    def is_unable(cls, answer):
        """Whether an answer counts as "unable to achieve" under reg 3(3)."""
        return is_unable(answer)


def is_unable(answer):
    """Whether an answer counts as "unable to achieve" under SI 2015/313 reg 3(3).

    Only `achieved` is "able": help (3(3)(a)), significant pain, distress or anxiety (3(3)(b))
    and endangering health or safety (3(3)(c)) all count as unable, as does not at all. An
    outcome that does not apply to the carer (no child to care for) is not one they are unable
    to achieve.
    """
    return OutcomeAnswer(answer) not in (OutcomeAnswer.ACHIEVED, OutcomeAnswer.DOES_NOT_APPLY)


def answers_for(outcome):
    """The answers an outcome offers: "does not apply" only where the outcome may not apply."""
    choices = [(a.value, a.label) for a in OutcomeAnswer if a != OutcomeAnswer.DOES_NOT_APPLY]
    if outcome in MAY_NOT_APPLY:
        choices.append((OutcomeAnswer.DOES_NOT_APPLY.value, MAY_NOT_APPLY[outcome]))
    return choices


# How each way of being unable reads after "they can <do this>" (or in place of "can").
_HOW_UNABLE = {
    OutcomeAnswer.WITH_HELP: "can {activity} only with help",
    OutcomeAnswer.WITH_DISTRESS: "can {activity} only with significant pain, distress or anxiety",
    OutcomeAnswer.ENDANGERING: "can {activity} only by endangering their own or someone else's "
    "health or safety",
    OutcomeAnswer.NOT_ACHIEVED: "cannot {activity}",
}


class Decision(models.TextChoices):
    """The practitioner's determination, and the form a suggestion is recorded in."""

    ELIGIBLE = "eligible", "Eligible"
    NOT_ELIGIBLE = "not_eligible", "Not eligible"


# Plain-English names of the questions, for the list of what is still to answer.
NECESSARY_CARE_QUESTION = "Whether the care they give is necessary"
ADULT_QUESTION = "Whether the person they care for is an adult"
HEALTH_QUESTION = (
    "Whether their physical or mental health is deteriorating or at risk of deteriorating"
)
IMPACT_QUESTION = "Whether there is, or is likely to be, a significant impact on their wellbeing"

CARED_FOR_ELIGIBILITY_NOTE = (
    "A carer can be eligible whether or not the person they care for has eligible needs."
)


@dataclass(frozen=True)
class Suggestion:
    """What the answers suggest, and why, for the practitioner to accept or overrule.

    `eligible` is None when answers the rule still needs are missing. When a condition is
    decisively unmet, `eligible` is False even if other answers are missing: no further answer
    could make the carer eligible, so the practitioner can say so now.

    `reasons` has one sentence for each condition, (a), (b) and (c), then any notes. `not_met`
    holds the short form of each unmet condition, for the summary.
    """

    eligible: bool | None
    missing: tuple[str, ...]
    health_at_risk: bool
    unable_outcomes: tuple[Outcome, ...]
    reasons: tuple[str, ...]
    not_met: tuple[str, ...] = ()

    @property
    def decision(self):
        """The suggestion as a `Decision` value, or "" when there is not enough to suggest."""
        if self.eligible is None:
            return ""
        return Decision.ELIGIBLE if self.eligible else Decision.NOT_ELIGIBLE

    @property
    def summary(self):
        """One sentence for the top of the determination page."""
        if self.eligible is None:
            return "Not enough answers to suggest yet"
        if self.eligible:
            return "Suggested: eligible"
        return "Suggested: not eligible, because " + "; ".join(self.not_met)


@dataclass(frozen=True)
class _Condition:
    """One condition of reg 3(1): met (True), not met (False) or undecided (None)."""

    letter: str
    met: bool | None
    explanation: str
    missing: tuple[str, ...] = ()

    @property
    def reason(self):
        if self.met is None:
            these = "this has" if len(self.missing) == 1 else "these have"
            return (
                f"Condition ({self.letter}) cannot be decided yet, because {these} not been "
                f"answered: {self.explanation}."
            )
        state = "is met" if self.met else "is not met"
        return f"Condition ({self.letter}) {state}: {self.explanation}."


def suggest(
    *,
    provides_necessary_care: bool | None,
    cared_for_is_adult: bool | None,
    health_at_risk: bool | None,
    outcomes: Mapping[str, str],
    significant_impact: bool | None,
    cared_for_has_eligible_needs: bool | None = None,
) -> Suggestion:
    """Apply SI 2015/313 reg 3(1) to the answers so far and suggest a determination.

    Every boolean may be None (not answered yet). `outcomes` maps `Outcome` values to
    `OutcomeAnswer` values and may leave outcomes out.

    `cared_for_has_eligible_needs` is recorded in the reasons but never changes the result: the
    duty to meet a carer's eligible needs (Care Act 2014, s20) sets no condition about the
    cared-for person's own eligibility, and the Care and Support Statutory Guidance (chapter 6)
    says carers can be eligible whether or not the adult they care for has eligible needs.
    """
    answers = _clean_outcomes(outcomes)
    conditions = (
        _condition_a(provides_necessary_care, cared_for_is_adult),
        _condition_b(health_at_risk, answers),
        _condition_c(significant_impact),
    )
    eligible = _combine(condition.met for condition in conditions)
    missing = tuple(question for condition in conditions for question in condition.missing)
    reasons = [condition.reason for condition in conditions]
    if eligible is False and missing:
        reasons.append(
            "Some answers are still missing, but none of them could change this suggestion."
        )
    note = _cared_for_note(cared_for_has_eligible_needs)
    if note:
        reasons.append(note)
    return Suggestion(
        eligible=eligible,
        missing=missing,
        health_at_risk=health_at_risk is True,
        unable_outcomes=tuple(outcome for outcome, answer in answers.items() if is_unable(answer)),
        reasons=tuple(reasons),
        not_met=tuple(
            f"condition ({c.letter}) is not met: {c.explanation}"
            for c in conditions
            if c.met is False
        ),
    )


def _clean_outcomes(outcomes):
    """The answered outcomes as enum members, in the regulation's order, ignoring blanks."""
    answered = {
        Outcome(key): OutcomeAnswer(value) for key, value in (outcomes or {}).items() if value
    }
    for outcome, answer in answered.items():
        if answer == OutcomeAnswer.DOES_NOT_APPLY and outcome not in MAY_NOT_APPLY:
            raise ValueError(
                f"{outcome.label} applies to every carer: it cannot be answered 'does not apply'."
            )
    return {outcome: answered[outcome] for outcome in Outcome if outcome in answered}


def _combine(results):
    """All three must hold: any False decides "not eligible"; otherwise any None leaves it open."""
    results = list(results)
    if False in results:
        return False
    if None in results:
        return None
    return True


def _condition_a(provides_necessary_care, cared_for_is_adult):
    """Reg 3(1)(a): the needs arise as a consequence of providing necessary care for an adult."""
    failures = []
    if provides_necessary_care is False:
        failures.append("the care they give is not necessary care")
    if cared_for_is_adult is False:
        failures.append("the person they care for is not an adult")
    if failures:
        return _Condition("a", False, " and ".join(failures))
    missing = []
    if provides_necessary_care is None:
        missing.append(NECESSARY_CARE_QUESTION)
    if cared_for_is_adult is None:
        missing.append(ADULT_QUESTION)
    if missing:
        return _Condition("a", None, _still_to_answer(missing), tuple(missing))
    return _Condition("a", True, "their needs arise from providing necessary care to an adult")


def _condition_b(health_at_risk, answers):
    """Reg 3(1)(b) with 3(2): health deteriorating or at risk, or unable to achieve an outcome.

    Either circumstance is enough, so once one is found the others are not needed. The outcomes
    are only needed while the health question has not settled the matter.
    """
    unable = [(outcome, answer) for outcome, answer in answers.items() if is_unable(answer)]
    if health_at_risk is True or unable:
        return _Condition("b", True, _how_b_is_met(health_at_risk is True, unable))
    missing = [HEALTH_QUESTION] if health_at_risk is None else []
    missing += [outcome.label for outcome in Outcome if outcome not in answers]
    if missing:
        return _Condition("b", None, _still_to_answer(missing), tuple(missing))
    if any(answer == OutcomeAnswer.DOES_NOT_APPLY for answer in answers.values()):
        return _Condition(
            "b",
            False,
            "their health is not deteriorating or at risk, and they can achieve "
            "every outcome that applies to them",
        )
    return _Condition(
        "b",
        False,
        "their health is not deteriorating or at risk, and they can achieve all eight outcomes",
    )


def _how_b_is_met(health_at_risk, unable):
    parts = []
    if health_at_risk:
        parts.append("their physical or mental health is deteriorating or at risk of deteriorating")
    for outcome, answer in unable:
        parts.append("they " + _HOW_UNABLE[answer].format(activity=_OUTCOME_ACTIVITY[outcome]))
    return _join(parts)


def _condition_c(significant_impact):
    """Reg 3(1)(c): as a consequence there is, or is likely to be,
    a significant impact on wellbeing.
    """
    if significant_impact is None:
        return _Condition("c", None, _still_to_answer([IMPACT_QUESTION]), (IMPACT_QUESTION,))
    if significant_impact:
        return _Condition(
            "c",
            True,
            "as a consequence there is, or is likely to be, "
            "a significant impact on their wellbeing",
        )
    return _Condition(
        "c", False, "there is not, and is not likely to be, a significant impact on their wellbeing"
    )


def _cared_for_note(cared_for_has_eligible_needs):
    """Record the cared-for person's own eligibility without letting it count (Care Act 2014,
    s20).
    """
    if cared_for_has_eligible_needs is None:
        return ""
    has = "has" if cared_for_has_eligible_needs else "does not have"
    return (
        f"The person they care for {has} eligible needs of their own, which does not change the "
        f"suggestion. {CARED_FOR_ELIGIBILITY_NOTE}"
    )


def _still_to_answer(questions):
    """The unanswered questions as one phrase, for the end of a sentence."""
    return _join([question[0].lower() + question[1:] for question in questions])


def _join(parts):
    """Join phrases as English does: "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]

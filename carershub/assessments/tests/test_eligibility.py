"""The regulation 3 suggestion (SI 2015/313): every way of meeting or missing each condition."""

import pytest

from carershub.assessments.eligibility import (
    ADULT_QUESTION,
    CARED_FOR_ELIGIBILITY_NOTE,
    HEALTH_QUESTION,
    IMPACT_QUESTION,
    NECESSARY_CARE_QUESTION,
    Decision,
    Outcome,
    OutcomeAnswer,
    Suggestion,
    is_unable,
    suggest,
)

UNABLE_ANSWERS = [
    OutcomeAnswer.WITH_HELP,
    OutcomeAnswer.WITH_DISTRESS,
    OutcomeAnswer.ENDANGERING,
    OutcomeAnswer.NOT_ACHIEVED,
]

ALL_ACHIEVED = {outcome.value: OutcomeAnswer.ACHIEVED.value for outcome in Outcome}


def answers(**overrides):
    """A complete set of answers for an eligible carer whose health is at risk, changed as given."""
    base = {
        "provides_necessary_care": True,
        "cared_for_is_adult": True,
        "health_at_risk": True,
        "outcomes": dict(ALL_ACHIEVED),
        "significant_impact": True,
    }
    return {**base, **overrides}


def with_outcome(outcome, answer):
    return {**ALL_ACHIEVED, outcome.value: answer.value}


def reason_for(suggestion, letter):
    (reason,) = [r for r in suggestion.reasons if r.startswith(f"Condition ({letter})")]
    return reason


class TestChoices:
    def test_the_eight_outcomes_of_regulation_3_2_b(self):
        assert [o.value for o in Outcome] == [
            "caring_for_child",
            "caring_for_others",
            "habitable_home",
            "nutrition",
            "relationships",
            "work_training_education_volunteering",
            "local_facilities",
            "recreation",
        ]
        assert (
            Outcome.CARING_FOR_CHILD.label
            == "Carrying out any caring responsibilities the carer has for a child"
        )

    def test_answers_and_labels(self):
        assert dict(OutcomeAnswer.choices) == {
            "achieved": "Can achieve this",
            "with_help": "Only with help",
            "with_distress": "Only with significant pain, distress or anxiety",
            "endangering": "Only by endangering their own or someone else's health or safety",
            "not_achieved": "Cannot achieve this",
            "does_not_apply": "Does not apply to them",
        }

    def test_decisions(self):
        assert dict(Decision.choices) == {"eligible": "Eligible", "not_eligible": "Not eligible"}

    @pytest.mark.parametrize("answer", UNABLE_ANSWERS)
    def test_every_answer_but_achieved_is_unable(self, answer):
        assert is_unable(answer)
        assert is_unable(answer.value)
        assert OutcomeAnswer.is_unable(answer)

    def test_achieved_is_not_unable(self):
        assert not is_unable(OutcomeAnswer.ACHIEVED)
        assert not OutcomeAnswer.is_unable("achieved")


class TestEligible:
    def test_health_at_risk_alone_is_enough_for_condition_b(self):
        suggestion = suggest(**answers())

        assert suggestion.eligible is True
        assert suggestion.missing == ()
        assert suggestion.health_at_risk is True
        assert suggestion.unable_outcomes == ()
        assert suggestion.summary == "Suggested: eligible"
        assert suggestion.decision == Decision.ELIGIBLE
        assert "health is deteriorating or at risk" in reason_for(suggestion, "b")

    def test_health_at_risk_makes_the_outcomes_unnecessary(self):
        suggestion = suggest(**answers(outcomes={}))

        assert suggestion.eligible is True
        assert suggestion.missing == ()

    @pytest.mark.parametrize("outcome", list(Outcome))
    @pytest.mark.parametrize("answer", UNABLE_ANSWERS)
    def test_one_outcome_alone_is_enough_for_condition_b(self, outcome, answer):
        suggestion = suggest(
            **answers(health_at_risk=False, outcomes=with_outcome(outcome, answer))
        )

        assert suggestion.eligible is True
        assert suggestion.health_at_risk is False
        assert suggestion.unable_outcomes == (outcome,)
        assert reason_for(suggestion, "b").startswith("Condition (b) is met: they ")

    @pytest.mark.parametrize(
        ("answer", "wording"),
        [
            (OutcomeAnswer.WITH_HELP, "they can manage their nutrition only with help"),
            (
                OutcomeAnswer.WITH_DISTRESS,
                "they can manage their nutrition only with significant pain, distress or anxiety",
            ),
            (
                OutcomeAnswer.ENDANGERING,
                "they can manage their nutrition only by endangering their own or someone else's "
                "health or safety",
            ),
            (OutcomeAnswer.NOT_ACHIEVED, "they cannot manage their nutrition"),
        ],
    )
    def test_the_reason_says_how_the_outcome_is_not_achieved(self, answer, wording):
        suggestion = suggest(
            **answers(health_at_risk=False, outcomes=with_outcome(Outcome.NUTRITION, answer))
        )

        assert reason_for(suggestion, "b") == f"Condition (b) is met: {wording}."

    def test_the_reasons_name_every_condition_and_every_outcome_not_achieved(self):
        outcomes = {
            **ALL_ACHIEVED,
            Outcome.NUTRITION.value: OutcomeAnswer.WITH_HELP.value,
            Outcome.RECREATION.value: OutcomeAnswer.NOT_ACHIEVED.value,
        }
        suggestion = suggest(**answers(outcomes=outcomes))

        assert suggestion.unable_outcomes == (Outcome.NUTRITION, Outcome.RECREATION)
        assert suggestion.reasons[:3] == (
            "Condition (a) is met: their needs arise from providing necessary care to an adult.",
            "Condition (b) is met: their physical or mental health is deteriorating or at risk of "
            "deteriorating, they can manage their nutrition only with help and they cannot take "
            "part in recreational activities.",
            "Condition (c) is met: as a consequence there is, or is likely to be, a significant "
            "impact on their wellbeing.",
        )

    def test_outcomes_are_read_in_the_regulations_order(self):
        outcomes = {
            Outcome.RECREATION.value: OutcomeAnswer.WITH_HELP.value,
            Outcome.CARING_FOR_CHILD.value: OutcomeAnswer.WITH_HELP.value,
        }
        suggestion = suggest(**answers(outcomes=outcomes))

        assert suggestion.unable_outcomes == (Outcome.CARING_FOR_CHILD, Outcome.RECREATION)

    def test_an_outcome_not_achieved_decides_b_while_health_is_unanswered(self):
        suggestion = suggest(
            **answers(
                health_at_risk=None,
                outcomes={Outcome.NUTRITION.value: OutcomeAnswer.WITH_HELP.value},
            )
        )

        assert suggestion.eligible is True
        assert suggestion.missing == ()
        assert suggestion.health_at_risk is False


class TestNotEligible:
    def test_care_that_is_not_necessary(self):
        suggestion = suggest(**answers(provides_necessary_care=False))

        assert suggestion.eligible is False
        assert suggestion.decision == Decision.NOT_ELIGIBLE
        assert (
            reason_for(suggestion, "a")
            == "Condition (a) is not met: the care they give is not necessary care."
        )
        assert suggestion.summary == (
            "Suggested: not eligible, because condition (a) is not met: the care they give is "
            "not necessary care"
        )

    def test_caring_for_a_child(self):
        suggestion = suggest(**answers(cared_for_is_adult=False))

        assert suggestion.eligible is False
        assert (
            reason_for(suggestion, "a")
            == "Condition (a) is not met: the person they care for is not an adult."
        )

    def test_care_not_necessary_and_for_a_child(self):
        suggestion = suggest(**answers(provides_necessary_care=False, cared_for_is_adult=False))

        assert reason_for(suggestion, "a") == (
            "Condition (a) is not met: the care they give is not necessary care "
            "and the person they care for is not an adult."
        )

    def test_health_not_at_risk_and_every_outcome_achieved(self):
        suggestion = suggest(**answers(health_at_risk=False))

        assert suggestion.eligible is False
        assert suggestion.missing == ()
        assert reason_for(suggestion, "b") == (
            "Condition (b) is not met: their health is not deteriorating or at risk, "
            "and they can achieve all eight outcomes."
        )
        assert "condition (b) is not met" in suggestion.summary

    @pytest.mark.parametrize("answer", UNABLE_ANSWERS)
    def test_outcomes_not_achieved_without_a_significant_impact(self, answer):
        suggestion = suggest(
            **answers(
                health_at_risk=False,
                outcomes=with_outcome(Outcome.RELATIONSHIPS, answer),
                significant_impact=False,
            )
        )

        assert suggestion.eligible is False
        assert suggestion.unable_outcomes == (Outcome.RELATIONSHIPS,)
        assert reason_for(suggestion, "b").startswith("Condition (b) is met")
        assert reason_for(suggestion, "c") == (
            "Condition (c) is not met: there is not, and is not likely to be, a significant "
            "impact on their wellbeing."
        )

    def test_health_at_risk_without_a_significant_impact(self):
        suggestion = suggest(**answers(significant_impact=False))

        assert suggestion.eligible is False
        assert suggestion.summary == (
            "Suggested: not eligible, because condition (c) is not met: there is not, "
            "and is not likely to be, a significant impact on their wellbeing"
        )

    def test_the_summary_names_every_condition_not_met(self):
        suggestion = suggest(**answers(cared_for_is_adult=False, significant_impact=False))

        assert suggestion.summary.startswith(
            "Suggested: not eligible, because condition (a) is not met"
        )
        assert "; condition (c) is not met: " in suggestion.summary


class TestCaredForPersonsOwnEligibility:
    @pytest.mark.parametrize("has_eligible_needs", [True, False, None])
    def test_does_not_change_an_eligible_suggestion(self, has_eligible_needs):
        suggestion = suggest(**answers(), cared_for_has_eligible_needs=has_eligible_needs)

        assert suggestion.eligible is True

    @pytest.mark.parametrize("has_eligible_needs", [True, False, None])
    def test_does_not_change_a_not_eligible_suggestion(self, has_eligible_needs):
        suggestion = suggest(
            **answers(significant_impact=False), cared_for_has_eligible_needs=has_eligible_needs
        )

        assert suggestion.eligible is False

    def test_not_eligible_themselves_gives_the_same_result_as_eligible(self):
        eligible = suggest(**answers(), cared_for_has_eligible_needs=True)
        not_eligible = suggest(**answers(), cared_for_has_eligible_needs=False)

        assert (
            eligible.eligible,
            eligible.missing,
            eligible.unable_outcomes,
            eligible.summary,
        ) == (
            not_eligible.eligible,
            not_eligible.missing,
            not_eligible.unable_outcomes,
            not_eligible.summary,
        )
        assert eligible.reasons[:3] == not_eligible.reasons[:3]

    @pytest.mark.parametrize(
        ("has_eligible_needs", "wording"), [(True, "has"), (False, "does not have")]
    )
    def test_is_recorded_in_the_reasons(self, has_eligible_needs, wording):
        suggestion = suggest(**answers(), cared_for_has_eligible_needs=has_eligible_needs)

        assert suggestion.reasons[-1] == (
            f"The person they care for {wording} eligible needs of their own, which does not "
            f"change the suggestion. {CARED_FOR_ELIGIBILITY_NOTE}"
        )

    def test_is_left_out_of_the_reasons_when_unanswered(self):
        suggestion = suggest(**answers())

        assert len(suggestion.reasons) == 3


class TestMissingAnswers:
    def test_nothing_answered(self):
        suggestion = suggest(
            provides_necessary_care=None,
            cared_for_is_adult=None,
            health_at_risk=None,
            outcomes={},
            significant_impact=None,
        )

        assert suggestion.eligible is None
        assert suggestion.decision == ""
        assert suggestion.summary == "Not enough answers to suggest yet"
        assert suggestion.missing == (
            NECESSARY_CARE_QUESTION,
            ADULT_QUESTION,
            HEALTH_QUESTION,
            *(outcome.label for outcome in Outcome),
            IMPACT_QUESTION,
        )
        assert [reason.split(":")[0] for reason in suggestion.reasons] == [
            "Condition (a) cannot be decided yet, because these have not been answered",
            "Condition (b) cannot be decided yet, because these have not been answered",
            "Condition (c) cannot be decided yet, because this has not been answered",
        ]

    @pytest.mark.parametrize(
        ("question", "overrides"),
        [
            (NECESSARY_CARE_QUESTION, {"provides_necessary_care": None}),
            (ADULT_QUESTION, {"cared_for_is_adult": None}),
            (IMPACT_QUESTION, {"significant_impact": None}),
        ],
    )
    def test_one_answer_missing_leaves_the_suggestion_open(self, question, overrides):
        suggestion = suggest(**answers(**overrides))

        assert suggestion.eligible is None
        assert suggestion.missing == (question,)
        assert suggestion.summary == "Not enough answers to suggest yet"

    def test_the_reason_names_the_one_missing_answer(self):
        suggestion = suggest(**answers(significant_impact=None))

        assert reason_for(suggestion, "c") == (
            "Condition (c) cannot be decided yet, because this has not been answered: "
            "whether there is, or is likely to be, a significant impact on their wellbeing."
        )

    def test_outcomes_are_needed_while_health_is_not_at_risk(self):
        partial = {Outcome.NUTRITION.value: OutcomeAnswer.ACHIEVED.value}
        suggestion = suggest(**answers(health_at_risk=False, outcomes=partial))

        assert suggestion.eligible is None
        assert suggestion.missing == tuple(o.label for o in Outcome if o != Outcome.NUTRITION)
        assert (
            "these have not been answered: carrying out any caring responsibilities"
            in reason_for(suggestion, "b")
        )

    def test_outcomes_are_needed_while_health_is_unanswered(self):
        suggestion = suggest(**answers(health_at_risk=None, outcomes={}))

        assert suggestion.eligible is None
        assert suggestion.missing == (HEALTH_QUESTION, *(o.label for o in Outcome))

    def test_health_is_needed_when_every_outcome_is_achieved(self):
        suggestion = suggest(**answers(health_at_risk=None))

        assert suggestion.eligible is None
        assert suggestion.missing == (HEALTH_QUESTION,)

    def test_blank_outcome_answers_count_as_missing(self):
        suggestion = suggest(
            **answers(health_at_risk=False, outcomes={**ALL_ACHIEVED, "recreation": ""})
        )

        assert suggestion.missing == (Outcome.RECREATION.label,)

    def test_a_condition_not_met_decides_even_with_answers_missing(self):
        suggestion = suggest(
            provides_necessary_care=True,
            cared_for_is_adult=False,
            health_at_risk=None,
            outcomes={},
            significant_impact=None,
        )

        assert suggestion.eligible is False
        assert suggestion.summary == (
            "Suggested: not eligible, because condition (a) is not met: "
            "the person they care for is not an adult"
        )
        assert IMPACT_QUESTION in suggestion.missing
        assert (
            suggestion.reasons[3]
            == "Some answers are still missing, but none of them could change this suggestion."
        )

    def test_no_significant_impact_decides_before_the_outcomes_are_answered(self):
        suggestion = suggest(**answers(health_at_risk=None, outcomes={}, significant_impact=False))

        assert suggestion.eligible is False
        assert HEALTH_QUESTION in suggestion.missing

    def test_a_full_set_of_answers_adds_no_note_about_missing_ones(self):
        suggestion = suggest(**answers(significant_impact=False))

        assert not any("still missing" in reason for reason in suggestion.reasons)


def test_a_suggestion_is_immutable():
    suggestion = suggest(**answers())

    assert isinstance(suggestion, Suggestion)
    with pytest.raises(AttributeError):
        suggestion.eligible = False

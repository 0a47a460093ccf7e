"""Which assessment may be started in which situation (law of England)."""

import pytest

from carershub.assessments.situations import (
    LEGAL_BASIS,
    REGULATION_3,
    AssessmentType,
    CaredFor,
    Regulation3,
    Situation,
    offered_types,
    refusal,
    regulation_3_for,
    to_record,
    waits_for_a_fact,
)

T = AssessmentType

ADULT = CaredFor(age=45, has_parental_responsibility=False)
OWN_DISABLED_CHILD = CaredFor(age=10, has_parental_responsibility=True)
SIBLING = CaredFor(age=12, has_parental_responsibility=False)
ADULT_CHILD = CaredFor(age=30, has_parental_responsibility=True)
AGE_UNKNOWN = CaredFor(age=None, has_parental_responsibility=False)

# (carer's age, the person they care for) -> what may be started, in the enum's order.
EXPECTED = {
    (15, "adult"): [T.YOUNG_CARER, T.YOUNG_CARER_TRANSITION],
    (15, "own child"): [T.YOUNG_CARER],
    (15, "sibling"): [T.YOUNG_CARER],
    (17, "adult"): [T.YOUNG_CARER, T.YOUNG_CARER_TRANSITION],
    (17, "own child"): [T.YOUNG_CARER],
    (17, "sibling"): [T.YOUNG_CARER],
    (18, "adult"): [T.ADULT_CARER, T.SUPPORTED_SELF],
    (18, "own child"): [T.PARENT_CARER, T.CHILDS_CARER_TRANSITION],
    (18, "sibling"): [T.CHILDS_CARER_TRANSITION],
    (25, "adult"): [T.ADULT_CARER, T.SUPPORTED_SELF],
    (25, "own child"): [T.PARENT_CARER, T.CHILDS_CARER_TRANSITION],
    (25, "sibling"): [T.CHILDS_CARER_TRANSITION],
    (70, "adult"): [T.ADULT_CARER, T.SUPPORTED_SELF],
    (70, "own child"): [T.PARENT_CARER, T.CHILDS_CARER_TRANSITION],
    (70, "sibling"): [T.CHILDS_CARER_TRANSITION],
}
CARED_FOR = {"adult": ADULT, "own child": OWN_DISABLED_CHILD, "sibling": SIBLING}


def situation(carer_age, *cared_for, completed=False):
    return Situation(
        carer_age=carer_age, cared_for=tuple(cared_for), has_completed_assessment=completed
    )


class TestTheTables:
    def test_the_types_and_their_labels(self):
        assert dict(AssessmentType.choices) == {
            "adult_carer": "Carer's assessment",
            "young_carer": "Young carer's needs assessment",
            "parent_carer": "Parent carer's needs assessment",
            "young_carer_transition": "Young carer's transition assessment",
            "childs_carer_transition": "Child's carer's transition assessment",
            "supported_self": "Supported self-assessment",
            "review": "Review",
        }

    def test_every_type_has_a_legal_basis(self):
        assert set(LEGAL_BASIS) == set(AssessmentType)
        assert LEGAL_BASIS[T.ADULT_CARER] == "Care Act 2014, section 10"
        assert LEGAL_BASIS[T.YOUNG_CARER] == "Children Act 1989, section 17ZA"
        assert LEGAL_BASIS[T.PARENT_CARER] == "Children Act 1989, section 17ZD"
        assert LEGAL_BASIS[T.REVIEW] == "Care Act 2014, section 27"

    def test_regulation_3_values(self):
        assert [r.value for r in Regulation3] == ["applies", "at_18", "no"]
        assert Regulation3.APPLIES == "applies"

    @pytest.mark.parametrize(
        ("assessment_type", "expected"),
        [
            (T.ADULT_CARER, Regulation3.APPLIES),
            (T.SUPPORTED_SELF, Regulation3.APPLIES),
            (T.YOUNG_CARER_TRANSITION, Regulation3.AT_18),
            (T.CHILDS_CARER_TRANSITION, Regulation3.AT_18),
            (T.YOUNG_CARER, Regulation3.NO),
            (T.PARENT_CARER, Regulation3.NO),
        ],
    )
    def test_where_regulation_3_applies(self, assessment_type, expected):
        assert REGULATION_3[assessment_type] == expected
        assert regulation_3_for(assessment_type) == expected
        assert regulation_3_for(assessment_type.value) == expected

    @pytest.mark.parametrize(
        ("reviewed", "expected"),
        [
            (T.ADULT_CARER, Regulation3.APPLIES),
            (T.SUPPORTED_SELF, Regulation3.APPLIES),
            (T.YOUNG_CARER, Regulation3.NO),
            (T.PARENT_CARER, Regulation3.NO),
            (T.YOUNG_CARER_TRANSITION, Regulation3.AT_18),
        ],
    )
    def test_a_review_follows_the_assessment_it_reviews(self, reviewed, expected):
        assert regulation_3_for(T.REVIEW, reviewed) == expected
        assert regulation_3_for("review", reviewed.value) == expected

    @pytest.mark.parametrize("reviewed", [None, T.REVIEW])
    def test_a_review_must_say_what_it_reviews(self, reviewed):
        with pytest.raises(ValueError, match="give that assessment's type"):
            regulation_3_for(T.REVIEW, reviewed)


class TestWhatIsOffered:
    @pytest.mark.parametrize(("carer_age", "cares_for"), list(EXPECTED))
    def test_offered_in_each_situation(self, carer_age, cares_for):
        assert (
            offered_types(situation(carer_age, CARED_FOR[cares_for]))
            == EXPECTED[(carer_age, cares_for)]
        )

    @pytest.mark.parametrize(("carer_age", "cares_for"), list(EXPECTED))
    def test_everything_else_is_refused_with_a_sentence(self, carer_age, cares_for):
        here = situation(carer_age, CARED_FOR[cares_for])
        offered = EXPECTED[(carer_age, cares_for)]

        for assessment_type in AssessmentType:
            reason = refusal(assessment_type, here)
            if assessment_type in offered:
                assert reason is None
            else:
                assert reason.startswith(f"A {assessment_type.label.lower()} ")
                assert reason.endswith(".")

    @pytest.mark.parametrize(("carer_age", "cares_for"), list(EXPECTED))
    def test_each_refusal_names_what_to_start_instead(self, carer_age, cares_for):
        here = situation(carer_age, CARED_FOR[cares_for])
        offered = offered_types(here)

        for assessment_type in set(AssessmentType) - set(offered):
            reason = refusal(assessment_type, here)
            alternative = next(t for t in offered if t != T.SUPPORTED_SELF)
            assert reason.endswith(
                f" Start a {alternative.label.lower()} instead."
            ) or reason.endswith(f" Start a {alternative.label.lower()} first.")

    def test_refusal_accepts_the_stored_value(self):
        assert refusal("adult_carer", situation(40, ADULT)) is None

    def test_any_one_person_cared_for_can_open_a_route(self):
        assert offered_types(situation(40, ADULT, OWN_DISABLED_CHILD)) == [
            T.ADULT_CARER,
            T.PARENT_CARER,
            T.CHILDS_CARER_TRANSITION,
            T.SUPPORTED_SELF,
        ]

    def test_a_young_carer_caring_for_an_adult_and_a_sibling(self):
        assert offered_types(situation(16, SIBLING, ADULT)) == [
            T.YOUNG_CARER,
            T.YOUNG_CARER_TRANSITION,
        ]


class TestRefusalSentences:
    def test_carers_assessment_for_a_young_carer(self):
        assert refusal(T.ADULT_CARER, situation(15, ADULT)) == (
            "A carer's assessment is for carers aged 18 or over who care for an adult: this "
            "carer is 15. Start a young carer's needs assessment instead."
        )

    def test_carers_assessment_for_a_parent_of_a_child(self):
        assert refusal(T.ADULT_CARER, situation(40, OWN_DISABLED_CHILD)) == (
            "A carer's assessment is for carers aged 18 or over who care for an adult: "
            "the person they care for is 10. Start a parent carer's needs assessment instead."
        )

    def test_carers_assessment_for_an_adult_caring_for_a_sibling(self):
        assert refusal(T.ADULT_CARER, situation(25, SIBLING)) == (
            "A carer's assessment is for carers aged 18 or over who care for an adult: "
            "the person they care for is 12. Start a child's carer's transition assessment instead."
        )

    def test_carers_assessment_for_someone_caring_for_several_children(self):
        assert refusal(T.ADULT_CARER, situation(40, OWN_DISABLED_CHILD, SIBLING)) == (
            "A carer's assessment is for carers aged 18 or over who care for an adult: "
            "everyone they care for is under 18. Start a parent carer's needs assessment instead."
        )

    def test_supported_self_assessment_follows_the_carers_assessment(self):
        assert refusal(T.SUPPORTED_SELF, situation(15, ADULT)) == (
            "A supported self-assessment is a way of doing a carer's assessment, for carers aged "
            "18 or over who care for an adult: this carer is 15. Start a young carer's needs "
            "assessment instead."
        )

    def test_young_carers_needs_assessment_for_an_adult_carer(self):
        assert refusal(T.YOUNG_CARER, situation(18, ADULT)) == (
            "A young carer's needs assessment is for carers under 18: this carer is 18. "
            "Start a carer's assessment instead."
        )

    def test_parent_carer_under_18_is_a_young_carer(self):
        """Children Act 1989, s17ZD(3): a parent carer is 18 or over."""
        assert refusal(T.PARENT_CARER, situation(17, OWN_DISABLED_CHILD)) == (
            "A parent carer's needs assessment is for carers aged 18 or over with parental "
            "responsibility for the disabled child under 18 they care for: this carer is 17. "
            "Start a young carer's needs assessment instead."
        )

    def test_parent_carer_needs_parental_responsibility(self):
        assert refusal(T.PARENT_CARER, situation(25, SIBLING)) == (
            "A parent carer's needs assessment is for carers aged 18 or over with parental "
            "responsibility for the disabled child under 18 they care for: they do not have "
            "parental responsibility for anyone they care for. "
            "Start a child's carer's transition assessment instead."
        )

    def test_parent_carer_of_a_grown_up_child_has_a_carers_assessment(self):
        assert refusal(T.PARENT_CARER, situation(60, ADULT_CHILD)) == (
            "A parent carer's needs assessment is for carers aged 18 or over with parental "
            "responsibility for the disabled child under 18 they care for: their child is 30. "
            "Start a carer's assessment instead."
        )

    def test_parent_carer_of_several_grown_up_children(self):
        reason = refusal(
            T.PARENT_CARER,
            situation(60, ADULT_CHILD, CaredFor(age=28, has_parental_responsibility=True)),
        )

        assert ": their children are all 18 or over. Start a carer's assessment instead." in reason

    def test_young_carers_transition_needs_someone_adult_cared_for(self):
        """Care Act 2014, s63(6): a young carer, for transition, cares for an adult."""
        assert refusal(T.YOUNG_CARER_TRANSITION, situation(16, SIBLING)) == (
            "A young carer's transition assessment is for carers under 18 who care for an adult: "
            "the person they care for is 12. Start a young carer's needs assessment instead."
        )

    def test_young_carers_transition_for_an_adult_carer(self):
        assert refusal(T.YOUNG_CARER_TRANSITION, situation(25, ADULT)) == (
            "A young carer's transition assessment is for carers under 18 who care for an adult: "
            "this carer is 25. Start a carer's assessment instead."
        )

    def test_childs_carer_must_be_an_adult(self):
        """Care Act 2014, s60(7): a child's carer is an adult."""
        assert refusal(T.CHILDS_CARER_TRANSITION, situation(17, SIBLING)) == (
            "A child's carer's transition assessment is for carers aged 18 or over who care for "
            "a child under 18: this carer is 17. Start a young carer's needs assessment instead."
        )

    def test_childs_carer_must_care_for_a_child(self):
        assert refusal(T.CHILDS_CARER_TRANSITION, situation(70, ADULT, ADULT_CHILD)) == (
            "A child's carer's transition assessment is for carers aged 18 or over who care for "
            "a child under 18: everyone they care for is 18 or over. Start a carer's assessment "
            "instead."
        )

    def test_childs_carer_need_not_be_a_parent(self):
        assert refusal(T.CHILDS_CARER_TRANSITION, situation(25, SIBLING)) is None


class TestUnknownAges:
    @pytest.mark.parametrize("assessment_type", [t for t in AssessmentType if t != T.REVIEW])
    def test_every_type_but_review_needs_the_carers_age(self, assessment_type):
        assert refusal(assessment_type, situation(None, ADULT)) == (
            "The carer has no date of birth recorded: record their date of birth to see which "
            "assessment applies."
        )

    def test_nothing_is_offered_without_the_carers_age(self):
        assert offered_types(situation(None, ADULT)) == []

    def test_a_review_does_not_need_the_carers_age(self):
        assert offered_types(situation(None, ADULT, completed=True)) == [T.REVIEW]

    @pytest.mark.parametrize(
        "assessment_type", [T.ADULT_CARER, T.SUPPORTED_SELF, T.CHILDS_CARER_TRANSITION]
    )
    def test_an_adult_carer_needs_the_cared_for_persons_age(self, assessment_type):
        assert refusal(assessment_type, situation(40, AGE_UNKNOWN)) == (
            "The person they care for has no date of birth recorded: record their date of birth "
            "to see which assessment applies."
        )

    def test_a_young_carers_transition_needs_the_cared_for_persons_age(self):
        assert refusal(T.YOUNG_CARER_TRANSITION, situation(16, AGE_UNKNOWN)) == (
            "The person they care for has no date of birth recorded: record their date of birth "
            "to see which assessment applies."
        )

    def test_a_young_carers_needs_assessment_does_not_need_the_cared_for_persons_age(self):
        assert offered_types(situation(16, AGE_UNKNOWN)) == [T.YOUNG_CARER]

    def test_several_people_with_an_age_unknown(self):
        reason = refusal(T.ADULT_CARER, situation(40, SIBLING, AGE_UNKNOWN))

        assert reason == (
            "Not everyone they care for has a date of birth recorded: record their dates of "
            "birth to see which assessment applies."
        )

    def test_a_known_adult_is_enough_whatever_the_others(self):
        assert refusal(T.ADULT_CARER, situation(40, AGE_UNKNOWN, ADULT)) is None

    def test_parent_carer_needs_their_childs_age(self):
        child_age_unknown = CaredFor(age=None, has_parental_responsibility=True)

        assert refusal(T.PARENT_CARER, situation(35, child_age_unknown)) == (
            "The person they care for has no date of birth recorded: record their date of birth "
            "to see which assessment applies."
        )

    @pytest.mark.parametrize(
        "carer_age, waiting",
        [
            (40, [T.ADULT_CARER, T.CHILDS_CARER_TRANSITION, T.SUPPORTED_SELF]),
            (16, [T.YOUNG_CARER_TRANSITION]),
            (None, [t for t in AssessmentType if t != T.REVIEW]),
        ],
    )
    def test_unknown_ages_wait_for_a_date_of_birth_never_a_refusal_care_act_s10_children_act_s17za(
        self, carer_age, waiting
    ):
        unknown = situation(carer_age, AGE_UNKNOWN)

        assert [t for t in AssessmentType if waits_for_a_fact(t, unknown)] == waiting
        assert all(
            refusal(t, unknown).endswith("to see which assessment applies.") for t in waiting
        )
        assert all(" is for " not in refusal(t, unknown) for t in waiting)
        assert len(to_record(unknown)) == 1

    def test_a_known_age_that_rules_a_kind_out_is_a_refusal_not_a_wait(self):
        assert not waits_for_a_fact(T.YOUNG_CARER, situation(40, ADULT))
        assert to_record(situation(40, ADULT)) == []


class TestNobodyCaredFor:
    @pytest.mark.parametrize("assessment_type", [t for t in AssessmentType if t != T.REVIEW])
    def test_every_type_but_review_needs_someone_cared_for(self, assessment_type):
        carer_age = 15 if assessment_type in (T.YOUNG_CARER, T.YOUNG_CARER_TRANSITION) else 40

        assert refusal(assessment_type, situation(carer_age)) == (
            "No one they care for is recorded yet: record the people they care for to see which "
            "assessment applies."
        )


class TestReview:
    def test_needs_a_completed_assessment(self):
        assert refusal(T.REVIEW, situation(40, ADULT)) == (
            "A review looks again at a completed assessment: this carer has none yet. "
            "Start a carer's assessment first."
        )

    def test_names_the_assessment_to_start_for_a_young_carer(self):
        assert refusal(T.REVIEW, situation(15, ADULT)).endswith(
            "Start a young carer's needs assessment first."
        )

    def test_without_any_assessment_to_start(self):
        assert refusal(T.REVIEW, situation(None, ADULT)) == (
            "A review looks again at a completed assessment: this carer has none yet."
        )

    @pytest.mark.parametrize("carer_age", [15, 17, 18, 25, 70, None])
    def test_is_offered_once_an_assessment_is_completed(self, carer_age):
        assert T.REVIEW in offered_types(situation(carer_age, ADULT, completed=True))
        assert refusal(T.REVIEW, situation(carer_age, ADULT, completed=True)) is None

    def test_comes_last(self):
        assert offered_types(situation(40, ADULT, completed=True)) == [
            T.ADULT_CARER,
            T.SUPPORTED_SELF,
            T.REVIEW,
        ]

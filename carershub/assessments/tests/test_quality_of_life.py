"""Carer-reported quality of life (ASCOF 1D method): the wording is data a partnership loads, the
scoring
is code - 2, 1, 0 per answer, a total only when all six are answered - and the change shows."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from carershub.assessments import quality_of_life, selectors, services
from carershub.assessments.loading import load_question_set
from carershub.assessments.models import QualityOfLifeScore, QuestionSet
from carershub.assessments.quality_of_life import Domain
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.conftest import adult_answers

ALL_BEST = {d.value: 0 for d in Domain}


# --- Scoring --------------------------------------------------------------------------------------


def test_each_answer_scores_2_1_or_0_best_first():
    assert [quality_of_life.points(n) for n in (0, 1, 2)] == [2, 1, 0]
    with pytest.raises(ValueError):
        quality_of_life.points(3)


def test_a_total_is_out_of_12_and_only_when_all_six_are_answered():
    assert quality_of_life.total(ALL_BEST) == 12
    assert quality_of_life.total({d.value: 2 for d in Domain}) == 0
    assert quality_of_life.total({**ALL_BEST, "safety": 1, "support": 2}) == 9
    five = dict(ALL_BEST)
    del five["control"]
    assert quality_of_life.total(five) is None


def test_the_measure_is_the_mean_of_complete_scores():
    assert quality_of_life.mean([8, 7, None, 6]) == 7.0
    assert quality_of_life.mean([None]) is None


# --- Loading the wording --------------------------------------------------------------------------


def question_file(**changes):
    data = {
        "name": "Test wording",
        "source": "Written for tests",
        "questions": [
            {
                "domain": d.value,
                "wording": f"How is your {d.value}?",
                "answers": ["Good", "So-so", "Bad"],
            }
            for d in Domain
        ],
    }
    data.update(changes)
    return json.dumps(data)


@pytest.mark.django_db
def test_a_partnership_loads_its_wording_and_the_newest_is_current(partnership):
    first = load_question_set(partnership, question_file())
    second = load_question_set(partnership, question_file(name="Newer wording"))
    first.refresh_from_db()
    assert not first.is_current and second.is_current
    assert selectors.current_question_set(partnership.pk) == second
    assert [q.domain for q in second.questions.all()] == Domain.values


@pytest.mark.django_db
def test_a_bad_file_names_every_problem_and_loads_nothing(partnership):
    questions = json.loads(question_file())["questions"]
    questions[1]["answers"] = ["Only", "two"]
    questions[2]["domain"] = "happiness"
    with pytest.raises(ValidationError) as invalid:
        load_question_set(partnership, question_file(name="", questions=questions[:5]))
    messages = invalid.value.messages
    assert "Give the question set a name" in messages
    assert any("exactly three answers" in m for m in messages)
    assert any("happiness" not in m and "domain must be one of" in m for m in messages)
    assert any(m.startswith("Missing questions for") for m in messages)
    assert not QuestionSet.objects.exists()
    with pytest.raises(ValidationError, match="not valid JSON"):
        load_question_set(partnership, "{not json")


@pytest.mark.django_db
def test_the_command_loads_a_file_or_says_why_not(partnership, tmp_path, capsys):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(question_file(), encoding="utf-8")
    bad.write_text(question_file(questions=[]), encoding="utf-8")
    call_command("load_quality_of_life", str(good), "--partnership", partnership.slug)
    assert "6 questions" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_quality_of_life", str(bad), "--partnership", partnership.slug)
    with pytest.raises(CommandError, match="No partnership"):
        call_command("load_quality_of_life", str(good), "--partnership", "nowhere")


# --- Asked at assessment and review ---------------------------------------------------------------


def complete(actor, assessor_actor, assessment, quality):
    answers = adult_answers(assessment.carer, **{"quality-of-life": quality})
    if assessment.type == AssessmentType.REVIEW:
        answers["changes"] = {"circumstances_changed": "no", "plan_working": "yes"}
    for section, _ in selectors.sections_with_state(assessment):
        form = section.form_class(
            answers[section.slug], carer=selectors.carer_with_network(assessment.carer)
        )
        assert form.is_valid(), form.errors
        assessment = services.save_section(
            actor,
            assessment,
            section,
            answers=form.answers(),
            completed=True,
            expected_version=assessment.version,
        )
    return services.complete_assessment(
        assessor_actor, assessment, expected_version=assessment.version, decision="eligible"
    )


@pytest.mark.django_db
def test_answers_at_assessment_and_review_show_the_change_on_the_carers_page(
    question_set, make_carer_caring, hub_actor, assessor, actor_of, hub, worker, sign_in
):
    carer = make_carer_caring(given_name="Ada")
    as_assessor = actor_of(assessor, hub)
    first = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    complete(hub_actor, as_assessor, first, {d.value: "1" for d in Domain})  # 6 out of 12
    review = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    complete(
        hub_actor,
        as_assessor,
        review,
        {**{d.value: "1" for d in Domain}, "control": "0", "social": "0"},
    )
    assert list(
        QualityOfLifeScore.unscoped.order_by("recorded_at").values_list("total", flat=True)
    ) == [6, 8]
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    assert "6 out of 12" in html and "8 out of 12" in html and "Up 2 since the first score" in html


@pytest.mark.django_db
def test_a_carer_who_leaves_a_question_unanswered_has_no_total(
    question_set, make_carer_caring, hub_actor, assessor, actor_of, hub
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    complete(hub_actor, actor_of(assessor, hub), assessment, {"occupation": "0", "control": "2"})
    score = QualityOfLifeScore.unscoped.get()
    assert score.total is None and score.answers == {"occupation": 0, "control": 2}


@pytest.mark.django_db
def test_without_loaded_wording_the_section_says_so_and_nothing_is_scored(
    make_carer_caring, hub_actor, assessor, actor_of, hub, worker, sign_in
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    html = sign_in(worker, hub).get(
        reverse("assessments:section", args=[assessment.reference, "quality-of-life"])
    )
    assert "No quality-of-life questions have been loaded" in html.content.decode()
    complete(hub_actor, actor_of(assessor, hub), assessment, {})
    assert not QualityOfLifeScore.unscoped.exists()


@pytest.mark.django_db
def test_the_cohort_page_shows_first_latest_and_change_to_hub_managers_only(
    question_set, make_carer_caring, hub_actor, assessor, actor_of, hub, manager, worker, sign_in
):
    as_assessor = actor_of(assessor, hub)
    for start, later in ((1, 0), (1, 1)):
        carer = make_carer_caring()
        first = services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
        )
        complete(hub_actor, as_assessor, first, {d.value: str(start) for d in Domain})
        review = services.start_assessment(
            hub_actor, carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
        )
        complete(hub_actor, as_assessor, review, {d.value: str(later) for d in Domain})
    cohort = selectors.quality_of_life_cohort(hub_actor)
    assert cohort == {
        "carers": 2,
        "mean_first": 6.0,
        "mean_latest": 9.0,
        "with_review": 2,
        "better": 1,
        "same": 1,
        "worse": 0,
        "mean_change": 3.0,
    }
    url = reverse("assessments:quality_of_life_cohort")
    html = sign_in(manager, hub).get(url).content.decode()
    assert "Mean score at first" in html and "9.0 out of 12" in html and "+3.0" in html
    assert sign_in(worker, hub).get(url).status_code == 403


# --- Rounding and labels --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "totals, expected",
    [
        ([7, 7, 7, 8], "7.3"),  # 7.25: Python's round(7.25, 1) gives 7.2
        ([8, 8, 8, 7], "7.8"),  # 7.75
        ([1, 1, 1, 2], "1.3"),  # 1.25
        ([2, 2, 2, 3], "2.3"),  # 2.25: round(2.25, 1) gives 2.2
        (
            [0, 0, 0, -1],
            "-0.3",
        ),  # a mean change of -0.25: half away from zero, as published figures are
        ([8, 7, 7], "7.3"),  # 7.333... is not a tie
    ],
)
def test_ascof_1d_method_means_round_half_up_to_one_decimal_at_x5_boundaries(totals, expected):
    from decimal import Decimal

    assert quality_of_life.mean(totals) == Decimal(expected)
    assert str(quality_of_life.mean(totals)) == expected


@pytest.mark.django_db
def test_the_hubs_scores_are_labelled_carer_reported_ascof_1d_method_not_the_ascof_measure(
    question_set, make_carer_caring, hub_actor, assessor, actor_of, hub, manager, sign_in
):
    carer = make_carer_caring()
    assessment = services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    complete(hub_actor, actor_of(assessor, hub), assessment, {d.value: "1" for d in Domain})
    client = sign_in(manager, hub)
    pages = {
        "cohort": client.get(reverse("assessments:quality_of_life_cohort")).content.decode(),
        "record": client.get(reverse("carers:detail", args=[carer.reference])).content.decode(),
        "home": client.get(reverse("home:staff_home")).content.decode(),
    }
    assert "Carer-reported quality of life (ASCOF 1D method)" in pages["cohort"]
    assert "Carer-reported quality of life (ASCOF 1D method)" in pages["record"]
    assert "Carer-reported quality of life" in pages["home"]
    for html in pages.values():
        assert (
            "Outcomes Framework measure 1D)" not in html and "Carers' quality of life" not in html
        )
    assert "not the ASCOF measure itself" in pages["cohort"]

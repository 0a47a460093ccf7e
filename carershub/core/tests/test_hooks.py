"""A lower floor's question is answered by the app above it, registered when the hub starts."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from carershub.core import ratelimits
from carershub.core.hooks import Hook


def test_a_question_nobody_answered_says_where_the_answer_belongs():
    question = Hook("the colour of the sky")
    with pytest.raises(ImproperlyConfigured, match="hooks.py"):
        question()


def test_a_question_is_answered_by_the_function_registered_for_it():
    question = Hook("the colour of the sky")

    @question.answer_with
    def blue(shade):
        return f"{shade} blue"

    assert question("pale") == "pale blue"
    assert question.answered


def test_a_second_different_answer_is_refused():
    question = Hook("the colour of the sky")
    question.answer_with(lambda: "blue")
    with pytest.raises(ImproperlyConfigured, match="already answered"):
        question.answer_with(lambda: "grey")


def test_the_too_many_attempts_page_has_the_helpline_hours_from_the_partnerships_app():
    assert ratelimits.helpline_opening_times.answered

"""Loading a partnership's quality-of-life wording from a file: all of it, or nothing."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carershub.assessments.models import Question, QuestionSet
from carershub.assessments.quality_of_life import Domain
from carershub.core import data_files
from carershub.core.data_files import DataFileError

# What a question file holds; the code below checks what a schema cannot: each domain exactly once.
SCHEMA = Path(__file__).resolve().parent / "question_file.schema.json"


def _checked(text, file_name):
    """The question set in ``text``; raises ValidationError listing every problem, so a bad file
    is corrected in one go."""
    try:
        data = data_files.read_json(text, file_name=file_name)
    except DataFileError as invalid:
        raise ValidationError(invalid.problems) from invalid
    problems = data_files.problems(SCHEMA, data, file_name=file_name)
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        problems += _domains_not_once(data, file_name)
    if problems:
        raise ValidationError(problems)
    return data


def _domains_not_once(data, file_name):
    problems, seen = [], []
    for index, question in enumerate(data["questions"]):
        domain = question.get("domain") if isinstance(question, dict) else None
        if domain in Domain.values and domain in seen:
            where = data_files.place(SCHEMA, data, ["questions", index])
            what = f"question {seen.index(domain) + 1} already asks about {domain}"
            problems.append(data_files.said(what, file_name=file_name, place=where))
        seen.append(domain)
    missing = [domain for domain in Domain.values if domain not in seen]
    if missing:
        what = f"Missing questions for: {', '.join(missing)}"
        problems.append(data_files.said(what, file_name=file_name))
    return problems


@transaction.atomic
def load_question_set(partnership, text, *, file_name=None):
    """Load the wording; it becomes the partnership's current set (earlier scores keep theirs).

    Raises ValidationError listing every problem (naming ``file_name`` when given); nothing is
    saved."""
    data = _checked(text, file_name)
    QuestionSet.objects.filter(partnership=partnership, is_current=True).update(is_current=False)
    question_set = QuestionSet.objects.create(
        partnership=partnership,
        name=data["name"].strip(),
        source=data["source"].strip(),
        loaded_at=timezone.now(),
    )
    order = {domain: n for n, domain in enumerate(Domain.values)}
    for question in sorted(data["questions"], key=lambda q: order[q["domain"]]):
        Question.objects.create(
            question_set=question_set,
            domain=question["domain"],
            wording=question["wording"].strip(),
            answers=[str(a).strip() for a in question["answers"]],
        )
    return question_set

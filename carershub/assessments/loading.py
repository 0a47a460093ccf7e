"""Loading a partnership's quality-of-life wording from a file: all of it, or nothing."""

import json

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from carershub.assessments.models import Question, QuestionSet
from carershub.assessments.quality_of_life import Domain


def read_question_file(text):
    """The question set in a JSON file, checked: six questions, one per domain, three answers each.

    Raises ValidationError listing every problem, so a bad file is corrected in one go.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError(
            f"The file is not valid JSON: {error.msg} (line {error.lineno})"
        ) from error
    problems = []
    if not isinstance(data, dict):
        raise ValidationError(
            "The file must hold one object with a name, a source and six questions"
        )
    for key in ("name", "source"):
        if not str(data.get(key) or "").strip():
            problems.append(f"Give the question set a {key}")
    questions = data.get("questions")
    if not isinstance(questions, list):
        problems.append('Give the six questions as a list under "questions"')
        questions = []
    seen = set()
    for n, question in enumerate(questions, start=1):
        domain = question.get("domain") if isinstance(question, dict) else None
        if domain not in Domain.values:
            problems.append(f"Question {n}: the domain must be one of {', '.join(Domain.values)}")
            continue
        if domain in seen:
            problems.append(f"Question {n}: {domain} appears twice")
        seen.add(domain)
        if not str(question.get("wording") or "").strip():
            problems.append(f"Question {n} ({domain}): give its wording")
        answers = question.get("answers")
        if not (
            isinstance(answers, list)
            and len(answers) == 3
            and all(str(a or "").strip() for a in answers)
        ):
            problems.append(f"Question {n} ({domain}): give exactly three answers, best first")
    missing = [d for d in Domain.values if d not in seen]
    if missing and isinstance(data.get("questions"), list):
        problems.append(f"Missing questions for: {', '.join(missing)}")
    if problems:
        raise ValidationError(problems)
    return data


@transaction.atomic
def load_question_set(partnership, text):
    """Load the wording; it becomes the partnership's current set (earlier scores keep theirs)."""
    data = read_question_file(text)
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

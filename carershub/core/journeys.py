"""GOV.UK question pages: one thing per page, answers kept in the session, check your answers.

A journey is a list of steps, each a slug and a small Django form. Answers are stored in the
session as JSON-safe values (dates as ISO strings) under the journey's key, so a person can go
back, change an answer from the check-answers page and carry on, with nothing stored in the
database until they submit.
"""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    slug: str
    form_class: type
    title: str
    # Answers of this step shown on the check-answers page: [(label, field name)].
    summary: tuple = ()


class Journey:
    def __init__(self, key, steps):
        self.key = key
        self.steps = list(steps)
        self._by_slug = {step.slug: step for step in self.steps}

    def step(self, slug):
        return self._by_slug.get(slug)

    def answers(self, session):
        return session.get(self.key, {})

    def save(self, session, step, cleaned_data):
        answers = dict(self.answers(session))
        answers[step.slug] = {name: _dump(value) for name, value in cleaned_data.items()}
        session[self.key] = answers

    def initial(self, session, step):
        return self.answers(session).get(step.slug, {})

    def next_step(self, session, step=None):
        """The first step not yet answered (after ``step``), or None when all are answered."""
        answers = self.answers(session)
        start = self.steps.index(step) + 1 if step else 0
        for candidate in self.steps[start:]:
            if candidate.slug not in answers:
                return candidate
        for candidate in self.steps:
            if candidate.slug not in answers:
                return candidate
        return None

    def previous_step(self, step):
        index = self.steps.index(step)
        return self.steps[index - 1] if index > 0 else None

    def back(self, step, *, changing, question_url, check_url, start_url):
        """Where a question's back link goes. Reached from a change link on check your answers,
        back is check your answers (as continuing is), so changing one answer never walks the
        person through the questions before it; otherwise the question before, or the start.
        ``question_url(slug)`` gives a question's address."""
        if changing:
            return check_url
        previous = self.previous_step(step)
        return question_url(previous.slug) if previous else start_url

    def is_complete(self, session):
        return self.next_step(session) is None

    def cleaned(self, session):
        """All answers, typed again (dates back to dates)."""
        out = {}
        for step in self.steps:
            for name, value in self.answers(session).get(step.slug, {}).items():
                out[name] = _load(step.form_class.base_fields.get(name), value)
        return out

    def clear(self, session):
        session.pop(self.key, None)


def _dump(value):
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    return value


def _load(field, value):
    if isinstance(value, dict) and "date" in value:
        return dt.date.fromisoformat(value["date"])
    return value

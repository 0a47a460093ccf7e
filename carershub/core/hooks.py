"""Hooks: a question a lower floor asks and only a higher floor can answer, answered by the
higher floor's ``hooks.py`` when the hub starts (ADR 33).

Core's AppConfig imports every installed app's ``hooks`` module once the models are loaded, the
way Django's admin finds every ``admin.py``; so the floor that asks never imports the one that
answers, and the answer is registered before the first request, task or command.
"""

from django.core.exceptions import ImproperlyConfigured


class Hook:
    """One question with one answer, registered by the app that knows it."""

    def __init__(self, question):
        self.question = question
        self._answer = None

    def __repr__(self):
        return f"<Hook {self.question!r}>"

    def answer_with(self, function):
        """Register ``function`` as the answer; returns it, so it also works as a decorator."""
        if self._answer is not None and self._answer is not function:
            raise ImproperlyConfigured(f"{self.question!r} is already answered by {self._answer!r}")
        self._answer = function
        return function

    @property
    def answered(self):
        return self._answer is not None

    def __call__(self, *args, **kwargs):
        if self._answer is None:
            raise ImproperlyConfigured(
                f"Nothing answers {self.question!r}: the app that knows it registers the answer "
                "in its hooks.py"
            )
        return self._answer(*args, **kwargs)

"""The hub's own password rules, beside Django's: a maximum length and the hub's own words
(ADR 17).
"""

import re

from django.core.exceptions import ValidationError

from carershub.partnerships.models import Partnership

# Words anyone guessing a hub worker's password would try first.
SERVICE_WORDS = ("carershub", "carers hub", "carer", "password")

PASSWORD_HINT = (
    "Use at least 12 characters. Three or more random words make a strong password you can "
    "remember. Do not use your name, your email address or the name of the hub."
)


def _letters(text):
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


class MaximumLengthValidator:
    """Long passphrases are welcome, but hashing megabytes on every sign-in attempt is not."""

    def __init__(self, max_length=256):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                f"Password must be {self.max_length} characters or fewer", code="password_too_long"
            )

    def get_help_text(self):
        return f"Your password must be {self.max_length} characters or fewer."


class HubWordsValidator:
    """Refuse a password made mostly of the service's and the partnership's own names.

    Django's common-password list knows "password1" but not "AshvaleCarers2026": what is left
    once the hub's words (and digits) are taken out must still be a password on its own.
    """

    def __init__(self, min_remaining=8):
        self.min_remaining = min_remaining

    def hub_words(self):
        words = [_letters(w) for w in SERVICE_WORDS]
        for name, slug in Partnership.objects.values_list("name", "slug"):
            words.append(_letters(name))
            words.extend(
                _letters(part) for part in re.split(r"[\s-]+", f"{name} {slug}") if len(part) >= 4
            )
        return sorted({w for w in words if w}, key=len, reverse=True)

    def validate(self, password, user=None):
        remaining = _letters(password)
        for word in self.hub_words():
            remaining = remaining.replace(word, "")
        remaining = re.sub(r"\d", "", remaining)
        if len(remaining) < self.min_remaining:
            raise ValidationError(
                "Password must not be made from the name of the hub or the partnership",
                code="password_hub_words",
            )

    def get_help_text(self):
        return "Your password must not be made from the name of the hub or the partnership."

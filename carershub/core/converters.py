"""A URL part for a record's number that cannot be guessed: ``<signed:contact_id>``.

Many of the hub's records are found by their database number. In a URL that number alone would let
someone try the next one; scoping would still refuse them, but the issue of trust is that a
record is not reachable by guessing at all. So the number travels with a keyed signature
(``1234-9f2c4e1a0b7d3c55``): ``reverse`` adds it, and a URL whose signature does not match is a
404 before any view runs. Views and templates keep passing and receiving plain numbers.

The signature is an HMAC (Django's ``salted_hmac`` over the secret key) truncated to 64 bits;
changing SECRET_KEY changes every such URL (old bookmarks then answer 404).
"""

from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "carershub.core.converters.SignedIdConverter"


def signature(number):
    return salted_hmac(SALT, str(number), algorithm="sha256").hexdigest()[:16]


class SignedIdConverter:
    regex = r"[0-9]+-[0-9a-f]{16}"

    def to_python(self, value):
        number, _, signed = value.partition("-")
        if not constant_time_compare(signed, signature(int(number))):
            raise ValueError("not a URL this hub made")  # Django answers 404
        return int(number)

    def to_url(self, value):
        number = int(value)
        return f"{number}-{signature(number)}"

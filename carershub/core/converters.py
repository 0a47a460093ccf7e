"""URL parts for a record's number that cannot be guessed, one per kind of record:
``<signed_contact:contact_id>``.

Many of the hub's records are found by their database number. In a URL that number alone would let
someone try the next one; scoping would still refuse them, but the issue of trust is that a
record is not reachable by guessing at all. So the number travels with a keyed signature
(``1234-9f2c4e1a0b7d3c55``): ``reverse`` adds it, and a URL whose signature does not match is a
404 before any view runs. Views and templates keep passing and receiving plain numbers.

The signature is an HMAC (Django's ``salted_hmac`` over the secret key) truncated to 64 bits, salted
with the kind of record: a number signed for a group session opens no booking, no team member and
no staff page, and the numbers that public pages hand out (``public_group``,
``public_group_session``) open only public pages. Only the canonical form is accepted (no leading
zeros, lower-case hex), so each record has exactly one URL. Changing SECRET_KEY, or a kind's name,
changes its URLs (old bookmarks and calendar subscriptions then answer 404).

Every kind is listed in ``KINDS`` and registered from ``register_signed_converters``; there is no
unsalted ``<signed:...>``.
"""

from django.urls import register_converter
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "carershub.core.converters.SignedIdConverter"

# The kinds of record whose numbers appear in URLs. A URL names one: ``<signed_{kind}:...>``.
KINDS = (
    "user",  # a member of staff on the team pages
    "contact",  # a contact with a carer (its follow-up)
    "consent",  # a carer's consent to share
    "caring_relationship",  # a carer's relationship with someone they care for
    "plan_action",  # an action in a support plan
    "emergency_contact",  # a contact in an emergency plan
    "notification",  # a message in the outbox
    "import_run",  # an import of carers
    "article",  # an article in the advice library
    "article_source",  # a source of an article
    "group",  # a group, on staff pages
    "group_session",  # a session of a group, on staff pages
    "booking",  # a carer's booking on a session
    "public_group",  # a group's calendar feed, handed out publicly
    "public_group_session",  # a session on the public groups page
)


def signature(number, kind):
    return salted_hmac(f"{SALT}:{kind}", str(number), algorithm="sha256").hexdigest()[:16]


class SignedIdConverter:
    """A record number with its signature for one kind of record (set ``kind`` in a subclass)."""

    kind = None
    # No leading zeros: "0" or a number starting 1-9, then the signature in lower-case hex.
    regex = r"(?:0|[1-9][0-9]*)-[0-9a-f]{16}"

    def to_python(self, value):
        number, _, signed = value.partition("-")
        if str(int(number)) != number or not constant_time_compare(
            signed, signature(int(number), self.kind)
        ):
            raise ValueError(
                "not a URL this hub made for this kind of record"
            )  # Django answers 404
        return int(number)

    def to_url(self, value):
        number = int(value)
        return f"{number}-{signature(number, self.kind)}"


def converter_for(kind):
    if kind not in KINDS:
        raise KeyError(
            f"Unknown kind of record {kind!r}: add it to carershub.core.converters.KINDS"
        )
    return type(
        f"Signed{kind.title().replace('_', '')}IdConverter", (SignedIdConverter,), {"kind": kind}
    )


CONVERTERS = {f"signed_{kind}": converter_for(kind) for kind in KINDS}


def register_signed_converters():
    for name, converter in CONVERTERS.items():
        register_converter(converter, name)

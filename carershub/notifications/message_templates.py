"""The messages the hub sends, as data: one entry per template, in GOV.UK Notify's format.

Each template here has a twin in the partnership's GOV.UK Notify service (email and text
message templates; letters go to Notify as finished PDFs, so they need none). The wording lives
here as well as in Notify because the outbox, the SMTP backend and the letter PDFs render it
themselves; whoever changes one changes the other. ``NOTIFY_TEMPLATE_IDS`` in settings maps
each key to the id of its twin.

A template names the placeholders whose values are secrets (``secrets``): a link that lets its
holder in, or a code. The hub keeps the message with those values replaced by ``REDACTED`` and
hands them only to the transport that sends it (ADR 24); letters may have none, because a
letter is kept as the PDF that is posted.

Placeholders use Notify's ``((name))`` syntax. Rendering refuses a missing value, as Notify
does ("Missing personalisation"), and also refuses a key the template does not use, which
Notify silently ignores: an unused key is nearly always a typo for a placeholder that would
otherwise go out empty on another backend.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from carershub.core.text import one_line
from carershub.notifications.models import Channel


class MessageTemplateError(ValueError):
    """A message could not be rendered from its template; nothing was stored or sent."""


class UnknownTemplate(MessageTemplateError):
    pass


class WrongChannel(MessageTemplateError):
    pass


class MissingPersonalisation(MessageTemplateError):
    pass


class UnexpectedPersonalisation(MessageTemplateError):
    pass


class InvalidPersonalisation(MessageTemplateError):
    pass


_PLACEHOLDER = re.compile(r"\(\(([^()]+)\)\)")

# What the outbox, the audit's subject access export and anyone reading the database see in
# place of a secret link or code.
REDACTED = "[link or code removed: only the recipient has it]"


@dataclass(frozen=True)
class MessageTemplate:
    key: str
    channel: str
    name: str
    body: str
    subject: str = ""
    secrets: tuple = ()

    def __post_init__(self):
        unknown = sorted(set(self.secrets) - set(self.placeholders))
        if unknown:
            raise MessageTemplateError(
                f"Template {self.key!r} has no placeholder for the secret {', '.join(unknown)}"
            )
        if self.secrets and self.channel == Channel.LETTER:
            raise MessageTemplateError(
                f"Letter template {self.key!r} cannot carry a secret: a letter is kept as the "
                "PDF that is posted"
            )

    @property
    def placeholders(self):
        """Every ``((name))`` in the subject and body, in the order they first appear."""
        found = _PLACEHOLDER.findall(f"{self.subject}\n{self.body}")
        return list(dict.fromkeys(name.strip() for name in found))

    @property
    def notify_template_id(self):
        return getattr(settings, "NOTIFY_TEMPLATE_IDS", {}).get(self.key, "")

    def check(self, personalisation):
        """Raise unless ``personalisation`` has a value for every placeholder and nothing else."""
        if not isinstance(personalisation, dict):
            raise InvalidPersonalisation(
                f"Personalisation for {self.key!r} must be a dict of placeholder values"
            )
        wanted = set(self.placeholders)
        given = {key for key, value in personalisation.items() if value is not None}
        missing = sorted(wanted - given)
        if missing:
            raise MissingPersonalisation(
                f"Template {self.key!r} is missing personalisation: {', '.join(missing)}"
            )
        extra = sorted(set(personalisation) - wanted)
        if extra:
            raise UnexpectedPersonalisation(
                f"Template {self.key!r} has no placeholder for: {', '.join(extra)} "
                f"(it uses {', '.join(self.placeholders) or 'none'})"
            )
        for key, value in personalisation.items():
            # bool is an int, but "True" in a letter is never what anyone meant.
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise InvalidPersonalisation(
                    f"Personalisation {key!r} for template {self.key!r} must be text or a number"
                )

    def render(self, personalisation):
        """The subject and body with every placeholder filled in, after ``check``."""
        self.check(personalisation)

        def fill(text):
            return _PLACEHOLDER.sub(
                lambda match: str(personalisation[match.group(1).strip()]), text
            )

        # A subject is one header line: a line break in a name filled into it would end the header.
        return one_line(fill(self.subject)), fill(self.body)

    def split_secrets(self, personalisation):
        """(what may be kept, the secrets): the personalisation with every secret value replaced
        by ``REDACTED``, and the secret values on their own."""
        secrets = {key: personalisation[key] for key in self.secrets if key in personalisation}
        return {**personalisation, **dict.fromkeys(secrets, REDACTED)}, secrets


TEMPLATES = {
    template.key: template
    for template in [
        MessageTemplate(
            key="staff_invitation",
            channel=Channel.EMAIL,
            name="Staff invitation",
            secrets=("invitation_url",),
            subject="You have been invited to join ((organisation)) on the carers hub",
            body=(
                "Dear ((full_name))\n\n"
                "((invited_by)) has invited you to use the carers hub as a member of staff at "
                "((organisation)).\n\n"
                "To accept, create your password using this link:\n\n"
                "((invitation_url))\n\n"
                "The link works once and expires on ((expires)). If it has expired, ask "
                "((invited_by)) to invite you again.\n\n"
                "If you were not expecting this email, you can ignore it."
            ),
        ),
        MessageTemplate(
            key="staff_membership_offer",
            channel=Channel.EMAIL,
            name="Staff invitation to someone with an account",
            secrets=("invitation_url",),
            subject="You have been invited to join ((organisation)) on the carers hub",
            body=(
                "Dear ((full_name))\n\n"
                "((invited_by)) has invited you to work for ((organisation)) on the carers hub "
                "too.\n\nTo accept, open this link and sign in as you usually do, with your own "
                "password and the code from your authenticator app:\n\n"
                "((invitation_url))\n\n"
                "Your password and authenticator app stay as they are. The link expires on "
                "((expires)).\n\nIf you were not expecting this email, you can ignore it: "
                "nothing changes unless you accept."
            ),
        ),
        MessageTemplate(
            key="assessment_copy_email",
            channel=Channel.EMAIL,
            name="Copy of an assessment and support plan (email)",
            secrets=("link",),
            subject="Your copy of your ((assessment)) from ((organisation))",
            body=(
                "Dear ((name))\n\n"
                "Your copy of your ((assessment)) and support plan is ready to read, save or "
                "print.\n\nOpen it with this link. You will be asked for your date of birth:\n\n"
                "((link))\n\n"
                "The link works until ((expires)). After that, ask us for a new one.\n\n"
                "If anything in it is wrong, or you would like it in another format, call "
                "((helpline_phone))."
            ),
        ),
        MessageTemplate(
            key="assessment_copy_sms",
            channel=Channel.SMS,
            name="Copy of an assessment and support plan (text message)",
            secrets=("link",),
            body=(
                "((organisation)): your copy of your ((assessment)) is ready. Open it with your "
                "date of birth until ((expires)): ((link))"
            ),
        ),
        MessageTemplate(
            key="carer_registered_sms",
            channel=Channel.SMS,
            name="Carer registered (text message)",
            body=(
                "((partnership)): you are now registered as a carer. Your reference is "
                "((reference)). Call ((helpline_phone)) if you need help or advice."
            ),
        ),
        MessageTemplate(
            key="carer_registered_letter",
            channel=Channel.LETTER,
            name="Carer registered (letter)",
            subject="You are registered with ((partnership))",
            body=(
                "Dear ((full_name))\n\n"
                "Thank you for registering with us as an unpaid carer. Your carer reference is "
                "((reference)). Please quote it whenever you contact us.\n\n"
                "As a registered carer you can ask us for a carer's assessment, for information "
                "and advice, and for details of support groups near you.\n\n"
                "Call our helpline on ((helpline_phone)) if you need help or advice, or if "
                "anything in this letter is wrong."
            ),
        ),
        MessageTemplate(
            key="self_referral_received",
            channel=Channel.EMAIL,
            name="Self-referral received",
            subject="We have your request for support: ((reference))",
            # Sent to an address typed on a public form, which may be someone else's: nothing the
            # sender typed is repeated, so it cannot carry their words (or a link) to a stranger.
            body=(
                "Thank you for getting in touch with ((hub)). Your reference is ((reference)).\n\n"
                "Someone from the hub will contact you by ((first_contact_due)) to talk about you, "
                "the person you look after and the support that could help.\n\n"
                "If you need to talk to someone sooner, call the carers helpline on "
                "((helpline)).\n\nIf you did not ask for this, you can ignore this email."
            ),
        ),
        # For `manage.py send_test_message`: proves a live hub's email or text messages go out.
        MessageTemplate(
            key="test_message_email",
            channel=Channel.EMAIL,
            name="Test message (email)",
            subject="Test email from ((hub))",
            body=(
                "This is a test email from ((hub)), sent with manage.py send_test_message.\n\n"
                "If you can read it, the hub can send email. You do not need to do anything."
            ),
        ),
        MessageTemplate(
            key="test_message_sms",
            channel=Channel.SMS,
            name="Test message (text message)",
            body="This is a test text message from ((hub)). If you can read it, the hub can send "
            "text messages.",
        ),
        # No personal details: only the reference, so the email is safe wherever it is read.
        MessageTemplate(
            key="safeguarding_concern_raised",
            channel=Channel.EMAIL,
            name="Safeguarding concern recorded (to hub managers)",
            subject="A safeguarding concern has been recorded: ((reference))",
            body=(
                "A safeguarding concern has been recorded: reference ((reference)).\n\n"
                "((urgency))Sign in to the carers hub to see it and record a decision."
            ),
        ),
        # No personal details, and not the organisation: only the reference and the date.
        MessageTemplate(
            key="consent_ending_soon",
            channel=Channel.EMAIL,
            name="Consent to share ends in a week (to the key worker or hub managers)",
            subject="A carer's consent to share ends on ((ends_on)): ((reference))",
            body=(
                "A carer's consent to share their record with a partner organisation ends on "
                "((ends_on)): reference ((reference)).\n\n"
                "From that day the organisation can no longer see the record. If the carer wants "
                "the sharing to go on, record their consent again before then.\n\n"
                "Sign in to the carers hub to see the record."
            ),
        ),
    ]
}


def paragraphs(body):
    """A rendered body as paragraphs (split on blank lines), each a list of its lines."""
    return [part.strip().splitlines() for part in body.split("\n\n") if part.strip()]


def get_template(key, channel=None):
    """The template called ``key``; with ``channel``, also check it is for that channel."""
    try:
        template = TEMPLATES[key]
    except KeyError:
        raise UnknownTemplate(
            f"No message template called {key!r}: add it to "
            "carershub.notifications.message_templates"
        ) from None
    if channel is not None and template.channel != channel:
        raise WrongChannel(f"Template {key!r} is for {template.channel}, not {channel}")
    return template


def templates_for(channel):
    return [template for template in TEMPLATES.values() if template.channel == channel]

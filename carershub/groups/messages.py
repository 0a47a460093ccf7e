"""The messages about group sessions: a place from the waiting list, a reminder, a cancellation.

They join the hub's one list of message templates when the app starts, so they are sent, shown
in the outbox and checked against GOV.UK Notify like every other message.
"""

from carershub.notifications.message_templates import TEMPLATES, MessageTemplate
from carershub.notifications.models import Channel

PLACE_OFFERED = "group_place_offered"
REMINDER = "group_session_reminder"
CANCELLED = "group_session_cancelled"

GROUP_TEMPLATES = [
    MessageTemplate(
        key=f"{PLACE_OFFERED}_email",
        channel=Channel.EMAIL,
        name="Group session: a place from the waiting list (email)",
        subject="You have a place at ((group))",
        body=(
            "Dear ((name))\n\n"
            "A place has come up at ((group)) and it is yours.\n\n"
            "When: ((when))\n"
            "Where: ((where))\n\n"
            "If you can no longer come, please call ((organisation)) "
            "so someone else can have the place."
        ),
    ),
    MessageTemplate(
        key=f"{PLACE_OFFERED}_sms",
        channel=Channel.SMS,
        name="Group session: a place from the waiting list (text message)",
        body="((organisation)): a place came up at ((group)), ((when)), ((where)). It is yours. "
        "Call us if you cannot come.",
    ),
    MessageTemplate(
        key=f"{REMINDER}_email",
        channel=Channel.EMAIL,
        name="Group session reminder (email)",
        subject="See you tomorrow at ((group))",
        body=(
            "Dear ((name))\n\n"
            "This is a reminder that you are booked on ((group)) tomorrow.\n\n"
            "When: ((when))\n"
            "Where: ((where))\n\n"
            "If you can no longer come, please call ((organisation)) "
            "so someone else can have the place."
        ),
    ),
    MessageTemplate(
        key=f"{REMINDER}_sms",
        channel=Channel.SMS,
        name="Group session reminder (text message)",
        body="((organisation)): a reminder that you are booked on ((group)) tomorrow, ((when)), "
        "((where)).",
    ),
    MessageTemplate(
        key=f"{CANCELLED}_email",
        channel=Channel.EMAIL,
        name="Group session cancelled (email)",
        subject="((group)) on ((when)) is cancelled",
        body=(
            "Dear ((name))\n\n"
            "We are sorry: ((group)) on ((when)) is cancelled.\n\n"
            "The reason: ((reason))\n\n"
            "Call ((organisation)) to find another session."
        ),
    ),
    MessageTemplate(
        key=f"{CANCELLED}_sms",
        channel=Channel.SMS,
        name="Group session cancelled (text message)",
        body="((organisation)): sorry, ((group)) on ((when)) is cancelled: ((reason)).",
    ),
]


def register():
    for template in GROUP_TEMPLATES:
        TEMPLATES.setdefault(template.key, template)

"""Changes from the helpline page: a contact form becomes a referral in the hub's triage queue."""

from carershub.helpline.forms import CARING, split_name
from carershub.referrals import services as referrals
from carershub.referrals.models import Source


def send_contact_form(*, hub, name, contact_by, phone, email, message, caring=""):
    """The message lands in the hub's queue as a referral the person agreed to, with its clocks
    started.

    Only the contact detail they chose is kept: they asked to be contacted that way."""
    given_name, family_name = split_name(name)
    caring_text = dict(CARING).get(caring)
    text = message.strip()
    if caring_text:
        text += f"\n\nCaring for someone: {caring_text}"
    return referrals.make_referral(
        None,
        hub=hub,
        source=Source.HELPLINE_FORM,
        agreed_to_referral=True,
        given_name=given_name,
        family_name=family_name,
        phone=phone if contact_by == "phone" else "",
        email=email if contact_by == "email" else "",
        cares_for=text,
    )

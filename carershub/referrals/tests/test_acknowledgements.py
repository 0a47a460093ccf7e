"""The acknowledgement sent to an address typed on a public form carries the reference and what
the hub itself says, never what the sender typed: the address may be a stranger's."""

import pytest
from django.urls import reverse

from carershub.notifications.message_templates import get_template
from carershub.notifications.models import Notification
from carershub.referrals.models import Referral
from carershub.referrals.tests.test_front_door import answer

# What a sender might type to make the hub carry their words to someone else's inbox.
TYPED = {
    "name": {"given_name": "Win a prize at https://prize.example", "family_name": "Click now"},
    "date-of-birth": {
        "date_of_birth-day": "27",
        "date_of_birth-month": "3",
        "date_of_birth-year": "1961",
    },
    "contact": {"email": "stranger@example.com", "phone": "07700 900982"},
    "safe-contact": {
        "safe_to_phone": "yes",
        "safe_to_text": "yes",
        "safe_to_leave_voicemail": "yes",
    },
    "language": {"preferred_language": "Visit https://prize.example", "needs_interpreter": "no"},
    "postcode": {"postcode": "zz1 1aa"},
    "caring": {
        "cared_for_name": "Claim at https://prize.example",
        "cared_for_relationship": "Your bank",
        "cares_for": "Reply to https://prize.example/claim with your bank details",
    },
    "urgency": {"urgent": "no"},
}


@pytest.mark.django_db
def test_the_self_referral_email_repeats_nothing_the_sender_typed(client, hub):
    for slug, data in TYPED.items():
        assert answer(client, slug, data).status_code == 302
    client.post(reverse("front_door:self_referral_submit"))
    referral = Referral.unscoped.get()
    email = Notification.unscoped.get(template="self_referral_received")
    assert email.recipient == "stranger@example.com"
    text = f"{email.subject}\n{email.body}"
    assert referral.reference in text
    for typed in ["prize", "Click now", "https://", "07700", "ZZ1", "1961", "bank details"]:
        assert typed not in text, typed


def test_acknowledgements_to_typed_addresses_hold_only_what_the_hub_says():
    """Every message sent to an address typed on a public form, and the placeholders it may fill."""
    assert set(get_template("self_referral_received").placeholders) == {
        "reference",
        "hub",
        "first_contact_due",
        "helpline",
    }

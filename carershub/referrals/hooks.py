"""What the referrals app answers for the platform floor: who may read a message about a referral
no carer's record has been linked to yet (ADR 24, ADR 33)."""

from django.urls import reverse

from carershub.accounts.permissions import can
from carershub.notifications import subjects
from carershub.notifications.selectors import Reading
from carershub.referrals.models import Referral


def reading_of_a_message_about(actor, referral):
    """The referral's own rule: those who may see the referral may read what was sent about it."""
    allowed = can(actor, "referrals.view_referral", referral)
    href = reverse("referrals:detail", kwargs={"reference": referral.reference})
    return Reading(allowed, allowed, record_link=(referral.reference, href) if allowed else ())


subjects.register(Referral, described_as="A referral", reading=reading_of_a_message_about)

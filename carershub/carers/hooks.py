"""What the carers app answers for the platform floor: whom a contact restriction names, whether a
consent opens the record to a partner, and who may read a message about a carer (ADR 33)."""

from django.urls import reverse

from carershub.accounts import permissions
from carershub.accounts.permissions import can
from carershub.carers import purposes
from carershub.carers.models import Carer
from carershub.carers.models.consent import for_purpose
from carershub.carers.restrictions import is_named_worker
from carershub.notifications import subjects
from carershub.notifications.selectors import Reading

permissions.is_named_worker.answer_with(is_named_worker)


@permissions.consent_opens_the_record.answer_with
def consent_opens_the_record(actor, carer):
    purpose = purposes.purpose_on(actor, purposes.RECORD_PAGE)
    consents = carer.consents.active().filter(for_purpose(purpose), organisation=actor.organisation)
    return consents.exists()


def reading_of_a_message_about(actor, carer):
    """A message about a carer says who they are and how to reach them: its words and recipient
    are for those who may see the carer's contact details, and a restricted carer's recipient is
    shown in no list (ADR 19, ADR 24)."""
    allowed = can(actor, "carers.view_contact_details", carer)
    restricted = carer.contact_restricted
    # The record's reference and link, for those who may open it; its name is not in a list.
    link = (
        (carer.reference, reverse("carers:detail", kwargs={"reference": carer.reference}))
        if can(actor, "carers.view_carer", carer)
        else ()
    )
    return Reading(
        allowed, allowed and not restricted, carer if allowed and restricted else None, link
    )


def carers_messages_are_about(actor):
    """A message about a carer is read for what the carer's record is read for: the hub's own
    purpose for the organisation holding it, the record page's purpose for a partner (ADR 36)."""
    return Carer.objects.visible_to(actor, purposes.purpose_on(actor, purposes.RECORD_PAGE))


subjects.register(
    Carer,
    described_as="A carer",
    reading=reading_of_a_message_about,
    linked_by="carer",
    visible_to=carers_messages_are_about,
)

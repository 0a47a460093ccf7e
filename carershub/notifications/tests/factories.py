"""Factories and sample personalisation for the notification tests."""

import factory

from carershub.notifications.message_templates import REDACTED
from carershub.notifications.models import Channel, Notification, Status
from carershub.partnerships.tests.factories import OrganisationFactory

INVITATION = {
    "full_name": "Priya Patel",
    "organisation": "Testshire Carers Centre",
    "invited_by": "Morgan Manager",
    "invitation_url": "https://hub.example/invitation/abc123/",
    "expires": "30 November 2026",
}

REGISTERED = {
    "partnership": "Testshire Carers Partnership",
    "reference": "C-7KQ2-MX9P",
    "helpline_phone": "0808 157 0000",
}

REGISTERED_LETTER = {
    "partnership": "Testshire Carers Partnership",
    "full_name": "Ada Foxglove",
    "reference": "C-7KQ2-MX9P",
    "helpline_phone": "0808 157 0000",
}

ADDRESS = ["Ada Foxglove", "12 Primrose Lane", "Little Testing", "Testshire", "ZZ1 1AA"]


class NotificationFactory(factory.django.DjangoModelFactory):
    """A stored email, as ``send_email`` would have left it after the outbox held it."""

    class Meta:
        model = Notification

    @classmethod
    def _get_manager(cls, model_class):
        # factory_boy uses ``objects``, which refuses every unscoped query by design.
        return model_class.unscoped

    channel = Channel.EMAIL
    template = "staff_invitation"
    recipient = factory.Sequence(lambda n: f"person{n}@testshire.example")
    personalisation = factory.LazyFunction(lambda: {**INVITATION, "invitation_url": REDACTED})
    subject = "You have been invited to join Testshire Carers Centre on the carers hub"
    body = "Dear Priya Patel\n\nMorgan Manager has invited you."
    status = Status.HELD
    backend = "outbox"
    organisation = factory.SubFactory(OrganisationFactory)

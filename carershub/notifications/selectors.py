"""Reads of the outbox, always scoped to the actor, and whether a live hub is sending at all."""

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, Q

from carershub.core.pagination import paginate
from carershub.notifications.backends import backend_name_for
from carershub.notifications.models import Channel, Notification


def outbox_page(actor, page=1):
    """A page of the messages the actor's organisation sent, newest first.

    The PDF, the body and the personalisation are left in the database: a list needs none of them.
    """
    notifications = (
        Notification.objects.visible_to(actor)
        .defer("letter_pdf", "body", "personalisation")
        .order_by("-created_at", "-pk")
    )
    return paginate(notifications, page)


def notification_for(actor, notification_id):
    """One message, if the actor may see it; the PDF stays in the database until downloaded."""
    return (
        Notification.objects.visible_to(actor)
        .defer("letter_pdf")
        .annotate(has_letter_pdf=ExpressionWrapper(Q(letter_pdf__isnull=False), output_field=BooleanField()))
        .select_related("organisation", "requested_by")
        .filter(pk=notification_id)
        .first()
    )


def letter_pdf_for(actor, notification_id):
    """The letter's PDF bytes, if the actor may see the letter and it has been printed."""
    pdf = (
        Notification.objects.visible_to(actor)
        .filter(pk=notification_id, channel=Channel.LETTER)
        .values_list("letter_pdf", flat=True)
        .first()
    )
    return bytes(pdf) if pdf else None


# Letters are often printed from the outbox by hand on purpose; email and text messages never are.
_MUST_BE_SENT_ON_A_LIVE_HUB = (Channel.EMAIL, Channel.SMS)


def channels_held_on_a_live_hub():
    """Labels of the channels ("email", "text messages") a live hub only holds in the outbox.

    Empty outside the production settings (``LIVE_HUB``): there the outbox is the point.
    """
    if not getattr(settings, "LIVE_HUB", False):
        return []
    labels = {Channel.EMAIL: "emails", Channel.SMS: "text messages"}
    return [labels[channel] for channel in _MUST_BE_SENT_ON_A_LIVE_HUB if backend_name_for(channel) == "outbox"]

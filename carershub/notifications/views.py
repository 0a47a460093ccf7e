"""The outbox: what the organisation has sent or is holding, one message, and a letter's PDF."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from carershub.accounts.permissions import permission_required
from carershub.audit import services as auditor
from carershub.core.pagination import pagination_params
from carershub.core.text import set_download
from carershub.notifications import selectors
from carershub.notifications.models import Channel, Notification
from carershub.notifications.presenters import NotificationPresenter, outbox_rows


@permission_required("notifications.view_outbox")
def outbox(request):
    page = selectors.outbox_page(request.actor, request.GET.get("page", 1))
    notifications = list(page.object_list)
    readings = selectors.reading(request.actor, notifications)
    shown = [n for n in notifications if readings[n.pk].shows_recipient_in_list]
    withheld = [n for n in notifications if not readings[n.pk].shows_recipient_in_list]
    context = {"view": "notifications:outbox", "page": page.number}
    for group, fields in (
        (shown, NotificationPresenter.LIST_FIELDS),
        (withheld, NotificationPresenter.fields_shown(selectors.Reading(False, False), True)),
    ):
        if group:
            auditor.listed(request.actor, Notification, group, fields=fields, context=context)
    return render(
        request,
        "notifications/outbox.html",
        {
            "page_title": "Outbox",
            "page": page,
            "pagination": pagination_params(page),
            "notifications": outbox_rows(
                NotificationPresenter(n, readings[n.pk]) for n in notifications
            ),
        },
    )


@permission_required("notifications.view_outbox")
def detail(request, notification_id):
    notification = selectors.notification_for(request.actor, notification_id)
    if notification is None:
        raise Http404
    reading = selectors.reading(request.actor, [notification])[notification.pk]
    auditor.read(
        request.actor,
        notification,
        fields=NotificationPresenter.fields_shown(reading),
        context={"view": "notifications:detail"},
    )
    if reading.restricted_carer is not None:
        # Every sight of a restricted carer's contact details is a row of its own (ADR 19).
        auditor.read(
            request.actor,
            reading.restricted_carer,
            fields=_CONTACT_FIELDS_USED[notification.channel],
            context={"view": "notifications:detail", "restricted_contact_details": True},
        )
    presenter = NotificationPresenter(notification, reading)
    return render(
        request,
        "notifications/detail.html",
        {"page_title": presenter.template_name, "notification": presenter},
    )


# The carer's contact details a message shows: where it was sent.
_CONTACT_FIELDS_USED = {
    Channel.EMAIL: ["email"],
    Channel.SMS: ["mobile"],
    Channel.LETTER: ["address_line_1", "address_line_2", "town", "postcode"],
}


@permission_required("notifications.view_outbox")
def letter_pdf(request, notification_id):
    pdf, reading = selectors.letter_pdf_for(request.actor, notification_id)
    if pdf is None:
        raise Http404
    auditor.exported(
        request.actor,
        Notification,
        [notification_id],
        fmt="pdf",
        fields=["recipient", "subject", "body"],
    )
    if reading.restricted_carer is not None:
        auditor.read(
            request.actor,
            reading.restricted_carer,
            fields=_CONTACT_FIELDS_USED[Channel.LETTER],
            context={"view": "notifications:letter_pdf", "restricted_contact_details": True},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    # A name with no personal data in it: downloads folders and browser histories are not private.
    set_download(response, f"letter-{notification_id}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response

"""The outbox: what the organisation has sent or is holding, one message, and a letter's PDF."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from carershub.accounts.permissions import permission_required
from carershub.audit import services as auditor
from carershub.core.pagination import pagination_params
from carershub.core.text import set_download
from carershub.notifications import selectors
from carershub.notifications.models import Notification
from carershub.notifications.presenters import NotificationPresenter


@permission_required("notifications.view_outbox")
def outbox(request):
    page = selectors.outbox_page(request.actor, request.GET.get("page", 1))
    auditor.listed(
        request.actor, Notification, page.object_list, fields=NotificationPresenter.LIST_FIELDS,
        context={"view": "notifications:outbox", "page": page.number},
    )
    return render(
        request,
        "notifications/outbox.html",
        {
            "page_title": "Outbox",
            "page": page,
            "pagination": pagination_params(page),
            "notifications": [NotificationPresenter(n) for n in page],
        },
    )


@permission_required("notifications.view_outbox")
def detail(request, notification_id):
    notification = selectors.notification_for(request.actor, notification_id)
    if notification is None:
        raise Http404
    auditor.read(
        request.actor, notification, fields=NotificationPresenter.FIELDS_SHOWN,
        context={"view": "notifications:detail"},
    )
    presenter = NotificationPresenter(notification)
    return render(request, "notifications/detail.html", {"page_title": presenter.template_name, "notification": presenter})


@permission_required("notifications.view_outbox")
def letter_pdf(request, notification_id):
    pdf = selectors.letter_pdf_for(request.actor, notification_id)
    if pdf is None:
        raise Http404
    auditor.exported(
        request.actor, Notification, [notification_id], fmt="pdf", fields=["recipient", "subject", "body"]
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    # A name with no personal data in it: downloads folders and browser histories are not private.
    set_download(response, f"letter-{notification_id}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response

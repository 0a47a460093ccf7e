from django.shortcuts import render

from carershub.accounts.permissions import permission_required


@permission_required("notifications.view_outbox")
def outbox(request):
    return render(request, "notifications/outbox.html", {"page_title": "Outbox"})

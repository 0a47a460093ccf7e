"""The public helpline page: how to reach the helpline, whether it is open now,
and a contact form.
"""

from django.shortcuts import redirect, render

from carershub.core.ratelimits import limit_public_form
from carershub.helpline import selectors, services
from carershub.helpline.forms import ContactForm
from carershub.partnerships.selectors import current_partnership, helpline_opening_times

DONE = "helpline_contact_sent"


def _recipients(request):
    """Whoever the hub would call or email back: each contact detail typed."""
    return [request.POST.get("email"), request.POST.get("phone")]


@limit_public_form("helpline", recipients=_recipients, show_back={"message": "Your message"})
def contact(request):
    partnership = current_partnership()
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        hub = partnership.hub_provider if partnership else None
        if hub is None:
            return render(
                request,
                "referrals/no_hub.html",
                {"page_title": "There is no hub to refer to yet"},
                status=503,
            )
        referral = services.send_contact_form(hub=hub, **form.cleaned_data)
        request.session[DONE] = {
            "reference": referral.reference,
            "contact_by": form.cleaned_data["contact_by"],
        }
        return redirect("helpline:sent")
    return render(
        request,
        "helpline/contact.html",
        {
            "page_title": "Contact the carers helpline",
            "form": form,
            "status": selectors.status_now(partnership),
            "opening_times": helpline_opening_times(partnership),
        },
    )


def sent(request):
    done = request.session.get(DONE)
    if not done:
        return redirect("helpline:contact")
    return render(request, "helpline/sent.html", {"page_title": "Message sent", "done": done})

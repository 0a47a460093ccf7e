"""What every page needs: the partnership, the actor and the navigation."""

from django.conf import settings
from django.urls import reverse

from carershub.accounts.actor import ANONYMOUS
from carershub.accounts.permissions import can
from carershub.partnerships.selectors import current_partnership


def _actor(request):
    # Error pages can be drawn before the actor middleware has run (a failed static file, say).
    return getattr(request, "actor", ANONYMOUS)


def _navigation(request):
    actor = _actor(request)
    if not actor.is_authenticated or actor.organisation is None:
        return []
    items = [("Home", reverse("home:staff_home"))]
    if can(actor, "referrals.view_queue"):
        items.append(("Referrals", reverse("referrals:queue")))
    if can(actor, "carers.list_carers"):
        items.append(("Carers", reverse("carers:list")))
    if can(actor, "safeguarding.list_concerns"):
        items.append(("Safeguarding", reverse("safeguarding:list")))
    if can(actor, "groups.list_groups"):
        items.append(("Groups", reverse("groups:manage")))
    if can(actor, "directory.manage"):
        items.append(("Directory", reverse("directory:staff_services")))
    if can(actor, "advice.manage_articles"):
        items.append(("Advice", reverse("advice:manage")))
    if can(actor, "imports.import_carers"):
        items.append(("Import", reverse("imports:upload")))
    if can(actor, "accounts.manage_team"):
        items.append(("Team", reverse("accounts:team")))
    if can(actor, "notifications.view_outbox"):
        items.append(("Outbox", reverse("notifications:outbox")))
    path = request.path
    return [
        {
            "text": text,
            "href": href,
            "active": path == href or (href != "/" and path.startswith(href)),
        }
        for text, href in items
    ]


# The short menu of the public pages: what a carer comes to the hub for.
PUBLIC_NAVIGATION = (
    ("Find services", "directory:find"),
    ("Groups", "groups:calendar"),
    ("Advice", "advice:index"),
    ("Helpline", "helpline:contact"),
    ("Ask for support", "front_door:self_referral_start"),
)


def _public_navigation(request):
    if _actor(request).is_authenticated:
        return []
    path = request.path
    items = []
    for text, name in PUBLIC_NAVIGATION:
        href = reverse(name)
        items.append(
            {"text": text, "href": href, "active": path.startswith(href), "current": path == href}
        )
    return items


def hub(request):
    partnership = current_partnership()
    return {
        "partnership": partnership,
        "service_name": partnership.name if partnership else "Carers Hub",
        "actor": _actor(request),
        "can": lambda permission, obj=None: can(_actor(request), permission, obj),
        "navigation": _navigation(request),
        "public_navigation": _public_navigation(request),
        "csp_nonce": str(request.csp_nonce) if hasattr(request, "csp_nonce") else "",
        "debug": settings.DEBUG,
    }

"""Public pages, the staff home page, the health check and the error pages."""

import sys

from django.db import OperationalError
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from carershub.accounts.permissions import permission_required
from carershub.core import presenters
from carershub.helpline.selectors import status_now as helpline_status_now
from carershub.partnerships.selectors import current_partnership, helpline_opening_times


def start(request):
    partnership = current_partnership()
    return render(
        request,
        "core/start.html",
        {
            "page_title": "Support for unpaid carers",
            "opening_times": helpline_opening_times(partnership),
            "helpline_status": helpline_status_now(partnership),
        },
    )


@permission_required("core.view_staff_home")
def staff_home(request):
    return render(
        request,
        "core/staff_home.html",
        {"page_title": "Home", "home": presenters.StaffHome(request.actor)},
    )


def cookies(request):
    return render(request, "core/cookies.html", {"page_title": "Cookies"})


def accessibility(request):
    return render(request, "core/accessibility.html", {"page_title": "Accessibility statement"})


@never_cache
@require_GET
def healthz(request):
    """Whether the database and the background worker answer, and this process holds every key the
    database's values are under. 200 when all do, else 503."""
    from carershub.core.live_hub import missing_keys
    from carershub.jobs.selectors import worker_status

    try:
        # Reading the database's record of its keys is also the check that the database answers.
        key_problems = missing_keys()
        database = {"ok": True}
    except Exception as exc:  # the check exists to report exactly this
        database = {"ok": False, "error": exc.__class__.__name__}
    worker = worker_status() if database["ok"] else {"ok": False, "error": "database unavailable"}
    if not database["ok"]:
        keys = {"ok": False, "error": "database unavailable"}
    else:
        # Separate from the database: a process without a key the data is under (ADR 30).
        keys = {"ok": True} if not key_problems else {"ok": False, "error": "; ".join(key_problems)}
    ok = database["ok"] and worker["ok"] and keys["ok"]
    return JsonResponse(
        {
            "status": "ok" if ok else "unavailable",
            "database": database,
            "worker": worker,
            "keys": keys,
        },
        status=200 if ok else 503,
    )


def permission_denied(request, exception=None):
    return render(
        request,
        "core/403.html",
        {"page_title": "You do not have permission to see this page"},
        status=403,
    )


def page_not_found(request, exception=None):
    return render(request, "core/404.html", {"page_title": "Page not found"}, status=404)


def database_is_locked(exc):
    """SQLite's "database is locked": another writer held the lock for longer than we wait."""
    return (
        isinstance(exc, OperationalError)
        and bool(exc.args)
        and "database is locked" in str(exc.args[0]).lower()
    )


def database_busy(request):
    """503 "try again in a minute", keeping what was posted so that nothing typed is lost.

    Every field posted comes back in the page as a hidden field of a form that posts it again
    to the same address (with a new CSRF token); files cannot be kept, and the page says so.
    """
    posted = request.method == "POST"
    kept = [
        (name, value)
        for name, values in (request.POST.lists() if posted else [])
        if name != "csrfmiddlewaretoken"
        for value in values
    ]
    context = {
        "page_title": "Try again in a minute",
        "posted": posted,
        "kept": kept,
        "files": posted and bool(request.FILES),
    }
    response = render(request, "core/503_busy.html", context, status=503)
    response["Retry-After"] = "60"
    return response


def server_error(request):
    title = "Sorry, there is a problem with the service"
    exc = sys.exc_info()[1]
    if database_is_locked(exc):
        # Raised outside a view (a middleware saving the session, say): the same answer.
        try:
            return database_busy(request)
        except Exception:  # pragma: no cover - fall through to the plain page below
            pass
    try:
        return render(request, "core/500.html", {"page_title": title}, status=500)
    except Exception:  # the page must not fail too (the database may be what is down)
        return HttpResponseServerError(
            f"<!DOCTYPE html><html lang='en'><head><title>{title}</title></head>"
            f"<body><main><h1>{title}</h1><p>Try again later.</p></main></body></html>"
        )


def csrf_failure(request, reason=""):
    return render(
        request,
        "core/csrf_failure.html",
        {"page_title": "Your form could not be sent"},
        status=403,
    )

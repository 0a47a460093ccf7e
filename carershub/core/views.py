"""The information pages (cookies, accessibility, privacy) and the error pages."""

import datetime as dt
import sys

from django.db import OperationalError
from django.http import HttpResponseServerError
from django.shortcuts import render


def cookies(request):
    return render(request, "core/cookies.html", {"page_title": "Cookies"})


# When the accessibility statement was written, last reviewed and the service last tested: the
# regulations ask for all three. Change them when the statement is reviewed.
STATEMENT_PREPARED = dt.date(2026, 11, 23)
STATEMENT_REVIEWED = dt.date(2026, 12, 7)
SERVICE_TESTED = dt.date(2026, 12, 7)


def accessibility(request):
    return render(
        request,
        "core/accessibility.html",
        {
            "page_title": "Accessibility statement",
            "prepared": STATEMENT_PREPARED,
            "reviewed": STATEMENT_REVIEWED,
            "tested": SERVICE_TESTED,
        },
    )


def privacy(request):
    return render(request, "core/privacy.html", {"page_title": "Privacy notice"})


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

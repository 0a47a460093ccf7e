"""Security headers that Django and django-csp do not set themselves; a busy database answered
with "try again in a minute" instead of an error; the page for a search refused because the hub's
keys are wrong."""

import logging

from django.contrib.sessions.exceptions import SessionInterrupted
from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import OperationalError
from django.shortcuts import render

from carershub.core.encryption import LookupKeysMissing
from carershub.core.views import database_busy, database_is_locked

logger = logging.getLogger(__name__)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # No page is kept by the browser or a shared cache unless its view says otherwise (ADR 27).
        # Staff pages show personal data; public pages show back what a visitor typed (their
        # answers, a search, a form after an error), which the next person at a shared computer
        # must not find with the Back button. Static files are served before this runs.
        response.setdefault("Cache-Control", "no-store")
        return response


class DatabaseBusyMiddleware:
    """A view that finds SQLite's write lock held too long answers 503, keeping the form.

    A big import publishing, or a restore, can hold the lock for a few seconds at a time; a
    colleague's save that waits past the busy timeout then gets a page saying to try again in
    a minute, with everything they posted kept in it, never a server error or a lost form.
    Errors raised outside a view get the same page from ``core.views.server_error``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_is_locked(exception):
            return None
        logger.warning(
            "The database was locked for too long during %s %s", request.method, request.path
        )
        return database_busy(request)


def _locked_database_behind(exc):
    """The "database is locked" error that ``exc`` was raised from, if any
    (sessions re-raise it).
    """
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OperationalError) and database_is_locked(exc):
            return exc
        exc = exc.__cause__ or exc.__context__
    return None


class SessionMiddleware(DjangoSessionMiddleware):
    """Django's, except that a session save meeting a locked database does not answer 400.

    Sessions are saved at the end of every request (the idle timeout is measured from the last
    one), after the view has answered. If the lock is met there and the session held nothing new
    (only its expiry moved on), the page is sent as it is. If it held something new (a step of
    a journey kept in the session), the visitor gets "Try again in a minute" with their answers.
    """

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except (SessionInterrupted, OperationalError) as exc:
            if _locked_database_behind(exc) is None:
                raise

        logger.warning(
            "The database was locked when saving the session of %s %s", request.method, request.path
        )
        if request.session.modified:
            return database_busy(request)
        return response


class MissingKeysMiddleware:
    """A search by NHS number refused because a lookup key is missing says so (503), on every page
    that searches by one, instead of "no carers found" or "no duplicates"."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, LookupKeysMissing):
            return render(
                request,
                "core/keys_missing.html",
                {"page_title": "The hub cannot search by NHS number", "reason": str(exception)},
                status=503,
            )
        return None

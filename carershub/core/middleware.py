"""Security headers that Django and django-csp do not set themselves, and the page for a search
refused because the hub's keys are wrong."""

from django.shortcuts import render

from carershub.core.encryption import LookupKeysMissing


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages with personal data must not be kept by the browser or a shared cache.
            response.setdefault("Cache-Control", "no-store")
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
            return render(request, "core/keys_missing.html",
                          {"page_title": "The hub cannot search by NHS number", "reason": str(exception)}, status=503)
        return None

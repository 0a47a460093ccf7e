"""Security headers that Django and django-csp do not set themselves."""


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        # No page is kept by the browser or a shared cache unless its view says otherwise (ADR 27).
        # Staff pages show personal data; public pages show back what a visitor typed (their
        # answers, a search, a form after an error), which the next person at a shared computer
        # must not find with the Back button. Static files are served before this runs.
        response.setdefault("Cache-Control", "no-store")
        return response

"""Security headers that Django and django-csp do not set themselves, and the health check's way past the host check."""

from django.urls import reverse


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


class HealthCheckMiddleware:
    """Answers the health check before the host check and the HTTPS redirect.

    A load balancer probes each server directly: over plain HTTP, by its address
    (``Host: 10.0.0.5:8000``). Behind ``SECURE_SSL_REDIRECT`` and ``ALLOWED_HOSTS`` it would get a
    redirect or a 400 and mark every server down. The health check shows no personal data and
    takes no input, so it alone is answered here, first in the chain; every other path still
    meets both checks. It never reads the Host header (``request.get_host()`` is what refuses).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path_info == reverse("core:healthz"):
            from carershub.core.views import healthz

            response = healthz(request)
            response["Cache-Control"] = "no-store"
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)

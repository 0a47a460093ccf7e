"""The health check's way past the host check and the HTTPS redirect."""

from django.urls import reverse

from carershub.home.views import healthz


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
        if request.method in ("GET", "HEAD") and request.path_info == reverse("home:healthz"):
            response = healthz(request)
            response["Cache-Control"] = "no-store"
            response["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)

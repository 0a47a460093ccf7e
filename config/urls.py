"""URLs of the whole hub; each domain app owns its own."""

from django.urls import include, path

from carershub.core.converters import register_signed_converters

# Before the apps' URLs are read: they name these converters
# (``<signed_user:user_id>`` and the like).
register_signed_converters()

urlpatterns = [
    path("", include("carershub.home.urls")),
    path("", include("carershub.core.urls")),
    path("", include("carershub.accounts.urls")),
    path("", include("carershub.referrals.public_urls")),
    path("", include("carershub.assessments.public_urls")),
    path("carers/", include("carershub.carers.urls")),
    path("referrals/", include("carershub.referrals.urls")),
    path("notifications/", include("carershub.notifications.urls")),
    path("imports/", include("carershub.imports.urls")),
    path("assessments/", include("carershub.assessments.urls")),
    path("emergency-plans/", include("carershub.emergency_plans.urls")),
    # Each of these owns its paths, public and staff, from the root.
    path("", include("carershub.directory.urls")),
    path("openreferral/", include("carershub.directory.api_urls")),
    path("", include("carershub.groups.urls")),
    path("", include("carershub.advice.urls")),
    path("", include("carershub.carers_allowance.urls")),
    path("", include("carershub.helpline.urls")),
    path("", include("carershub.safeguarding.urls")),
    path("privacy/", include("carershub.privacy.urls")),
    path("jobs/", include("carershub.jobs.urls")),
    path("partnership/", include("carershub.partnerships.urls")),
]

handler403 = "carershub.core.views.permission_denied"
handler404 = "carershub.core.views.page_not_found"
handler500 = "carershub.core.views.server_error"

"""Privacy pages: subject access exports, the retention schedule and legal holds."""

from django.urls import path

from carershub.privacy import views

app_name = "privacy"

urlpatterns = [
    path("retention/", views.retention_schedule, name="retention_schedule"),
    path("carers/<str:reference>/subject-access/", views.subject_access, name="subject_access"),
    path("carers/<str:reference>/legal-hold/", views.legal_hold, name="legal_hold"),
    path("carers/<str:reference>/legal-hold/lift/", views.lift_hold, name="lift_hold"),
]

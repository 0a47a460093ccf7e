from django.urls import path

from carershub.jobs import views

app_name = "jobs"

urlpatterns = [
    path("failed/", views.failed, name="failed"),
]

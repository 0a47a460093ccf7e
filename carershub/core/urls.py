from django.urls import path

from carershub.core import views

app_name = "core"

urlpatterns = [
    path("", views.start, name="start"),
    path("home/", views.staff_home, name="staff_home"),
    path("cookies/", views.cookies, name="cookies"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("healthz", views.healthz, name="healthz"),
]

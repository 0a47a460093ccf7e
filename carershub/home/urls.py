from django.urls import path

from carershub.home import views

app_name = "home"

urlpatterns = [
    path("", views.start, name="start"),
    path("home/", views.staff_home, name="staff_home"),
    path("healthz", views.healthz, name="healthz"),
]

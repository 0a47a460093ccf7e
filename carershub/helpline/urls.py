"""The helpline pages (public)."""

from django.urls import path

from carershub.helpline import views

app_name = "helpline"

urlpatterns = [
    path("helpline/", views.contact, name="contact"),
    path("helpline/sent/", views.sent, name="sent"),
]

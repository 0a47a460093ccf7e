"""Public directory pages: find a service by words, category, who it is for and postcode."""

from django.urls import path

from carershub.directory import public_views

urlpatterns = [
    path("services/", public_views.find, name="find"),
    path("services/<uuid:service_id>/", public_views.service, name="service"),
]

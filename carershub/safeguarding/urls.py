"""Safeguarding concerns: staff pages, from the root."""

from django.urls import path

from carershub.safeguarding import views

app_name = "safeguarding"

urlpatterns = [
    path("safeguarding/", views.concern_list, name="list"),
    path("safeguarding/raise/<str:carer_reference>/", views.raise_concern, name="raise"),
    path("safeguarding/<str:reference>/", views.detail, name="detail"),
    path("safeguarding/<str:reference>/decision/", views.decide, name="decide"),
]

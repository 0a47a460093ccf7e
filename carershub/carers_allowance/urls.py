"""The Carer's Allowance checker pages (public)."""

from django.urls import path

from carershub.carers_allowance import views

app_name = "carers_allowance"

urlpatterns = [
    path("carers-allowance/", views.start, name="start"),
    path("carers-allowance/check/", views.check, name="check"),
    path("carers-allowance/result/", views.result, name="result"),
    path("carers-allowance/<slug:slug>/", views.question, name="question"),
]

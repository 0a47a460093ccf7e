from django.urls import path

from carershub.assessments import public_views

app_name = "carer_documents"

urlpatterns = [
    path("your-copy/<str:token>/", public_views.open_copy, name="open"),
]

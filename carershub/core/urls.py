from django.urls import path

from carershub.core import views

app_name = "core"

urlpatterns = [
    path("cookies/", views.cookies, name="cookies"),
    path("privacy-notice/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]

from django.urls import path

from carershub.partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("settings/", views.settings_page, name="settings"),
]

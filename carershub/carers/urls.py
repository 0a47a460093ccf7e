from django.urls import path

from carershub.carers import views

app_name = "carers"

urlpatterns = [
    path("", views.carer_list, name="list"),
    path("register/", views.register, name="register"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/activity/", views.activity, name="activity"),
]

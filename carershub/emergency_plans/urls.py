from django.urls import path

from carershub.emergency_plans import views

app_name = "emergency_plans"

urlpatterns = [
    path("new/<str:carer_reference>/", views.new, name="new"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/needs/", views.edit_needs, name="edit_needs"),
    path("<str:reference>/contacts/new/", views.add_contact, name="add_contact"),
    path(
        "<str:reference>/contacts/<signed_emergency_contact:contact_id>/remove/",
        views.remove_contact,
        name="remove_contact",
    ),
    path("<str:reference>/consent/", views.consent, name="consent"),
    path("<str:reference>/activate/", views.activate, name="activate"),
    path("<str:reference>/end/", views.end, name="end"),
]

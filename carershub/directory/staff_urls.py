"""Staff pages that keep the directory: providers, services, where and when, checking entries."""

from django.urls import path

from carershub.directory import staff_views as views

SERVICE = "directory/services/<uuid:service_id>/"

urlpatterns = [
    path("directory/services/", views.service_list, name="staff_services"),
    path("directory/services/due-for-review/", views.due_for_review, name="staff_due_for_review"),
    path("directory/services/new/", views.add_service, name="staff_add_service"),
    path(SERVICE, views.service_page, name="staff_service"),
    path(SERVICE + "details/", views.edit_service, name="staff_edit_service"),
    path(SERVICE + "categories/", views.service_terms, name="staff_service_terms"),
    path(SERVICE + "checked/", views.check_service, name="staff_check_service"),
    path(SERVICE + "places/new/", views.add_place, name="staff_add_place"),
    path(SERVICE + "places/<uuid:location_id>/", views.edit_place, name="staff_edit_place"),
    path(
        SERVICE + "places/<uuid:location_id>/remove/", views.remove_place, name="staff_remove_place"
    ),
    path(SERVICE + "<slug:kind>/new/", views.add_item, name="staff_add_item"),
    path(
        SERVICE + "<slug:kind>/<uuid:item_id>/remove/", views.remove_item, name="staff_remove_item"
    ),
    path("directory/providers/", views.provider_list, name="staff_providers"),
    path("directory/providers/new/", views.add_provider, name="staff_add_provider"),
    path(
        "directory/providers/<uuid:provider_id>/", views.edit_provider, name="staff_edit_provider"
    ),
]

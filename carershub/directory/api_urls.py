"""The Open Referral UK 3.0 API: /openreferral/..."""

from django.urls import path

from carershub.directory import api

app_name = "openreferral"

urlpatterns = [
    path("", api.root, name="root"),
    path("openapi.json", api.openapi, name="openapi"),
    path("services", api.services, name="services"),
    path("services/<str:service_id>", api.service, name="service"),
    path("taxonomies", api.taxonomies, name="taxonomies"),
    path("taxonomies/<str:taxonomy_id>", api.taxonomy, name="taxonomy"),
    path("taxonomy_terms", api.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:term_id>", api.taxonomy_term, name="taxonomy_term"),
    path("organizations", api.organizations, name="organizations"),
    path("organizations/<str:organization_id>", api.organization, name="organization"),
    path("service_at_locations", api.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:link_id>", api.service_at_location, name="service_at_location"),
]

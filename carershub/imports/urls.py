from django.urls import path

from carershub.imports import views

app_name = "imports"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<signed_import_run:run_id>/columns/", views.columns, name="columns"),
    path("<signed_import_run:run_id>/check/", views.results, name="results"),
    path("<signed_import_run:run_id>/import/", views.publish, name="publish"),
    path("<signed_import_run:run_id>/progress/", views.progress, name="progress"),
    path("<signed_import_run:run_id>/progress.json", views.progress_status, name="progress_status"),
    path("<signed_import_run:run_id>/done/", views.done, name="done"),
    path("<signed_import_run:run_id>/rejected-rows.csv", views.rejected_rows, name="rejected_rows"),
]

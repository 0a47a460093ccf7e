"""The advice library's pages: public under /information-and-advice/,
staff under /advice-library/.
"""

from django.urls import path

from carershub.advice import views

app_name = "advice"

urlpatterns = [
    path("information-and-advice/", views.index, name="index"),
    path("information-and-advice/search/", views.search, name="search"),
    path("information-and-advice/<slug:slug>/", views.article, name="article"),
    path("information-and-advice/<slug:slug>/easy-read/", views.easy_read, name="easy_read"),
    path(
        "information-and-advice/<slug:slug>/large-print.pdf", views.large_print, name="large_print"
    ),
    path(
        "information-and-advice/<slug:slug>/in/<slug:language>/",
        views.translation,
        name="translation",
    ),
    path("advice-library/", views.manage, name="manage"),
    path("advice-library/due-for-review/", views.due, name="due"),
    path("advice-library/new/", views.new, name="new"),
    path("advice-library/<signed_article:pk>/", views.staff_article, name="staff_article"),
    path("advice-library/<signed_article:pk>/edit/", views.edit, name="edit"),
    path("advice-library/<signed_article:pk>/sources/new/", views.add_source, name="add_source"),
    path(
        "advice-library/<signed_article:pk>/sources/<signed_article_source:source_id>/remove/",
        views.remove_source,
        name="remove_source",
    ),
    path(
        "advice-library/<signed_article:pk>/versions/new/", views.add_language, name="add_language"
    ),
    path(
        "advice-library/<signed_article:pk>/versions/<slug:language>/",
        views.edit_version,
        name="edit_version",
    ),
    path("advice-library/<signed_article:pk>/publish/", views.publish, name="publish"),
    path("advice-library/<signed_article:pk>/unpublish/", views.unpublish, name="unpublish"),
]

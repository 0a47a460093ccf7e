from django.urls import path

from carershub.notifications import views

app_name = "notifications"

urlpatterns = [
    path("outbox/", views.outbox, name="outbox"),
    path("outbox/<signed_notification:notification_id>/", views.detail, name="detail"),
    path(
        "outbox/<signed_notification:notification_id>/letter.pdf",
        views.letter_pdf,
        name="letter_pdf",
    ),
]

from django.urls import path

from carershub.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.new, name="new"),
    path("new/sent/", views.sent, name="sent"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/allocate/", views.allocate, name="allocate"),
    path("<str:reference>/first-contact/", views.first_contact, name="first_contact"),
    path("<str:reference>/triage/", views.triage, name="triage"),
    path("<str:reference>/reopen/", views.reopen, name="reopen"),
]

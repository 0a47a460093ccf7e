from django.urls import path

from carershub.carers import views

app_name = "carers"

urlpatterns = [
    path("", views.carer_list, name="list"),
    path("register/", views.register, name="register"),
    path("helpline-call/", views.log_contact, name="helpline_call"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path(
        "follow-ups/<signed_contact:contact_id>/done/",
        views.complete_follow_up,
        name="complete_follow_up",
    ),
    path("caseload/", views.my_caseload, name="my_caseload"),
    path("caseload/team/", views.team_caseload, name="team_caseload"),
    path("<str:reference>/key-worker/", views.key_worker, name="key_worker"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/restrict/", views.restrict, name="restrict"),
    path("<str:reference>/restrict/lift/", views.lift_restriction, name="lift_restriction"),
    path("<str:reference>/change/<slug:section>/", views.edit, name="edit"),
    path("<str:reference>/cares-for/add/", views.add_cared_for, name="add_cared_for"),
    path(
        "<str:reference>/cares-for/<signed_caring_relationship:relationship_id>/council/",
        views.relationship_council,
        name="relationship_council",
    ),
    path("<str:reference>/consent/add/", views.record_consent, name="record_consent"),
    path(
        "<str:reference>/consent/<signed_consent:consent_id>/withdraw/",
        views.withdraw_consent,
        name="withdraw_consent",
    ),
    path("<str:reference>/activity/", views.activity, name="activity"),
    path("<str:reference>/contacts/new/", views.log_contact, name="log_contact"),
    path("<str:reference>/timeline/", views.timeline, name="timeline"),
    path("<str:reference>/merge/<str:other>/", views.merge, name="merge"),
    path("<str:reference>/undo-merge/", views.undo_merge, name="undo_merge"),
]

"""The groups and events pages: public ones under groups/, staff ones under staff/groups/."""

from django.urls import path

from carershub.groups import public_views, views

app_name = "groups"

urlpatterns = [
    # Public.
    path("groups/", public_views.calendar, name="calendar"),
    path(
        "groups/sessions/<signed_public_group_session:session_id>/",
        public_views.session,
        name="session",
    ),
    path(
        "groups/<signed_public_group:group_id>/calendar.ics",
        public_views.group_feed,
        name="group_feed",
    ),
    path("groups/my-sessions/<str:token>/calendar.ics", public_views.carer_feed, name="carer_feed"),
    path("groups/when-could-you-come/", public_views.availability, name="availability"),
    path(
        "groups/when-could-you-come/thank-you/",
        public_views.availability_done,
        name="availability_done",
    ),
    # Staff.
    path("staff/groups/", views.manage, name="manage"),
    path("staff/groups/new/", views.new_group, name="new_group"),
    path("staff/groups/demand/", views.demand, name="demand"),
    path("staff/groups/<signed_group:group_id>/", views.group, name="group"),
    path("staff/groups/<signed_group:group_id>/change/", views.edit_group, name="edit_group"),
    path(
        "staff/groups/<signed_group:group_id>/sessions/new/",
        views.new_sessions,
        name="new_sessions",
    ),
    path(
        "staff/groups/sessions/<signed_group_session:session_id>/",
        views.session_bookings,
        name="session_bookings",
    ),
    path(
        "staff/groups/sessions/<signed_group_session:session_id>/change/",
        views.edit_session,
        name="edit_session",
    ),
    path(
        "staff/groups/sessions/<signed_group_session:session_id>/cancel/",
        views.cancel_session,
        name="cancel_session",
    ),
    path("staff/groups/sessions/<signed_group_session:session_id>/book/", views.book, name="book"),
    path(
        "staff/groups/sessions/<signed_group_session:session_id>/register/",
        views.register,
        name="register",
    ),
    path(
        "staff/groups/bookings/<signed_booking:booking_id>/cancel/",
        views.cancel_booking,
        name="cancel_booking",
    ),
    path("staff/groups/carers/<str:carer_reference>/", views.carer_bookings, name="carer_bookings"),
    path(
        "staff/groups/carers/<str:carer_reference>/calendar-link/",
        views.issue_feed,
        name="issue_feed",
    ),
    path(
        "staff/groups/carers/<str:carer_reference>/calendar-link/stop/",
        views.revoke_feed,
        name="revoke_feed",
    ),
    path(
        "staff/groups/carers/<str:carer_reference>/availability/",
        views.carer_availability,
        name="carer_availability",
    ),
]

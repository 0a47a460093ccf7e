from django.urls import path

from carershub.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("organisation/", views.choose_organisation, name="choose_organisation"),
    path("team/", views.team, name="team"),
    path("team/invite/", views.invite, name="invite"),
    path("team/<int:user_id>/", views.member, name="member"),
    path("team/<int:user_id>/roles/", views.change_member_roles, name="change_roles"),
    path("team/<int:user_id>/deactivate/", views.deactivate_member, name="deactivate"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]

from django.urls import path

from carershub.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/recovery-code/", views.sign_in_recovery_code, name="sign_in_recovery_code"),
    path("sign-in/set-up-authenticator/", views.set_up_authenticator, name="set_up_authenticator"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("recovery-codes/new/", views.new_recovery_codes, name="new_recovery_codes"),
    path("organisation/", views.choose_organisation, name="choose_organisation"),
    path("team/", views.team, name="team"),
    path("team/invite/", views.invite, name="invite"),
    path("team/<signed_user:user_id>/", views.member, name="member"),
    path("team/<signed_user:user_id>/roles/", views.change_member_roles, name="change_roles"),
    path("team/<signed_user:user_id>/deactivate/", views.deactivate_member, name="deactivate"),
    path(
        "team/<signed_user:user_id>/reset-authenticator/",
        views.reset_authenticator,
        name="reset_authenticator",
    ),
    path("team/<signed_user:user_id>/unlock/", views.unlock_member, name="unlock"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]

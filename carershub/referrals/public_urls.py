"""The public front door: no account needed."""

from django.urls import path

from carershub.referrals import public_views

app_name = "front_door"

urlpatterns = [
    path("am-i-a-carer/", public_views.checker_start, name="checker_start"),
    path("am-i-a-carer/result/", public_views.checker_result, name="checker_result"),
    path("am-i-a-carer/<slug:slug>/", public_views.checker_question, name="checker"),
    path("get-support/", public_views.self_referral_start, name="self_referral_start"),
    path("get-support/check/", public_views.self_referral_check, name="self_referral_check"),
    path("get-support/send/", public_views.self_referral_submit, name="self_referral_submit"),
    path("get-support/sent/", public_views.self_referral_done, name="self_referral_done"),
    path("get-support/<slug:slug>/", public_views.self_referral_question, name="self_referral"),
]

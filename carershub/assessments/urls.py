from django.urls import path

from carershub.assessments import views

app_name = "assessments"

urlpatterns = [
    path("start/<str:carer_reference>/", views.start, name="start"),
    path("quality-of-life/", views.quality_of_life_cohort, name="quality_of_life_cohort"),
    path("due/", views.due, name="due"),
    path("breakdown-risk/<str:carer_reference>/", views.breakdown_risk, name="breakdown_risk"),
    path("plans/<str:reference>/", views.plan, name="plan"),
    path("plans/<str:reference>/change/", views.edit_plan, name="edit_plan"),
    path("plans/<str:reference>/actions/new/", views.add_action, name="add_action"),
    path(
        "plans/<str:reference>/actions/<signed_plan_action:action_id>/done/",
        views.complete_action,
        name="complete_action",
    ),
    path("plans/<str:reference>/services/new/", views.add_service, name="add_service"),
    path("plans/<str:reference>/agree/", views.agree_plan, name="agree_plan"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/check/", views.check, name="check"),
    path("<str:reference>/cancel/", views.cancel, name="cancel"),
    path("<str:reference>/plan/", views.create_plan, name="create_plan"),
    path("<str:reference>/copy.pdf", views.copy_pdf, name="copy_pdf"),
    path("<str:reference>/send-copy/", views.send_copy, name="send_copy"),
    path("<str:reference>/carry-forward/", views.carry_forward, name="carry_forward"),
    path("<str:reference>/<slug:slug>/", views.section, name="section"),
]

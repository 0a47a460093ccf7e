"""The Open Referral UK 3.0 API: /openreferral/..."""

app_name = "openreferral"

urlpatterns = []

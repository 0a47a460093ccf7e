"""The helpline pages."""

app_name = "helpline"

urlpatterns = []

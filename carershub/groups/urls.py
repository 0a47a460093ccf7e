"""The groups and events pages."""

app_name = "groups"

urlpatterns = []

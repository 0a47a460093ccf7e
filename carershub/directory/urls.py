"""The directory pages."""

app_name = "directory"

urlpatterns = []

"""The information and advice pages."""

app_name = "advice"

urlpatterns = []

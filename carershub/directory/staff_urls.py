"""Staff pages that keep the directory: providers, services, where and when, checking entries."""

urlpatterns = []

"""Public directory pages: find a service by words, category, who it is for and postcode."""

urlpatterns = []

"""The directory's pages: the public "find a service" pages and the staff pages that keep it.
(The Open Referral UK API is in api_urls.py, under /openreferral/.)"""

from carershub.directory import public_urls, staff_urls

app_name = "directory"

urlpatterns = [*public_urls.urlpatterns, *staff_urls.urlpatterns]

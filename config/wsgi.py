"""WSGI entry point for the production server."""

import os

from django.core.wsgi import get_wsgi_application
from django.db import connection

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()
# Connect now, so that a web server with the wrong settings or keys for this database refuses to
# start (carershub.core.live_hub) instead of failing on its first request.
connection.ensure_connection()

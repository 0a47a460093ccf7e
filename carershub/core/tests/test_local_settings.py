"""`make run` (config/settings/local.py): visitors see the hub's own error pages, not Django's
technical ones, and the styles are still served; DJANGO_DEBUG=true brings the technical pages
back."""

import json
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from carershub.core.tests.test_settings import live

# Run in a separate process, because the settings are read once per process.
REQUESTS = """
import json, os
os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.local'
import django
django.setup()
from django.conf import settings
from django.test import Client
client = Client(raise_request_exception=False, HTTP_HOST='127.0.0.1:8000')
css = client.get('/static/css/application.css')
missing = client.get('/no-such-page/')
print(json.dumps({
    'debug': settings.DEBUG,
    'css': [css.status_code, css.get('Content-Type', '')],
    'missing': [missing.status_code, b''.join(getattr(missing, 'streaming_content', [])).decode() \
if missing.streaming
                else missing.content.decode()],
}))
"""


def database_url():
    """The test database, so that the hub's pages in the other process find their tables."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def under_local_settings(tmp_path, **environment):
    env = live(tmp_path, DATABASE_URL=database_url(), **environment)
    result = subprocess.run(
        [sys.executable, "-c", REQUESTS],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.BASE_DIR,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_make_run_shows_visitors_the_hubs_own_404_page_and_still_serves_the_styles(tmp_path):
    answered = under_local_settings(tmp_path)
    assert answered["debug"] is False
    assert answered["css"] == [200, 'text/css; charset="utf-8"']
    status, page = answered["missing"]
    assert status == 404 and "Page not found" in page
    assert "URLconf" not in page and "DEBUG = True" not in page


@pytest.mark.django_db(transaction=True)
def test_a_developer_turns_the_technical_pages_back_on_with_django_debug(tmp_path):
    answered = under_local_settings(tmp_path, DJANGO_DEBUG="true")
    assert answered["debug"] is True
    assert answered["css"][0] == 200
    status, page = answered["missing"]
    assert status == 404 and "URLconf" in page

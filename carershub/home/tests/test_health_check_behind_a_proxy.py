"""A load balancer probing /healthz by IP over plain HTTP reaches the health check;
nothing else does.
"""

import json
import subprocess
import sys

import pytest
from django.test import override_settings

from carershub.core.tests.test_settings import live
from carershub.jobs.tests.factories import WorkerHeartbeatFactory

pytestmark = pytest.mark.django_db

LIVE_HOST = "carers.example.gov.uk"
BALANCER_PROBE = {"HTTP_HOST": "10.0.0.5:8000"}

# What production.py sets, over HTTP from a proxy that says so.
as_a_live_hub = override_settings(
    ALLOWED_HOSTS=[LIVE_HOST],
    SECURE_SSL_REDIRECT=True,
    SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
)


@as_a_live_hub
def test_load_balancer_probe_by_ip_over_http_gets_the_health_check(client):
    WorkerHeartbeatFactory()

    response = client.get("/healthz", **BALANCER_PROBE)

    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response["Cache-Control"] == "no-store"


@as_a_live_hub
def test_load_balancer_probe_gets_503_not_a_redirect_when_no_worker_answers(client):
    response = client.get("/healthz", **BALANCER_PROBE)

    assert response.status_code == 503
    assert response.json()["worker"]["ok"] is False


@as_a_live_hub
@pytest.mark.parametrize("path", ["/", "/home/", "/accounts/sign-in/", "/healthz/"])
def test_any_other_page_by_ip_is_refused_by_the_host_check(client, path):
    response = client.get(path, secure=True, **BALANCER_PROBE)

    assert response.status_code == 400


@as_a_live_hub
@pytest.mark.parametrize("path", ["/", "/home/", "/accounts/sign-in/"])
def test_any_other_page_over_http_is_redirected_to_https(client, path):
    response = client.get(path, HTTP_HOST=LIVE_HOST)

    assert response.status_code == 301
    assert response["Location"] == f"https://{LIVE_HOST}{path}"


@as_a_live_hub
def test_a_page_over_https_from_the_proxy_is_served_not_redirected(client):
    response = client.get("/", HTTP_HOST=LIVE_HOST, HTTP_X_FORWARDED_PROTO="https")

    assert response.status_code == 200


PROBE_UNDER_PRODUCTION_SETTINGS = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
import django
django.setup()
from unittest import mock
from django.test import Client
answers = {}
# The worker and the keys have tests of their own; this database is not even migrated.
with mock.patch("carershub.jobs.selectors.worker_status", return_value={"ok": True}), \
        mock.patch("carershub.core.live_hub.missing_keys", return_value=[]):
    client = Client()
    answers["healthz_by_ip_over_http"] = client.get("/healthz", \
HTTP_HOST="10.0.0.5:8000").status_code
    answers["home_by_ip_over_https"] = client.get(
        "/home/", HTTP_HOST="10.0.0.5:8000", HTTP_X_FORWARDED_PROTO="https").status_code
    redirect = client.get("/home/", HTTP_HOST="carers.example.gov.uk")
    answers["home_over_http"] = [redirect.status_code, redirect.get("Location")]
print(json.dumps(answers))
"""


def test_production_settings_answer_the_probe_and_keep_https_and_the_host_check_for_the_rest(
    tmp_path,
):
    env = live(tmp_path, ALLOWED_HOSTS=LIVE_HOST)

    result = subprocess.run(
        [sys.executable, "-c", PROBE_UNDER_PRODUCTION_SETTINGS],
        capture_output=True,
        text=True,
        env=env,
    )

    assert result.returncode == 0, result.stderr
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["healthz_by_ip_over_http"] == 200
    assert answers["home_by_ip_over_https"] == 400
    assert answers["home_over_http"] == [301, "https://carers.example.gov.uk/home/"]

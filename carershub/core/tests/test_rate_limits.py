"""Public forms are limited per visitor address and per recipient, on the shared cache, and say
when to try again; the visitor's address is believed from X-Forwarded-For only through a trusted
proxy. The clock the limits read is the ``rate_limit_clock`` fixture's, never the wall clock."""

import socket
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from carershub.core.ratelimits import client_address, recipient_key
from carershub.referrals.models import Referral

pytestmark = pytest.mark.django_db

HELPLINE = reverse("helpline:contact")


def message(email="ada@example.com", **changes):
    return {
        "name": "Ada Foxglove",
        "contact_by": "email",
        "email": email,
        "phone": "",
        "message": "I look after my husband and need a break.",
        **changes,
    }


def from_address(address, **proxy):
    """A visitor at ``address`` (a client of its own, so no session is shared)."""
    return Client(REMOTE_ADDR=address, **proxy)


@pytest.fixture
def strict(settings):
    """Rates small enough to reach in a test."""
    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "helpline": {"address": "3/h", "recipient": "2/d"},
        "group_availability": {"address": "2/h"},
        "sign_in": {"address": "2/h"},
    }
    return settings


# --- Per address ----------------------------------------------------------------------------


def test_a_visitor_who_sends_too_many_messages_is_asked_to_try_again_later(strict, hub):
    visitor = from_address("203.0.113.7")
    for n in range(3):
        assert visitor.post(HELPLINE, message(email=f"person{n}@example.com")).status_code == 302
    refused = visitor.post(HELPLINE, message(email="someone.else@example.com"))
    assert refused.status_code == 429
    assert Referral.unscoped.count() == 3  # the refused message was not taken
    html = refused.content.decode()
    assert "Sorry, there have been too many attempts" in html
    assert "try again in" in html.lower()
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert "no-store" in refused["Cache-Control"]


def test_the_try_again_page_says_when_and_gives_the_helpline(
    strict, hub, partnership, rate_limit_clock
):
    partnership.helpline_phone = "0300 123 4567"
    partnership.save()
    visitor = from_address("203.0.113.7")
    for n in range(3):
        visitor.post(HELPLINE, message(email=f"person{n}@example.com"))
    refused = visitor.post(HELPLINE, message(email="another@example.com"))
    wait = int(refused["Retry-After"])
    minutes = -(-wait // 60)
    html = refused.content.decode()
    assert f"You can try again in {minutes} minute" in html
    assert "0300 123 4567" in html and "Other ways to get help" in html


def test_a_message_refused_for_the_limit_is_shown_back_so_it_is_not_lost(strict, hub):
    visitor = from_address("203.0.113.7")
    for n in range(3):
        visitor.post(HELPLINE, message(email=f"person{n}@example.com"))
    long_message = "My mum has dementia.\nI have not slept properly for a month & I need <help>."
    refused = visitor.post(HELPLINE, message(email="late@example.com", message=long_message))
    html = refused.content.decode()
    assert refused.status_code == 429
    assert "What you wrote" in html
    assert (
        "My mum has dementia." in html
        and "I have not slept properly for a month &amp; I need &lt;help&gt;." in html
    )


def test_a_visitor_is_let_back_in_when_the_window_has_passed(strict, hub, rate_limit_clock):
    visitor = from_address("203.0.113.7")
    for n in range(3):
        visitor.post(HELPLINE, message(email=f"person{n}@example.com"))
    refused = visitor.post(HELPLINE, message(email="late@example.com"))
    assert refused.status_code == 429
    rate_limit_clock.advance(int(refused["Retry-After"]) + 1)
    assert visitor.post(HELPLINE, message(email="late@example.com")).status_code == 302


def test_one_visitors_limit_does_not_stop_another_or_another_form(strict, hub, partnership):
    crowded = from_address("203.0.113.7")
    for n in range(4):
        crowded.post(HELPLINE, message(email=f"person{n}@example.com"))
    assert crowded.post(HELPLINE, message(email="x@example.com")).status_code == 429
    assert (
        from_address("198.51.100.20").post(HELPLINE, message(email="y@example.com")).status_code
        == 302
    )
    availability = {"outward_code": "ZZ1", "audience": "adult", "monday": ["morning"]}
    assert crowded.post(reverse("groups:availability"), availability).status_code != 429


def test_a_form_with_errors_counts_too(strict, partnership):
    visitor = from_address("203.0.113.7")
    for _ in range(3):
        assert visitor.post(HELPLINE, {"name": ""}).status_code == 200
    assert visitor.post(HELPLINE, {"name": ""}).status_code == 429


def test_reading_a_form_is_never_limited(strict, partnership):
    visitor = from_address("203.0.113.7")
    for _ in range(4):
        visitor.post(HELPLINE, {"name": ""})
    assert visitor.get(HELPLINE).status_code == 200


def test_ipv6_visitors_are_counted_by_their_network(strict, hub):
    for n in range(3):
        from_address(f"2001:db8:1:2::{n + 1}").post(
            HELPLINE, message(email=f"person{n}@example.com")
        )
    assert (
        from_address("2001:db8:1:2::99").post(HELPLINE, message(email="z@example.com")).status_code
        == 429
    )
    assert (
        from_address("2001:db8:1:3::1").post(HELPLINE, message(email="z@example.com")).status_code
        == 302
    )


def test_staff_sign_in_is_limited_per_address_too(strict, partnership):
    visitor = from_address("203.0.113.7")
    for _ in range(2):
        visitor.post(
            reverse("accounts:sign_in"), {"email": "nobody@example.com", "password": "wrong"}
        )
    assert (
        visitor.post(
            reverse("accounts:sign_in"), {"email": "nobody@example.com", "password": "wrong"}
        ).status_code
        == 429
    )


# --- Per recipient --------------------------------------------------------------------------


def test_messages_about_one_person_from_many_addresses_are_limited(strict, hub):
    for n, spelling in enumerate(["ada@example.com", "ADA@example.com "]):
        assert (
            from_address(f"198.51.100.{n + 1}").post(HELPLINE, message(email=spelling)).status_code
            == 302
        )
    refused = from_address("198.51.100.50").post(HELPLINE, message(email="Ada@Example.com"))
    assert refused.status_code == 429
    assert Referral.unscoped.count() == 2


def test_correcting_mistakes_does_not_count_against_the_person_being_contacted(strict, hub):
    strict.PUBLIC_FORM_RATE_LIMITS["helpline"] = {"address": "10/h", "recipient": "1/d"}
    visitor = from_address("203.0.113.7")
    for _ in range(3):
        assert (
            visitor.post(HELPLINE, message(name="")).status_code == 200
        )  # a mistake: nothing sent
    assert visitor.post(HELPLINE, message()).status_code == 302
    assert from_address("203.0.113.8").post(HELPLINE, message()).status_code == 429


def test_a_phone_number_is_one_recipient_however_it_is_written(strict, hub):
    for n, phone in enumerate(["07700 900982", "+44 7700 900982"]):
        data = message(contact_by="phone", phone=phone, email="")
        assert from_address(f"198.51.100.{n + 1}").post(HELPLINE, data).status_code == 302
    data = message(contact_by="phone", phone="(07700) 900-982", email="")
    assert from_address("198.51.100.50").post(HELPLINE, data).status_code == 429


def test_self_referrals_to_one_email_address_are_limited(settings, hub):
    from carershub.referrals.tests.test_front_door import SELF, answer

    settings.PUBLIC_FORM_RATE_LIMITS = {
        **settings.PUBLIC_FORM_RATE_LIMITS,
        "self_referral": {"address": "10/h", "recipient": "1/d"},
    }
    for n in range(2):
        visitor = from_address(f"198.51.100.{n + 1}")
        for slug, data in SELF:
            answer(visitor, slug, data)
        response = visitor.post(reverse("front_door:self_referral_submit"))
    assert response.status_code == 429
    assert Referral.unscoped.count() == 1
    # What they typed is still there to send later.
    assert "Foxglove" in visitor.get(reverse("front_door:self_referral_check")).content.decode()


@pytest.mark.parametrize(
    "typed, key",
    [
        ("Ada@Example.com ", "ada@example.com"),
        ("07700 900982", "07700900982"),
        ("+44 (0)7700 900982", "07700900982"),
        ("+447700900982", "07700900982"),
        ("Zm9vYmFy-secret_Token", "Zm9vYmFy-secret_Token"),
    ],
)
def test_recipients_are_compared_in_one_spelling(typed, key):
    assert recipient_key(typed) == key


# --- The visitor's address ------------------------------------------------------------------


def request_from(remote, forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().post("/", REMOTE_ADDR=remote, **extra)


def test_forwarded_for_is_ignored_when_no_proxy_is_trusted(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_forwarded_for_is_ignored_from_a_proxy_that_is_not_trusted(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_trusted_proxy_names_the_visitor(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from("10.1.2.3", "198.51.100.1")) == "198.51.100.1"


def test_an_address_a_visitor_wrote_into_the_header_is_never_believed(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "192.0.2.10"]
    # The visitor sent "1.2.3.4"; their real address was appended by the outer proxy (192.0.2.10),
    # and the outer proxy's by the inner one (10.1.2.3), which connected to the hub.
    assert (
        client_address(request_from("10.1.2.3", "1.2.3.4, 198.51.100.1, 192.0.2.10"))
        == "198.51.100.1"
    )


def test_nonsense_in_the_header_stops_at_the_last_address_a_proxy_vouched_for(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from("10.1.2.3", "not-an-address")) == "10.1.2.3"
    assert client_address(request_from("10.1.2.3", "")) == "10.1.2.3"


def test_a_visitor_behind_a_trusted_proxy_is_limited_by_their_own_address(strict, hub):
    strict.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for n in range(3):
        proxy = from_address("10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
        proxy.post(HELPLINE, message(email=f"person{n}@example.com"))
    assert (
        from_address("10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
        .post(HELPLINE, message(email="x@example.com"))
        .status_code
        == 429
    )
    # Someone else behind the same proxy is not.
    assert (
        from_address("10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.8")
        .post(HELPLINE, message(email="y@example.com"))
        .status_code
        == 302
    )


def test_changing_the_header_does_not_escape_the_limit_without_a_trusted_proxy(strict, hub):
    strict.TRUSTED_PROXIES = []
    for n in range(3):
        from_address("203.0.113.7", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").post(
            HELPLINE, message(email=f"person{n}@example.com")
        )
    assert (
        from_address("203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.99")
        .post(HELPLINE, message(email="x@example.com"))
        .status_code
        == 429
    )


def test_sign_in_lockouts_count_by_the_same_address(settings):
    from axes.helpers import get_client_ip_address

    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert get_client_ip_address(request_from("10.1.2.3", "198.51.100.1")) == "198.51.100.1"
    assert get_client_ip_address(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


# --- The shared cache -----------------------------------------------------------------------


def test_migrate_makes_the_cache_table():
    assert "carershub_cache" in connection.introspection.table_names()


def test_a_count_keeps_its_window_when_it_goes_up():
    """Django's own database cache moved a count's expiry to five minutes on every increment."""
    cache = caches["default"]
    cache.add("count", 1, 3600)
    table = connection.ops.quote_name("carershub_cache")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT expires FROM {table}")
        (before,) = cursor.fetchone()
        assert cache.incr("count") == 2 and cache.incr("count", 3) == 5
        cursor.execute(f"SELECT expires FROM {table}")
        (after,) = cursor.fetchone()
    assert after == before
    assert cache.get("count") == 5
    assert cache.decr("count") == 4


def test_a_count_that_is_not_there_cannot_go_up():
    with pytest.raises(ValueError):
        caches["default"].incr("never-counted")


def _redis_url():
    import os

    url = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"
    host, port = (
        url.split("//")[1].split("/")[0].split(":") if "//" in url else ("127.0.0.1", "6379")
    )
    try:
        socket.create_connection((host.split("@")[-1], int(port)), timeout=0.5).close()
    except OSError:
        return None
    return url


@pytest.fixture(params=["database", "redis"])
def shared_cache(request, settings):
    if request.param == "redis":
        url = _redis_url()
        if url is None:
            pytest.skip("Redis is not running here (set REDIS_URL to test against it)")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": f"carershub-test-{uuid.uuid4()}",
            }
        }
        yield request.param
        prefix = settings.CACHES["default"]["KEY_PREFIX"]
        client = caches["default"]._cache.get_client()
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
    else:
        yield request.param


def test_the_limit_holds_on_either_shared_cache(shared_cache, strict, hub):
    visitor = from_address("203.0.113.7")
    for n in range(3):
        assert visitor.post(HELPLINE, message(email=f"person{n}@example.com")).status_code == 302
    assert visitor.post(HELPLINE, message(email="x@example.com")).status_code == 429
    assert (
        from_address("203.0.113.8").post(HELPLINE, message(email="y@example.com")).status_code
        == 302
    )


def test_a_broken_cache_lets_visitors_through_rather_than_turning_them_away(
    strict, hub, monkeypatch, caplog
):
    from django.core.cache.backends.db import DatabaseCache

    def broken(*args, **kwargs):
        raise ConnectionError("the cache is down")

    monkeypatch.setattr(DatabaseCache, "add", broken)
    visitor = from_address("203.0.113.7")
    for n in range(5):
        assert visitor.post(HELPLINE, message(email=f"person{n}@example.com")).status_code == 302
    assert "could not be counted" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_counts_from_requests_at_the_same_moment_are_all_kept():
    """Two web processes counting the same visitor at once: every count is kept."""
    import threading

    from django.db import connections

    key = f"together-{uuid.uuid4()}"
    caches["default"].add(key, 0, 3600)
    errors = []

    def count():
        try:
            for _ in range(20):
                caches["default"].incr(key)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=count) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert caches["default"].get(key) == 60
    caches["default"].delete(key)


# --- Configuration from the environment -----------------------------------------------------


def _live_settings(tmp_path, **env):
    """The shared-cache and rate-limit settings a live hub reads from ``env``."""
    import json
    import subprocess
    import sys

    from carershub.core.tests.test_settings import live

    code = (
        "import os, json; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.production'; "
        "import django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'cache': s.CACHES['default'], 'proxies': s.TRUSTED_PROXIES, 'rates': "
        "s.PUBLIC_FORM_RATE_LIMITS}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=live(tmp_path, **env)
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_live_hub_keeps_its_cache_in_the_database_unless_redis_is_named(tmp_path):
    assert _live_settings(tmp_path)["cache"]["BACKEND"] == "carershub.core.cache.DatabaseCache"
    redis = _live_settings(tmp_path, REDIS_URL="redis://cache.internal:6379/0")["cache"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache.internal:6379/0"


def test_trusted_proxies_and_rates_come_from_the_environment(tmp_path):
    found = _live_settings(
        tmp_path,
        TRUSTED_PROXIES="10.0.0.0/24, 192.0.2.10",
        PUBLIC_FORM_RATE_LIMITS='{"helpline": {"address": "20/h"}}',
    )
    assert found["proxies"] == ["10.0.0.0/24", "192.0.2.10"]
    assert found["rates"]["helpline"] == {"address": "20/h", "recipient": "5/d"}
    assert found["rates"]["self_referral"] == {"address": "10/h", "recipient": "3/d"}
    assert _live_settings(tmp_path)["proxies"] == []


def test_a_proxy_setting_that_is_not_an_address_is_refused(settings):
    from django.core.exceptions import ImproperlyConfigured

    from carershub.core.ratelimits import check_trusted_proxies

    settings.TRUSTED_PROXIES = ["proxy.internal"]
    assert [error.id for error in check_trusted_proxies()] == ["carershub.E027"]
    with pytest.raises(ImproperlyConfigured, match="proxy.internal"):
        client_address(request_from("10.1.2.3", "198.51.100.1"))
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "2001:db8::1"]
    assert check_trusted_proxies() == []

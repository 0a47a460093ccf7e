"""A save that finds the database locked (SQLite's write lock held past the busy timeout, as a
big import or a restore can) gets "Try again in a minute" (503) with everything posted kept in
the page, never a server error or a lost form: in a view, in a middleware, on every URL."""

from html.parser import HTMLParser

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import SESSION_KEY
from carershub.carers.models import Contact
from carershub.carers.tests.factories import CarerFactory
from carershub.core.tests.test_access_matrix import MATRIX, urls_of, world  # noqa: F401

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def locked_writes(execute, sql, params, many, context):
    """As when another process holds SQLite's write lock for longer than the busy timeout."""
    if sql.lstrip().upper().startswith(WRITES):
        raise OperationalError("database is locked")
    return execute(sql, params, many, context)


class HiddenFields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "hidden":
            self.fields.append((attrs.get("name"), attrs.get("value")))


def kept(response, name, value):
    """Whether the page posts ``name`` = ``value`` again (as the browser will read it)."""
    parser = HiddenFields()
    parser.feed(response.content.decode())
    return (name, str(value)) in parser.fields


def today_fields(prefix):
    today = timezone.localdate()
    return {
        f"{prefix}-day": today.day,
        f"{prefix}-month": today.month,
        f"{prefix}-year": today.year,
    }


# Transactional, as a real request runs: a test's own transaction around the request would be
# marked broken by the refused write, which production's autocommit never is.
@pytest.mark.django_db(transaction=True)
def test_a_colleagues_save_during_a_lock_gets_try_again_in_a_minute_with_every_answer_kept(
    worker, hub
):
    carer = CarerFactory(holding_organisation=hub)
    browser = Client(raise_request_exception=False)
    browser.force_login(worker)
    session = browser.session
    session[SESSION_KEY] = hub.pk
    session.save()
    answers = {
        "kind": "phone",
        "direction": "in",
        **today_fields("happened_on"),
        "purpose": "Respite & <sitting>",
        "given": ["signposting", "emotional_support"],
        "signposted_to": "Ashvale Sitting Service",
        "notes": 'She said "call back on Friday"',
    }

    with connection.execute_wrapper(locked_writes):
        response = browser.post(reverse("carers:log_contact", args=[carer.reference]), answers)

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    page = response.content.decode()
    assert "Try again in a minute" in page and "Nothing you entered has been lost" in page
    assert f'action="{reverse("carers:log_contact", args=[carer.reference])}"' in page
    for name, value in answers.items():
        for each in value if isinstance(value, list) else [value]:
            assert kept(response, name, each), f"{name}={each!r} was not kept"
    assert 'name="csrfmiddlewaretoken"' in page  # a fresh token, so "Try again" is accepted
    assert not Contact.unscoped.exists()

    # "Try again" once the lock is gone: the same answers, saved.
    again = browser.post(reverse("carers:log_contact", args=[carer.reference]), answers)
    assert again.status_code == 302
    assert Contact.unscoped.get().purpose == "Respite & <sitting>"


@pytest.mark.django_db(transaction=True)
def test_a_lock_met_outside_the_view_gets_the_same_page_not_a_server_error(partnership):
    # The self-referral journey keeps each answer in the session, saved by a middleware after
    # the view has run: the lock is met there.
    browser = Client(raise_request_exception=False)
    browser.get(reverse("front_door:self_referral_start"))
    with connection.execute_wrapper(locked_writes):
        response = browser.post(
            reverse("front_door:self_referral", args=["name"]),
            {"given_name": "Ada", "family_name": "Foxglove"},
        )
    assert response.status_code in (503, 302)
    if response.status_code == 503:
        assert kept(response, "given_name", "Ada") and kept(response, "family_name", "Foxglove")


@pytest.fixture
def vocabularies(transactional_db):
    """The directory's taxonomies, which a migration loads and an earlier transactional test's
    flush may have removed."""
    from carershub.directory.models import Taxonomy, TaxonomyTerm
    from carershub.directory.taxonomy import create_vocabularies

    create_vocabularies(Taxonomy, TaxonomyTerm)


@pytest.mark.django_db(transaction=True)
def test_no_url_answers_a_locked_database_with_a_server_error(vocabularies, world):  # noqa: F811
    """Every URL the hub serves, posted to by someone allowed in, while every write is refused."""
    problems = []
    for name, entry in sorted(MATRIX.items()):
        visitor = next(
            (v for v in ("manager", "worker", "admin", "ward", "anonymous") if v in entry.allowed),
            None,
        )
        if visitor is None:
            continue
        browser = Client(raise_request_exception=False)
        if visitor != "anonymous":
            user, organisation = world.people[visitor]
            browser.force_login(user)
            session = browser.session
            session[SESSION_KEY] = organisation.pk
            session.save()
        for url in urls_of(name, entry, world):
            with connection.execute_wrapper(locked_writes):
                response = browser.post(url, {"typed": "Kept <safe> & sound"})
            if response.status_code >= 500 and response.status_code != 503:
                problems.append(f"{name} ({url}) as {visitor}: {response.status_code}")
            elif response.status_code == 503 and not kept(response, "typed", "Kept <safe> & sound"):
                problems.append(f"{name} ({url}) as {visitor}: 503 without the form kept")
    assert not problems, "\n".join(problems)

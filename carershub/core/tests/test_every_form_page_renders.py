"""Every page the hub serves, opened by everyone who may open it, under the template settings of a
developer's machine with Django's debug pages on: no page prints a value that is not there.

A template that prints a missing value raises (ADR 26), so a page with such a mistake fails here as
an error; before that, with debug on, it printed ``{{ no such element: ... }}`` into empty text
boxes, from where it was saved into referrals, plans and the carer's PDF. Each form is then sent
back empty by one of its visitors, so the same is proved of every form shown again with its error
messages.
"""

import pytest

from carershub.core.tests.test_access_matrix import MATRIX, VISITORS, Visitor, urls_of
from carershub.core.tests.test_access_matrix import world as world  # noqa: F401 - the fixture, a hub with one of everything

DEBUG_TEXT = ("no such element", "Undefined", "{{ ")


@pytest.fixture
def debug_on_as_on_a_developers_machine(settings):
    """DEBUG on, and the Jinja2 settings of config/settings/local.py (the engines are rebuilt)."""
    from config.settings import local

    settings.DEBUG = True
    settings.TEMPLATES = local.TEMPLATES


def html_of(response):
    if getattr(response, "streaming", False) or not response.get("Content-Type", "").startswith(
        "text/html"
    ):
        return ""
    return response.content.decode()


def problem_with(response):
    if response.status_code == 500:
        return f"answered {response.status_code}"
    page = html_of(response)
    if page:
        shown = [text for text in DEBUG_TEXT if text in page]
        if shown:
            return f"shows {shown}"
    return None


def send(visitor, method, url, problems, label):
    try:
        response = visitor.send(method, url) if method == "get" else visitor.client.post(url, {})
    except Exception as exc:  # one broken page should not hide the rest
        problems.append(f"{label}: raised {exc!r}")
        return None
    problem = problem_with(response)
    if problem:
        problems.append(f"{label}: {problem}")
    return response


def test_every_page_and_every_form_sent_back_empty_renders_without_a_missing_value(
    world, debug_on_as_on_a_developers_machine
):
    visitors = {name: Visitor(name, world) for name in VISITORS}
    problems, forms = [], []
    for name, entry in sorted(MATRIX.items()):
        if entry.method != "get":
            continue
        for url in urls_of(name, entry, world):
            for visitor in (visitors[who] for who in VISITORS if who in entry.allowed):
                response = send(
                    visitor, "get", url, problems, f"{name} (GET {url}) as {visitor.name}"
                )
                if (
                    response is not None
                    and response.status_code == 200
                    and 'method="post"' in html_of(response)
                ):
                    forms.append((name, url, visitor))
    # Sent back empty, after every page has been opened: a form that saves changes the world.
    tried = set()
    for name, url, visitor in forms:
        if url not in tried:
            tried.add(url)
            send(visitor, "post", url, problems, f"{name} (POST {url}, empty) as {visitor.name}")
            visitor.sign_in()
    assert len(tried) > 80, f"only {len(tried)} form pages were found"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)

"""Browser tests: Chromium driven by Playwright against a live server, with axe on every page.

Every test in this folder is marked ``browser`` (skip them with ``-m 'not browser'``). One
Chromium runs per test session (per xdist worker); each test gets a fresh context and page.
Set ``BROWSER_SCREENSHOTS=/some/dir`` to save a full-page screenshot of every page checked.
"""

import json
import os
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect, sync_playwright

from carershub.accounts.tests.factories import PASSWORD, authenticator_for, fresh_code

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# Auto-waiting assertions give up after this long (actions too: see new_page).
expect.set_options(timeout=5_000)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "outbox: the outbox pages' browser tests (run them with -m outbox)"
    )


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Argon2 takes about 0.4 s a password here, twice per sign-in; these tests are about pages."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(
            f"Chromium is not installed at {CHROMIUM}: "
            "run `make browser` (or apt-get install chromium)"
        )
    # Playwright's sync API runs an asyncio event loop in the main thread; without this Django
    # refuses the ORM calls that tests and pytest-django make while that loop exists.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class PageProblems:
    """What the browser complained about while a page was open.

    A CSP violation means the page tried to load or run something its policy forbids: a real
    bug (a style or script that silently does not apply). So is an uncaught script error, or a
    stylesheet, script or image that fails to load. A page that is itself an error (a 404 or a
    500) is expected to say so, so failures to load a page the browser navigated to are not
    counted.
    """

    def __init__(self, page):
        self.messages = []
        self.documents = set()
        page.on("console", self.on_console)
        page.on("pageerror", self.on_page_error)
        page.on("framenavigated", self.on_navigated)

    def on_navigated(self, frame):
        self.documents.add(frame.url)

    def on_console(self, message):
        if message.type != "error":
            return
        if "Content Security Policy" in message.text:
            self.messages.append(f"CSP violation: {message.text}")
        elif (
            message.text.startswith("Failed to load resource")
            and message.location.get("url") in self.documents
        ):
            return
        else:
            self.messages.append(f"Console error: {message.text} ({message.location.get('url')})")

    def on_page_error(self, error):
        self.messages.append(f"Uncaught script error: {error}")

    def assert_none(self, where):
        """Fail if anything was reported since the last check (each problem is reported once)."""
        messages, self.messages = self.messages, []
        assert not messages, f"The browser reported problems on {where}:\n" + "\n".join(messages)


_problems = {}


@pytest.fixture
def new_page(browser, live_server):
    """new_page() -> a page in a fresh browser context (its own cookies: another person)."""
    contexts = []

    def make():
        context = browser.new_context(
            base_url=live_server.url, locale="en-GB", timezone_id="Europe/London"
        )
        context.set_default_timeout(
            5_000
        )  # for actions (clicks, fills); pages here take milliseconds
        contexts.append(context)
        page = context.new_page()
        _problems[page] = PageProblems(page)
        return page

    yield make
    problems = [
        _problems.pop(page) for context in contexts for page in context.pages if page in _problems
    ]
    for context in contexts:
        context.close()
    # Also after the last page checked: the end of a journey is a page too.
    for page_problems in problems:
        page_problems.assert_none("the last pages of the test")


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def hub_url(live_server):
    """hub_url("app:name", *args) -> the full address of that page on the live server."""

    def build(name, *args, **kwargs):
        return live_server.url + reverse(name, args=args or None, kwargs=kwargs or None)

    return build


def sign_in_as(page, live_server, user, password=PASSWORD):
    """Sign in through the real sign-in form and the code step, as a member of staff would.

    The code is worked out from the user's authenticator app, which is made for them (already
    set up) if they have none.
    """
    device = authenticator_for(user)
    page.goto(live_server.url + reverse("accounts:sign_in"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("Code from your authenticator app").fill(fresh_code(device))
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text(user.full_name)


def expect_page(page, url, heading, signed_in_as=None):
    """Assert that the browser is on the intended page, as the intended person.

    ``signed_in_as`` is the header's "Name, Role at Organisation" text; None means nobody
    is signed in, so the header must not show anyone.
    """
    # A fragment left from an in-page link (the skip link) survives a form's redirect: ignore it.
    expect(page).to_have_url(re.compile("^" + re.escape(url) + "(#.*)?$"))
    expect(page.locator("h1")).to_have_text(heading)
    header = page.get_by_test_id("signed-in-as")
    if signed_in_as is None:
        expect(header, f"Nobody should be shown as signed in on {url}").to_have_count(0)
    else:
        expect(header).to_contain_text(signed_in_as)


def expect_error_summary(page, *messages):
    """After a form is sent with mistakes: the GOV.UK error summary, focused,
    linking to each field.
    """
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # GOV.UK Frontend's JavaScript moves focus there
    expect(page).to_have_title(re.compile(r"^Error: "))
    for message in messages:
        expect(summary.get_by_role("link", name=message)).to_be_visible()
    for href in summary.locator("a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    ):
        assert page.locator(href).count() == 1, (
            f"The error summary links to {href}, which is not on the page"
        )


def expect_refused_save(page, what, *versions):
    """After a save over someone else's: the page saying so, and each version in its table."""
    expect(page.get_by_text(f"This {what} has changed since you opened it")).to_be_visible()
    table = page.locator("table", has_text="What is different")
    for version in versions:
        expect(table).to_contain_text(version)


def _axe_source():
    if not AXE.exists():
        raise AssertionError(f"axe-core is missing at {AXE}: run `npm ci` (or `make assets`)")
    return AXE.read_text()


_AXE_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return {
    passes: results.passes.map(rule => rule.id),
    violations: results.violations.map(rule => ({
      id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
      nodes: rule.nodes.map(node => ({target: node.target, html: node.html, summary: \
node.failureSummary})),
    })),
  };
}"""


def _describe(violations):
    lines = []
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']} <{rule['helpUrl']}>")
        for node in rule["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            lines.append("      " + (node["summary"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def check_accessibility(page):
    """Run axe (WCAG 2.0, 2.1 and 2.2, levels A and AA) on the page as it is now.

    Asserts no violations, that axe really ran some rules, and that the browser reported no
    CSP violation or script error so far. axe goes in through DevTools evaluation, which the
    page's Content-Security-Policy does not apply to, so the policy is tested as it is served.
    """
    page.wait_for_load_state(
        "load"
    )  # every stylesheet and script in: their CSP errors are reported
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results = page.evaluate(_AXE_RUN, AXE_TAGS)
    _screenshot(page)
    assert not results["violations"], (
        f"axe found accessibility problems on {page.url}:\n" + _describe(results["violations"])
    )
    assert results["passes"], f"axe passed no rules on {page.url}: did it run?"
    problems = _problems.get(page)
    assert problems is not None, (
        "check_accessibility needs a page from the page or new_page fixture"
    )
    problems.assert_none(page.url)


def _screenshot(page):
    folder = os.environ.get("BROWSER_SCREENSHOTS")
    if not folder:
        return
    test = os.environ.get("PYTEST_CURRENT_TEST", "page").split(" ")[0].split("::")[-1]
    Path(folder).mkdir(parents=True, exist_ok=True)
    n = 1
    while (path := Path(folder) / f"{test}-{n}.png").exists():
        n += 1
    page.screenshot(path=path, full_page=True)


# The helpers above, as fixtures: a test folder without __init__.py cannot import its conftest.
@pytest.fixture(name="sign_in_as")
def _sign_in_as_fixture():
    return sign_in_as


@pytest.fixture(name="expect_page")
def _expect_page_fixture():
    return expect_page


@pytest.fixture(name="expect_error_summary")
def _expect_error_summary_fixture():
    return expect_error_summary


@pytest.fixture(name="expect_refused_save")
def _expect_refused_save_fixture():
    return expect_refused_save


@pytest.fixture(name="check_accessibility")
def _check_accessibility_fixture():
    return check_accessibility

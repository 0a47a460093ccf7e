"""Staff following real journeys, and the public browsing the directory, against a running hub.

Read by `locust -f loadtest/locustfile.py`; loadtest/run.py (``make load``) starts everything. The
staff's signed-in sessions, plans and search terms come from the JSON file that
``manage.py prepare_load_test`` writes, named by the LOAD_TEST_DATA environment variable.

Each member of staff uses one session and a CSRF secret of their own. The production settings
mark every cookie Secure and the hub is reached over plain HTTP on loopback, as from a
TLS-terminating proxy that sets X-Forwarded-Proto, so each user keeps its cookies itself. A
response that is not what a browser would get (a refused form, a 4xx or 5xx, a redirect
elsewhere, a page without what it should show) is a failure.
"""

import itertools
import json
import os
import random
import re
import secrets
import string
from http.cookies import SimpleCookie

from locust import HttpUser, between, task

DATA = json.load(open(os.environ["LOAD_TEST_DATA"], encoding="utf-8"))  # noqa: SIM115
STAFF = itertools.cycle(DATA["staff"])
PUBLIC_USERS = int(os.environ.get("LOAD_TEST_PUBLIC_USERS", "10"))

CSRF_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CARER_LINK = re.compile(r'href="/carers/(C-[A-Z0-9]{4}-[A-Z0-9]{4})/"')
SERVICE_LINK = re.compile(r'href="/services/([0-9a-f-]{36})/"')
VERSION = re.compile(r'name="version" value="(\d+)"')
DATE_BOX = re.compile(r'name="(review_due-(?:day|month|year))"[^>]*value="(\d*)"')
PURPOSES = [
    "Checking in after the hospital discharge",
    "Asked about a break",
    "Help with a benefits form",
    "Booking onto the carers' café",
    "Feeling low; talked it through",
]
OUTCOMES = [
    "A full night's sleep at least once a week.",
    "Time to see friends again, and to keep my job.",
    "To know what happens to Mum if I am ill.",
    "Help with the paperwork, and a break now and then.",
]
DIRECTORY_WORDS = ["carers", "break", "support", "advice", "young", "money", "group", "dementia"]


class StaffMember(HttpUser):
    """A hub support worker, signed in, working through the day's carers."""

    wait_time = between(2, 8)

    def on_start(self):
        me = next(STAFF)
        self.plan = me["plan"]
        # A CSRF secret of this browser's own; the server masks it into each form's token.
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        self.cookies = {DATA["session_cookie"]: me["session"], DATA["csrf_cookie"]: csrf}
        self.origin = "https://" + self.host.split("://", 1)[1].rstrip("/")
        self.found = []

    def _headers(self):
        return {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "X-Forwarded-Proto": "https",
        }

    def _keep_cookies(self, response):
        # As a browser on https would: Secure cookies too (the messages after a save, for one).
        # requests' own jar is emptied so that it never replaces the Cookie header sent above.
        self.client.cookies.clear()
        for header in response.raw.headers.getlist("Set-Cookie"):
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def _get(self, path, name, expect=None):
        """GET a page as this member of staff; 200 (showing ``expect``) or a failure. Returns the
        page's text.
        """
        with self.client.get(
            path, name=name, headers=self._headers(), allow_redirects=False, catch_response=True
        ) as response:
            self._keep_cookies(response)
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return ""
            if expect is not None and expect not in response.text:
                response.failure("not the page expected")
                return ""
            return response.text

    def _post(self, path, name, form, referer, then):
        """POST a form from the page ``referer``; it must be saved (a redirect to ``then``)."""
        headers = {**self._headers(), "Origin": self.origin, "Referer": self.origin + referer}
        with self.client.post(
            path, data=form, name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            self._keep_cookies(response)
            if response.status_code != 302 or not response.headers.get("Location", "").startswith(
                then
            ):
                response.failure(f"not saved: status {response.status_code}")
                return None
            return response.headers["Location"]

    def _carer(self):
        # Usually someone just found in a search, as a worker would open them.
        if self.found and random.random() < 0.8:
            return random.choice(self.found)
        return random.choice(DATA["carers"])

    @task(40)
    def search_the_register(self):
        page = self._get(
            "/carers/?q=" + random.choice(DATA["searches"]), "search the register: /carers/?q="
        )
        self.found = CARER_LINK.findall(page) or self.found

    @task(30)
    def open_a_carer(self):
        reference = self._carer()
        self._get(f"/carers/{reference}/", "open a carer: /carers/[reference]/", reference)

    @task(15)
    def log_a_contact(self):
        reference = self._carer()
        path = f"/carers/{reference}/contacts/new/"
        page = self._get(path, "log a contact: open the form")
        token = CSRF_TOKEN.search(page)
        if token is None:
            return
        self.wait()  # filling in the form
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "kind": random.choice(["phone", "email", "visit", "video"]),
            "direction": random.choice(["in", "out"]),
            "happened_on-day": "",
            "happened_on-month": "",
            "happened_on-year": "",
            "duration_minutes": str(random.choice([5, 10, 20, 45])),
            "purpose": random.choice(PURPOSES),
            "given": random.sample(
                ["information_and_advice", "emotional_support", "practical_help"], 2
            ),
            "signposted_to": "",
            "notes": "",
            "follow_up_due-day": "",
            "follow_up_due-month": "",
            "follow_up_due-year": "",
        }
        # The date the form offers (today), as a browser sends it back.
        for box in ("day", "month", "year"):
            found = re.search(rf'name="happened_on-{box}"[^>]*value="(\d+)"', page)
            form[f"happened_on-{box}"] = found.group(1) if found else ""
        back = self._post(path, "log a contact: save", form, path, f"/carers/{reference}/")
        if back:
            self._get(back, "log a contact: back to the carer", "Contact recorded")

    @task(10)
    def update_the_support_plan(self):
        path = f"/assessments/plans/{self.plan}/change/"
        page = self._get(path, "update a support plan: open the form")
        token, version = CSRF_TOKEN.search(page), VERSION.search(page)
        if token is None or version is None:
            return
        self.wait()
        form = {
            "csrfmiddlewaretoken": token.group(1),
            "version": version.group(1),
            "outcomes": random.choice(OUTCOMES),
            "contingency": "Her brother can step in for a few days.",
            "review_brought_forward_because": "",
            **dict(DATE_BOX.findall(page)),  # the review date as it is
        }
        back = self._post(
            path, "update a support plan: save", form, path, f"/assessments/plans/{self.plan}/"
        )
        if back:
            self._get(back, "update a support plan: back to the plan", "Support plan saved")


class PublicVisitor(HttpUser):
    """Someone looking for help in the public directory,
    or an app reading its Open Referral feed.
    """

    fixed_count = PUBLIC_USERS
    wait_time = between(2, 8)

    def _get(self, path, name):
        with self.client.get(
            path,
            name=name,
            headers={"X-Forwarded-Proto": "https"},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
                return ""
            return response.text

    @task(3)
    def find_a_service(self):
        page = self._get("/services/?q=" + random.choice(DIRECTORY_WORDS), "public: /services/?q=")
        services = SERVICE_LINK.findall(page) or SERVICE_LINK.findall(
            self._get("/services/", "public: /services/")
        )
        if services:
            self.wait()
            self._get(f"/services/{random.choice(services)}/", "public: /services/[id]/")

    @task(1)
    def read_the_open_referral_feed(self):
        self._get(
            f"/openreferral/services?page={random.randint(1, 3)}", "public: /openreferral/services"
        )

"""Prepare a demo database for the load test: staff already signed in, a plan each, what to search.

Signing 200 people in through the sign-in pages would measure argon2 and trip the lockouts, so
each load-test account gets a session made here, as Django's ``login()`` and the second sign-in
step leave it, and the keys go to a JSON file that loadtest/locustfile.py reads.
"""

import datetime as dt
import json
import random
import secrets

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from carershub.accounts import actor
from carershub.accounts.models import Membership, Role, User
from carershub.accounts.sign_in_codes import AUTHENTICATOR_NAME
from carershub.assessments.models import Assessment, SupportPlan
from carershub.assessments.services import latest_review_date
from carershub.assessments.situations import AssessmentType
from carershub.carers.models import Carer
from carershub.core.statistics import refresh_statistics
from carershub.demo import data
from carershub.demo.services import demo_loaded
from carershub.partnerships.models import Organisation

# The load test writes hundreds of accounts and live sessions: only ever into its own database.
DATABASE_PREFIX = "carershub_load_"
LOAD_DOMAIN = "load.carershub.example"
# The backend the second sign-in step names when it calls login().
BACKEND = "django.contrib.auth.backends.ModelBackend"


def signed_in_session(user, organisation):
    """The key of a new session as the hub's sign-in leaves it: both steps done,
    acting for ``organisation``.
    """
    session = SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[actor.SESSION_KEY] = organisation.pk
    session.create()
    return session.session_key


class Command(BaseCommand):
    help = (
        "Add signed-in load-test staff, a support plan for each and search terms; "
        "write them to a JSON file."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--staff", type=int, default=200, help="How many signed-in staff (default 200)."
        )
        parser.add_argument(
            "--out", required=True, help="The JSON file loadtest/locustfile.py reads."
        )
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, staff, out, seed, **options):
        name = str(connection.settings_dict.get("NAME") or "")
        if connection.vendor != "postgresql" or not name.startswith(DATABASE_PREFIX):
            raise CommandError(
                "Refusing: the load test only prepares a PostgreSQL database named "
                f"{DATABASE_PREFIX}..., not {name!r}"
            )
        if not demo_loaded():
            raise CommandError("Load the demo data first (carershub.demo.services.seed)")
        if User.objects.filter(email__endswith=f"@{LOAD_DOMAIN}").exists():
            raise CommandError("This database is already prepared: use a fresh one")
        rng = random.Random(seed)
        hub = Organisation.objects.get(name=data.HUB)
        with transaction.atomic():
            users = self._staff(hub, staff)
            plans = self._plans(hub, users, rng)
            refresh_statistics()
        sessions = [signed_in_session(user, hub) for user in users]
        carers = list(
            Carer.unscoped.filter(holding_organisation=hub, merged_into__isnull=True).values_list(
                "reference", "given_name", "family_name", "postcode"
            )
        )
        rng.shuffle(carers)
        searches = sorted(
            {family for _, _, family, _ in carers}
            | {f"{given} {family}" for _, given, family, _ in carers[:200]}
        )
        searches += [reference.lower() for reference, *_ in carers[:100]] + [
            postcode for *_, postcode in carers[:100]
        ]
        payload = {
            "staff": [
                {"session": key, "plan": plan} for key, plan in zip(sessions, plans, strict=True)
            ],
            "carers": [reference for reference, *_ in carers[:2000]],
            "searches": searches,
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "data_size": {
                "carers": Carer.unscoped.count(),
                "support_plans": SupportPlan.unscoped.count(),
                "staff": User.objects.count(),
            },
        }
        with open(out, "w", encoding="utf-8") as file:
            json.dump(payload, file, indent=1)
        self.stdout.write(
            f"Prepared {len(users)} signed-in staff with a support plan each; wrote {out}"
        )

    def _staff(self, hub, count):
        unusable = make_password(None)  # nobody signs in to these through the form
        users = User.objects.bulk_create(
            User(
                email=f"load-{n:04d}@{LOAD_DOMAIN}", full_name=f"Load Tester {n}", password=unusable
            )
            for n in range(1, count + 1)
        )
        Membership.objects.bulk_create(
            Membership(user=u, organisation=hub, role=Role.SUPPORT_WORKER) for u in users
        )
        # As after setting up an authenticator app: every member of staff has one.
        TOTPDevice.objects.bulk_create(
            TOTPDevice(user=u, name=AUTHENTICATOR_NAME, key=secrets.token_hex(20), confirmed=True)
            for u in users
        )
        return users

    def _plans(self, hub, users, rng):
        """A draft support plan per member of staff, each for a different carer, so that two people
        never edit the same plan (that is a real edit conflict, answered 409, not a load
        problem)."""
        template = (
            Assessment.unscoped.filter(
                holding_organisation=hub, status="completed", type=AssessmentType.ADULT_CARER
            )
            .order_by("pk")
            .first()
        )
        if template is None:
            raise CommandError("The demo data has no completed carer's assessment to copy")
        adults = dt.date.today() - dt.timedelta(days=19 * 365)
        carers = list(
            Carer.unscoped.filter(
                holding_organisation=hub,
                merged_into__isnull=True,
                assessments__isnull=True,
                date_of_birth__lt=adults,
            ).order_by("pk")[: len(users)]
        )
        if len(carers) < len(users):
            raise CommandError(
                f"Only {len(carers)} adult carers without an assessment: seed more carers"
            )
        now = timezone.now()
        # Copies of a completed assessment, inserted in bulk: the test is of the plan pages, not of
        # assessing (which the demo data already does through the services).
        assessments = Assessment.unscoped.bulk_create(
            Assessment(
                holding_organisation=hub,
                carer=carer,
                type=template.type,
                regulation_3=template.regulation_3,
                status="completed",
                assessor=template.assessor,
                answers=template.answers,
                sections_done=template.sections_done,
                started_at=now - dt.timedelta(days=rng.randint(10, 40)),
                started_by=user,
                completed_at=now - dt.timedelta(days=rng.randint(1, 9)),
                completed_by=template.assessor,
            )
            for carer, user in zip(carers, users, strict=False)
        )
        review_due = latest_review_date(timezone.localdate(), hub.partnership)
        plans = SupportPlan.unscoped.bulk_create(
            SupportPlan(
                holding_organisation=hub,
                carer=assessment.carer,
                assessment=assessment,
                review_due=review_due,
                created_at=now,
                created_by=user,
                outcomes="A regular break, and time to see friends.",
                contingency="Her brother can step in for a few days.",
            )
            for assessment, user in zip(assessments, users, strict=True)
        )
        return [plan.reference for plan in plans]

"""Who may open each page of the register and the referral queue: every role,
allowed and refused.
"""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services
from carershub.carers.tests.factories import CarerFactory
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory
from carershub.referrals.tests.factories import ReferralFactory

HUB_STAFF = {"worker", "assessor", "manager"}
EVERYONE_SIGNED_IN = {"worker", "assessor", "manager", "ward", "commissioner", "admin", "elsewhere"}


@pytest.fixture
def world(db, partnership, hub, hospital, make_staff, other_hub):
    council = OrganisationFactory(
        partnership=partnership,
        name="Testshire Council",
        type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE,
    )
    people = {
        "worker": (make_staff(Role.SUPPORT_WORKER, hub, full_name="Sam Worker"), hub),
        "assessor": (make_staff(Role.ASSESSOR, hub), hub),
        "manager": (make_staff(Role.HUB_MANAGER, hub), hub),
        "admin": (make_staff(Role.SYSTEM_ADMIN, hub), hub),
        "ward": (make_staff(Role.PARTNER_REFERRER, hospital), hospital),
        "commissioner": (make_staff(Role.COMMISSIONER, council), council),
        "elsewhere": (make_staff(Role.HUB_MANAGER, other_hub), other_hub),
    }
    actor = actor_for(people["worker"][0], hub.pk)
    carer = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    duplicate = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    consent = services.record_consent(
        actor,
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    referral = ReferralFactory(holding_organisation=hub, referring_organisation=hospital)
    return {
        "people": people,
        "carer": carer,
        "duplicate": duplicate,
        "consent": consent,
        "referral": referral,
    }


def pages(world):
    ref, dup = world["carer"].reference, world["duplicate"].reference
    return [
        # (url name, args, who may open it, is it one person's record)
        ("carers:list", [], HUB_STAFF | {"elsewhere"}, False),
        ("carers:register", [], HUB_STAFF | {"elsewhere"}, False),
        ("carers:helpline_call", [], HUB_STAFF | {"elsewhere"}, False),
        ("carers:follow_ups", [], HUB_STAFF | {"elsewhere"}, False),
        ("carers:detail", [ref], HUB_STAFF | {"ward"}, True),
        ("carers:edit", [ref, "contact"], HUB_STAFF, True),
        ("carers:edit", [ref, "equality"], HUB_STAFF, True),
        ("carers:add_cared_for", [ref], HUB_STAFF, False),
        ("carers:record_consent", [ref], HUB_STAFF, False),
        ("carers:withdraw_consent", [ref, world["consent"].pk], HUB_STAFF, False),
        ("carers:log_contact", [ref], HUB_STAFF, False),
        ("carers:timeline", [ref], HUB_STAFF, True),
        ("carers:activity", [ref], {"manager"}, False),
        ("carers:merge", [ref, dup], {"manager"}, True),
        ("referrals:queue", [], HUB_STAFF | {"ward", "elsewhere"}, False),
        ("referrals:new", [], HUB_STAFF | {"ward", "elsewhere"}, False),
        ("referrals:detail", [world["referral"].reference], HUB_STAFF | {"ward"}, True),
    ]


@pytest.mark.django_db
def test_every_register_and_referral_page_admits_exactly_the_roles_it_should(world):
    problems = []
    for name, args, allowed, is_record in pages(world):
        url = reverse(name, args=args)
        anonymous = Client().get(url)
        if not (anonymous.status_code == 302 and "/sign-in/" in anonymous.url):
            problems.append(f"{url}: anonymous got {anonymous.status_code}")
        for who in EVERYONE_SIGNED_IN:
            user, organisation = world["people"][who]
            client = Client()
            client.force_login(user)
            # The audit log refuses deletes: look only at rows written after this point.
            before = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            status = client.get(url).status_code
            if who in allowed and status != 200:
                problems.append(f"{url}: {who} should be allowed, got {status}")
            if who not in allowed and status not in (403, 404):
                problems.append(f"{url}: {who} should be refused, got {status}")
            if (
                who in allowed
                and is_record
                and not AuditLog.objects.filter(
                    pk__gt=before, operation=Operation.READ, actor_user_id=user.pk
                ).exists()
            ):
                problems.append(f"{url}: {who} read a record and no audit row was written")
    assert problems == []


@pytest.mark.django_db
def test_refused_writes_change_nothing(world):
    user, _ = world["people"]["ward"]
    client = Client()
    client.force_login(user)
    carer = world["carer"]
    assert (
        client.post(
            reverse("carers:edit", args=[carer.reference, "details"]),
            {"given_name": "Eve", "family_name": "X", "version": carer.version},
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("carers:withdraw_consent", args=[carer.reference, world["consent"].pk])
        ).status_code
        == 403
    )
    carer.refresh_from_db()
    world["consent"].refresh_from_db()
    assert carer.given_name == "Ada" and world["consent"].withdrawn_at is None

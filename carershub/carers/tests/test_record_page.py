"""The carer's record page and timeline are built from the panels and events each app registers."""

import ast
import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.assessments.models import Assessment
from carershub.assessments.situations import AssessmentType
from carershub.audit.models import AuditLog, Operation
from carershub.carers import record, selectors, services
from carershub.carers.models import HUB_RECORD, SharingPurpose
from carershub.carers.record_page import CarerRecordPage
from carershub.carers.tests.factories import CarerFactory
from carershub.carers.tests.test_record_and_consent import give_consent
from carershub.emergency_plans import services as emergency_plan_services
from carershub.referrals.tests.factories import ReferralFactory
from carershub.safeguarding import services as safeguarding_services

CARERS = Path(__file__).resolve().parents[1]
OTHER_DOMAIN_APPS = ("assessments", "emergency_plans", "safeguarding", "referrals")


@pytest.fixture
def carer(hub):
    return CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")


def add_one_of_everything(actor, carer, worker, n):
    """A contact, a referral, an assessment, a safeguarding concern and an emergency plan (for a
    new person cared for), each marked with ``n``."""
    services.log_contact(
        actor,
        carer,
        kind="phone",
        direction="out",
        happened_on=timezone.localdate(),
        purpose=f"Call {n}",
    )
    ReferralFactory(holding_organisation=carer.holding_organisation, carer=carer)
    Assessment.unscoped.create(
        holding_organisation=carer.holding_organisation,
        carer=carer,
        type=AssessmentType.ADULT_CARER,
        assessor=worker,
        started_at=timezone.now() - dt.timedelta(days=n),
        started_by=worker,
    )
    safeguarding_services.raise_concern(
        actor,
        carer,
        what_happened="Seen",
        category="financial",
        at_risk="carer",
        immediate_risk=False,
    )
    person = services.add_cared_for_person(
        actor,
        carer,
        given_name=f"Person{n}",
        family_name="Foxglove",
        relationship="parent",
        lives_together=False,
    )
    emergency_plan_services.start_plan(actor, carer, cared_for=person)


@pytest.mark.django_db
def test_the_record_page_costs_the_same_queries_however_much_the_carer_has(
    worker, sign_in, hub, carer, actor_of, django_assert_max_num_queries
):
    actor = actor_of(worker, hub)
    client = sign_in(worker, hub)
    url = reverse("carers:detail", args=[carer.reference])
    add_one_of_everything(actor, carer, worker, 0)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for n in range(1, 6):
        add_one_of_everything(actor, carer, worker, n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url).content.decode()
    assert "Call 5" in html and "Emergency plan for Person5 Foxglove" in html
    assert all(a.reference in html for a in Assessment.unscoped.filter(carer=carer))


@pytest.mark.django_db
def test_the_timeline_costs_the_same_queries_however_much_the_carer_has(
    worker, sign_in, hub, carer, actor_of, django_assert_max_num_queries
):
    actor = actor_of(worker, hub)
    client = sign_in(worker, hub)
    url = reverse("carers:timeline", args=[carer.reference])
    add_one_of_everything(actor, carer, worker, 0)
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    for n in range(1, 6):
        add_one_of_everything(actor, carer, worker, n)
    with django_assert_max_num_queries(len(small.captured_queries)):
        html = client.get(url).content.decode()
    assert html.count("Safeguarding concern recorded") == 6


@pytest.mark.django_db
def test_panels_stand_in_their_fixed_order(worker, sign_in, hub, carer, actor_of):
    add_one_of_everything(actor_of(worker, hub), carer, worker, 0)
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    headings = [
        "People they care for",
        'id="contacts">Recent contacts',
        'id="safeguarding">Safeguarding',
        'id="assessments">Assessments',
        'id="emergency-plans">Emergency plans',
        'id="consent">Consent to share',
    ]
    positions = [html.index(heading) for heading in headings]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_each_panel_read_is_audited_one_row_per_record_listed(
    worker, sign_in, hub, carer, actor_of
):
    add_one_of_everything(actor_of(worker, hub), carer, worker, 0)
    sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference]))
    listed = AuditLog.objects.filter(operation=Operation.SEARCH, context={"view": "carers:detail"})
    assert sorted(listed.values_list("object_type", flat=True)) == [
        "assessments.assessment",
        "carers.contact",
        "emergency_plans.emergencyplan",
        "safeguarding.concern",
    ]
    assert listed.get(object_type="assessments.assessment").fields == sorted(
        ["type", "status", "started_at", "completed_at"]
    )
    assert AuditLog.objects.filter(
        operation=Operation.READ, object_type="carers.carer", context={"view": "carers:detail"}
    ).exists()


@pytest.mark.django_db
def test_a_partner_sees_no_panel_and_none_is_audited(make_staff, hospital, hub, worker, actor_of):
    carer = CarerFactory(holding_organisation=hub)
    add_one_of_everything(actor_of(worker, hub), carer, worker, 0)
    give_consent(actor_of(worker, hub), carer, hospital)
    partner = actor_of(make_staff(Role.PARTNER_REFERRER, hospital), hospital)
    purpose = SharingPurpose.HOSPITAL_DISCHARGE
    page = CarerRecordPage.open(
        partner, selectors.carer_for(partner, purpose, carer.reference), purpose
    )
    assert page.panels == []
    assert not AuditLog.objects.filter(operation=Operation.SEARCH).exists()


@pytest.mark.django_db
def test_panels_and_timeline_entries_hold_no_model_instances(worker, hub, carer, actor_of):
    actor = actor_of(worker, hub)
    add_one_of_everything(actor, carer, worker, 0)
    page = CarerRecordPage(
        actor, selectors.carer_for(actor, HUB_RECORD, carer.reference), HUB_RECORD
    )
    assert len(page.panels) == len(record.PANEL_ORDER)

    def values(value):
        if dataclasses.is_dataclass(value):
            for item in dataclasses.fields(value):
                yield from values(getattr(value, item.name))
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from values(item)
        elif isinstance(value, dict):
            for item in value.values():
                yield from values(item)
        else:
            yield value

    for panel in page.panels:
        assert dataclasses.is_dataclass(panel) and panel.__dataclass_params__.frozen
        assert not any(isinstance(v, models.Model) for v in values(panel))
    events = selectors.timeline(actor, selectors.carer_for(actor, HUB_RECORD, carer.reference))
    assert {event.kind for event in events} >= {
        "registered",
        "contact",
        "referral",
        "assessment",
        "safeguarding",
        "emergency_plan",
        "network",
    }
    assert all(isinstance(event, record.TimelineEntry) for event in events)
    assert [event.at for event in events] == sorted((event.at for event in events), reverse=True)


def test_a_panel_must_have_a_place_on_the_page():
    with pytest.raises(ImproperlyConfigured):
        record.register("passports", panel=lambda actor, carer: None)


def test_the_record_page_and_timeline_import_no_other_domain_app():
    for name in ("views.py", "selectors.py", "record.py", "record_page.py", "presenters.py"):
        tree = ast.parse((CARERS / name).read_text())
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        } | {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        }
        assert not {
            module
            for module in imported
            for app in OTHER_DOMAIN_APPS
            if module == f"carershub.{app}" or module.startswith(f"carershub.{app}.")
        }, name

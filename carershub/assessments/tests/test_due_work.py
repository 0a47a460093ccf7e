"""Timeliness: assessments to start, plans to agree and reviews due, for a worker and the hub,
with each target taken from the partnership."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.assessments import selectors, services
from carershub.assessments.models import Assessment, SupportPlan
from carershub.assessments.situations import AssessmentType
from carershub.audit.models import AuditLog, Operation
from carershub.referrals.tests.factories import ReferralFactory

WEEK = dt.timedelta(days=7)


def today():
    return timezone.localdate()


@pytest.mark.django_db
def test_a_referral_past_its_clock_waits_for_an_assessment_until_one_starts(
    make_carer_caring, hub, hub_actor, assessor, worker
):
    carer = make_carer_caring(key_worker=worker)
    referral = ReferralFactory(
        holding_organisation=hub,
        carer=carer,
        assessment_due=today() - dt.timedelta(days=2),
        status="triaged",
        outcome="registered",
        outcome_at=timezone.now(),
    )
    ReferralFactory(
        holding_organisation=hub,
        assessment_due=today() - dt.timedelta(days=2),
        status="triaged",
        outcome="signposted",
        outcome_at=timezone.now(),
    )  # signposted elsewhere: no assessment due
    work = selectors.due_work(hub_actor, today() + WEEK)
    assert work["assessments_to_start"] == [referral]
    assert selectors.due_work(hub_actor, today() + WEEK, worker=worker)["assessments_to_start"] == [
        referral
    ]
    assert (
        selectors.due_work(hub_actor, today() + WEEK, worker=assessor)["assessments_to_start"] == []
    )
    services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assert selectors.due_work(hub_actor, today() + WEEK)["assessments_to_start"] == []


@pytest.mark.django_db
def test_a_completed_assessment_waits_for_an_agreed_plan_within_the_partnerships_target(
    completed, hub_actor, assessor, partnership, actor_of, worker, hub
):
    Assessment.unscoped.filter(pk=completed.pk).update(
        completed_at=timezone.now() - dt.timedelta(days=9)
    )
    work = selectors.due_work(hub_actor, today())
    assert [a.pk for a in work["plans_to_agree"]] == [completed.pk]
    assert [
        a.pk for a in selectors.due_work(hub_actor, today(), worker=assessor)["plans_to_agree"]
    ] == [completed.pk]
    partnership.plan_within_days = 10
    partnership.save()
    fresh = actor_of(worker, hub)  # the target is read from the partnership as the page is opened
    assert selectors.due_work(fresh, today())["plans_to_agree"] == []  # not due until tomorrow


@pytest.mark.django_db
def test_an_agreed_plan_needs_a_review_by_its_date_until_one_starts(plan, hub_actor, assessor):
    services.add_action(hub_actor, plan, what="Sitting service", who="The hub")
    plan.refresh_from_db()
    plan = services.agree_plan(hub_actor, plan, expected_version=plan.version)
    assert selectors.due_work(hub_actor, today() + WEEK)["reviews_due"] == []
    assert selectors.due_work(hub_actor, today() + WEEK)["plans_to_agree"] == []
    SupportPlan.unscoped.filter(pk=plan.pk).update(review_due=today() + dt.timedelta(days=3))
    assert [p.pk for p in selectors.due_work(hub_actor, today() + WEEK)["reviews_due"]] == [plan.pk]
    services.start_assessment(
        hub_actor, plan.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    assert selectors.due_work(hub_actor, today() + WEEK)["reviews_due"] == []


@pytest.mark.django_db
def test_the_review_date_follows_the_partnerships_target(completed, hub_actor, partnership):
    partnership.review_within_months = 6
    partnership.save()
    plan = services.create_plan(hub_actor, completed)
    made = timezone.localtime(plan.created_at).date()
    assert (plan.review_due.year - made.year) * 12 + plan.review_due.month - made.month == 6


@pytest.mark.django_db
def test_the_due_page_and_the_home_page_show_what_is_due(completed, worker, assessor, sign_in, hub):
    Assessment.unscoped.filter(pk=completed.pk).update(
        completed_at=timezone.now() - dt.timedelta(days=9)
    )
    client = sign_in(assessor, hub)
    html = client.get(reverse("assessments:due")).content.decode()
    assert (
        "Support plans to agree" in html
        and "Overdue by 2 days" in html
        and "govuk-tag--red" in html
    )
    assert AuditLog.objects.filter(
        operation=Operation.SEARCH, object_type="assessments.assessment"
    ).exists()
    home = client.get(reverse("home:staff_home")).content.decode()
    assert "Due this week" in home and "1 support plan to agree." in home
    other = sign_in(worker, hub)
    assert (
        "Nothing due from you this week." in other.get(reverse("home:staff_home")).content.decode()
    )
    assert (
        "Overdue by 2 days"
        in other.get(reverse("assessments:due"), {"who": "everyone"}).content.decode()
    )


@pytest.mark.django_db
def test_the_due_page_costs_the_same_queries_however_much_is_due(
    make_carer_caring, hub, hub_actor, assessor, worker, sign_in, django_assert_max_num_queries
):
    client = sign_in(worker, hub)
    url = reverse("assessments:due") + "?who=everyone"
    ReferralFactory(holding_organisation=hub, carer=make_carer_caring(), assessment_due=today())
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    baseline = len(few.captured_queries)
    for _ in range(5):
        ReferralFactory(
            holding_organisation=hub,
            carer=make_carer_caring(),
            assessment_due=today(),
            allocated_to=worker,
        )
    with django_assert_max_num_queries(baseline):
        client.get(url)

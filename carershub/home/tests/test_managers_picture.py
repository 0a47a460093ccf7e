"""A hub manager's home page: today's counts, each linking to the list of what it counts."""

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.tests.factories import staff_actor
from carershub.assessments import services as assessment_services
from carershub.assessments.models import Assessment, SupportPlan
from carershub.assessments.tests.factories import CompletedAssessmentFactory, SupportPlanFactory
from carershub.carers.tests.factories import CarerFactory, CaringCarerFactory
from carershub.referrals.tests.factories import ReferralFactory
from carershub.safeguarding.models import Concern
from carershub.safeguarding.tests.factories import ConcernFactory

# A Thursday, so that "this week" holds days before today.
THURSDAY = dt.datetime(2026, 12, 10, 11, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def on_a_thursday():
    with time_machine.travel(THURSDAY, tick=False):
        yield


def days_ago(n):
    return timezone.now() - dt.timedelta(days=n)


def today():
    return timezone.localdate()


def add_referrals(hub):
    """Two in today (one urgent), one on Tuesday, two last week past their first-contact date
    (one urgent), one contacted in time, one past its assessment date; and one at another hub."""
    ReferralFactory(holding_organisation=hub)
    ReferralFactory(holding_organisation=hub, urgency="urgent")
    ReferralFactory(holding_organisation=hub, received_at=days_ago(2))
    ReferralFactory(
        holding_organisation=hub,
        received_at=days_ago(8),
        first_contact_due=today() - dt.timedelta(1),
    )
    ReferralFactory(
        holding_organisation=hub,
        received_at=days_ago(8),
        urgency="urgent",
        first_contact_due=today() - dt.timedelta(3),
    )
    ReferralFactory(
        holding_organisation=hub,
        received_at=days_ago(9),
        first_contact_due=today() - dt.timedelta(2),
        first_contact_at=days_ago(8),
    )
    ReferralFactory(
        holding_organisation=hub,
        received_at=days_ago(20),
        first_contact_at=days_ago(19),
        first_contact_due=today() - dt.timedelta(15),
        assessment_due=today() - dt.timedelta(3),
    )
    ReferralFactory()  # another hub's


def add_assessments(hub):
    """One completed 10 days ago without an agreed plan (the target is 7 days), one with an
    agreed plan whose review is due in 3 days."""
    late = CompletedAssessmentFactory(carer=CaringCarerFactory(holding_organisation=hub))
    Assessment.unscoped.filter(pk=late.pk).update(completed_at=days_ago(10))
    actor = staff_actor(hub)
    plan = SupportPlanFactory(
        assessment=CompletedAssessmentFactory(
            carer=CaringCarerFactory(holding_organisation=hub),
            answers={"what-matters": {"outcomes_wanted": "A night's sleep each week"}},
        ),
        actor=actor,
    )
    assessment_services.add_action(actor, plan, what="Sitting service", who="The hub")
    plan.refresh_from_db()
    plan = assessment_services.agree_plan(actor, plan, expected_version=plan.version)
    SupportPlan.unscoped.filter(pk=plan.pk).update(review_due=today() + dt.timedelta(days=3))


def add_concerns(hub):
    """Immediate risk today and 10 days ago, no immediate risk 40 days ago, one closed."""
    ConcernFactory(carer=CarerFactory(holding_organisation=hub), immediate_risk=True)
    ten = ConcernFactory(carer=CarerFactory(holding_organisation=hub), immediate_risk=True)
    forty = ConcernFactory(carer=CarerFactory(holding_organisation=hub))
    closed = ConcernFactory(carer=CarerFactory(holding_organisation=hub))
    Concern.unscoped.filter(pk=ten.pk).update(raised_at=days_ago(10))
    Concern.unscoped.filter(pk=forty.pk).update(raised_at=days_ago(40))
    Concern.unscoped.filter(pk=closed.pk).update(status="closed")


def add_everything(hub):
    add_referrals(hub)
    add_assessments(hub)
    add_concerns(hub)


def measures(html):
    """{label: (count, href)} from the home page's table of today's counts."""
    table = re.search(r"data-measures>(.*?)</table>", html, re.S).group(1)
    found = {}
    for label, href, count in re.findall(
        r'<td class="govuk-table__cell">([^<]+)</td>\s*<td[^>]*><a class="govuk-link" '
        r'href="([^"]+)">([\d,]+)<',
        table,
    ):
        found[label.strip()] = (int(count.replace(",", "")), href.replace("&amp;", "&"))
    return found


SAFEGUARDING = "Safeguarding, open concerns: "
EXPECTED = {
    "Referrals received today": (2, "/referrals/?view=today"),
    "Referrals received this week": (3, "/referrals/?view=week"),
    "First contacts overdue": (2, "/referrals/?view=overdue"),
    "Urgent referrals with first contact overdue": (1, "/referrals/?view=overdue_urgent"),
    "Assessments not started in time": (1, "/assessments/due/?who=everyone&when=late"),
    "Support plans not agreed in time": (1, "/assessments/due/?who=everyone&when=late"),
    "Reviews due this week or overdue": (1, "/assessments/due/?who=everyone"),
    SAFEGUARDING + "someone at immediate risk, raised in the last 7 days": (
        1,
        "/safeguarding/?risk=immediate&age=week",
    ),
    SAFEGUARDING + "someone at immediate risk, raised 8 to 28 days ago": (
        1,
        "/safeguarding/?risk=immediate&age=month",
    ),
    SAFEGUARDING + "someone at immediate risk, raised more than 28 days ago": (
        0,
        "/safeguarding/?risk=immediate&age=older",
    ),
    SAFEGUARDING + "no one at immediate risk, raised in the last 7 days": (
        0,
        "/safeguarding/?risk=other&age=week",
    ),
    SAFEGUARDING + "no one at immediate risk, raised 8 to 28 days ago": (
        0,
        "/safeguarding/?risk=other&age=month",
    ),
    SAFEGUARDING + "no one at immediate risk, raised more than 28 days ago": (
        1,
        "/safeguarding/?risk=other&age=older",
    ),
}


@pytest.mark.django_db
def test_a_hub_manager_sees_each_count_of_today_linking_to_its_list(manager, sign_in, hub):
    add_everything(hub)
    client = sign_in(manager, hub)
    found = measures(client.get(reverse("home:staff_home")).content.decode())
    assert found == EXPECTED


@pytest.mark.django_db
def test_each_list_a_count_links_to_holds_as_many_as_the_count(manager, sign_in, hub):
    add_everything(hub)
    client = sign_in(manager, hub)
    found = measures(client.get(reverse("home:staff_home")).content.decode())
    for label, (count, href) in found.items():
        response = client.get(href)
        assert response.status_code == 200, label
        html = response.content.decode()
        if href.startswith("/referrals/"):
            assert f"{count} referral" in html, label
        elif href.startswith("/safeguarding/") and count:
            assert f"{count} concern" in html, label
        elif href.startswith("/safeguarding/"):
            assert "No safeguarding concerns" in html, label
    late = client.get(EXPECTED["Assessments not started in time"][1]).content.decode()
    assert "Out of target across the hub" in late


@pytest.mark.django_db
def test_a_support_worker_sees_no_counts_and_no_safeguarding_in_the_navigation(
    worker, manager, sign_in, hub
):
    add_concerns(hub)
    html = sign_in(worker, hub).get(reverse("home:staff_home")).content.decode()
    assert "data-measures" not in html
    assert f'href="{reverse("safeguarding:list")}"' not in html.split("</header>")[0]
    html = sign_in(manager, hub).get(reverse("home:staff_home")).content.decode()
    assert f'href="{reverse("safeguarding:list")}"' in html.split("<main")[0]


@pytest.mark.django_db
def test_the_managers_home_costs_the_same_queries_however_many_records(
    manager, sign_in, hub, django_assert_max_num_queries
):
    client = sign_in(manager, hub)
    add_everything(hub)
    with django_assert_max_num_queries(60) as small:
        assert client.get(reverse("home:staff_home")).status_code == 200
    for _ in range(3):
        add_referrals(hub)
        add_concerns(hub)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(reverse("home:staff_home")).status_code == 200

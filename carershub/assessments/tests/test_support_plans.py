"""The support plan after an assessment: outcomes, actions, services (with money where it is a
budget), contingency, a review within 12 months, agreement - and no lost edits."""

import datetime as dt
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from carershub.accounts.models import Role
from carershub.assessments import services
from carershub.assessments.models import PlanStatus, SupportPlan
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.factories import AssessmentFactory
from carershub.audit.models import AuditLog, Operation


@pytest.mark.django_db
def test_a_plan_follows_a_completed_assessment_with_a_review_in_12_months(completed, plan):
    completed_on = timezone.localtime(completed.completed_at).date()
    assert plan.review_due == completed_on + relativedelta(months=12)
    assert (
        plan.outcomes == "A night's sleep each week"
    )  # what the carer said they want, to start from
    assert plan.status == PlanStatus.DRAFT
    assert AuditLog.objects.filter(
        operation=Operation.CREATE, object_type="assessments.supportplan"
    ).exists()


@pytest.mark.django_db
def test_only_a_completed_assessment_gets_a_plan_and_only_one(
    make_carer_caring, hub_actor, assessor, completed, plan
):
    open_one = AssessmentFactory(carer=make_carer_caring(), actor=hub_actor, assessor=assessor)
    with pytest.raises(ValidationError, match="Complete the assessment"):
        services.create_plan(hub_actor, open_one)
    with pytest.raises(ValidationError, match="already has a support plan"):
        services.create_plan(hub_actor, completed)


@pytest.mark.django_db
def test_the_review_is_due_within_12_months_and_an_earlier_one_says_why(plan, hub_actor):
    latest = plan.review_due
    with pytest.raises(ValidationError, match="no later than"):
        services.update_plan(
            hub_actor,
            plan,
            expected_version=plan.version,
            outcomes="x",
            contingency="",
            review_due=latest + dt.timedelta(days=1),
        )
    with pytest.raises(ValidationError, match="Say why"):
        services.update_plan(
            hub_actor,
            plan,
            expected_version=plan.version,
            outcomes="x",
            contingency="",
            review_due=latest - relativedelta(months=6),
        )
    plan = services.update_plan(
        hub_actor,
        plan,
        expected_version=plan.version,
        outcomes="x",
        contingency="Her son",
        review_due=latest - relativedelta(months=6),
        review_brought_forward_because="Her husband's dementia is progressing",
    )
    assert plan.review_brought_forward_because == "Her husband's dementia is progressing"


@pytest.mark.django_db
def test_a_direct_payment_needs_an_amount_and_how_often(plan, hub_actor):
    with pytest.raises(ValidationError, match="amount"):
        services.add_service(hub_actor, plan, kind="direct_payment")
    service = services.add_service(
        hub_actor,
        plan,
        kind="direct_payment",
        amount=Decimal("250.00"),
        frequency="yearly",
        details="For a gym membership and a weekend away",
    )
    assert service.amount == Decimal("250.00")
    group = services.add_service(
        hub_actor, plan, kind="groups", amount=Decimal("5"), frequency="weekly"
    )
    assert (
        group.amount is None and group.frequency == ""
    )  # money belongs to budgets and payments only


@pytest.mark.django_db
def test_a_plan_is_agreed_once_it_has_outcomes_and_something_to_do(plan, hub_actor):
    plan.outcomes = ""
    SupportPlan.unscoped.filter(pk=plan.pk).update(outcomes="")
    with pytest.raises(ValidationError, match="outcomes"):
        services.agree_plan(hub_actor, plan, expected_version=plan.version)
    plan = services.update_plan(
        hub_actor,
        plan,
        expected_version=plan.version,
        outcomes="Sleep",
        contingency="",
        review_due=plan.review_due,
    )
    with pytest.raises(ValidationError, match="at least one action or service"):
        services.agree_plan(hub_actor, plan, expected_version=plan.version)
    services.add_action(
        hub_actor,
        plan,
        what="Book a sitting service on Tuesdays",
        who="The hub",
        by_when=timezone.localdate() + dt.timedelta(days=14),
    )
    plan.refresh_from_db()
    plan = services.agree_plan(hub_actor, plan, expected_version=plan.version)
    assert plan.status == PlanStatus.AGREED and plan.agreed_at is not None


# --- Pages ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_plan_is_made_from_the_assessment_page_and_shows_everything(
    completed, worker, sign_in, hub
):
    client = sign_in(worker, hub)
    html = client.get(reverse("assessments:detail", args=[completed.reference])).content.decode()
    assert "Make the support plan" in html
    response = client.post(reverse("assessments:create_plan", args=[completed.reference]))
    plan = SupportPlan.unscoped.get()
    assert response.url == reverse("assessments:plan", args=[plan.reference])
    response = client.post(
        reverse("assessments:add_service", args=[plan.reference]),
        {"kind": "direct_payment", "amount": "82.50", "frequency": "four_weekly"},
    )
    assert response.status_code == 302
    client.post(
        reverse("assessments:add_action", args=[plan.reference]),
        {
            "what": "Apply for Carer's Allowance",
            "who": "The carer",
            "by_when-day": "",
            "by_when-month": "",
            "by_when-year": "",
        },
    )
    html = client.get(reverse("assessments:plan", args=[plan.reference])).content.decode()
    assert "£82.50 every four weeks" in html and "Apply for Carer" in html
    assert AuditLog.objects.filter(
        operation=Operation.READ, object_type="assessments.supportplan"
    ).exists()
    client.post(
        reverse("assessments:agree_plan", args=[plan.reference]),
        {"version": SupportPlan.unscoped.get().version},
    )
    html = client.get(reverse("assessments:plan", args=[plan.reference])).content.decode()
    assert "Agreed within 7 days of the assessment" in html


@pytest.mark.django_db
def test_a_budget_without_an_amount_is_refused_on_the_page(plan, worker, sign_in, hub):
    response = sign_in(worker, hub).post(
        reverse("assessments:add_service", args=[plan.reference]), {"kind": "personal_budget"}
    )
    html = response.content.decode()
    assert "Enter the amount of the personal budget or direct payment" in html
    assert "Select how often it is paid" in html
    assert not plan.services.exists()


@pytest.mark.django_db
def test_two_people_changing_the_plan_the_second_keeps_their_words_and_sees_the_others(
    plan, worker, manager, sign_in, hub
):
    opened = plan.version
    url = reverse("assessments:edit_plan", args=[plan.reference])
    due = plan.review_due
    data = {
        "review_due-day": due.day,
        "review_due-month": due.month,
        "review_due-year": due.year,
        "contingency": "",
    }
    first = sign_in(manager, hub).post(url, {**data, "outcomes": "Theirs", "version": opened})
    assert first.status_code == 302
    second = Client()
    second.force_login(worker)
    session = second.session
    session["acting_organisation_id"] = hub.pk
    session.save()
    response = second.post(url, {**data, "outcomes": "Mine", "version": opened})
    html = response.content.decode()
    assert response.status_code == 409
    assert (
        "This plan has changed since you opened it" in html and "Theirs" in html and "Mine" in html
    )
    assert SupportPlan.unscoped.get(pk=plan.pk).outcomes == "Theirs"


@pytest.mark.django_db
def test_plans_are_the_hubs_casework(plan, make_staff, hospital, other_hub):
    people = {
        "ward": (make_staff(Role.PARTNER_REFERRER, hospital), hospital),
        "elsewhere": (make_staff(Role.HUB_MANAGER, other_hub), other_hub),
        "admin": (
            make_staff(Role.SYSTEM_ADMIN, plan.holding_organisation),
            plan.holding_organisation,
        ),
    }
    urls = [
        reverse(name, args=[plan.reference])
        for name in (
            "assessments:plan",
            "assessments:edit_plan",
            "assessments:add_action",
            "assessments:add_service",
        )
    ]
    urls += [
        reverse(name, args=[plan.assessment.reference])
        for name in ("assessments:copy_pdf", "assessments:send_copy")
    ]
    for url in urls:
        name = url
        assert Client().get(url).status_code == 302
        for who, (user, organisation) in people.items():
            client = Client()
            client.force_login(user)
            session = client.session
            session["acting_organisation_id"] = organisation.pk
            session.save()
            assert client.get(url).status_code in (403, 404), (name, who)


@pytest.mark.django_db
def test_removing_a_carer_removes_their_assessments_reviews_and_plans(
    plan, completed, hub_actor, assessor
):
    from carershub.assessments.models import Assessment

    services.start_assessment(
        hub_actor, completed.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    completed.carer.delete()
    assert not Assessment.unscoped.exists() and not SupportPlan.unscoped.exists()


@pytest.mark.django_db
def test_an_assessment_a_review_names_cannot_be_deleted_on_its_own(completed, hub_actor, assessor):
    from django.db import IntegrityError, connection, transaction

    from carershub.assessments.models import Assessment

    services.start_assessment(
        hub_actor, completed.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    Assessment.unscoped.filter(pk=completed.pk).delete()
    with pytest.raises(IntegrityError), transaction.atomic():
        connection.check_constraints()  # what the database does when the transaction commits
    Assessment.unscoped.filter(
        type=AssessmentType.REVIEW
    ).delete()  # deleting both together is allowed
    connection.check_constraints()


@pytest.mark.django_db
def test_the_timeline_shows_plans_ratings_and_emergency_plans(plan, hub_actor):
    from carershub.assessments import selectors as assessment_selectors
    from carershub.carers.selectors import timeline
    from carershub.emergency_plans import services as emergency_services

    carer = plan.carer
    services.add_action(hub_actor, plan, what="x", who="y")
    plan.refresh_from_db()
    services.agree_plan(hub_actor, plan, expected_version=plan.version)
    services.record_risk(
        hub_actor,
        carer,
        rating="high",
        triggers=["no_break", "carer_health"],
        suggestion=assessment_selectors.risk_suggestion_for(hub_actor, carer),
    )
    emergency_services.start_plan(hub_actor, carer, cared_for=carer.relationships.first().cared_for)
    titles = [event.title for event in timeline(hub_actor, carer)]
    assert {"Support plan started", "Support plan agreed", "Breakdown risk rated high"} <= set(
        titles
    )
    assert any(title.startswith("Emergency plan started for") for title in titles)


@pytest.mark.django_db
def test_a_plan_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    plan, worker, manager, sign_in, actor_of, hub
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    response = save_after_a_colleague_and_a_mistake(
        sign_in(worker, hub),
        reverse("assessments:edit_plan", args=[plan.reference]),
        colleague_saves=lambda: services.update_plan(
            actor_of(manager, hub),
            plan,
            expected_version=plan.version,
            outcomes="Theirs",
            contingency="",
            review_due=plan.review_due,
        ),
        typed={"outcomes": "Mine"},
        mistake={"review_due-day": "32"},
        error="must be a real date",
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert (
        "This plan has changed since you opened it" in page and "Theirs" in page and "Mine" in page
    )
    assert SupportPlan.unscoped.get(pk=plan.pk).outcomes == "Theirs"

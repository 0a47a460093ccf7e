"""An assessment in a browser: start the kind the law allows, fill in sections from the task list,
check the answers, and the named assessor decides eligibility; every page and error state passes
axe."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.assessments import selectors, services
from carershub.assessments.models import Assessment
from carershub.assessments.situations import LEGAL_BASIS, AssessmentType
from carershub.carers import services as carer_services
from carershub.carers.tests.factories import CarerFactory

WORKER_AT_HUB = "Sam Worker, Hub support worker at Testshire Carers Centre"
ASSESSOR_AT_HUB = "Alex Assessor, Assessor at Testshire Carers Centre"


@pytest.fixture
def assessor(make_staff, hub):
    return make_staff(Role.ASSESSOR, hub, full_name="Alex Assessor")


@pytest.fixture
def carer(hub, worker):
    carer = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1970, 5, 1),
    )
    carer_services.add_cared_for_person(
        actor_for(worker, hub.pk),
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
        date_of_birth=dt.date(1940, 2, 2),
    )
    return carer


def started(worker, assessor, carer, hub):
    """A carer's assessment started by the worker, with the assessor named."""
    return services.start_assessment(
        actor_for(worker, hub.pk),
        carer,
        assessment_type=AssessmentType.ADULT_CARER,
        assessor=assessor,
    )


def answered(worker, assessor, carer, hub):
    """Every section answered through the services and marked completed
    (eligible through nutrition).
    """
    from carershub.assessments.tests.conftest import adult_answers

    actor = actor_for(worker, hub.pk)
    assessment = started(worker, assessor, carer, hub)
    answers = adult_answers(carer)
    for section, _ in selectors.sections_with_state(assessment):
        form = section.form_class(answers[section.slug], carer=selectors.carer_with_network(carer))
        assert form.is_valid(), form.errors
        assessment = services.save_section(
            actor,
            assessment,
            section,
            answers=form.answers(),
            completed=True,
            expected_version=assessment.version,
        )
    return assessment


def completed_assessment(worker, assessor, carer, hub):
    assessment = answered(worker, assessor, carer, hub)
    return services.complete_assessment(
        actor_for(assessor, hub.pk),
        assessment,
        expected_version=assessment.version,
        decision="eligible",
    )


def test_starting_and_filling_in_an_assessment(
    page,
    live_server,
    worker,
    assessor,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:detail", carer.reference))
    page.get_by_role("link", name="Start an assessment").click()
    expect_page(
        page,
        hub_url("assessments:start", carer_reference=carer.reference),
        "Start an assessment",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(page.get_by_text("Not available for Ada Foxglove")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("button", name="Start assessment").click()
    expect_error_summary(page, "Select which assessment to start", "Choose the named assessor")
    check_accessibility(page)

    page.get_by_label(f"Carer's assessment ({LEGAL_BASIS[AssessmentType.ADULT_CARER]})").check()
    page.get_by_label("Named assessor").select_option(label="Alex Assessor")
    page.get_by_role("button", name="Start assessment").click()
    assessment = Assessment.unscoped.get()
    expect_page(
        page,
        hub_url("assessments:detail", reference=assessment.reference),
        "Carer's assessment",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(page.get_by_text("0 of 10 sections completed")).to_be_visible()
    check_accessibility(page)

    page.get_by_role("link", name="The caring role").click()
    expect_page(
        page,
        hub_url("assessments:section", reference=assessment.reference, slug="caring-role"),
        "The caring role",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Save and mark as completed").click()
    expect_error_summary(
        page,
        "Select who this assessment is about",
        "Enter about how many hours a week they spend caring",
        "Select an answer to “Is the care they give necessary?”",
    )
    check_accessibility(page)

    page.get_by_label("Una Foxglove (parent)").check()
    page.get_by_label("Personal care (washing, dressing, toileting)").check()
    page.get_by_label("About how many hours a week do they spend caring?").fill("40")
    page.get_by_role("group", name="Is the care they give necessary?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save and mark as completed").click()
    expect_page(
        page,
        hub_url("assessments:detail", reference=assessment.reference),
        "Carer's assessment",
        signed_in_as=WORKER_AT_HUB,
    )
    expect(page.get_by_text("1 of 10 sections completed")).to_be_visible()

    page.get_by_role("link", name="Day-to-day outcomes").click()
    expect_page(
        page,
        hub_url("assessments:section", reference=assessment.reference, slug="outcomes"),
        "Day-to-day outcomes",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("group", name="Managing and maintaining nutrition").get_by_label(
        "Only with help"
    ).check()
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("1 of 10 sections completed")).to_be_visible()


def test_the_named_assessor_checks_the_answers_and_decides(
    page,
    live_server,
    worker,
    assessor,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    assessment = answered(worker, assessor, carer, hub)

    sign_in_as(page, live_server, assessor)
    page.goto(hub_url("assessments:detail", reference=assessment.reference))
    expect(page.get_by_text("10 of 10 sections completed")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("button", name="Check answers and complete").click()
    expect_page(
        page,
        hub_url("assessments:check", reference=assessment.reference),
        "Check the answers",
        signed_in_as=ASSESSOR_AT_HUB,
    )
    expect(page.get_by_text("Suggested: eligible")).to_be_visible()
    check_accessibility(page)

    page.get_by_label("Face to face").check()
    page.get_by_label("The carer only").check()
    page.get_by_label("Not eligible").check()
    page.get_by_role("button", name="Complete assessment").click()
    expect_error_summary(page, "Give your reasons for deciding differently from the suggestion")
    check_accessibility(page)

    page.get_by_label("Eligible", exact=True).check()
    page.get_by_role("button", name="Complete assessment").click()
    expect_page(
        page,
        hub_url("assessments:detail", reference=assessment.reference),
        "Carer's assessment",
        signed_in_as=ASSESSOR_AT_HUB,
    )
    expect(page.locator(".govuk-summary-list__row", has_text="Decision")).to_contain_text(
        "Eligible"
    )
    expect(page.locator(".govuk-summary-list__row", has_text="Decided by")).to_contain_text(
        "Alex Assessor"
    )
    check_accessibility(page)


def test_two_people_editing_one_section_the_second_sees_both_versions(
    new_page,
    live_server,
    worker,
    manager,
    assessor,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    assessment = started(worker, assessor, carer, hub)
    url = hub_url("assessments:section", reference=assessment.reference, slug="own-health")
    first, second = new_page(), new_page()
    sign_in_as(first, live_server, worker)
    sign_in_as(second, live_server, manager)
    first.goto(url)
    second.goto(url)
    first.get_by_label("Yes").check()
    first.get_by_role("button", name="Save and mark as completed").click()
    second.get_by_label("No").check()
    second.get_by_role("button", name="Save and mark as completed").click()
    # The refusal is the error summary above the form, which keeps what this person typed.
    expect(second.locator(".govuk-error-summary__title")).to_have_text(
        "This assessment has changed since you opened it"
    )
    expect(
        second.get_by_role("row", name="Is their physical or mental health getting worse")
    ).to_contain_text("Yes")
    check_accessibility(second)
    assert (
        Assessment.unscoped.get(pk=assessment.pk).answers["own-health"]["health_at_risk"] == "yes"
    )


def test_making_and_agreeing_the_support_plan(
    page,
    live_server,
    worker,
    assessor,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    assessment = completed_assessment(worker, assessor, carer, hub)

    sign_in_as(page, live_server, worker)
    page.goto(hub_url("assessments:detail", reference=assessment.reference))
    check_accessibility(page)
    page.get_by_role("button", name="Make the support plan").click()
    plan = assessment.__class__.unscoped.get(pk=assessment.pk).plan
    expect_page(
        page,
        hub_url("assessments:plan", reference=plan.reference),
        "Support plan",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)

    page.get_by_role("link", name="Add a service").click()
    expect_page(
        page,
        hub_url("assessments:add_service", reference=plan.reference),
        "Add a service",
        signed_in_as=WORKER_AT_HUB,
    )
    page.get_by_label("Carer's direct payment").check()
    page.get_by_role("button", name="Add service").click()
    expect_error_summary(
        page,
        "Enter the amount of the personal budget or direct payment",
        "Select how often it is paid",
    )
    check_accessibility(page)
    page.get_by_label("Amount in pounds").fill("82.50")
    page.get_by_label("Every four weeks").check()
    page.get_by_role("button", name="Add service").click()
    expect(page.get_by_text("£82.50 every four weeks")).to_be_visible()

    page.get_by_role("link", name="Add an action").click()
    page.get_by_role("button", name="Add action").click()
    expect_error_summary(page, "Enter what will be done", "Enter who will do it")
    check_accessibility(page)
    page.get_by_label("What will be done?").fill("Apply for Carer's Allowance")
    page.get_by_label("Who will do it?").fill("The carer, with the hub's benefits adviser")
    page.get_by_role("button", name="Add action").click()

    page.get_by_role("link", name="Change outcomes").click()
    expect_page(
        page,
        hub_url("assessments:edit_plan", reference=plan.reference),
        "Change the support plan",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("What outcomes does the carer want?").fill("A full night's sleep once a week")
    page.get_by_role("button", name="Save plan").click()
    expect(page.get_by_text("A full night's sleep once a week")).to_be_visible()
    page.get_by_role("button", name="Agree the plan").click()
    expect(page.locator(".govuk-tag", has_text="Agreed")).to_be_visible()
    expect(page.get_by_text("Agreed within 7 days of the assessment")).to_be_visible()
    check_accessibility(page)


def test_the_quality_of_life_questions_and_the_cohort_page(
    page,
    new_page,
    live_server,
    worker,
    manager,
    assessor,
    carer,
    hub,
    partnership,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    from pathlib import Path

    from carershub.assessments.loading import load_question_set

    demo = Path(__file__).resolve().parents[2] / "carershub" / "demo" / "quality_of_life.json"
    load_question_set(partnership, demo.read_text(encoding="utf-8"))
    assessment = started(worker, assessor, carer, hub)
    sign_in_as(page, live_server, worker)
    page.goto(
        hub_url("assessments:section", reference=assessment.reference, slug="quality-of-life")
    )
    expect_page(
        page,
        hub_url("assessments:section", reference=assessment.reference, slug="quality-of-life"),
        "Quality of life",
        signed_in_as=WORKER_AT_HUB,
    )
    page.get_by_role("group", name="How much say do you have over your own day?").get_by_label(
        "Some, but not enough"
    ).check()
    check_accessibility(page)
    page.get_by_role("button", name="Save and come back later").click()
    expect(page.get_by_text("0 of 10 sections completed")).to_be_visible()

    manager_page = new_page()
    sign_in_as(manager_page, live_server, manager)
    manager_page.get_by_role("link", name="Carer-reported quality of life").click()
    expect_page(
        manager_page,
        hub_url("assessments:quality_of_life_cohort"),
        "Carer-reported quality of life (ASCOF 1D method)",
        signed_in_as="Morgan Manager, Hub manager at Testshire Carers Centre",
    )
    expect(manager_page.get_by_text("No carer has answered all six questions yet.")).to_be_visible()
    check_accessibility(manager_page)


def test_the_work_due_page_from_the_home_page(
    page,
    live_server,
    worker,
    assessor,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    check_accessibility,
):
    from carershub.referrals.tests.factories import ReferralFactory

    ReferralFactory(
        holding_organisation=hub,
        carer=carer,
        allocated_to=worker,
        assessment_due=dt.date.today() - dt.timedelta(days=3),
    )
    sign_in_as(page, live_server, worker)
    expect(page.get_by_text("1 assessment to start.")).to_be_visible()
    page.get_by_role("link", name="Due this week").click()
    expect_page(page, hub_url("assessments:due"), "Due this week", signed_in_as=WORKER_AT_HUB)
    expect(page.get_by_text("Overdue by 3 days")).to_be_visible()
    check_accessibility(page)
    page.get_by_role("link", name="Show the whole hub’s").click()
    expect(page.locator("h1")).to_have_text("Due this week across the hub")
    check_accessibility(page)


def test_rating_the_risk_that_caring_breaks_down(
    page,
    live_server,
    worker,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("carers:detail", carer.reference))
    page.get_by_role("link", name="Rate the risk").click()
    expect_page(
        page,
        hub_url("assessments:breakdown_risk", carer_reference=carer.reference),
        "Risk that caring breaks down",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_label("A safeguarding concern").check()
    page.get_by_label("Crisis").check()
    page.get_by_role("button", name="Record the risk").click()
    expect(page.locator(".govuk-tag", has_text="Crisis risk")).to_be_visible()
    check_accessibility(page)


def test_sending_the_carer_their_copy_and_the_carer_opening_it(
    page,
    new_page,
    live_server,
    worker,
    assessor,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
    smtp_server,
):
    from carershub.assessments.models import DocumentLink
    from carershub.notifications import services as notifications
    from carershub.notifications.models import Notification

    type(carer).unscoped.filter(pk=carer.pk).update(email="ada@example.com")
    assessment = completed_assessment(worker, assessor, carer, hub)
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("assessments:detail", reference=assessment.reference))
    page.get_by_role("link", name="Send it or print it").click()
    expect_page(
        page,
        hub_url("assessments:send_copy", reference=assessment.reference),
        "Send the carer their copy",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Send the link").click()
    expect_error_summary(page, "Select how to send the link")
    check_accessibility(page)
    page.get_by_label("By email to ada@example.com").check()
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_text("Link sent")).to_be_visible()
    assert DocumentLink.objects.count() == 1

    notifications.deliver(Notification.unscoped.get().pk)  # what the worker does in the background
    link = smtp_server.link_to("ada@example.com", "/your-copy/")
    carer_page = new_page()
    carer_page.goto(link)
    expect_page(carer_page, link, "Open your copy")
    check_accessibility(carer_page)
    carer_page.get_by_role("button", name="Open my copy").click()
    expect_error_summary(carer_page, "Enter your date of birth")
    check_accessibility(carer_page)
    carer_page.get_by_label("Day").fill("1")
    carer_page.get_by_label("Month").fill("5")
    carer_page.get_by_label("Year").fill("1970")
    with carer_page.expect_download() as download:
        carer_page.get_by_role("button", name="Open my copy").click()
    assert download.value.suggested_filename == f"{assessment.reference}-assessment-and-plan.pdf"


def test_cancelling_an_assessment(
    page,
    live_server,
    worker,
    assessor,
    carer,
    hub,
    hub_url,
    sign_in_as,
    expect_page,
    expect_error_summary,
    check_accessibility,
):
    assessment = started(worker, assessor, carer, hub)
    sign_in_as(page, live_server, worker)
    page.goto(hub_url("assessments:detail", reference=assessment.reference))
    page.get_by_role("link", name="Cancel this assessment").click()
    expect_page(
        page,
        hub_url("assessments:cancel", reference=assessment.reference),
        "Cancel this assessment",
        signed_in_as=WORKER_AT_HUB,
    )
    check_accessibility(page)
    page.get_by_role("button", name="Cancel the assessment").click()
    expect_error_summary(page, "Say why the assessment is being cancelled")
    check_accessibility(page)
    page.get_by_label("Why is the assessment being cancelled?").fill("Started in error")
    page.get_by_role("button", name="Cancel the assessment").click()
    expect_page(
        page, hub_url("carers:detail", carer.reference), "Ada Foxglove", signed_in_as=WORKER_AT_HUB
    )
    expect(page.locator(".govuk-tag", has_text="Cancelled")).to_be_visible()

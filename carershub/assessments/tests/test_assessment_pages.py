"""The assessment pages as hub staff meet them, for every role."""

from html import unescape

import pytest
from django.test import Client
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.assessments import selectors, services
from carershub.assessments.models import Assessment, Status
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.conftest import adult_answers
from carershub.audit.models import AuditLog, Operation
from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake


@pytest.fixture
def carer(make_carer_caring):
    return make_carer_caring(carer_age=52, cared_for_age=80, given_name="Ada")


@pytest.fixture
def assessment(carer, hub_actor, assessor):
    return services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )


def post_section(client, assessment, slug, data, action="complete", version=None):
    version = Assessment.unscoped.get(pk=assessment.pk).version if version is None else version
    return client.post(
        reverse("assessments:section", args=[assessment.reference, slug]),
        {**data, "action": action, "version": version},
    )


@pytest.mark.django_db
def test_the_start_page_offers_what_the_situation_allows_and_explains_the_rest(
    carer, worker, assessor, sign_in, hub
):
    html = (
        sign_in(worker, hub)
        .get(reverse("assessments:start", args=[carer.reference]))
        .content.decode()
    )
    assert "Carer's assessment (Care Act 2014" in unescape(html)
    assert "Not available for" in html
    assert "Alex Assessor" in html


@pytest.mark.django_db
def test_starting_the_wrong_kind_is_refused_with_a_clear_error(
    carer, worker, assessor, sign_in, hub
):
    response = sign_in(worker, hub).post(
        reverse("assessments:start", args=[carer.reference]),
        {"type": AssessmentType.YOUNG_CARER, "assessor": assessor.pk},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Assessment.unscoped.exists()


@pytest.mark.django_db
def test_starting_a_carers_assessment_opens_its_task_list(carer, worker, assessor, sign_in, hub):
    client = sign_in(worker, hub)
    response = client.post(
        reverse("assessments:start", args=[carer.reference]),
        {"type": AssessmentType.ADULT_CARER, "assessor": assessor.pk},
    )
    started = Assessment.unscoped.get()
    assert response.status_code == 302 and response.url == reverse(
        "assessments:detail", args=[started.reference]
    )
    html = client.get(response.url).content.decode()
    assert "0 of 10 sections completed" in html
    assert "Day-to-day outcomes" in html and "Not yet started" in html
    assert started.assessor == assessor and started.started_by == worker


@pytest.mark.django_db
def test_a_section_saved_for_later_needs_nothing_and_shows_in_progress(
    assessment, worker, sign_in, hub
):
    client = sign_in(worker, hub)
    response = post_section(
        client, assessment, "own-health", {"health_notes": "Back pain"}, action="later"
    )
    assert response.status_code == 302
    html = client.get(reverse("assessments:detail", args=[assessment.reference])).content.decode()
    assert "In progress" in html and "0 of 10 sections completed" in html


@pytest.mark.django_db
def test_marking_a_section_completed_asks_for_every_answer_and_keeps_what_was_typed(
    assessment, worker, sign_in, hub
):
    client = sign_in(worker, hub)
    response = post_section(
        client, assessment, "able-and-willing", {"able_now": "yes", "notes": "Tired but managing"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert "Tired but managing" in html
    assert Assessment.unscoped.get(pk=assessment.pk).answers == {}


@pytest.mark.django_db
def test_a_stale_save_shows_both_versions_and_overwrites_nothing(
    assessment, worker, manager, sign_in, hub
):
    opened = assessment.version
    first = Client()
    first.force_login(manager)
    sign_in(manager, hub)
    post_section(
        sign_in(manager, hub), assessment, "own-health", {"health_at_risk": "yes"}, version=opened
    )
    response = post_section(
        sign_in(worker, hub), assessment, "own-health", {"health_at_risk": "no"}, version=opened
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "This assessment has changed since you opened it" in html
    assert (
        Assessment.unscoped.get(pk=assessment.pk).answers["own-health"]["health_at_risk"] == "yes"
    )


@pytest.mark.django_db
def test_the_whole_journey_ends_in_a_decision_by_the_named_assessor(
    assessment, carer, worker, assessor, sign_in, hub
):
    client = sign_in(worker, hub)
    for slug, data in adult_answers(carer).items():
        assert post_section(client, assessment, slug, data).status_code == 302, slug
    check = client.get(reverse("assessments:check", args=[assessment.reference])).content.decode()
    assert "Suggested: eligible" in check
    assert (
        "or a hub manager completes the assessment" in check
    )  # a support worker cannot complete it
    denied = client.post(
        reverse("assessments:check", args=[assessment.reference]),
        {"decision": "eligible", "version": Assessment.unscoped.get(pk=assessment.pk).version},
    )
    assert denied.status_code == 404

    client = sign_in(assessor, hub)
    version = Assessment.unscoped.get(pk=assessment.pk).version
    how = {"method": "phone", "participants": "carer_only"}
    refused = client.post(
        reverse("assessments:check", args=[assessment.reference]),
        {"decision": "not_eligible", "version": version, **how},
    )
    assert (
        "Give your reasons for deciding differently from the suggestion" in refused.content.decode()
    )
    done = client.post(
        reverse("assessments:check", args=[assessment.reference]),
        {"decision": "eligible", "version": version, **how},
    )
    assert done.status_code == 302
    html = client.get(done.url).content.decode()
    assert "Completed" in html and "Alex Assessor" in html and "Why the hub suggested this" in html
    assert Assessment.unscoped.get(pk=assessment.pk).status == Status.COMPLETED


@pytest.mark.django_db
def test_the_carers_record_lists_assessments_and_offers_to_start_one(
    assessment, carer, worker, sign_in, hub
):
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    assert assessment.reference in html and "Start an assessment" in html
    assert AuditLog.objects.filter(
        operation=Operation.SEARCH,
        object_type="assessments.assessment",
        object_id=str(assessment.pk),
    ).exists()


@pytest.mark.django_db
def test_the_assessment_page_costs_the_same_queries_however_many_sections_are_answered(
    assessment, carer, worker, sign_in, hub, django_assert_max_num_queries
):
    client = sign_in(worker, hub)
    url = reverse("assessments:detail", args=[assessment.reference])
    with django_assert_max_num_queries(40) as empty:
        client.get(url)
    queries_when_empty = len(empty.captured_queries)  # read now: each request clears the query log
    for slug, data in adult_answers(carer).items():
        post_section(client, assessment, slug, data)
    with django_assert_max_num_queries(queries_when_empty):
        client.get(url)


ROLES = {
    "worker": Role.SUPPORT_WORKER,
    "assessor": Role.ASSESSOR,
    "manager": Role.HUB_MANAGER,
    "admin": Role.SYSTEM_ADMIN,
}


@pytest.mark.django_db
def test_every_assessment_page_admits_exactly_the_roles_it_should(
    assessment, carer, make_staff, hub, hospital, other_hub
):
    from carershub.carers import services as carer_services
    from carershub.carers.tests.test_access_by_role import HUB_STAFF

    people = {name: (make_staff(role, hub), hub) for name, role in ROLES.items()}
    people["ward"] = (make_staff(Role.PARTNER_REFERRER, hospital), hospital)
    people["commissioner"] = (make_staff(Role.COMMISSIONER, hospital), hospital)
    people["elsewhere"] = (make_staff(Role.HUB_MANAGER, other_hub), other_hub)
    from django.utils import timezone

    from carershub.accounts.actor import actor_for

    carer_services.record_consent(
        actor_for(people["worker"][0], hub.pk),
        carer,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=timezone.localdate(),
    )
    pages = [
        # (url, who may open it, is it one person's record)
        (reverse("assessments:start", args=[carer.reference]), HUB_STAFF, True),
        (reverse("assessments:detail", args=[assessment.reference]), HUB_STAFF, True),
        (reverse("assessments:section", args=[assessment.reference, "outcomes"]), HUB_STAFF, True),
        (reverse("assessments:check", args=[assessment.reference]), HUB_STAFF, True),
        (reverse("assessments:breakdown_risk", args=[carer.reference]), HUB_STAFF, True),
        (reverse("assessments:cancel", args=[assessment.reference]), HUB_STAFF, False),
        (reverse("assessments:due"), HUB_STAFF | {"elsewhere"}, False),  # each hub's own list
        (reverse("assessments:quality_of_life_cohort"), {"manager", "elsewhere"}, False),
    ]
    problems = []
    for url, allowed_roles, is_record in pages:
        anonymous = Client().get(url)
        if not (anonymous.status_code == 302 and "/sign-in/" in anonymous.url):
            problems.append(f"{url}: anonymous got {anonymous.status_code}")
        for who, (user, organisation) in people.items():
            client = Client()
            client.force_login(user)
            session = client.session
            session["acting_organisation_id"] = organisation.pk
            session.save()
            # The audit log refuses deletes: look only at rows written after this point.
            before = AuditLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            status = client.get(url).status_code
            allowed = who in allowed_roles
            if allowed and status != 200:
                problems.append(f"{url}: {who} got {status}, expected 200")
            if not allowed and status not in (403, 404):
                problems.append(f"{url}: {who} got {status}, expected refusal")
            if (
                allowed
                and is_record
                and not AuditLog.objects.filter(
                    pk__gt=before, operation=Operation.READ, actor_user_id=user.pk
                ).exists()
            ):
                problems.append(f"{url}: {who} read it without an audit row")
    assert not problems, "\n".join(problems)


def colleague_answers_own_health(actor, assessment, health_at_risk="yes"):
    """A colleague saves one section of the assessment (as its page would)."""
    from carershub.assessments.sections import section_for

    current = Assessment.unscoped.get(pk=assessment.pk)
    part = section_for(current, "own-health")
    form = part.form_class(
        {"health_at_risk": health_at_risk},
        completing=True,
        carer=selectors.carer_with_network(current.carer),
    )
    assert form.is_valid(), form.errors
    services.save_section(
        actor,
        current,
        part,
        answers=form.answers(),
        completed=True,
        expected_version=current.version,
    )


@pytest.mark.django_db
def test_a_section_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    assessment, worker, manager, sign_in, actor_of, hub
):
    response = save_after_a_colleague_and_a_mistake(
        sign_in(worker, hub),
        reverse("assessments:section", args=[assessment.reference, "able-and-willing"]),
        colleague_saves=lambda: colleague_answers_own_health(actor_of(manager, hub), assessment),
        typed={
            "able_now": "yes",
            "willing_now": "yes",
            "able_in_future": "partly",
            "notes": "Tired but managing",
        },
        mistake={"willing_in_future": ""},
        fix={"willing_in_future": "yes"},
        error="There is a problem",
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert (
        "This assessment has changed since you opened it" in page and "Tired but managing" in page
    )
    saved = Assessment.unscoped.get(pk=assessment.pk).answers
    assert saved["own-health"]["health_at_risk"] == "yes" and "able-and-willing" not in saved


@pytest.mark.django_db
def test_a_decision_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    assessment, carer, worker, assessor, manager, sign_in, actor_of, hub
):
    client = sign_in(worker, hub)
    for slug, data in adult_answers(carer).items():
        assert post_section(client, assessment, slug, data).status_code == 302, slug
    response = save_after_a_colleague_and_a_mistake(
        sign_in(assessor, hub),
        reverse("assessments:check", args=[assessment.reference]),
        colleague_saves=lambda: colleague_answers_own_health(
            actor_of(manager, hub), assessment, "no"
        ),
        typed={
            "decision": "not_eligible",
            "method": "face_to_face",
            "participants": "carer_only",
            "information_and_advice": "The carers' group on Tuesdays and the breaks grant",
        },
        mistake={"reasons": ""},
        fix={"reasons": "Her son now covers the nights"},
        error="Give your reasons for deciding differently from the suggestion",
    )
    assert response.status_code == 409
    page = unescape(response.content.decode())
    assert "Someone saved a change to this assessment after you opened this page" in page
    saved = Assessment.unscoped.get(pk=assessment.pk)
    assert (
        saved.status != Status.COMPLETED and saved.answers["own-health"]["health_at_risk"] == "no"
    )


@pytest.mark.django_db
def test_cancelling_corrected_after_a_mistake_is_still_refused_over_a_colleagues_save(
    assessment, worker, manager, sign_in, actor_of, hub
):
    response = save_after_a_colleague_and_a_mistake(
        sign_in(worker, hub),
        reverse("assessments:cancel", args=[assessment.reference]),
        colleague_saves=lambda: colleague_answers_own_health(actor_of(manager, hub), assessment),
        typed={},
        mistake={"reason": "  "},
        fix={"reason": "Started in error"},
        error="Say why the assessment is being cancelled",
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert (
        "Someone changed this assessment after you opened this page" in page
        and "Started in error" in page
    )
    saved = Assessment.unscoped.get(pk=assessment.pk)
    assert saved.is_open and saved.answers["own-health"]["health_at_risk"] == "yes"

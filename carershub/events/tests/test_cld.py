"""The DHSC Client Level Data return as the law and the CLD values require: which assessments are
adult social care events, eligible needs only from a decision, Release 2 values (unverified ones
blank or Release 1), the carer's fields, and the council responsible for each caring
relationship."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from carershub.assessments import selectors as assessment_selectors
from carershub.assessments import services as assessment_services
from carershub.assessments.models import Assessment, EligibilityDetermination
from carershub.assessments.situations import AssessmentType
from carershub.assessments.tests.conftest import years_ago
from carershub.audit.models import AuditLog
from carershub.carers import services as carer_services
from carershub.carers.models import CaringRelationship, Relationship
from carershub.events import cld
from carershub.events import services as events
from carershub.events.models import CareEvent
from carershub.events.selectors import cld_events, hub_events
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory
from carershub.referrals import services as referral_services


def finish(
    assessor_actor,
    hub_actor,
    assessment,
    *,
    decision="",
    method="face_to_face",
    participants="carer_only",
    answers=None,
):
    """Mark every section completed (answers as given, else empty) and complete the assessment."""
    answers = answers or {}
    for section, _ in assessment_selectors.sections_with_state(assessment):
        assessment = assessment_services.save_section(
            hub_actor,
            assessment,
            section,
            answers=answers.get(section.slug, {"noted": "yes"}),
            completed=True,
            expected_version=assessment.version,
        )
    return assessment_services.complete_assessment(
        assessor_actor,
        assessment,
        expected_version=assessment.version,
        decision=decision,
        reasons="The assessor's reasons" if decision else "",
        method=method,
        participants=participants,
        information_and_advice="The carers' group and the breaks grant"
        if decision == "not_eligible"
        else "",
    )


def event_of(assessment):
    return CareEvent.unscoped.get(source=f"assessment:{assessment.pk}")


@pytest.fixture
def as_assessor(assessor, actor_of, hub):
    return actor_of(assessor, hub)


def council(partnership, name):
    return OrganisationFactory(
        partnership=partnership, name=name, type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE
    )


# --- 1. Scope: Children Act assessments are not adult social care events --------------------------


@pytest.mark.django_db
def test_cld_leaves_out_children_act_s17za_young_carer_assessments(
    make_carer_caring, hub_actor, assessor, as_assessor, manager, actor_of, hub
):
    young_carer = make_carer_caring(carer_age=14, cared_for_age=44)
    assessment = assessment_services.start_assessment(
        hub_actor, young_carer, assessment_type=AssessmentType.YOUNG_CARER, assessor=assessor
    )
    assessment = finish(as_assessor, hub_actor, assessment)
    event = event_of(assessment)
    assert (
        event.in_cld is False
        and event.assessment_kind == "young_carer"
        and event.assessment_type == ""
    )
    today = timezone.localdate()
    as_manager = actor_of(manager, hub)
    assert not cld_events(as_manager, today, today).exists()
    assert list(hub_events(as_manager, today, today)) == [event]  # kept for the hub's own measures
    with pytest.raises(ValueError):
        cld.row(event)


@pytest.mark.django_db
def test_cld_leaves_out_children_act_s17zd_parent_carer_assessments_their_reviews_and_services(
    make_carer_caring, hub_actor, assessor, as_assessor, manager, actor_of, hub
):
    parent = make_carer_caring(
        carer_age=40, cared_for_age=9, relationship=Relationship.CHILD, parental_responsibility=True
    )
    assessment = assessment_services.start_assessment(
        hub_actor, parent, assessment_type=AssessmentType.PARENT_CARER, assessor=assessor
    )
    assessment = finish(as_assessor, hub_actor, assessment)
    plan = assessment_services.create_plan(hub_actor, assessment)
    assessment_services.update_plan(
        hub_actor,
        plan,
        expected_version=plan.version,
        outcomes="A break",
        contingency="",
        review_due=plan.review_due,
    )
    plan.refresh_from_db()
    assessment_services.add_service(hub_actor, plan, kind="break", provider="Sitting service")
    plan.refresh_from_db()
    assessment_services.agree_plan(hub_actor, plan, expected_version=plan.version)
    review = assessment_services.start_assessment(
        hub_actor, parent, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    review = finish(as_assessor, hub_actor, review)
    kinds = {
        (e.event_type, e.assessment_kind, e.in_cld) for e in CareEvent.unscoped.filter(carer=parent)
    }
    assert kinds == {
        ("Assessment", "parent_carer", False),
        ("Review", "parent_carer", False),
        ("Service", "parent_carer", False),
    }
    today = timezone.localdate()
    assert not cld_events(actor_of(manager, hub), today, today).exists()


@pytest.mark.django_db
def test_cld_keeps_care_act_s10_assessments_s63_transition_assessments_and_s27_reviews(
    make_carer_caring, hub_actor, assessor, as_assessor, manager, actor_of, hub
):
    adult = make_carer_caring()
    carers_assessment = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor, adult, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
        ),
        decision="eligible",
    )
    review = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor, adult, assessment_type=AssessmentType.REVIEW, assessor=assessor
        ),
        decision="eligible",
    )
    young = make_carer_caring(carer_age=16, cared_for_age=50)
    transition = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor,
            young,
            assessment_type=AssessmentType.YOUNG_CARER_TRANSITION,
            assessor=assessor,
        ),
        decision="eligible",
    )
    today = timezone.localdate()
    in_return = {e.event_reference: e for e in cld_events(actor_of(manager, hub), today, today)}
    assert set(in_return) == {carers_assessment.reference, review.reference, transition.reference}
    assert in_return[transition.reference].assessment_type == "Long term assessment"
    assert in_return[review.reference].event_type == "Review"


# --- 2. No default to eligible --------------------------------------------------------------------


@pytest.mark.django_db
def test_cld_eligible_needs_never_defaults_to_yes_without_a_reg_3_determination(
    completed, hub_actor
):
    EligibilityDetermination.objects.filter(assessment=completed).delete()
    event = events.assessment_changed(Assessment.unscoped.get(pk=completed.pk))
    assert event.eligible_needs_identified == ""
    assert event.outcome == ""  # not "Progress to support planning or services" by default
    assessment_services.create_plan(hub_actor, Assessment.unscoped.get(pk=completed.pk))
    assert (
        event_of(completed).outcome == "Progress to support planning or services"
    )  # a plan was made


@pytest.mark.django_db
@pytest.mark.parametrize("decision", ["eligible", "not_eligible"])
def test_cld_transition_assessment_s60_to_64_indication_at_18_leaves_eligible_needs_blank(
    make_carer_caring, hub_actor, assessor, as_assessor, decision
):
    young = make_carer_caring(carer_age=17, cared_for_age=48)
    transition = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor,
            young,
            assessment_type=AssessmentType.YOUNG_CARER_TRANSITION,
            assessor=assessor,
        ),
        decision=decision,
    )
    assert transition.determination.at_18
    event = event_of(transition)
    assert event.eligible_needs_identified == "" and event.outcome == ""


@pytest.mark.django_db
@pytest.mark.parametrize("decision, expected", [("eligible", "Yes"), ("not_eligible", "No")])
def test_cld_eligible_needs_follow_the_assessors_reg_3_decision_now(
    make_carer_caring, hub_actor, assessor, as_assessor, decision, expected
):
    assessment = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor,
            make_carer_caring(),
            assessment_type=AssessmentType.ADULT_CARER,
            assessor=assessor,
        ),
        decision=decision,
    )
    assert event_of(assessment).eligible_needs_identified == expected


# --- 3. Release 2 values; unverified fields blank or Release 1 ------------------------------------


@pytest.mark.django_db
def test_cld_rows_use_release_2_values_and_leave_fields_without_a_known_list_blank(
    plan, hub_actor, completed
):
    assessment_services.add_service(
        hub_actor, plan, kind="direct_payment", amount=Decimal("40"), frequency="weekly"
    )
    plan.refresh_from_db()
    assessment_services.agree_plan(hub_actor, plan, expected_version=plan.version)
    assessment_row = cld.row(event_of(completed))
    service_row = cld.row(CareEvent.unscoped.get(event_type="Service"))
    for row in (assessment_row, service_row):
        assert set(row) == set(cld.COLUMNS)
        assert row["Client_Type"] == "Unpaid carer"
        assert row["Primary_Support_Reason"] == "Social support: Support to unpaid carer"
        assert row["Total_Hrs_Caring_per_week"] == "" and row["Cost_Frequency_Unit_Type"] == ""
    assert service_row["Service_Type"] == "Unpaid carer support: Direct to unpaid carer"
    assert service_row["Delivery_Mechanism"] == "Direct payment"
    assert service_row["Unit_Cost"] == "40.00" and service_row["Planned_units_per_week"] == "1.0000"
    assert assessment_row["Assessment_Type"] == "Long term assessment"
    assert assessment_row["Method_of_Assessment"] == ""  # no list known in either release
    assert assessment_row["Eligible_Needs_Identified"] == "Yes"


def test_cld_fields_without_a_release_2_list_are_marked_unverified_in_one_place():
    for field in (
        "Method_of_Assessment",
        "Method_of_Review",
        "Eligible_Needs_Identified",
        "Review_Reason",
        "Total_Hrs_Caring_per_week",
        "Cost_Frequency_Unit_Type",
    ):
        assert field in cld.UNVERIFIED
    assert set(cld.UNVERIFIED) <= set(cld.COLUMNS)


@pytest.mark.parametrize(
    "frequency, per_week",
    [
        ("weekly", Decimal("1")),
        ("four_weekly", Decimal("0.25")),
        ("monthly", Decimal("0.2308")),
        ("yearly", Decimal("0.0192")),
        ("once", None),
    ],
)
def test_cld_planned_units_per_week_are_payments_a_week_apart_from_the_unit_cost(
    frequency, per_week
):
    assert cld.PAYMENTS_A_WEEK.get(frequency) == per_week


# --- 4. The fields that were missing --------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "participants, expected",
    [("carer_only", "Carer only"), ("with_cared_for", "Service user and carer")],
)
def test_cld_method_of_review_is_who_took_part_as_recorded_on_the_review(
    completed, hub_actor, assessor, as_assessor, participants, expected
):
    review = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor, completed.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
        ),
        decision="eligible",
        method="video",
        participants=participants,
    )
    assert (review.method, review.participants) == ("video", participants)
    event = event_of(review)
    assert event.method == expected and event.how_carried_out == "video"
    row = cld.row(event)
    assert row["Method_of_Review"] == expected and row["Method_of_Assessment"] == ""


@pytest.mark.django_db
def test_cld_a_supported_self_assessment_is_recorded_as_carried_out_that_way(
    make_carer_caring, hub_actor, assessor, as_assessor
):
    assessment = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor,
            make_carer_caring(),
            assessment_type=AssessmentType.SUPPORTED_SELF,
            assessor=assessor,
        ),
        decision="eligible",
        method="",
    )
    assert (
        assessment.method == "supported_self"
        and event_of(assessment).how_carried_out == "supported_self"
    )


@pytest.mark.django_db
def test_cld_carries_hours_caring_adults_cared_for_and_the_councils_person_ids(
    make_carer_caring, hub_actor, assessor, as_assessor
):
    carer = make_carer_caring(carer_age=60, cared_for_age=85, hours_per_week=20)
    first = carer.relationships.get().cared_for
    first.council_person_id = "LA-0001"
    first.save()
    for name, age, person_id in (
        ("Cy", 88, ""),
        ("Di", 90, "LA-0003"),
        ("Ed", 70, "LA-0004"),
        ("Flo", 12, "LA-9"),
    ):
        carer_services.add_cared_for_person(
            hub_actor,
            carer,
            given_name=name,
            family_name="Foxglove",
            relationship=Relationship.OTHER_RELATIVE,
            lives_together=False,
            date_of_birth=years_ago(age),
            council_person_id=person_id,
        )
    started = assessment_services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    event = event_of(started)
    assert event.hours_caring_per_week == 20  # from the record until the assessment says
    assert event.adults_cared_for == 4  # the child is not an adult
    assert event.linked_person_ids == [
        "LA-0001",
        "LA-0003",
        "LA-0004",
    ]  # at most three, blank ones left out
    assessment = finish(
        as_assessor,
        hub_actor,
        started,
        decision="eligible",
        answers={"caring-role": {"hours_per_week": 55}},
    )
    event = event_of(assessment)
    assert event.hours_caring_per_week == 55
    row = cld.row(event)
    assert row["No_of_adults_being_cared_for"] == "4"
    assert [row[f"Adult_{n}_Linked_Person_ID"] for n in (1, 2, 3)] == [
        "LA-0001",
        "LA-0003",
        "LA-0004",
    ]


@pytest.mark.django_db
def test_cld_number_of_adults_cared_for_is_blank_when_an_age_is_not_known(
    make_carer_caring, hub_actor, assessor
):
    carer = make_carer_caring()
    carer_services.add_cared_for_person(
        hub_actor,
        carer,
        given_name="Gus",
        family_name="Foxglove",
        relationship=Relationship.FRIEND_OR_NEIGHBOUR,
        lives_together=False,
    )
    started = assessment_services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assert event_of(started).adults_cared_for is None


@pytest.mark.django_db
def test_completing_without_saying_how_it_was_done_is_refused_in_plain_english_keeping_the_reasons(
    completed, hub_actor, assessor, sign_in, hub
):
    review = assessment_services.start_assessment(
        hub_actor, completed.carer, assessment_type=AssessmentType.REVIEW, assessor=assessor
    )
    for section, _ in assessment_selectors.sections_with_state(review):
        review = assessment_services.save_section(
            hub_actor,
            review,
            section,
            answers={"noted": "yes"},
            completed=True,
            expected_version=review.version,
        )
    response = sign_in(assessor, hub).post(
        reverse("assessments:check", args=[review.reference]),
        {
            "version": review.version,
            "decision": "eligible",
            "reasons": "Caring has grown to nights as well",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Select how the review was carried out" in html and "Select who took part" in html
    assert "Caring has grown to nights as well" in html
    assert Assessment.unscoped.get(pk=review.pk).is_open


# --- 13. The responsible council, per caring relationship -----------------------------------------


@pytest.mark.django_db
def test_care_act_s10_responsible_council_is_where_the_cared_for_adult_ordinarily_lives(
    make_carer_caring, hub_actor, assessor, as_assessor, partnership
):
    leicester, rutland = (
        council(partnership, "Leicester City Council"),
        council(partnership, "Rutland County Council"),
    )
    carer = make_carer_caring()
    relationship = carer.relationships.get()
    carer_services.change_responsible_council(hub_actor, relationship, rutland)
    assert AuditLog.objects.filter(
        object_type="carers.caringrelationship", object_id=str(relationship.pk)
    ).exists()
    assessment = assessment_services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assert assessment.responsible_council == rutland
    assessment = finish(as_assessor, hub_actor, assessment, decision="eligible")
    assert event_of(assessment).responsible_council == rutland
    assert leicester != rutland


@pytest.mark.django_db
def test_children_act_s17za_responsible_council_is_where_the_young_carer_lives(
    make_carer_caring, hub_actor, assessor, partnership
):
    leicester, rutland = (
        council(partnership, "Leicester City Council"),
        council(partnership, "Rutland County Council"),
    )
    young_carer = make_carer_caring(
        carer_age=13, cared_for_age=40
    )  # lives with the parent they care for
    carer_services.change_responsible_council(hub_actor, young_carer.relationships.get(), leicester)
    grandparent = carer_services.add_cared_for_person(
        hub_actor,
        young_carer,
        given_name="Hal",
        family_name="Foxglove",
        relationship=Relationship.OTHER_RELATIVE,
        lives_together=False,
        date_of_birth=years_ago(80),
        responsible_council=rutland,
    )
    CaringRelationship.objects.filter(cared_for=grandparent).update(
        is_main_carer=True
    )  # cares most for someone elsewhere
    assessment = assessment_services.start_assessment(
        hub_actor, young_carer, assessment_type=AssessmentType.YOUNG_CARER, assessor=assessor
    )
    assert assessment.responsible_council == leicester
    assert event_of(assessment).responsible_council == leicester


@pytest.mark.django_db
def test_children_act_s17zd_responsible_council_is_where_the_disabled_child_lives(
    make_carer_caring, hub_actor, assessor, partnership
):
    leicester, rutland = (
        council(partnership, "Leicester City Council"),
        council(partnership, "Rutland County Council"),
    )
    parent = make_carer_caring(
        carer_age=38, cared_for_age=8, relationship=Relationship.CHILD, parental_responsibility=True
    )
    carer_services.change_responsible_council(hub_actor, parent.relationships.get(), leicester)
    carer_services.add_cared_for_person(
        hub_actor,
        parent,
        given_name="Ivy",
        family_name="Foxglove",
        relationship=Relationship.PARENT,
        lives_together=False,
        date_of_birth=years_ago(75),
        responsible_council=rutland,
    )
    assessment = assessment_services.start_assessment(
        hub_actor, parent, assessment_type=AssessmentType.PARENT_CARER, assessor=assessor
    )
    assert assessment.responsible_council == leicester


@pytest.mark.django_db
def test_the_responsible_council_defaults_to_the_partnerships_only_one_on_requests_and_assessments(
    partnership, hub, hub_actor, make_carer_caring, assessor
):
    only = council(partnership, "Rutland County Council")
    carer = make_carer_caring()
    assert carer.relationships.get().responsible_council == only
    assessment = assessment_services.start_assessment(
        hub_actor, carer, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    assert assessment.responsible_council == only
    referral = referral_services.make_referral(
        hub_actor,
        hub=hub,
        source="gp",
        given_name="Jo",
        family_name="Foxglove",
        agreed_to_referral=True,
    )
    referral = referral_services.triage(
        hub_actor, referral, outcome="registered", expected_version=referral.version
    )
    assert CareEvent.unscoped.get(source=f"referral:{referral.pk}").responsible_council == only


@pytest.mark.django_db
def test_a_worker_chooses_the_council_from_the_partnerships_councils_when_adding_someone_cared_for(
    make_carer_caring, worker, sign_in, hub, partnership
):
    leicester, rutland = (
        council(partnership, "Leicester City Council"),
        council(partnership, "Rutland County Council"),
    )
    OrganisationFactory(
        partnership=partnership,
        name="Leicester Royal Infirmary",
        type=OrganisationType.HOSPITAL_TRUST,
    )
    carer = make_carer_caring()
    client = sign_in(worker, hub)
    url = reverse("carers:add_cared_for", args=[carer.reference])
    page = client.get(url).content.decode()
    assert "Leicester City Council" in page and "Rutland County Council" in page
    assert "Leicester Royal Infirmary" not in page
    response = client.post(
        url,
        {
            "given_name": "Kit",
            "family_name": "Lark",
            "relationship": "friend",
            "lives_together": "no",
            "responsible_council": str(rutland.pk),
            "council_person_id": "RCC-42",
        },
    )
    assert response.status_code == 302
    relationship = CaringRelationship.objects.get(carer=carer, cared_for__given_name="Kit")
    assert (
        relationship.responsible_council == rutland
        and relationship.cared_for.council_person_id == "RCC-42"
    )
    change = reverse("carers:relationship_council", args=[carer.reference, relationship.pk])
    assert client.post(change, {"responsible_council": str(leicester.pk)}).status_code == 302
    relationship.refresh_from_db()
    assert relationship.responsible_council == leicester
    record = client.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    assert "Leicester City Council" in record and "RCC-42" in record


@pytest.mark.django_db
def test_events_recorded_before_the_correction_are_brought_into_line(completed, hub):
    """The data migration's rules, applied to an event written the old way."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "carershub.events.migrations.0002_cld_scope_and_carer_fields"
    )
    EligibilityDetermination.objects.filter(assessment=completed).update(at_18=True)
    CareEvent.unscoped.filter(source=f"assessment:{completed.pk}").update(
        eligible_needs_identified="Yes", method="Carer only"
    )
    migration.correct_recorded_events(apps, None)
    event = event_of(completed)
    assert event.eligible_needs_identified == "" and event.method == "" and event.in_cld
    assert event.assessment_kind == "adult_carer"


@pytest.mark.django_db
def test_a_completed_assessment_shows_how_it_was_carried_out_who_took_part_and_its_council(
    make_carer_caring, hub_actor, assessor, as_assessor, partnership, sign_in, hub
):
    only = council(partnership, "Rutland County Council")
    assessment = finish(
        as_assessor,
        hub_actor,
        assessment_services.start_assessment(
            hub_actor,
            make_carer_caring(),
            assessment_type=AssessmentType.ADULT_CARER,
            assessor=assessor,
        ),
        decision="eligible",
        method="phone",
        participants="with_cared_for",
    )
    html = (
        sign_in(assessor, hub)
        .get(reverse("assessments:detail", args=[assessment.reference]))
        .content.decode()
    )
    assert (
        "By phone" in html
        and "The carer with the person they care for" in html
        and only.name in html
    )

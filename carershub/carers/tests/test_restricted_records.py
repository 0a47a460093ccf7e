"""Restricted records: who sees a restricted carer's contact details, and who may restrict them."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from carershub.accounts.models import Role
from carershub.accounts.permissions import can
from carershub.audit.models import AuditLog, Operation
from carershub.carers import restrictions, selectors
from carershub.carers import services as carer_services
from carershub.carers.models import Carer, ContactRestriction, RestrictionReason
from carershub.carers.tests.factories import CarerFactory

PHONE = "07700 900123"
EMAIL = "ada.private@example.com"
STREET = "12 Hidden Lane"
POSTCODE = "ZZ9 9ZZ"


@pytest.fixture
def named(make_staff, hub):
    return make_staff(Role.SUPPORT_WORKER, hub, full_name="Nia Named")


@pytest.fixture
def ward(make_staff, hospital):
    return make_staff(Role.PARTNER_REFERRER, hospital, full_name="Wren Ward")


@pytest.fixture
def carer(hub, hospital, worker, actor_of):
    ada = CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1970, 5, 1),
        phone=PHONE,
        email=EMAIL,
        address_line_1=STREET,
        postcode=POSTCODE,
    )
    carer_services.record_consent(
        actor_of(worker, hub),
        ada,
        organisation=hospital,
        purposes=["hospital_discharge"],
        competence="adult",
        given_by="carer",
        given_on=dt.date.today(),
    )
    return ada


@pytest.fixture
def restricted(carer, manager, named, hub, actor_of):
    restrictions.restrict(
        actor_of(manager, hub), carer, reason=RestrictionReason.DOMESTIC_ABUSE, workers=[named]
    )
    return Carer.unscoped.get(pk=carer.pk)


def _shows_details(html):
    return [value for value in (PHONE, EMAIL, STREET, POSTCODE) if value in html]


# --- The rule -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_contact_details_of_an_unrestricted_record_are_seen_by_everyone_who_sees_it(
    carer, worker, ward, hub, hospital, actor_of
):
    assert can(actor_of(worker, hub), "carers.view_contact_details", carer)
    assert can(actor_of(ward, hospital), "carers.view_contact_details", carer)


@pytest.mark.django_db
def test_restricted_contact_details_are_seen_only_by_named_workers_and_hub_managers(
    restricted, worker, named, manager, ward, hub, hospital, actor_of, make_staff, other_hub
):
    assert can(actor_of(named, hub), "carers.view_contact_details", restricted)
    assert can(actor_of(manager, hub), "carers.view_contact_details", restricted)
    assert not can(actor_of(worker, hub), "carers.view_contact_details", restricted)
    # Consent to share never reaches restricted contact details.
    assert not can(actor_of(ward, hospital), "carers.view_contact_details", restricted)
    elsewhere = make_staff(Role.HUB_MANAGER, other_hub)
    assert not can(actor_of(elsewhere, other_hub), "carers.view_contact_details", restricted)


@pytest.mark.django_db
def test_a_named_worker_acting_for_a_partner_does_not_see_restricted_details(
    restricted, named, hospital, actor_of
):
    from carershub.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=named, organisation=hospital, role=Role.PARTNER_REFERRER)
    assert not can(actor_of(named, hospital), "carers.view_contact_details", restricted)


@pytest.mark.django_db
def test_only_a_hub_manager_of_the_holding_organisation_may_restrict(
    carer, worker, manager, ward, hub, hospital, actor_of
):
    assert can(actor_of(manager, hub), "carers.restrict_contact_details", carer)
    assert not can(actor_of(worker, hub), "carers.restrict_contact_details", carer)
    assert not can(actor_of(ward, hospital), "carers.restrict_contact_details", carer)


# --- The services ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_restricting_records_who_why_and_when_and_is_audited_without_values(
    restricted, manager, named
):
    restriction = ContactRestriction.objects.get(carer=restricted)
    assert restricted.contact_restricted
    assert restriction.restricted_by == manager and restriction.restricted_at is not None
    assert list(restriction.named_workers.all()) == [named]
    row = AuditLog.objects.get(operation=Operation.CREATE, object_type="carers.contactrestriction")
    assert "named_workers" in row.fields and "Nia" not in str(row.fields) + str(row.context)
    assert AuditLog.objects.filter(
        operation=Operation.UPDATE, object_type="carers.carer", fields=["contact_restricted"]
    ).exists()


@pytest.mark.django_db
def test_named_workers_must_work_with_carers_at_the_holding_organisation(
    carer, manager, ward, hub, actor_of
):
    with pytest.raises(ValidationError):
        restrictions.restrict(
            actor_of(manager, hub), carer, reason=RestrictionReason.DOMESTIC_ABUSE, workers=[ward]
        )
    assert not ContactRestriction.objects.exists()


@pytest.mark.django_db
def test_another_reason_needs_its_text(carer, manager, hub, actor_of):
    with pytest.raises(ValidationError):
        restrictions.restrict(
            actor_of(manager, hub), carer, reason=RestrictionReason.OTHER, reason_other=" "
        )


@pytest.mark.django_db
def test_lifting_keeps_the_restriction_in_the_history(restricted, manager, hub, actor_of):
    restrictions.lift(actor_of(manager, hub), restricted)
    restricted.refresh_from_db()
    assert not restricted.contact_restricted
    old = ContactRestriction.objects.get(carer=restricted)
    assert old.lifted_by == manager and old.lifted_at is not None
    # And it can be restricted again, as a new period.
    restrictions.restrict(
        actor_of(manager, hub), restricted, reason=RestrictionReason.POLICE_REQUEST
    )
    assert ContactRestriction.objects.filter(carer=restricted).count() == 2


@pytest.mark.django_db
def test_changing_the_named_workers_is_audited(restricted, manager, worker, hub, actor_of):
    restrictions.restrict(
        actor_of(manager, hub),
        restricted,
        reason=RestrictionReason.DOMESTIC_ABUSE,
        workers=[worker],
    )
    row = AuditLog.objects.filter(
        operation=Operation.UPDATE, object_type="carers.contactrestriction"
    ).get()
    assert row.fields == ["named_workers"]
    assert list(ContactRestriction.objects.get().named_workers.all()) == [worker]


# --- The record page ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_another_worker_sees_who_to_ask_instead_of_the_contact_details(
    restricted, worker, sign_in, hub
):
    html = (
        sign_in(worker, hub)
        .get(reverse("carers:detail", args=[restricted.reference]))
        .content.decode()
    )
    assert _shows_details(html) == []
    assert "Contact details are restricted. Ask Nia Named or a hub manager." in html
    row = AuditLog.objects.get(operation=Operation.READ, object_type="carers.carer")
    assert not set(restrictions.CONTACT_FIELDS) & set(row.fields)


@pytest.mark.django_db
def test_a_partner_with_consent_never_sees_restricted_contact_details(
    restricted, ward, sign_in, hospital
):
    response = sign_in(ward, hospital).get(reverse("carers:detail", args=[restricted.reference]))
    assert response.status_code == 200
    html = response.content.decode()
    # Nor that they are restricted: that alone would tell the partner something is wrong (ADR 23).
    assert _shows_details(html) == [] and "estricted" not in html
    assert "Not shared with your organisation" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["named", "manager"])
def test_named_workers_and_managers_see_the_details_and_each_sight_is_audited(
    restricted, request, sign_in, hub, who
):
    user = request.getfixturevalue(who)
    html = (
        sign_in(user, hub)
        .get(reverse("carers:detail", args=[restricted.reference]))
        .content.decode()
    )
    assert _shows_details(html) == [PHONE, EMAIL, STREET, POSTCODE]
    row = AuditLog.objects.get(
        operation=Operation.READ,
        object_type="carers.carer",
        context__restricted_contact_details=True,
    )
    assert row.actor_user_id == user.pk and row.fields == sorted(restrictions.CONTACT_FIELDS)


@pytest.mark.django_db
def test_the_contact_details_edit_page_is_refused_to_another_worker(
    restricted, worker, named, sign_in, hub
):
    url = reverse("carers:edit", args=[restricted.reference, "contact"])
    assert sign_in(worker, hub).get(url).status_code == 403
    assert sign_in(worker, hub).post(url, {"email": "x@example.com"}).status_code == 403
    assert Carer.unscoped.get(pk=restricted.pk).email == EMAIL
    # Other sections stay open to them, and the named worker may change the contact details.
    assert (
        sign_in(worker, hub)
        .get(reverse("carers:edit", args=[restricted.reference, "caring"]))
        .status_code
        == 200
    )
    assert sign_in(named, hub).get(url).status_code == 200
    assert AuditLog.objects.filter(
        operation=Operation.READ, actor_user_id=named.pk, context__restricted_contact_details=True
    ).exists()


# --- Lists and search -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_results_never_show_a_restricted_postcode(restricted, named, sign_in, hub):
    html = sign_in(named, hub).get(reverse("carers:list"), {"q": "foxglove"}).content.decode()
    assert "Ada Foxglove" in html and POSTCODE not in html and "Restricted" in html


@pytest.mark.django_db
@pytest.mark.parametrize("query", [POSTCODE, "ZZ9 9", "ZZ9"])
def test_a_worker_who_may_not_see_the_address_cannot_find_the_carer_by_postcode(
    restricted, worker, sign_in, hub, query
):
    html = sign_in(worker, hub).get(reverse("carers:list"), {"q": query}).content.decode()
    assert "Ada Foxglove" not in html
    # By name they are still found (without the postcode).
    assert (
        "Ada Foxglove"
        in sign_in(worker, hub).get(reverse("carers:list"), {"q": "ada foxglove"}).content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["named", "manager"])
def test_those_who_may_see_the_address_find_the_carer_by_postcode(
    restricted, request, actor_of, hub, who
):
    page = selectors.find_carers(actor_of(request.getfixturevalue(who), hub), POSTCODE)
    assert [c.pk for c in page] == [restricted.pk]


@pytest.mark.django_db
def test_a_partner_cannot_find_a_restricted_carer_by_postcode(restricted, ward, actor_of, hospital):
    assert list(selectors.find_carers(actor_of(ward, hospital), POSTCODE)) == []
    assert [c.pk for c in selectors.find_carers(actor_of(ward, hospital), "foxglove")] == [
        restricted.pk
    ]


@pytest.mark.django_db
def test_a_postcode_search_costs_the_same_with_many_restricted_carers(
    hub, worker, manager, actor_of, django_assert_max_num_queries
):
    managing = actor_of(manager, hub)
    for _ in range(6):
        restrictions.restrict(
            managing,
            CarerFactory(holding_organisation=hub, postcode=POSTCODE),
            reason=RestrictionReason.CHILD_PROTECTION,
            workers=[worker],
        )
    with django_assert_max_num_queries(3):
        assert len(list(selectors.find_carers(actor_of(worker, hub), POSTCODE))) == 6


# --- The manager's pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_manager_restricts_a_record_naming_who_may_see_it(carer, manager, named, sign_in, hub):
    client = sign_in(manager, hub)
    url = reverse("carers:restrict", args=[carer.reference])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "domestic_abuse", "named_workers": [str(named.pk)]})
    assert response.status_code == 302
    restriction = ContactRestriction.objects.get(carer=carer, lifted_at__isnull=True)
    assert list(restriction.named_workers.all()) == [named]


@pytest.mark.django_db
def test_the_restrict_form_keeps_what_was_typed_when_the_reason_is_missing(
    carer, manager, named, sign_in, hub
):
    client = sign_in(manager, hub)
    response = client.post(
        reverse("carers:restrict", args=[carer.reference]),
        {"reason": "other", "named_workers": [str(named.pk)]},
    )
    html = response.content.decode()
    assert (
        response.status_code == 200
        and "Enter the reason for restricting the contact details" in html
    )
    assert re.search(rf'value="{named.pk}"\s+checked', html)
    assert not ContactRestriction.objects.exists()


@pytest.mark.django_db
def test_a_manager_lifts_a_restriction_after_confirming(restricted, manager, sign_in, hub):
    client = sign_in(manager, hub)
    url = reverse("carers:lift_restriction", args=[restricted.reference])
    assert "Lift the restriction" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Carer.unscoped.get(pk=restricted.pk).contact_restricted


@pytest.mark.django_db
def test_lifting_when_nothing_is_restricted_is_not_found(carer, manager, sign_in, hub):
    assert (
        sign_in(manager, hub)
        .get(reverse("carers:lift_restriction", args=[carer.reference]))
        .status_code
        == 404
    )


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["worker", "named", "ward"])
def test_nobody_but_a_manager_may_restrict_or_lift(
    restricted, request, sign_in, hub, hospital, who
):
    user = request.getfixturevalue(who)
    client = sign_in(user, hospital if who == "ward" else hub)
    for name in ("carers:restrict", "carers:lift_restriction"):
        url = reverse(name, args=[restricted.reference])
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, {"reason": "other", "reason_other": "x"}).status_code in (403, 404)
    assert Carer.unscoped.get(pk=restricted.pk).contact_restricted
    assert ContactRestriction.objects.get().reason == RestrictionReason.DOMESTIC_ABUSE


@pytest.mark.django_db
def test_the_timeline_shows_when_details_were_restricted_and_never_the_details(
    restricted, worker, sign_in, hub
):
    html = (
        sign_in(worker, hub)
        .get(reverse("carers:timeline", args=[restricted.reference]))
        .content.decode()
    )
    assert "Contact details restricted" in html and "Domestic abuse" in html
    assert _shows_details(html) == []


@pytest.mark.django_db
def test_a_restricted_record_cannot_be_merged_into_one_that_is_not(
    restricted, manager, hub, actor_of
):
    from carershub.carers import merging

    survivor = CarerFactory(holding_organisation=hub, given_name="Ada", family_name="Foxglove")
    with pytest.raises(merging.MergeRefused, match="restricted contact details"):
        merging.merge(actor_of(manager, hub), survivor, restricted)
    assert Carer.unscoped.get(pk=restricted.pk).merged_into_id is None


def test_sending_an_assessment_copy_does_not_show_a_restricted_carers_email_to_other_workers(
    restricted, worker, named, hub, sign_in, actor_of, make_staff
):
    from carershub.assessments import selectors as assessment_selectors
    from carershub.assessments import services as assessment_services
    from carershub.assessments.situations import AssessmentType
    from carershub.assessments.tests.conftest import adult_answers
    from carershub.carers.models.cared_for import Relationship

    assessor = make_staff(Role.ASSESSOR, hub, full_name="Alex Assessor")
    staff = actor_of(worker, hub)
    carer_services.add_cared_for_person(
        staff,
        restricted,
        given_name="Bea",
        family_name="Foxglove",
        relationship=Relationship.PARENT,
        lives_together=True,
        date_of_birth=dt.date(1946, 1, 1),
    )
    done = assessment_services.start_assessment(
        staff, restricted, assessment_type=AssessmentType.ADULT_CARER, assessor=assessor
    )
    answers = adult_answers(restricted)
    for section, _ in assessment_selectors.sections_with_state(done):
        form = section.form_class(
            answers[section.slug], carer=assessment_selectors.carer_with_network(restricted)
        )
        assert form.is_valid(), form.errors
        done = assessment_services.save_section(
            staff,
            done,
            section,
            answers=form.answers(),
            completed=True,
            expected_version=done.version,
        )
    done = assessment_services.complete_assessment(
        actor_of(assessor, hub), done, expected_version=done.version, decision="eligible"
    )
    url = reverse("assessments:send_copy", kwargs={"reference": done.reference})
    other = sign_in(worker, hub).get(url).content.decode()
    assert "By email" in other and EMAIL not in other
    assert EMAIL in sign_in(named, hub).get(url).content.decode()


def test_a_referral_hides_the_contact_details_it_arrived_with_once_the_carers_record_is_restricted(
    restricted, worker, named, hub, sign_in
):
    from carershub.referrals.tests.factories import ReferralFactory

    referral = ReferralFactory(
        holding_organisation=hub,
        carer=restricted,
        phone=PHONE,
        email=EMAIL,
        postcode=POSTCODE,
        status="triaged",
        outcome="registered",
    )
    url = reverse("referrals:detail", kwargs={"reference": referral.reference})
    other = sign_in(worker, hub).get(url).content.decode()
    assert _shows_details(other) == [] and "Restricted: see the carer&#39;s record" in other
    row = AuditLog.objects.filter(
        operation=Operation.READ,
        object_type="referrals.referral",
        object_id=str(referral.pk),
        actor_user_id=worker.pk,
    ).latest("pk")
    assert not {"phone", "email", "postcode"} & set(row.fields)
    assert PHONE in sign_in(named, hub).get(url).content.decode()


@pytest.mark.django_db
def test_duplicates_never_match_a_restricted_carer_by_postcode_for_those_who_may_not_see_it(
    restricted, worker, named, hub, actor_of
):
    from carershub.carers.duplicates import likely_matches

    # A similar name at the same postcode, with a different date of birth:
    # only the postcode links them.
    typed = {
        "given_name": "Ada",
        "family_name": "Foxglove",
        "date_of_birth": dt.date(1971, 1, 1),
        "postcode": POSTCODE,
    }
    assert likely_matches(actor_of(worker, hub), **typed) == []
    [match] = likely_matches(actor_of(named, hub), **typed)
    assert match.carer == restricted and match.reasons == ["similar name and the same postcode"]
    # Other reasons still match, so the duplicate is not registered twice.
    same_birthday = {**typed, "date_of_birth": dt.date(1970, 5, 1)}
    [match] = likely_matches(actor_of(worker, hub), **same_birthday)
    assert match.reasons == ["similar name and the same date of birth"]

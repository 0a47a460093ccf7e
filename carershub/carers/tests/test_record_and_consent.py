import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from carershub.accounts.actor import actor_for
from carershub.accounts.models import Role
from carershub.audit.models import AuditLog, Operation
from carershub.carers import services
from carershub.carers.models import (
    HUB_RECORD,
    CaredForPerson,
    Carer,
    ConsentToShare,
    SharingPurpose,
)
from carershub.carers.rules import consent_problem
from carershub.carers.tests.factories import CarerFactory
from carershub.partnerships.models import OrganisationType
from carershub.partnerships.tests.factories import OrganisationFactory


@pytest.fixture
def carer(hub):
    return CarerFactory(
        holding_organisation=hub,
        given_name="Ada",
        family_name="Foxglove",
        date_of_birth=dt.date(1961, 3, 27),
    )


@pytest.fixture
def young_carer(hub):
    return CarerFactory(
        holding_organisation=hub,
        given_name="Pip",
        family_name="Yarrow",
        date_of_birth=dt.date.today() - dt.timedelta(days=13 * 365),
    )


EVERY_PURPOSE = [*SharingPurpose.values, HUB_RECORD]


def give_consent(actor, carer, organisation, **overrides):
    fields = {
        "organisation": organisation,
        "purposes": ["hospital_discharge"],
        "competence": "adult",
        "given_by": "carer",
        "given_on": dt.date.today(),
    }
    fields.update(overrides)
    return services.record_consent(actor, carer, **fields)


# Consent rules -------------------------------------------------------------


def test_an_adult_gives_consent_themselves():
    assert consent_problem(40, "adult", "carer") is None
    assert consent_problem(40, "adult", "parental_responsibility")[0] == "given_by"
    assert consent_problem(40, "gillick", "carer")[0] == "competence"


def test_a_competent_young_carer_can_consent_for_themselves():
    assert consent_problem(14, "gillick", "carer") is None


def test_a_young_carer_who_is_not_competent_needs_a_person_with_parental_responsibility():
    assert consent_problem(9, "not_competent", "carer")[0] == "given_by"
    assert consent_problem(9, "not_competent", "parental_responsibility") is None


def test_an_under_18_cannot_be_recorded_as_an_adult():
    assert consent_problem(17, "adult", "carer")[0] == "competence"


# Consent scopes every query ------------------------------------------------


@pytest.mark.django_db
def test_consent_lets_a_partner_see_the_record_and_withdrawal_stops_it_at_once(
    worker, make_staff, sign_in, hub, hospital, carer
):
    ward = make_staff(Role.PARTNER_REFERRER, hospital, full_name="Jo Ward")
    ward_client = Client()
    ward_client.force_login(ward)
    detail = reverse("carers:detail", args=[carer.reference])
    assert ward_client.get(detail).status_code == 404

    consent = give_consent(actor_for(worker, hub.pk), carer, hospital)
    response = ward_client.get(detail)
    assert response.status_code == 200
    assert "Ada Foxglove" in response.content.decode()
    assert "/change/" not in response.content.decode()  # partners see, they do not edit
    assert (
        ward_client.get(reverse("carers:edit", args=[carer.reference, "contact"])).status_code
        == 403
    )

    services.withdraw_consent(actor_for(worker, hub.pk), consent)
    assert ward_client.get(detail).status_code == 404
    ward_actor = actor_for(ward, hospital.pk)
    for purpose in EVERY_PURPOSE:
        assert not Carer.objects.visible_to(ward_actor, purpose).exists()
        assert not CaredForPerson.objects.visible_to(ward_actor, purpose).exists()


@pytest.mark.django_db
def test_consent_to_one_partner_does_not_open_the_record_to_another(
    worker, make_staff, hub, hospital, partnership, carer
):
    school = OrganisationFactory(partnership=partnership, type=OrganisationType.SCHOOL_OR_COLLEGE)
    give_consent(actor_for(worker, hub.pk), carer, hospital)
    teacher = make_staff(Role.PARTNER_REFERRER, school)
    for purpose in EVERY_PURPOSE:
        assert not Carer.objects.visible_to(actor_for(teacher, school.pk), purpose).exists()


@pytest.mark.django_db
def test_commissioners_never_see_records_even_with_consent(
    worker, make_staff, hub, partnership, carer
):
    council = OrganisationFactory(
        partnership=partnership, type=OrganisationType.COUNCIL_ADULT_SOCIAL_CARE
    )
    give_consent(actor_for(worker, hub.pk), carer, council)
    commissioner = make_staff(Role.COMMISSIONER, council)
    for purpose in EVERY_PURPOSE:
        assert not Carer.objects.visible_to(actor_for(commissioner, council.pk), purpose).exists()


@pytest.mark.django_db
def test_consent_history_is_kept_with_who_gave_and_recorded_it(
    worker, sign_in, hub, hospital, young_carer
):
    client = sign_in(worker, hub)
    url = reverse("carers:record_consent", args=[young_carer.reference])
    today = dt.date.today()
    bad = client.post(
        url,
        {
            "organisation": hospital.pk,
            "purposes": ["care_and_support"],
            "competence": "not_competent",
            "given_by": "carer",
            "given_on-day": today.day,
            "given_on-month": today.month,
            "given_on-year": today.year,
        },
    )
    assert "a person with parental responsibility must" in bad.content.decode()
    missing_name = client.post(
        url,
        {
            "organisation": hospital.pk,
            "purposes": ["care_and_support"],
            "competence": "not_competent",
            "given_by": "parental_responsibility",
            "given_on-day": today.day,
            "given_on-month": today.month,
            "given_on-year": today.year,
        },
    )
    assert (
        "Enter the name of the person with parental responsibility" in missing_name.content.decode()
    )
    assert not ConsentToShare.objects.exists()
    ok = client.post(
        url,
        {
            "organisation": hospital.pk,
            "purposes": ["care_and_support"],
            "competence": "not_competent",
            "given_by": "parental_responsibility",
            "given_by_name": "Rowan Yarrow",
            "given_on-day": today.day,
            "given_on-month": today.month,
            "given_on-year": today.year,
        },
    )
    assert ok.status_code == 302
    consent = ConsentToShare.objects.get()
    assert (consent.given_by, consent.given_by_name, consent.recorded_by) == (
        "parental_responsibility",
        "Rowan Yarrow",
        worker,
    )

    withdraw = reverse("carers:withdraw_consent", args=[young_carer.reference, consent.pk])
    assert "will no longer be able to see" in client.get(withdraw).content.decode()
    client.post(withdraw)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None and consent.withdrawn_by == worker
    page = client.get(reverse("carers:detail", args=[young_carer.reference])).content.decode()
    assert "Withdrawn" in page and "Rowan Yarrow" in page
    assert AuditLog.objects.filter(
        object_type="carers.consenttoshare", operation=Operation.UPDATE
    ).exists()


@pytest.mark.django_db
def test_lawful_basis_is_recorded_apart_from_consent(worker, hub):
    carer = services.register_carer(
        actor_for(worker, hub.pk), given_name="Ada", family_name="Foxglove"
    )
    assert carer.lawful_basis == "public_task"
    assert not carer.consents.exists()


# Editing the record --------------------------------------------------------


@pytest.mark.django_db
def test_each_section_of_the_record_can_be_changed_and_the_change_is_audited(
    worker, sign_in, hub, carer
):
    client = sign_in(worker, hub)
    for section in ["details", "contact", "caring", "status", "equality"]:
        assert (
            client.get(reverse("carers:edit", args=[carer.reference, section])).status_code == 200
        )
    response = client.post(
        reverse("carers:edit", args=[carer.reference, "contact"]),
        {
            "version": carer.version,
            "email": "ada@example.com",
            "preferred_contact_method": "email",
            "preferred_format": "large_print",
            "language": "English",
            "postcode": "zz1 2ab",
        },
    )
    assert response.status_code == 302
    carer.refresh_from_db()
    assert (carer.email, carer.preferred_format, carer.postcode, carer.version) == (
        "ada@example.com",
        "large_print",
        "ZZ1 2AB",
        2,
    )
    row = AuditLog.objects.get(operation=Operation.UPDATE, object_type="carers.carer")
    assert set(row.fields) == {"email", "preferred_contact_method", "preferred_format", "postcode"}


@pytest.mark.django_db
def test_contact_preference_needs_the_means_to_contact(worker, sign_in, hub, carer):
    response = sign_in(worker, hub).post(
        reverse("carers:edit", args=[carer.reference, "contact"]),
        {
            "version": carer.version,
            "preferred_contact_method": "text",
            "preferred_format": "standard",
            "postcode": "not one",
        },
    )
    html = response.content.decode()
    assert "Enter their mobile or choose another way to contact them" in html
    assert "Enter a real postcode" in html
    assert 'value="not one"' in html


@pytest.mark.django_db
def test_exact_hours_set_the_census_band(worker, sign_in, hub, carer):
    sign_in(worker, hub).post(
        reverse("carers:edit", args=[carer.reference, "caring"]),
        {"version": carer.version, "hours_per_week": "52"},
    )
    carer.refresh_from_db()
    assert (carer.hours_per_week, carer.hours_band) == (52, "50_or_more")


@pytest.mark.django_db
def test_closing_a_record_needs_a_reason(worker, sign_in, hub, carer):
    client = sign_in(worker, hub)
    url = reverse("carers:edit", args=[carer.reference, "status"])
    assert (
        "Select why the record is closed"
        in client.post(url, {"version": carer.version, "status": "closed"}).content.decode()
    )
    client.post(url, {"version": carer.version, "status": "closed", "closed_reason": "moved_away"})
    carer.refresh_from_db()
    assert carer.status == "closed" and carer.closed_at is not None


@pytest.mark.django_db
def test_two_people_saving_at_once_never_lose_an_edit(worker, manager, hub, carer):
    first, second = Client(), Client()
    first.force_login(worker)
    second.force_login(manager)
    url = reverse("carers:edit", args=[carer.reference, "details"])
    opened_version = carer.version
    base = {
        "given_name": "Ada",
        "family_name": "Foxglove",
        "date_of_birth-day": "27",
        "date_of_birth-month": "3",
        "date_of_birth-year": "1961",
    }
    assert (
        first.post(url, {**base, "preferred_name": "Addie", "version": opened_version}).status_code
        == 302
    )
    clash = second.post(url, {**base, "preferred_name": "Dee", "version": opened_version})
    assert clash.status_code == 409
    html = clash.content.decode()
    assert "This record has changed since you opened it" in html
    assert "Addie" in html and "Dee" in html
    carer.refresh_from_db()
    assert carer.preferred_name == "Addie"
    # Choosing to save their own version over the other is an explicit second step.
    again = second.post(url, {**base, "preferred_name": "Dee", "version": carer.version})
    assert again.status_code == 302
    carer.refresh_from_db()
    assert carer.preferred_name == "Dee" and carer.version == opened_version + 2


@pytest.mark.django_db
def test_a_form_without_a_version_is_treated_as_stale(worker, sign_in, hub, carer):
    response = sign_in(worker, hub).post(
        reverse("carers:edit", args=[carer.reference, "details"]),
        {"given_name": "Eve", "family_name": "Foxglove"},
    )
    assert response.status_code == 409
    carer.refresh_from_db()
    assert carer.given_name == "Ada"


# The caring network --------------------------------------------------------


@pytest.mark.django_db
def test_the_record_shows_the_whole_caring_network(worker, sign_in, hub, carer):
    actor = actor_for(worker, hub.pk)
    mum = services.add_cared_for_person(
        actor,
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
        conditions=["dementia"],
    )
    sibling = CarerFactory(holding_organisation=hub, given_name="Cai", family_name="Foxglove")
    from carershub.carers.models import CaringRelationship

    CaringRelationship.objects.create(carer=sibling, cared_for=mum, relationship="parent")
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    assert "Una Foxglove (parent)" in html and "Dementia" in html
    assert "Cai Foxglove" in html  # the other carer of the same person


@pytest.mark.django_db
def test_a_partner_sees_other_carers_in_the_network_only_if_shared_with_them(
    worker, make_staff, hub, hospital, carer
):
    actor = actor_for(worker, hub.pk)
    mum = services.add_cared_for_person(
        actor,
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=False,
    )
    sibling = CarerFactory(holding_organisation=hub, given_name="Cai", family_name="Foxglove")
    from carershub.carers.models import CaringRelationship

    CaringRelationship.objects.create(carer=sibling, cared_for=mum, relationship="parent")
    give_consent(actor, carer, hospital)
    ward = Client()
    ward.force_login(make_staff(Role.PARTNER_REFERRER, hospital))
    html = ward.get(reverse("carers:detail", args=[carer.reference])).content.decode()
    assert "Una Foxglove" in html
    assert "Cai Foxglove" not in html and "Another carer (not shared with you)" in html


@pytest.mark.django_db
def test_adding_someone_they_care_for(worker, sign_in, hub, carer):
    response = sign_in(worker, hub).post(
        reverse("carers:add_cared_for", args=[carer.reference]),
        {
            "given_name": "Una",
            "family_name": "Foxglove",
            "relationship": "parent",
            "lives_together": "yes",
            "conditions": ["dementia", "frailty"],
            "nhs_number": "943 476 5919",
        },
    )
    assert response.status_code == 302
    person = CaredForPerson.unscoped.get()
    assert person.nhs_number == "9434765919" and person.conditions == ["dementia", "frailty"]
    assert person.relationships.get().lives_together is True


@pytest.mark.django_db
def test_a_parent_of_a_disabled_child_is_shown_as_a_parent_carer(worker, sign_in, hub, carer):
    services.add_cared_for_person(
        actor_for(worker, hub.pk),
        carer,
        given_name="Kit",
        family_name="Foxglove",
        relationship="child",
        lives_together=True,
        date_of_birth=dt.date.today() - dt.timedelta(days=8 * 365),
        parental_responsibility=True,
    )
    html = (
        sign_in(worker, hub).get(reverse("carers:detail", args=[carer.reference])).content.decode()
    )
    assert "Parent carer of a disabled child" in html


@pytest.mark.django_db
def test_record_page_query_count_does_not_grow_with_the_network(
    worker, sign_in, hub, carer, django_assert_max_num_queries
):
    client = sign_in(worker, hub)
    actor = actor_for(worker, hub.pk)
    services.add_cared_for_person(
        actor, carer, given_name="A", family_name="B", relationship="parent", lives_together=True
    )
    url = reverse("carers:detail", args=[carer.reference])
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for n in range(5):
        services.add_cared_for_person(
            actor,
            carer,
            given_name=f"P{n}",
            family_name="Q",
            relationship="friend",
            lives_together=False,
        )
        give_consent(
            actor,
            carer,
            OrganisationFactory(partnership=hub.partnership, type=OrganisationType.GP_PRACTICE),
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)


@pytest.mark.django_db
def test_consent_validation_error_is_raised_by_the_service_too(worker, hub, hospital, young_carer):
    with pytest.raises(ValidationError):
        give_consent(actor_for(worker, hub.pk), young_carer, hospital, competence="adult")


@pytest.mark.django_db
def test_a_second_carer_is_linked_to_the_person_already_on_the_register(
    worker, sign_in, hub, carer
):
    actor = actor_for(worker, hub.pk)
    una = services.add_cared_for_person(
        actor,
        carer,
        given_name="Una",
        family_name="Foxglove",
        relationship="parent",
        lives_together=True,
        date_of_birth=dt.date(1935, 5, 1),
    )
    sibling = CarerFactory(holding_organisation=hub, given_name="Cai", family_name="Foxglove")
    client = sign_in(worker, hub)
    data = {
        "given_name": "Una",
        "family_name": "Foxglove",
        "date_of_birth-day": "1",
        "date_of_birth-month": "5",
        "date_of_birth-year": "1935",
        "relationship": "parent",
        "lives_together": "no",
    }
    url = reverse("carers:add_cared_for", args=[sibling.reference])
    question = client.post(url, data).content.decode()
    assert "Is this someone already on the register?" in question and "Ada Foxglove" in question
    client.post(url, {**data, "same_person": str(una.pk)})
    assert CaredForPerson.unscoped.count() == 1
    assert set(una.relationships.values_list("carer_id", flat=True)) == {carer.pk, sibling.pk}
    # "Someone else" makes a new person.
    other = CarerFactory(holding_organisation=hub, given_name="Bex", family_name="Yarrow")
    client.post(
        reverse("carers:add_cared_for", args=[other.reference]), {**data, "same_person": "new"}
    )
    assert CaredForPerson.unscoped.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("section", "colleague", "typed", "mistake", "error"),
    [
        (
            "details",
            {"family_name": "Foxglove-Hart"},
            {"preferred_name": "Dee"},
            {"given_name": ""},
            "Enter their first name",
        ),
        (
            "contact",
            {"phone": "0113 496 0000"},
            {"town": "Leeds"},
            {"postcode": "not one"},
            "Enter a real postcode",
        ),
    ],
)
def test_a_save_over_a_colleagues_is_refused_even_after_correcting_a_mistake(
    worker, manager, sign_in, actor_of, hub, carer, section, colleague, typed, mistake, error
):
    from carershub.core.tests.refused_saves import save_after_a_colleague_and_a_mistake

    response = save_after_a_colleague_and_a_mistake(
        sign_in(worker, hub),
        reverse("carers:edit", args=[carer.reference, section]),
        colleague_saves=lambda: services.update_carer(
            actor_of(manager, hub), carer, expected_version=carer.version, changes=colleague
        ),
        typed=typed,
        mistake=mistake,
        error=error,
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "This record has changed since you opened it" in page
    assert all(value in page for value in typed.values())
    carer.refresh_from_db()
    assert all(getattr(carer, name) == value for name, value in colleague.items())
    assert all(getattr(carer, name) != value for name, value in typed.items())

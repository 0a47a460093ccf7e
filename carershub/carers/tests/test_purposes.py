"""The table of consent by purpose (ADR 36) holds together: one purpose per role and per page."""

from django.core.exceptions import FieldDoesNotExist

from carershub.carers import purposes
from carershub.carers.models import Carer, SharingPurpose
from carershub.carers.presenters import CarerPresenter
from carershub.partnerships.models import OrganisationType


def test_every_partner_role_acts_for_exactly_one_purpose():
    assert set(purposes.ROLE_PURPOSE) == set(purposes.PartnerRole)
    for role, purpose in purposes.ROLE_PURPOSE.items():
        assert isinstance(purpose, SharingPurpose), role


def test_every_purpose_is_used_by_a_role_or_said_to_be_unused_and_why():
    used = set(purposes.ROLE_PURPOSE.values())
    unused = set(purposes.UNUSED_PURPOSES)
    assert used | unused == set(SharingPurpose)
    assert not used & unused, "a purpose cannot be both used and unused"
    assert all(reason.strip() for reason in purposes.UNUSED_PURPOSES.values())


def test_every_role_is_reached_from_some_page():
    reached = {role for roles in purposes.PARTNER_PAGES.values() for role in roles.values()}
    assert reached == set(purposes.PartnerRole)


def test_every_kind_of_organisation_has_a_role_on_the_record_or_a_reason_why_not():
    on_record = set(purposes.PARTNER_PAGES[purposes.RECORD_PAGE])
    refused = set(purposes.NO_PARTNER_ROLE)
    assert on_record | refused == set(OrganisationType)
    assert not on_record & refused


def test_each_page_gives_one_organisation_one_purpose():
    assert (
        purposes.purpose_for(OrganisationType.GP_PRACTICE, purposes.RECORD_PAGE)
        == SharingPurpose.GP_RECORD
    )
    assert (
        purposes.purpose_for(OrganisationType.HOSPITAL_TRUST, purposes.RECORD_PAGE)
        == SharingPurpose.HOSPITAL_DISCHARGE
    )
    assert (
        purposes.purpose_for(OrganisationType.HOSPITAL_TRUST, purposes.EMERGENCY_PLAN_PAGE)
        == SharingPurpose.EMERGENCY
    )
    assert (
        purposes.purpose_for(OrganisationType.SCHOOL_OR_COLLEGE, purposes.RECORD_PAGE)
        == SharingPurpose.SCHOOL_SUPPORT
    )
    assert (
        purposes.purpose_for(OrganisationType.SCHOOL_OR_COLLEGE, "emergency_plans:detail") is None
    )
    assert (
        purposes.purpose_for(OrganisationType.INTEGRATED_CARE_BOARD, purposes.RECORD_PAGE) is None
    )


def test_every_purpose_names_the_fields_it_shows_and_every_field_is_the_records():
    assert set(purposes.PURPOSE_FIELDS) == set(SharingPurpose)
    for purpose, groups in purposes.PURPOSE_FIELDS.items():
        assert groups, purpose
        for name in groups:
            for field in purposes.FIELD_GROUPS[name].fields:
                try:
                    Carer._meta.get_field(field)
                except FieldDoesNotExist as missing:
                    raise AssertionError(
                        f"{purpose}: {name} names {field}, not on the record"
                    ) from missing


def test_a_school_never_sees_health_details():
    shown = set(purposes.PURPOSE_FIELDS[SharingPurpose.SCHOOL_SUPPORT])
    assert not shown & {"nhs_number", "gp_practice", "assessment", "emergency_plan"}


def test_only_the_emergency_purpose_shows_the_emergency_plan():
    showing = {p for p, groups in purposes.PURPOSE_FIELDS.items() if "emergency_plan" in groups}
    assert showing == {SharingPurpose.EMERGENCY}


def test_each_purpose_reads_in_plain_words_for_the_carer():
    assert purposes.in_plain_words("school_support") == (
        "To support you at school or college. They may see your name, date of birth and hub "
        "reference, how to contact you, how much you care and for how long, your school or "
        "college and who supports you at the hub."
    )
    for purpose in SharingPurpose:
        assert purposes.in_plain_words(purpose).startswith("To ")


def test_the_carers_list_shows_a_partner_nothing_beyond_any_purpose():
    """The list and search a partner finds carers in (for the record page's purpose) show the
    same columns whatever the purpose: each is in every purpose's field groups, so the list needs
    no narrowing. A purpose that drops one must narrow the list first, and this fails until then."""
    from_list = set(CarerPresenter.LIST_FIELDS)
    for purpose in SharingPurpose:
        assert from_list <= purposes.fields_for(purpose), purpose

"""The one table of consent by purpose: which partner role acts on which page, for what, seeing
what.

A partner organisation sees a carer only for a purpose the carer agreed with it (ADR 36). Each
partner role acts for exactly one ``SharingPurpose``; each page a partner uses is reached in one
role, fixed by the page and the kind of organisation; each purpose shows only its field groups.
Hub staff of the organisation holding the record are not in this table: they act under the hub's
lawful basis (public task), recorded on the carer, not under consent.
"""

from dataclasses import dataclass

from django.db import models

from carershub.carers.models.consent import HUB_RECORD, SharingPurpose
from carershub.partnerships.models import OrganisationType


class PartnerRole(models.TextChoices):
    GP_PRACTICE = "gp_practice", "GP practice"
    HOSPITAL_WARD = "hospital_ward", "Hospital ward"
    SCHOOL_LEAD = "school_lead", "School or college young carers lead"
    EMERGENCY_RESPONDER = "emergency_responder", "Emergency responder"
    ADULT_SOCIAL_CARE = "adult_social_care", "Council adult social care"
    EARLY_HELP = "early_help", "Early Help or children's services"
    SUPPORT_PARTNER = "support_partner", "Voluntary or community support partner"


# Each role acts for exactly one purpose.
ROLE_PURPOSE = {
    PartnerRole.GP_PRACTICE: SharingPurpose.GP_RECORD,
    PartnerRole.HOSPITAL_WARD: SharingPurpose.HOSPITAL_DISCHARGE,
    PartnerRole.SCHOOL_LEAD: SharingPurpose.SCHOOL_SUPPORT,
    PartnerRole.EMERGENCY_RESPONDER: SharingPurpose.EMERGENCY,
    # The hub carries out the council's statutory carer's assessments; the council (the
    # responsible council) decides eligibility and funding from them (DOMAIN.md).
    PartnerRole.ADULT_SOCIAL_CARE: SharingPurpose.ASSESSMENT,
    # Early Help is voluntary family support planned with the family, not a statutory
    # assessment: the young carer's needs assessment is the hub's, for the council.
    PartnerRole.EARLY_HELP: SharingPurpose.CARE_AND_SUPPORT,
    PartnerRole.SUPPORT_PARTNER: SharingPurpose.CARE_AND_SUPPORT,
}

# Purposes no partner role acts for yet, each with the reason. Empty today: every purpose is used.
UNUSED_PURPOSES = {}

RECORD_PAGE = "carers:detail"
EMERGENCY_PLAN_PAGE = "emergency_plans:detail"

# The pages a partner uses about one carer, and the role an organisation of each type acts in
# there. A page absent for a type is closed to it whatever the carer agreed.
PARTNER_PAGES = {
    RECORD_PAGE: {
        OrganisationType.GP_PRACTICE: PartnerRole.GP_PRACTICE,
        OrganisationType.HOSPITAL_TRUST: PartnerRole.HOSPITAL_WARD,
        OrganisationType.SCHOOL_OR_COLLEGE: PartnerRole.SCHOOL_LEAD,
        OrganisationType.COUNCIL_ADULT_SOCIAL_CARE: PartnerRole.ADULT_SOCIAL_CARE,
        OrganisationType.CHILDRENS_SERVICES: PartnerRole.EARLY_HELP,
        OrganisationType.VOLUNTARY_ORGANISATION: PartnerRole.SUPPORT_PARTNER,
    },
    # Those who step in when the carer suddenly cannot care: an emergency department, the
    # council's out-of-hours team, children's services for a young carer's family.
    EMERGENCY_PLAN_PAGE: {
        OrganisationType.HOSPITAL_TRUST: PartnerRole.EMERGENCY_RESPONDER,
        OrganisationType.COUNCIL_ADULT_SOCIAL_CARE: PartnerRole.EMERGENCY_RESPONDER,
        OrganisationType.CHILDRENS_SERVICES: PartnerRole.EMERGENCY_RESPONDER,
    },
}

# Kinds of organisation that never see a carer's record, whatever a carer agrees, and why.
NO_PARTNER_ROLE = {
    OrganisationType.HUB_PROVIDER: "Holds records under the hub's lawful basis, not by consent.",
    OrganisationType.INTEGRATED_CARE_BOARD: "Commissions services: sees anonymous reports only.",
    OrganisationType.EMPLOYER: "Recognises carers through the passport, which the carer shows.",
}


@dataclass(frozen=True)
class FieldGroup:
    """Some of what the record holds, as the carer would name it, and where it is kept."""

    label: str
    fields: tuple


FIELD_GROUPS = {
    "identity": FieldGroup(
        "your name, date of birth and hub reference",
        ("reference", "given_name", "family_name", "preferred_name", "date_of_birth"),
    ),
    "nhs_number": FieldGroup("your NHS number", ("nhs_number",)),
    "contact": FieldGroup(
        "how to contact you",
        (
            "address_line_1",
            "address_line_2",
            "town",
            "postcode",
            "phone",
            "mobile",
            "email",
            "preferred_contact_method",
            "preferred_format",
            "language",
        ),
    ),
    "caring": FieldGroup(
        "how much you care and for how long",
        ("hours_band", "hours_per_week", "caring_since", "work_status", "children_at_home"),
    ),
    # Names, relationship and whether they live together; never their conditions (ADR 23).
    "network": FieldGroup("who you care for (not their health)", ("relationships",)),
    "gp_practice": FieldGroup("your GP practice", ("gp_practice",)),
    "school": FieldGroup("your school or college", ("school",)),
    "responsible_council": FieldGroup("which council is responsible", ("responsible_council",)),
    "key_worker": FieldGroup("who supports you at the hub", ("key_worker",)),
    "assessment": FieldGroup(
        "your carer's assessment and support plan", ("assessments", "support_plans")
    ),
    "emergency_plan": FieldGroup("your emergency plan and its contacts", ("emergency_plans",)),
}

PURPOSE_FIELDS = {
    SharingPurpose.GP_RECORD: (
        "identity",
        "nhs_number",
        "contact",
        "caring",
        "network",
        "gp_practice",
        "key_worker",
    ),
    SharingPurpose.HOSPITAL_DISCHARGE: (
        "identity",
        "nhs_number",
        "contact",
        "caring",
        "network",
        "key_worker",
    ),
    # No NHS number and nothing about anyone's health: a school supports the pupil.
    SharingPurpose.SCHOOL_SUPPORT: ("identity", "contact", "caring", "school", "key_worker"),
    SharingPurpose.EMERGENCY: ("identity", "contact", "network", "emergency_plan", "key_worker"),
    SharingPurpose.ASSESSMENT: (
        "identity",
        "nhs_number",
        "contact",
        "caring",
        "network",
        "responsible_council",
        "assessment",
        "key_worker",
    ),
    SharingPurpose.CARE_AND_SUPPORT: ("identity", "contact", "caring", "network", "key_worker"),
}

# Why an organisation may see the record, in the carer's words: "... so that they can <this>".
PURPOSE_IN_PLAIN_WORDS = {
    SharingPurpose.CARE_AND_SUPPORT: "plan and give you care and support with the hub",
    SharingPurpose.HOSPITAL_DISCHARGE: (
        "involve you when the person you care for goes into or leaves hospital"
    ),
    SharingPurpose.GP_RECORD: "record you as a carer at your GP practice",
    SharingPurpose.SCHOOL_SUPPORT: "support you at school or college",
    SharingPurpose.ASSESSMENT: "carry out your carer's assessment and decide on support",
    SharingPurpose.EMERGENCY: "use your emergency plan if you suddenly cannot care",
}


def role_for(organisation_type, page):
    """The role an organisation of this type acts in on this page, or None if it may not use it."""
    return PARTNER_PAGES.get(page, {}).get(organisation_type)


def purpose_for(organisation_type, page):
    """The one purpose a partner of this type uses this page for, or None."""
    role = role_for(organisation_type, page)
    return ROLE_PURPOSE[role] if role else None


def purpose_on(actor, page):
    """The purpose this actor reads carers for on this page: the one purpose of its partner role
    (ADR 36), or the hub's own, ``HUB_RECORD``, for anyone whose organisation has no partner role
    there. The hub's own purpose reaches only records the actor's organisation holds, so a page
    closed to partners stays closed whatever a carer agreed."""
    if actor.organisation is None:
        return HUB_RECORD
    return purpose_for(actor.organisation.type, page) or HUB_RECORD


def field_group_names(purpose):
    """The field groups a partner reading for this purpose may see; none for the hub's own."""
    return PURPOSE_FIELDS.get(purpose, ())


def fields_for(purpose):
    """The record's fields a partner reading for this purpose may see."""
    return {name for group in field_group_names(purpose) for name in FIELD_GROUPS[group].fields}


def visible_field_groups(purpose):
    return tuple(FIELD_GROUPS[name] for name in PURPOSE_FIELDS[SharingPurpose(purpose)])


def in_plain_words(purpose):
    """What the carer agreed to, for them to read: why, and what the organisation may see."""
    purpose = SharingPurpose(purpose)
    seen = [group.label for group in visible_field_groups(purpose)]
    what = ", ".join(seen[:-1]) + f" and {seen[-1]}" if len(seen) > 1 else seen[0]
    return f"To {PURPOSE_IN_PLAIN_WORDS[purpose]}. They may see {what}."

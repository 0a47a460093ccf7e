"""A referral of a carer to the hub, from themselves or a partner, and its triage."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from carershub.accounts.models import Role
from carershub.core.encrypted_fields import EncryptedTextField
from carershub.core.references import make_reference
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation


def new_referral_reference():
    """An unguessable public reference such as ``R-7KQ2-MX9P``."""
    return make_reference("R")


class Source(models.TextChoices):
    SELF = "self", "The carer themselves"
    HOSPITAL = "hospital", "Hospital ward"
    GP = "gp", "GP practice"
    SCHOOL = "school", "School or college"
    EARLY_HELP = "early_help", "Early Help"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    HELPLINE = "helpline", "Helpline call"
    HELPLINE_FORM = "helpline_form", "Helpline contact form"
    WHOLE_FAMILY = "whole_family", "A child found caring in a carer's assessment"
    OTHER = "other", "Another organisation"


class Urgency(models.TextChoices):
    ROUTINE = "routine", "Routine"
    URGENT = "urgent", "Urgent: the carer may not be able to carry on caring"


class Status(models.TextChoices):
    NEW = "new", "New"
    ALLOCATED = "allocated", "Allocated"
    IN_CONTACT = "in_contact", "In contact"
    TRIAGED = "triaged", "Triaged"


class Outcome(models.TextChoices):
    REGISTERED = "registered", "Registered as a carer"
    INFORMATION_AND_ADVICE = "information_and_advice", "Information and advice only"
    SIGNPOSTED = "signposted", "Signposted elsewhere"
    DECLINED = "declined", "Declined support"
    DUPLICATE = "duplicate", "Duplicate of a carer already registered"


# Outcomes that close a referral without the hub assessing the carer. The duty to offer a carer's
# assessment arises on the appearance of need (Care Act 2014 s10(1); Children Act 1989 s17ZA for a
# young carer, s17ZD for a parent carer), so these may only be chosen once the offer and the
# carer's answer are recorded; a refusal releases the duty only until the carer asks again or
# their circumstances change (Care Act s11).
CLOSED_WITHOUT_ASSESSMENT = (Outcome.INFORMATION_AND_ADVICE, Outcome.SIGNPOSTED, Outcome.DECLINED)


class OfferResponse(models.TextChoices):
    ACCEPTED = "accepted", "Offered, and they accepted it"
    REFUSED = "refused", "Offered, and they refused it"


class RefusedBy(models.TextChoices):
    CARER = "carer", "The carer"
    PARENT = "parent", "A parent or someone with parental responsibility, for a young carer"
    REPRESENTATIVE = (
        "representative",
        "Someone with authority to decide for the carer (an attorney or deputy)",
    )


class ReopenReason(models.TextChoices):
    CARER_ASKED = "carer_asked", "The carer asked for an assessment"
    CIRCUMSTANCES_CHANGED = "circumstances_changed", "The carer's circumstances have changed"


HUB_ROLES = (Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER)


class ReferralQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Hub staff see their hub's queue; a partner sees the referrals their organisation made."""
        if not actor.is_authenticated or actor.organisation is None:
            return self.none()
        condition = Q(pk__in=[])
        if actor.has_role(*HUB_ROLES):
            condition |= Q(holding_organisation=actor.organisation)
        if actor.has_role(Role.PARTNER_REFERRER):
            condition |= Q(referring_organisation=actor.organisation)
        return self.filter(condition)

    def open(self):
        return self.exclude(status=Status.TRIAGED)


class Referral(models.Model):
    reference = models.CharField(
        max_length=12, unique=True, default=new_referral_reference, editable=False
    )
    holding_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    referring_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    received_at = models.DateTimeField(db_index=True)
    urgency = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.ROUTINE)

    # About the carer, as the referrer gave it (the register record is made at triage).
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    cares_for = EncryptedTextField("who they care for and why", blank=True)
    cared_for_name = models.CharField(
        "name of the person they care for", max_length=200, blank=True
    )
    cared_for_relationship = models.CharField(
        "what the person they care for is to them", max_length=100, blank=True
    )
    # Whoever contacts the carer must respect these: someone else may see the phone or hear a
    # message. None means the referrer was not asked (a partner's referral), not "safe".
    safe_to_phone = models.BooleanField(null=True, blank=True)
    safe_to_text = models.BooleanField(null=True, blank=True)
    safe_to_leave_voicemail = models.BooleanField(null=True, blank=True)
    preferred_language = models.CharField(max_length=100, blank=True)
    needs_interpreter = models.BooleanField(null=True, blank=True)
    agreed_to_referral = models.BooleanField(
        default=False, help_text="The carer knows about the referral and agreed to be contacted."
    )

    # Clocks, set from the partnership's targets when the referral arrives.
    first_contact_due = models.DateField()
    assessment_due = models.DateField()

    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    allocated_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_contact_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    carer = models.ForeignKey(
        "carers.Carer", null=True, blank=True, on_delete=models.SET_NULL, related_name="referrals"
    )
    # The latest reopening of a referral closed without an assessment (Care Act s11: a refusal
    # stands only until the carer asks or their circumstances change). Each offer is kept below.
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_because = models.CharField(max_length=30, choices=ReopenReason.choices, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)

    unscoped = models.Manager()
    objects = scoped_manager_for(ReferralQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["holding_organisation", "status", "first_contact_due"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="triaged") | ~Q(outcome=""), name="triaged_referral_has_outcome"
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def full_name(self):
        return f"{self.given_name} {self.family_name}"


class AssessmentOffer(models.Model):
    """A carer's assessment offered at triage and the answer given: who refused, and when.

    Kept for every closing of the referral, so a refusal stays on record after the referral is
    reopened and closed again.
    """

    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="assessment_offers"
    )
    response = models.CharField(max_length=10, choices=OfferResponse.choices)
    offered_on = models.DateField()
    refused_by = models.CharField(max_length=20, choices=RefusedBy.choices, blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(response="accepted", refused_by="")
                | (Q(response="refused") & ~Q(refused_by="")),
                name="refused_assessment_offer_says_who_refused",
            ),
        ]

    def __str__(self):
        return f"Assessment offer on {self.offered_on:%Y-%m-%d}: {self.response}"

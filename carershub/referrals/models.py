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
    reference = models.CharField(max_length=12, unique=True, default=new_referral_reference, editable=False)
    holding_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
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
    agreed_to_referral = models.BooleanField(
        default=False, help_text="The carer knows about the referral and agreed to be contacted."
    )

    # Clocks, set from the partnership's targets when the referral arrives.
    first_contact_due = models.DateField()
    assessment_due = models.DateField()

    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW, db_index=True)
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

"""A safeguarding concern and the decisions taken on it."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from carershub.accounts.models import Role
from carershub.core.encrypted_fields import EncryptedTextField
from carershub.core.references import make_reference
from carershub.core.scoping import ScopedQuerySet, scoped_manager_for
from carershub.partnerships.models import Organisation

# Only the hub's own carer-facing staff see concerns; partners never do, whatever was shared.
STAFF_ROLES = (Role.SUPPORT_WORKER, Role.ASSESSOR, Role.HUB_MANAGER)


def new_reference():
    return make_reference("S")


class Category(models.TextChoices):
    """The types of abuse and neglect of the Care Act 2014 statutory guidance (14.17), and child
    protection for concerns about someone under 18."""

    PHYSICAL = "physical", "Physical abuse"
    DOMESTIC = "domestic", "Domestic abuse"
    SEXUAL = "sexual", "Sexual abuse"
    PSYCHOLOGICAL = "psychological", "Psychological or emotional abuse"
    FINANCIAL = "financial", "Financial or material abuse"
    MODERN_SLAVERY = "modern_slavery", "Modern slavery"
    DISCRIMINATORY = "discriminatory", "Discriminatory abuse"
    ORGANISATIONAL = "organisational", "Organisational or institutional abuse"
    NEGLECT = "neglect", "Neglect and acts of omission"
    SELF_NEGLECT = "self_neglect", "Self-neglect"
    CHILD_PROTECTION = "child_protection", "Child protection (someone under 18)"


class AtRisk(models.TextChoices):
    CARER = "carer", "The carer"
    CARED_FOR = "cared_for", "The person they care for"
    CHILD = "child", "A child in the household"


class Status(models.TextChoices):
    OPEN = "open", "Open"
    REFERRED = "referred", "Referred"
    CLOSED = "closed", "Closed"


class Decision(models.TextChoices):
    REFERRED_ADULTS = "referred_adults", "Referred to the council's adult safeguarding team"
    REFERRED_CHILDREN = (
        "referred_children",
        "Referred to the council's children's safeguarding team",
    )
    ADVICE_GIVEN = "advice_given", "Advice given"
    NO_FURTHER_ACTION = "no_further_action", "No further action"

    @property
    def status(self):
        return {
            "referred_adults": Status.REFERRED,
            "referred_children": Status.REFERRED,
            "advice_given": Status.CLOSED,
            "no_further_action": Status.CLOSED,
        }[self.value]


class ConcernQuerySet(ScopedQuerySet):
    def visible_to(self, actor):
        """Concerns held by the actor's organisation, for its carer-facing staff only."""
        if (
            not actor.is_authenticated
            or actor.organisation is None
            or not actor.has_role(*STAFF_ROLES)
        ):
            return self.none()
        return self.filter(holding_organisation=actor.organisation)


class Concern(models.Model):
    reference = models.CharField(max_length=12, unique=True, default=new_reference, editable=False)
    carer = models.ForeignKey(
        "carers.Carer", on_delete=models.CASCADE, related_name="safeguarding_concerns"
    )
    holding_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The organisation holding the carer's record when the concern was raised.",
    )
    what_happened = EncryptedTextField()
    category = models.CharField(max_length=20, choices=Category.choices)
    at_risk = models.CharField("Who is at risk", max_length=10, choices=AtRisk.choices)
    immediate_risk = models.BooleanField()
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)

    unscoped = models.Manager()
    objects = scoped_manager_for(ConcernQuerySet)

    class Meta:
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["holding_organisation", "status"], name="concern_queue")]

    def __str__(self):
        return self.reference


class ConcernDecision(models.Model):
    """One decision a hub manager took on a concern. Kept, never changed: the concern's history."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="decisions")
    decision = models.CharField(max_length=20, choices=Decision.choices)
    referral_reference = models.CharField("Council's reference", max_length=60, blank=True)
    referred_on = models.DateField(null=True, blank=True)
    reasons = EncryptedTextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision__startswith="referred")
                | (~Q(referral_reference="") & Q(referred_on__isnull=False)),
                name="referral_has_reference_and_date",
            ),
        ]

    def __str__(self):
        return f"Decision {self.pk} on {self.concern_id}"
